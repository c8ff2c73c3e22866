/**
 * Finds contact ids in text: the one entry point the editor side uses for hovers, inline names and links. Combines
 * the built-in scans, which are linear, with what the user's own patterns find under their time bounds
 * (customPatternRunner.ts), into one sorted list without overlaps.
 */
import { findBareIds, findLinks, findWorkspaceIds } from './builtin.js';
import { compileCustomPattern, type CustomPattern } from './customPattern.js';
import {
  CustomPatternRunner,
  DEFAULT_CUSTOM_PATTERN_TIMEOUT_MS,
  DEFAULT_CUSTOM_SCAN_BUDGET_MS,
  type CustomPatternStats,
} from './customPatternRunner.js';
import type { DetectedId } from './match.js';
import { CURSOR_RADIUS, windowAround } from './window.js';

export type { ContactIdKind, DetectedId } from './match.js';

export interface DetectorOptions {
  /**
   * Whether Quo call and message ids (`AC…`, kind `activity`) and line, teammate and webhook ids (`PN…`, `US…`,
   * `WH…`) are reported too; on by default.
   */
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

export interface Detector {
  /**
   * Every contact id in `text`, sorted by `start`, without overlaps (where two candidates overlap, the one starting
   * first wins, then the longer). Positions are `offset` plus indices into `text`. The built-in scans are linear;
   * custom patterns run on windows under a deadline (customPatternRunner.ts), and each call is one scan for the
   * scan budget (DEFAULT_CUSTOM_SCAN_BUDGET_MS). The caller decides how much text to pass (only what is visible,
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
  /** What the user's patterns have cost so far. */
  readonly stats: Readonly<CustomPatternStats>;
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
  const custom = new CustomPatternRunner(patterns, {
    timeoutMs: options.customPatternTimeoutMs ?? DEFAULT_CUSTOM_PATTERN_TIMEOUT_MS,
    scanBudgetMs: options.customScanBudgetMs ?? DEFAULT_CUSTOM_SCAN_BUDGET_MS,
    now: options.now ?? (() => performance.now()),
    onProblem: options.onProblem,
  });
  const detector = new CombinedDetector(custom, options.activityIds !== false);
  return { detector, problems };
}

class CombinedDetector implements Detector {
  constructor(
    private readonly custom: CustomPatternRunner,
    private readonly activityIds: boolean,
  ) {}

  get stats(): Readonly<CustomPatternStats> {
    return this.custom.stats;
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
    // One pass finds call, message, line, teammate and webhook ids; the last three are merged after the user's
    // patterns, so that on the same span a pattern (`US\d{6}` for their own tickets) wins over a teammate id.
    const workspaceIds = this.activityIds ? texts.map((text) => findWorkspaceIds(text, offset)) : undefined;
    const found = texts.map((text, index) => {
      const builtin = mergeSorted(findBareIds(text, offset), findLinks(text, offset));
      const activity = workspaceIds?.[index]?.activity;
      return activity ? mergeSorted(builtin, activity) : builtin;
    });
    for (const byText of this.custom.scan(texts, offset)) {
      byText.forEach((matches, index) => {
        if (matches.length > 0) {
          found[index] = mergeSorted(found[index], matches);
        }
      });
    }
    workspaceIds?.forEach((ids, index) => {
      found[index] = mergeSorted(found[index] ?? [], ids.resources);
    });
    return found.map(dropOverlaps);
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
