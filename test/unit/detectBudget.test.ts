import assert from 'node:assert/strict';
import { createDetector, type Detector } from '../../src/detect/detector.js';

// The numbers the detector promises (spelled out rather than imported, so this file states the contract).
const BUDGET_MS = 250;
const OVERRUNS_TO_DISABLE = 3;

const ID = '66d0d87e8dc1211467372303';
/** About 112 windows: `id=7` in the first, `id=8` and a bare id in the last. */
const LONG = `id=7 ${'x'.repeat(200_000)} id=8 ${ID}`;
const ALL = ['custom:7', 'custom:8', `id:${ID}`];
/** What a scan cut off early still finds: the first window's match, and every built-in match. */
const CUT = ['custom:7', `id:${ID}`];

/** Per clock reading; the detector reads the clock before each window, so this is about what a window costs. */
const SLOW_MS = 100;
const FAST_MS = 0.001;

/** A stand-in for performance.now() whose every reading is `step` ms after the one before. */
function steppingClock(): { step: number; now: () => number } {
  let time = 0;
  const clock = { step: FAST_MS, now: (): number => (time += clock.step) };
  return clock;
}

interface Rig {
  readonly detector: Detector;
  readonly reported: string[];
  /** One findAll over `text` with the clock at `step` ms a reading: what it found and how many windows it ran. */
  scan(this: void, step: number, text?: string): { ids: string[]; windows: number };
}

function rig(): Rig {
  const clock = steppingClock();
  const reported: string[] = [];
  const { detector, problems } = createDetector({
    patterns: ['id=(\\d+)'],
    now: clock.now,
    onProblem: (problem) => reported.push(problem),
  });
  assert.deepEqual(problems, []);
  return {
    detector,
    reported,
    scan(step, text = LONG) {
      clock.step = step;
      const before = detector.stats.customWindows;
      const ids = detector.findAll(text).map((m) => `${m.kind}:${m.id}`);
      return { ids, windows: detector.stats.customWindows - before };
    },
  };
}

describe('detector: scan budget for custom patterns', () => {
  it('cuts an expensive pattern off within the scan once it has spent 250 ms, disables it after 3 such scans in a row and reports it once', () => {
    const { detector, reported, scan } = rig();
    for (let overrun = 1; overrun <= OVERRUNS_TO_DISABLE; overrun++) {
      const { ids, windows } = scan(SLOW_MS);
      assert.ok(windows >= 1 && windows <= Math.ceil(BUDGET_MS / SLOW_MS), `scan ${overrun} ran ${windows} windows`);
      assert.deepEqual(ids, CUT);
      assert.equal(detector.stats.budgetOverruns, overrun);
      assert.equal(reported.length, overrun < OVERRUNS_TO_DISABLE ? 0 : 1, `reports after scan ${overrun}`);
    }
    assert.match(reported[0], /^Custom id pattern "id=\(\\\\d\+\)" disabled: it used up its 250 ms per scan in 3 scans in a row/);
    assert.equal(detector.stats.disabledPatterns, 1);

    // Disabled for good: not run, not reported again, even when it would now be fast.
    for (const step of [SLOW_MS, FAST_MS, SLOW_MS, SLOW_MS]) {
      assert.deepEqual(scan(step), { ids: [`id:${ID}`], windows: 0 });
    }
    assert.equal(reported.length, 1);
    assert.equal(detector.stats.disabledPatterns, 1);
  });

  it('needs 3 overrunning scans in a row: a scan within budget of as much text starts the count again', () => {
    const { detector, reported, scan } = rig();
    assert.deepEqual(scan(SLOW_MS).ids, CUT);
    assert.deepEqual(scan(FAST_MS).ids, ALL);
    assert.deepEqual(scan(SLOW_MS).ids, CUT);
    assert.deepEqual(scan(SLOW_MS).ids, CUT);
    assert.equal(detector.stats.budgetOverruns, 3);
    assert.deepEqual(reported, []);
    assert.equal(detector.stats.disabledPatterns, 0);

    assert.deepEqual(scan(SLOW_MS).ids, CUT);
    assert.equal(reported.length, 1);
    assert.equal(detector.stats.disabledPatterns, 1);
  });

  it('does not let a small scan within budget (a hover, a few visible lines) start the count again', () => {
    const { detector, reported, scan } = rig();
    const line = `see id=42 and ${ID}`;
    for (let overrun = 1; overrun <= OVERRUNS_TO_DISABLE; overrun++) {
      assert.deepEqual(scan(SLOW_MS).ids, CUT);
      if (overrun < OVERRUNS_TO_DISABLE) {
        // Between two scans of the long text: a hover and an inline-names pass, each one scan, each within budget.
        scan(FAST_MS, '');
        assert.equal(detector.findAt(line, 7)?.id, '42');
        assert.deepEqual(
          detector.findAllIn([line, line]).map((matches) => matches.map((m) => m.id)),
          [['42', ID], ['42', ID]],
        );
        assert.deepEqual(reported, []);
      }
    }
    assert.equal(reported.length, 1);
    assert.equal(detector.stats.disabledPatterns, 1);
  });

  it('never disables a sound pattern, though single scans overrun while the machine is busy', () => {
    const { detector, reported, scan } = rig();
    for (let i = 0; i < 60; i++) {
      // Busy spells of at most two scans in a row, then a scan of the same text within budget.
      const busy = i % 3 !== 2 && i < 30;
      const { ids, windows } = scan(busy ? SLOW_MS : FAST_MS);
      if (busy) {
        assert.deepEqual(ids, CUT, `scan ${i}`);
        assert.ok(windows <= Math.ceil(BUDGET_MS / SLOW_MS), `scan ${i} ran ${windows} windows`);
      } else {
        assert.deepEqual(ids, ALL, `scan ${i}`);
      }
    }
    assert.equal(detector.stats.budgetOverruns, 20);
    assert.deepEqual(reported, []);
    assert.equal(detector.stats.disabledPatterns, 0);
  });
});
