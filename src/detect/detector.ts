/**
 * Finds contact ids in text: the one entry point the editor side uses for hovers, inline names and links. Combines
 * the built-in scans with the user's own patterns, and owns the bounds that keep detection cheap on any input.
 */
import * as l10n from '@vscode/l10n';
import { findActivityIds, findBareIds, findLinks } from './builtin.js';
import { compileCustomPattern, quotePattern, type CustomPattern } from './customPattern.js';
import { runWithDeadline } from './deadline.js';
import type { DetectedId } from './match.js';
import { CURSOR_RADIUS, slidingWindows, windowAround, type ScanWindow } from './window.js';

export type { ContactIdKind, DetectedId } from './match.js';

/** User patterns see at most this many characters per regex call. */
export const CUSTOM_WINDOW_SIZE = 2048;
/** Consecutive windows overlap by this much: a custom match of at most this length is never missed at a seam. */
export const CUSTOM_WINDOW_OVERLAP = 256;
/** Longest id a custom pattern may capture; longer captures are not ids. */
const MAX_CUSTOM_ID_LENGTH = 256;
/** Windows handed to one deadline-guarded run: about 460 KB, so a run costs one watchdog start per pattern. */
const WINDOWS_PER_RUN = 256;
/** Default time one pattern may spend on one run (at most WINDOWS_PER_RUN windows) before it is disabled. */
export const DEFAULT_CUSTOM_PATTERN_TIMEOUT_MS = 100;
/**
 * Default time one pattern may spend on all the windows of one scan (one findAll, findAllIn or findAt call). The run
 * limit above only catches a pattern that is slow on a single window; one costing a few milliseconds a window passes
 * every run and still holds the extension host for seconds over a 2 MB file.
 */
export const DEFAULT_CUSTOM_SCAN_BUDGET_MS = 250;
/**
 * Scans in a row a pattern may overrun its budget before it is disabled. More than one, so a sound pattern that met a
 * briefly busy machine is not switched off; a scan within budget starts the count again.
 */
export const OVERRUN_SCANS_BEFORE_DISABLE = 3;

export interface DetectorOptions {
  /** Whether Quo call and message ids (`AC…`, kind `activity`) are reported too; on by default. */
  readonly activityIds?: boolean;
  /** User regular expressions, each with exactly one capture group for the id. Anything else is refused. */
  readonly patterns?: readonly unknown[];
  /** Told when a pattern that passed the checks misbehaves at run time and is disabled (once per pattern). */
  readonly onProblem?: (problem: string) => void;
  /** See DEFAULT_CUSTOM_PATTERN_TIMEOUT_MS. */
  readonly customPatternTimeoutMs?: number;
  /** See DEFAULT_CUSTOM_SCAN_BUDGET_MS. */
  readonly customScanBudgetMs?: number;
  /** Milliseconds from any fixed origin, for the scan budget; injected so tests can make a pattern slow. */
  readonly now?: () => number;
}

/** Work done by custom patterns since the detector was made, so tests can prove bounds without timing anything. */
export interface DetectorStats {
  /** Deadline-guarded runs (each costs a watchdog start). */
  customRuns: number;
  /** Regex windows scanned (one per window per pattern). */
  customWindows: number;
  customChars: number;
  largestCustomWindow: number;
  /** Patterns disabled at run time (timed out, threw, or overran the scan budget too often). */
  disabledPatterns: number;
  /** Scans in which a pattern used up its budget and skipped the rest of its windows (one per pattern per scan). */
  budgetOverruns: number;
}

export interface Detector {
  /**
   * Every contact id in `text`, sorted by `start`, without overlaps (where two candidates overlap, the one starting
   * first wins, then the longer). Positions are `offset` plus indices into `text`. The built-in scans are linear;
   * custom patterns run on windows of CUSTOM_WINDOW_SIZE characters under a deadline, and each call is one scan for
   * the scan budget (DEFAULT_CUSTOM_SCAN_BUDGET_MS). The caller decides how much text to pass (only what is visible,
   * for instance).
   */
  findAll(text: string, offset?: number): DetectedId[];
  /**
   * findAll for many texts at once (the visible slice of each line, say): one result list per text, positions
   * relative to that text. Same results as calling findAll on each, but user patterns pay their per-call guard
   * (about 0.1 ms) once per batch instead of once per text.
   */
  findAllIn(texts: readonly string[]): DetectedId[][];
  /**
   * The id at `position` in `text` (a match containing it, or one ending exactly there, for a cursor just after an
   * id). Looks only at a window of CURSOR_RADIUS characters either side, so the cost does not depend on `text.length`.
   */
  findAt(text: string, position: number): DetectedId | undefined;
  readonly stats: Readonly<DetectorStats>;
}

export interface CreatedDetector {
  readonly detector: Detector;
  /** One message per refused pattern, to show the user once. */
  readonly problems: string[];
}

export function createDetector(options: DetectorOptions = {}): CreatedDetector {
  const problems: string[] = [];
  const patterns: CustomPattern[] = [];
  const seen = new Set<string>();
  for (const source of options.patterns ?? []) {
    const check = compileCustomPattern(source);
    if (!check.ok) {
      problems.push(check.problem);
    } else if (!seen.has(check.pattern.source)) {
      seen.add(check.pattern.source);
      patterns.push(check.pattern);
    }
  }
  const detector = new CombinedDetector(patterns, options.activityIds !== false, {
    timeoutMs: options.customPatternTimeoutMs ?? DEFAULT_CUSTOM_PATTERN_TIMEOUT_MS,
    scanBudgetMs: options.customScanBudgetMs ?? DEFAULT_CUSTOM_SCAN_BUDGET_MS,
    now: options.now ?? (() => performance.now()),
    onProblem: options.onProblem,
  });
  return { detector, problems };
}

interface ScanJob {
  readonly index: number;
  readonly text: string;
  readonly window: ScanWindow;
}

interface DetectorLimits {
  readonly timeoutMs: number;
  readonly scanBudgetMs: number;
  readonly now: () => number;
  readonly onProblem: ((problem: string) => void) | undefined;
}

interface CustomScan {
  /** Matches per text, sorted. */
  readonly found: DetectedId[][];
  /** The budget ran out and some windows were skipped. */
  readonly overran: boolean;
  /** Characters of the windows the pattern was given (retries count again). */
  readonly chars: number;
}

interface OverrunStreak {
  /** Scans in a row that overran. */
  readonly scans: number;
  /** The fewest characters any of them got through before the budget ran out. */
  readonly chars: number;
}

class CombinedDetector implements Detector {
  readonly stats: DetectorStats = {
    customRuns: 0,
    customWindows: 0,
    customChars: 0,
    largestCustomWindow: 0,
    disabledPatterns: 0,
    budgetOverruns: 0,
  };
  private patterns: readonly CustomPattern[];
  /** Per pattern that overran the budget in its latest telling scans. */
  private readonly overrunStreaks = new Map<CustomPattern, OverrunStreak>();

  constructor(
    patterns: readonly CustomPattern[],
    private readonly activityIds: boolean,
    private readonly limits: DetectorLimits,
  ) {
    this.patterns = patterns;
  }

  findAll(text: string, offset = 0): DetectedId[] {
    return this.detect([text], offset)[0];
  }

  findAllIn(texts: readonly string[]): DetectedId[][] {
    return this.detect(texts, 0);
  }

  findAt(text: string, position: number): DetectedId | undefined {
    const window = windowAround(text, position, CURSOR_RADIUS);
    let endingHere: DetectedId | undefined;
    for (const match of this.findAll(window.text, window.offset)) {
      if (match.start <= position && position < match.end) {
        return match;
      }
      if (match.end === position) {
        endingHere = match;
      }
    }
    return endingHere;
  }

  private detect(texts: readonly string[], offset: number): DetectedId[][] {
    const found = texts.map((text) => {
      const builtin = mergeSorted(findBareIds(text, offset), findLinks(text, offset));
      return this.activityIds ? mergeSorted(builtin, findActivityIds(text, offset)) : builtin;
    });
    if (this.patterns.length > 0) {
      const jobs: ScanJob[] = [];
      texts.forEach((text, index) => {
        for (const window of slidingWindows(text.length, CUSTOM_WINDOW_SIZE, CUSTOM_WINDOW_OVERLAP)) {
          jobs.push({ index, text, window });
        }
      });
      for (const pattern of this.patterns) {
        const { found: custom, overran, chars } = this.runCustom(pattern, jobs, offset, texts.length);
        if (this.patterns.includes(pattern)) {
          this.judgeScan(pattern, overran, chars);
        }
        custom.forEach((matches, index) => {
          if (matches.length > 0) {
            found[index] = mergeSorted(found[index], matches);
          }
        });
      }
    }
    return found.map(dropOverlaps);
  }

  /**
   * One pattern over all jobs, in deadline-guarded runs of WINDOWS_PER_RUN windows, until the scan budget is spent.
   * Windows are checked against the budget one by one (inside the guarded run too), so an overrun stops within one
   * window; what the finished windows found is kept.
   */
  private runCustom(pattern: CustomPattern, jobs: readonly ScanJob[], offset: number, texts: number): CustomScan {
    const found: DetectedId[][] = Array.from({ length: texts }, () => []);
    const { now, scanBudgetMs } = this.limits;
    // Time inside guarded runs only, retries included: that is what the pattern costs the extension host.
    let spent = 0;
    const progress = { chars: 0 };
    const run = (batch: readonly ScanJob[]): 'done' | 'timed-out' | 'failed' | 'over-budget' => {
      this.stats.customRuns++;
      const started = now();
      const overBudget = (): boolean => spent + (now() - started) >= scanBudgetMs;
      let stopped = false;
      try {
        const outcome = runWithDeadline(() => {
          stopped = !this.scan(pattern.regex, batch, offset, found, overBudget, progress);
        }, this.limits.timeoutMs);
        return stopped ? 'over-budget' : outcome;
      } catch (error) {
        this.disable(
          pattern,
          l10n.t(
            'Custom id pattern {0} disabled: it failed ({1}).',
            quotePattern(pattern.source),
            error instanceof Error ? error.message : String(error),
          ),
        );
        return 'failed';
      } finally {
        spent += now() - started;
      }
    };
    const overrun = (): CustomScan => {
      this.stats.budgetOverruns++;
      return { found, overran: true, chars: progress.chars };
    };
    const disabled: CustomScan = { found: [], overran: false, chars: 0 };
    for (let first = 0; first < jobs.length; first += WINDOWS_PER_RUN) {
      const batch = jobs.slice(first, first + WINDOWS_PER_RUN);
      const before = found.map((matches) => matches.length);
      const outcome = run(batch);
      if (outcome === 'failed') {
        return disabled;
      }
      if (outcome === 'over-budget') {
        return overrun();
      }
      if (outcome === 'timed-out') {
        // A busy machine can stall a long run of a sound pattern; only a single window that overruns the deadline
        // shows a pattern that backtracks. The stopped run may have written part of its matches: start it over.
        found.forEach((matches, index) => {
          matches.length = before[index] ?? 0;
        });
        for (const job of batch) {
          const single = run([job]);
          if (single === 'failed') {
            return disabled;
          }
          if (single === 'over-budget') {
            return overrun();
          }
          if (single === 'timed-out') {
            this.disable(
              pattern,
              l10n.t(
                'Custom id pattern {0} disabled: it took longer than {1} ms on {2} characters, so it probably backtracks exponentially on some text.',
                quotePattern(pattern.source),
                this.limits.timeoutMs,
                CUSTOM_WINDOW_SIZE,
              ),
            );
            return disabled;
          }
        }
      }
    }
    return { found, overran: false, chars: progress.chars };
  }

  /**
   * A scan within budget ends a streak of overruns only if it read at least as much text as one of them got through:
   * that shows the pattern can be fast enough, so the overrun was a busy machine. A smaller one proves nothing (a
   * hover or the inline names of a few visible lines between scans of a 2 MB file would otherwise reset the streak
   * every time, and the pattern would cost its budget on every scan of that file, never reported).
   */
  private judgeScan(pattern: CustomPattern, overran: boolean, chars: number): void {
    const streak = this.overrunStreaks.get(pattern);
    if (!overran) {
      if (streak !== undefined && chars >= streak.chars) {
        this.overrunStreaks.delete(pattern);
      }
      return;
    }
    const longer = { scans: (streak?.scans ?? 0) + 1, chars: Math.min(streak?.chars ?? Infinity, chars) };
    this.overrunStreaks.set(pattern, longer);
    if (longer.scans >= OVERRUN_SCANS_BEFORE_DISABLE) {
      // The example bound is an argument: a brace in the message itself would read as a placeholder.
      this.disable(
        pattern,
        l10n.t(
          'Custom id pattern {0} disabled: it used up its {1} ms per scan in {2} scans in a row, which holds up the editor; make it cheaper on long text, for instance by starting it with a literal prefix or bounding its repetitions like {3}.',
          quotePattern(pattern.source),
          this.limits.scanBudgetMs,
          OVERRUN_SCANS_BEFORE_DISABLE,
          '\\d{1,20}',
        ),
      );
    }
  }

  /** False if it stopped early because `overBudget` said so; the windows before that are complete. */
  private scan(
    regex: RegExp,
    jobs: readonly ScanJob[],
    offset: number,
    out: DetectedId[][],
    overBudget: () => boolean,
    progress: { chars: number },
  ): boolean {
    for (const { index, text, window } of jobs) {
      if (overBudget()) {
        return false;
      }
      const chunk = text.slice(window.start, window.end);
      const owned = window.ownEnd - window.start;
      const cutAtEnd = window.end < text.length;
      const into = out[index];
      this.stats.customWindows++;
      this.stats.customChars += chunk.length;
      progress.chars += chunk.length;
      this.stats.largestCustomWindow = Math.max(this.stats.largestCustomWindow, chunk.length);
      regex.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = regex.exec(chunk)) !== null && match.index < owned) {
        const matchEnd = match.index + match[0].length;
        if (matchEnd === match.index) {
          regex.lastIndex = match.index + 1;
          continue;
        }
        const id = match[1];
        const idRange = match.indices?.[1];
        // A match reaching the cut may be the front of a longer one that only the whole text would show.
        if (!id || !idRange || id.trim() === '' || id.length > MAX_CUSTOM_ID_LENGTH || (cutAtEnd && matchEnd === chunk.length)) {
          continue;
        }
        const base = offset + window.start;
        into.push({
          kind: 'custom',
          id,
          start: base + match.index,
          end: base + matchEnd,
          idStart: base + idRange[0],
          idEnd: base + idRange[1],
        });
      }
    }
    return true;
  }

  /** `problem` is the whole sentence the user reads, naming the pattern (see quotePattern). */
  private disable(pattern: CustomPattern, problem: string): void {
    this.patterns = this.patterns.filter((candidate) => candidate !== pattern);
    this.overrunStreaks.delete(pattern);
    this.stats.disabledPatterns++;
    this.limits.onProblem?.(problem);
  }
}

/**
 * Both inputs sorted by start; ties put the longer match first so dropOverlaps keeps it. Takes ownership of its
 * inputs: one of them may be returned as is.
 */
function mergeSorted(a: DetectedId[], b: DetectedId[]): DetectedId[] {
  if (b.length === 0) {
    return a;
  }
  if (a.length === 0) {
    return b;
  }
  const merged: DetectedId[] = new Array<DetectedId>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x.start < y.start || (x.start === y.start && x.end >= y.end)) {
      merged[k++] = x;
      i++;
    } else {
      merged[k++] = y;
      j++;
    }
  }
  while (i < a.length) {
    merged[k++] = a[i++];
  }
  while (j < b.length) {
    merged[k++] = b[j++];
  }
  return merged;
}

/** Keeps the first of overlapping matches. Usually nothing overlaps, and the input comes back as is. */
function dropOverlaps(sorted: DetectedId[]): DetectedId[] {
  let reached = -1;
  let kept: DetectedId[] | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const match = sorted[i];
    if (match.start >= reached) {
      kept?.push(match);
      reached = match.end;
    } else if (kept === undefined) {
      kept = sorted.slice(0, i);
    }
  }
  return kept ?? sorted;
}
