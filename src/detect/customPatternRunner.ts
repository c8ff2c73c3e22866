/**
 * Runs the user's own id patterns, which no check before they run can prove cheap (customPattern.ts refuses the
 * shapes it can see). Each pattern sees the text in overlapping windows of CUSTOM_WINDOW_SIZE characters, batched
 * into runs under a hard deadline (deadline.ts), and each scan under a time budget; a pattern that fails, times out
 * on a single window, or overruns its budget scan after scan is disabled and reported once.
 */
import * as l10n from '@vscode/l10n';
import { quotePattern, type CustomPattern } from './customPattern.js';
import { runWithDeadline } from './deadline.js';
import type { DetectedId } from './match.js';
import { slidingWindows, type ScanWindow } from './window.js';

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

/** Work done by custom patterns since the runner was made, so tests can prove bounds without timing anything. */
export interface CustomPatternStats {
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

interface ScanJob {
  readonly index: number;
  readonly text: string;
  readonly window: ScanWindow;
}

export interface CustomPatternLimits {
  /** Per deadline-guarded run (DEFAULT_CUSTOM_PATTERN_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** Per pattern per scan (DEFAULT_CUSTOM_SCAN_BUDGET_MS). */
  readonly scanBudgetMs: number;
  /** Milliseconds from any fixed origin. */
  readonly now: () => number;
  /** Told when a pattern is disabled, once per pattern, with the sentence the user reads. */
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

export class CustomPatternRunner {
  readonly stats: CustomPatternStats = {
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
    private readonly limits: CustomPatternLimits,
  ) {
    this.patterns = patterns;
  }

  /**
   * What the enabled patterns found in `texts`: one entry per pattern, in the patterns' order, each one list of
   * matches per text, sorted by start, positions `offset` plus indices into that text (a pattern disabled during
   * this scan found nothing). One call is one scan for the budget.
   */
  scan(texts: readonly string[], offset: number): DetectedId[][][] {
    if (this.patterns.length === 0) {
      return [];
    }
    const jobs: ScanJob[] = [];
    texts.forEach((text, index) => {
      for (const window of slidingWindows(text.length, CUSTOM_WINDOW_SIZE, CUSTOM_WINDOW_OVERLAP)) {
        jobs.push({ index, text, window });
      }
    });
    const found: DetectedId[][][] = [];
    for (const pattern of this.patterns) {
      const { found: custom, overran, chars } = this.runPattern(pattern, jobs, offset, texts.length);
      if (this.patterns.includes(pattern)) {
        this.judgeScan(pattern, overran, chars);
      }
      found.push(custom);
    }
    return found;
  }

  /**
   * One pattern over all jobs, in deadline-guarded runs of WINDOWS_PER_RUN windows, until the scan budget is spent.
   * Windows are checked against the budget one by one (inside the guarded run too), so an overrun stops within one
   * window; what the finished windows found is kept.
   */
  private runPattern(pattern: CustomPattern, jobs: readonly ScanJob[], offset: number, texts: number): CustomScan {
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
          stopped = !this.scanWindows(pattern.regex, batch, offset, found, overBudget, progress);
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
  private scanWindows(
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
