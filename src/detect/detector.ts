/**
 * Finds contact ids in text: the one entry point the editor side uses for hovers, inline names and links. Combines
 * the built-in scans with the user's own patterns, and owns the bounds that keep detection cheap on any input.
 */
import { findBareIds, findLinks } from './builtin.js';
import { compileCustomPattern, type CustomPattern } from './customPattern.js';
import { runWithDeadline } from './deadline.js';
import type { DetectedId } from './match.js';
import { HOVER_RADIUS, slidingWindows, windowAround, type ScanWindow } from './window.js';

export type { ContactIdKind, DetectedId, Match, MatchKind } from './match.js';

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

export interface DetectorOptions {
  /** User regular expressions, each with exactly one capture group for the id. Anything else is refused. */
  readonly patterns?: readonly unknown[];
  /** Told when a pattern that passed the checks misbehaves at run time and is disabled (once per pattern). */
  readonly onProblem?: (problem: string) => void;
  /** See DEFAULT_CUSTOM_PATTERN_TIMEOUT_MS. */
  readonly customPatternTimeoutMs?: number;
}

/** Work done by custom patterns since the detector was made, so tests can prove bounds without timing anything. */
export interface DetectorStats {
  /** Deadline-guarded runs (each costs a watchdog start). */
  customRuns: number;
  /** Regex windows scanned (one per window per pattern). */
  customWindows: number;
  customChars: number;
  largestCustomWindow: number;
  /** Patterns disabled at run time (timed out or threw). */
  disabledPatterns: number;
}

export interface Detector {
  /**
   * Every contact id in `text`, sorted by `start`, without overlaps (where two candidates overlap, the one starting
   * first wins, then the longer). Positions are `offset` plus indices into `text`. The built-in scans are linear;
   * custom patterns run on windows of CUSTOM_WINDOW_SIZE characters under a deadline. The caller decides how much
   * text to pass (only what is visible, for instance).
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
   * id). Looks only at a window of HOVER_RADIUS characters either side, so the cost does not depend on `text.length`.
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
  const detector = new CombinedDetector(
    patterns,
    options.customPatternTimeoutMs ?? DEFAULT_CUSTOM_PATTERN_TIMEOUT_MS,
    options.onProblem,
  );
  return { detector, problems };
}

interface ScanJob {
  readonly index: number;
  readonly text: string;
  readonly window: ScanWindow;
}

class CombinedDetector implements Detector {
  readonly stats: DetectorStats = { customRuns: 0, customWindows: 0, customChars: 0, largestCustomWindow: 0, disabledPatterns: 0 };
  private patterns: readonly CustomPattern[];

  constructor(
    patterns: readonly CustomPattern[],
    private readonly timeoutMs: number,
    private readonly onProblem: ((problem: string) => void) | undefined,
  ) {
    this.patterns = patterns;
  }

  findAll(text: string, offset = 0): DetectedId[] {
    return this.detect([text], offset)[0] as DetectedId[];
  }

  findAllIn(texts: readonly string[]): DetectedId[][] {
    return this.detect(texts, 0);
  }

  findAt(text: string, position: number): DetectedId | undefined {
    const window = windowAround(text, position, HOVER_RADIUS);
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
    const found = texts.map((text) => mergeSorted(findBareIds(text, offset), findLinks(text, offset)));
    if (this.patterns.length > 0) {
      const jobs: ScanJob[] = [];
      texts.forEach((text, index) => {
        for (const window of slidingWindows(text.length, CUSTOM_WINDOW_SIZE, CUSTOM_WINDOW_OVERLAP)) {
          jobs.push({ index, text, window });
        }
      });
      for (const pattern of this.patterns) {
        const custom = this.runCustom(pattern, jobs, offset, texts.length);
        custom.forEach((matches, index) => {
          if (matches.length > 0) {
            found[index] = mergeSorted(found[index] as DetectedId[], matches);
          }
        });
      }
    }
    return found.map(dropOverlaps);
  }

  /** One pattern over all jobs, in deadline-guarded runs of WINDOWS_PER_RUN windows. Matches per text, sorted. */
  private runCustom(pattern: CustomPattern, jobs: readonly ScanJob[], offset: number, texts: number): DetectedId[][] {
    const found: DetectedId[][] = Array.from({ length: texts }, () => []);
    const run = (batch: readonly ScanJob[]): 'done' | 'timed-out' | 'failed' => {
      this.stats.customRuns++;
      try {
        return runWithDeadline(() => this.scan(pattern.regex, batch, offset, found), this.timeoutMs);
      } catch (error) {
        this.disable(pattern, `failed (${error instanceof Error ? error.message : String(error)})`);
        return 'failed';
      }
    };
    for (let first = 0; first < jobs.length; first += WINDOWS_PER_RUN) {
      const batch = jobs.slice(first, first + WINDOWS_PER_RUN);
      const before = found.map((matches) => matches.length);
      const outcome = run(batch);
      if (outcome === 'failed') {
        return [];
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
            return [];
          }
          if (single === 'timed-out') {
            this.disable(pattern, `took longer than ${this.timeoutMs} ms on ${CUSTOM_WINDOW_SIZE} characters, so it probably backtracks exponentially on some text`);
            return [];
          }
        }
      }
    }
    return found;
  }

  private scan(regex: RegExp, jobs: readonly ScanJob[], offset: number, out: DetectedId[][]): void {
    for (const { index, text, window } of jobs) {
      const chunk = text.slice(window.start, window.end);
      const owned = window.ownEnd - window.start;
      const cutAtEnd = window.end < text.length;
      const into = out[index] as DetectedId[];
      this.stats.customWindows++;
      this.stats.customChars += chunk.length;
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
  }

  private disable(pattern: CustomPattern, reason: string): void {
    this.patterns = this.patterns.filter((candidate) => candidate !== pattern);
    this.stats.disabledPatterns++;
    const shown = pattern.source.length > 80 ? `${pattern.source.slice(0, 79)}…` : pattern.source;
    this.onProblem?.(`Custom id pattern ${JSON.stringify(shown)} disabled: it ${reason}.`);
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
    const x = a[i] as DetectedId;
    const y = b[j] as DetectedId;
    if (x.start < y.start || (x.start === y.start && x.end >= y.end)) {
      merged[k++] = x;
      i++;
    } else {
      merged[k++] = y;
      j++;
    }
  }
  while (i < a.length) {
    merged[k++] = a[i++] as DetectedId;
  }
  while (j < b.length) {
    merged[k++] = b[j++] as DetectedId;
  }
  return merged;
}

/** Keeps the first of overlapping matches. Usually nothing overlaps, and the input comes back as is. */
function dropOverlaps(sorted: DetectedId[]): DetectedId[] {
  let reached = -1;
  let kept: DetectedId[] | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const match = sorted[i] as DetectedId;
    if (match.start >= reached) {
      kept?.push(match);
      reached = match.end;
    } else if (kept === undefined) {
      kept = sorted.slice(0, i);
    }
  }
  return kept ?? sorted;
}
