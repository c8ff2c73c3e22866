import assert from 'node:assert/strict';
import { SharedRateBudget, type SharedRateBudgetOptions } from '../../src/quo/sharedRateBudget.js';
import { FakeClock } from './fakeClock.js';

const PERIOD = 5000;

/** A budget on a fake clock, with every ceiling it applied. */
function budgetWith(options: Partial<SharedRateBudgetOptions> = {}): {
  budget: SharedRateBudget;
  clock: FakeClock;
  applied: number[];
} {
  const clock = new FakeClock();
  const applied: number[] = [];
  const budget = new SharedRateBudget({ recoverEveryMs: PERIOD, clock, apply: (ceiling) => applied.push(ceiling), ...options });
  return { budget, clock, applied };
}

describe('SharedRateBudget', () => {
  it('splits 10 a second between 1, 2, 3 and 4 windows as 10, 5, 3 and 2', () => {
    const { budget, applied } = budgetWith();
    const ceilings = [1, 2, 3, 4].map((windows) => (budget.setLiveWindows(windows), budget.ceiling));
    assert.deepEqual(ceilings, [10, 5, 3, 2]);
    assert.deepEqual(applied, [10, 5, 3, 2]);
  });

  it('splits the user\'s lower setting: 4 a second between 3 windows is 1 each', () => {
    const { budget } = budgetWith({ maxPerSecond: 4, liveWindows: 3 });
    assert.equal(budget.ceiling, 1);
    budget.setMaxPerSecond(9);
    assert.equal(budget.ceiling, 3);
  });

  it('never goes below 1 a second, however many windows', () => {
    const { budget } = budgetWith({ liveWindows: 11 });
    assert.equal(budget.ceiling, 1);
    budget.setMaxPerSecond(1);
    budget.setLiveWindows(50);
    assert.equal(budget.ceiling, 1);
    budget.noteRefused();
    assert.equal(budget.ceiling, 1);
  });

  it('keeps a setting or a count out of range within 1..10', () => {
    const { budget } = budgetWith({ maxPerSecond: 50 });
    assert.equal(budget.ceiling, 10);
    budget.setMaxPerSecond(0);
    assert.equal(budget.ceiling, 1);
    budget.setMaxPerSecond(Number.NaN);
    budget.setLiveWindows(0);
    assert.equal(budget.ceiling, 10);
  });

  it('halves the ceiling on a 429, and repeated 429s floor it at 1', async () => {
    const { budget, clock } = budgetWith();
    const ceilings: number[] = [];
    for (let refusal = 0; refusal < 5; refusal++) {
      budget.noteRefused();
      ceilings.push(budget.ceiling);
      await clock.advance(1000);
    }
    assert.deepEqual(ceilings, [5, 2, 1, 1, 1]);
  });

  it('halves once for the 429s of one burst (within a second)', async () => {
    const { budget, clock } = budgetWith();
    for (let refusal = 0; refusal < 5; refusal++) {
      budget.noteRefused();
      await clock.advance(100);
    }
    assert.equal(budget.ceiling, 5);
    await clock.advance(600);
    budget.noteRefused();
    assert.equal(budget.ceiling, 2, 'a second after the first halving, a 429 halves again');
  });

  it('halves the window\'s share, not the whole limit', () => {
    const { budget } = budgetWith({ liveWindows: 2 });
    budget.noteRefused();
    assert.equal(budget.ceiling, 2);
  });

  it('gives one request a second back per period without a 429, up to the share and not beyond', async () => {
    const { budget, clock } = budgetWith({ liveWindows: 2, recoverEveryMs: PERIOD, halveAtMostEveryMs: 0 });
    budget.noteRefused();
    budget.noteRefused();
    assert.equal(budget.ceiling, 1);
    const ceilings: number[] = [];
    for (let period = 0; period < 6; period++) {
      await clock.advance(PERIOD - 1);
      assert.equal(budget.ceiling, ceilings.at(-1) ?? 1, 'not before the period is over');
      await clock.advance(1);
      ceilings.push(budget.ceiling);
    }
    assert.deepEqual(ceilings, [2, 3, 4, 5, 5, 5]);
    assert.equal(clock.pendingTimers, 0, 'recovered: nothing left to do');
  });

  it('counts the recovery period from the last 429', async () => {
    const { budget, clock } = budgetWith();
    budget.noteRefused();
    await clock.advance(PERIOD - 1000);
    budget.noteRefused();
    assert.equal(budget.ceiling, 2);
    await clock.advance(PERIOD - 1);
    assert.equal(budget.ceiling, 2);
    await clock.advance(1);
    assert.equal(budget.ceiling, 3);
  });

  it('lowers the ceiling at once when the share falls below what recovery had reached', async () => {
    const { budget, clock } = budgetWith();
    budget.noteRefused();
    await clock.advance(PERIOD);
    assert.equal(budget.ceiling, 6);
    budget.setLiveWindows(3);
    assert.equal(budget.ceiling, 3);
  });

  it('after a recent 429, lets a rising share lift the ceiling only as fast as recovery', async () => {
    const { budget, clock } = budgetWith({ liveWindows: 2 });
    budget.noteRefused();
    assert.equal(budget.ceiling, 2);
    budget.setLiveWindows(1);
    assert.equal(budget.ceiling, 2, 'a refusal less than a period ago');
    await clock.advance(PERIOD);
    assert.equal(budget.ceiling, 3);
  });

  it('follows a rising share at once once recovered', async () => {
    const { budget, clock } = budgetWith({ liveWindows: 2 });
    budget.noteRefused();
    await clock.advance(3 * PERIOD);
    assert.equal(budget.ceiling, 5);
    budget.setLiveWindows(1);
    assert.equal(budget.ceiling, 10);
  });

  it('applies the first ceiling at construction, then only when it changes', async () => {
    const { budget, clock, applied } = budgetWith({ maxPerSecond: 2 });
    assert.deepEqual(applied, [2]);
    budget.setLiveWindows(1);
    budget.setMaxPerSecond(2);
    budget.setLiveWindows(2);
    budget.setLiveWindows(3);
    budget.noteRefused();
    await clock.advance(10 * PERIOD);
    assert.deepEqual(applied, [2, 1], 'share 2 / 2 and 2 / 3 are both 1, and a 429 at 1 stays 1');
  });

  it('leaves no timer behind on dispose, and recovers no more', async () => {
    const { budget, clock, applied } = budgetWith({ halveAtMostEveryMs: 0 });
    budget.noteRefused();
    budget.dispose();
    assert.equal(clock.pendingTimers, 0);
    budget.noteRefused();
    assert.equal(clock.pendingTimers, 0);
    await clock.advance(10 * PERIOD);
    assert.deepEqual(applied, [10, 5, 2]);
  });
});
