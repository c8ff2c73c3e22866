/**
 * Checks the regular expressions users add for their own id formats. A bad pattern becomes one readable problem
 * (so the caller can report it once) instead of an exception on every hover, and the classic exponential shapes are
 * refused up front with advice; anything slow that slips through is stopped at run time (customPatternRunner.ts).
 */
import * as l10n from '@vscode/l10n';

export const MAX_PATTERN_LENGTH = 1000;

/**
 * Flags every custom pattern is compiled with: `g` to scan, `d` for the id group's offsets, `m` so `^` and `$` mean
 * line start and end (windows hold several lines). No `u`: patterns copied from other tools often use escapes like
 * `\-` that `u` rejects, and ids are ASCII.
 */
export const CUSTOM_PATTERN_FLAGS = 'gdm';

export interface CustomPattern {
  /** The pattern as the user wrote it. */
  readonly source: string;
  readonly regex: RegExp;
}

export type CustomPatternCheck =
  | { readonly ok: true; readonly pattern: CustomPattern }
  | { readonly ok: false; readonly problem: string };

/** Strings a pattern is tried on to see whether it can match nothing at all. */
const EMPTY_MATCH_PROBES = ['', ' ', '\n', 'a', 'Z', '0', '_', '-', 'a b', 'id: '];

export function compileCustomPattern(source: unknown): CustomPatternCheck {
  if (typeof source !== 'string') {
    return refuse(
      l10n.t(
        'Custom id pattern {0} ignored: it is a {1}, not a string.',
        quotePattern(String(source)),
        source === null ? 'null' : typeof source,
      ),
    );
  }
  const quoted = quotePattern(source);
  if (source.trim() === '') {
    return refuse(l10n.t('Custom id pattern {0} ignored: it is empty.', quoted));
  }
  if (source.length > MAX_PATTERN_LENGTH) {
    return refuse(l10n.t('Custom id pattern {0} ignored: it is longer than {1} characters.', quoted, MAX_PATTERN_LENGTH));
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, CUSTOM_PATTERN_FLAGS);
  } catch (error) {
    return refuse(
      l10n.t('Custom id pattern {0} ignored: it is not a valid regular expression ({1}).', quoted, (error as Error).message),
    );
  }
  const groups = countCaptureGroups(source);
  if (groups !== 1) {
    return refuse(
      l10n.t(
        'Custom id pattern {0} ignored: it must have exactly one capture group, around the id, but has {1}; write other groups as (?:...).',
        quoted,
        groups,
      ),
    );
  }
  if (canMatchEmpty(regex)) {
    return refuse(
      l10n.t('Custom id pattern {0} ignored: it can match an empty string; it must always match at least one character.', quoted),
    );
  }
  if (hasNestedRepetition(source)) {
    // The example bound is an argument: a brace in the message itself would read as a placeholder.
    return refuse(
      l10n.t(
        'Custom id pattern {0} ignored: it repeats a group that itself repeats (like (a+)+), which can take exponential time; drop one of the two repetitions or give the outer one a small bound like {1}.',
        quoted,
        '{1,5}',
      ),
    );
  }
  return { ok: true, pattern: { source, regex } };
}

function refuse(problem: string): CustomPatternCheck {
  return { ok: false, problem };
}

/** A pattern as a problem quotes it: in JSON quotes, cut to 80 characters. */
export function quotePattern(source: string): string {
  return JSON.stringify(source.length > 80 ? `${source.slice(0, 79)}…` : source);
}

/** Capture groups of a valid pattern, named ones included. `(?:p)|` always matches '' with one slot per group. */
export function countCaptureGroups(source: string): number {
  const result = new RegExp(`(?:${source})|`).exec('');
  return result === null ? 0 : result.length - 1;
}

function canMatchEmpty(regex: RegExp): boolean {
  for (const probe of EMPTY_MATCH_PROBES) {
    regex.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = regex.exec(probe)) !== null) {
      if (match[0] === '') {
        return true;
      }
    }
  }
  regex.lastIndex = 0;
  return false;
}

interface GroupFrame {
  /** The group's body contains a quantifier that can take a variable number of characters more than once. */
  varies: boolean;
}

/**
 * True when a group repeated without bound (`*`, `+`, `{n,}`) contains a repetition of variable length (`*`, `+`,
 * `{n,}`, `{n,m}` with m > n), at any depth: `(a+)+`, `(?:\w*\s?)*`, `((ab)+c)*`. That is the shape of nearly all
 * exponential patterns seen in the wild. It also refuses some safe ones (`(?:[a-z]+\.)+`), which can be rewritten
 * with a bounded outer repetition. Fixed repetitions (`(\d{3}-)+`) and alternation are not refused; the run-time
 * deadline covers what this misses. Expects a pattern that compiles.
 */
export function hasNestedRepetition(source: string): boolean {
  const stack: GroupFrame[] = [{ varies: false }];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    let closed: GroupFrame | undefined;
    if (char === '\\') {
      i += 2;
    } else if (char === '[') {
      i = skipClass(source, i);
    } else if (char === '(') {
      stack.push({ varies: false });
      i = skipGroupPrefix(source, i + 1);
      continue;
    } else if (char === ')') {
      closed = stack.length > 1 ? stack.pop() : undefined;
      i++;
    } else {
      i++;
      if (char === '|' || char === '^' || char === '$') {
        continue;
      }
    }
    const quantifier = readQuantifier(source, i);
    const top = stack[stack.length - 1];
    if (quantifier) {
      i = quantifier.next;
      if (closed?.varies && quantifier.unbounded) {
        return true;
      }
      if (quantifier.varies) {
        top.varies = true;
      }
    }
    if (closed?.varies) {
      top.varies = true;
    }
  }
  return false;
}

function skipClass(source: string, open: number): number {
  let i = open + 1;
  if (source[i] === '^') {
    i++;
  }
  while (i < source.length && source[i] !== ']') {
    i += source[i] === '\\' ? 2 : 1;
  }
  return i + 1;
}

/** Skips `?:`, `?=`, `?!`, `?<=`, `?<!` and `?<name>` after an opening parenthesis. */
function skipGroupPrefix(source: string, i: number): number {
  if (source[i] !== '?') {
    return i;
  }
  const next = source[i + 1];
  if (next === ':' || next === '=' || next === '!') {
    return i + 2;
  }
  if (next === '<') {
    const after = source[i + 2];
    if (after === '=' || after === '!') {
      return i + 3;
    }
    const close = source.indexOf('>', i + 2);
    return close === -1 ? i + 2 : close + 1;
  }
  return i + 1;
}

interface Quantifier {
  readonly next: number;
  /** Can repeat any number of times. */
  readonly unbounded: boolean;
  /** Can repeat more than once, a variable number of times. */
  readonly varies: boolean;
}

const BRACE_QUANTIFIER = /\{(\d+)(?:(,)(\d*))?\}/y;

function readQuantifier(source: string, i: number): Quantifier | undefined {
  const char = source[i];
  let unbounded: boolean;
  let varies: boolean;
  let next: number;
  if (char === '*' || char === '+') {
    unbounded = true;
    varies = true;
    next = i + 1;
  } else if (char === '?') {
    unbounded = false;
    varies = false;
    next = i + 1;
  } else if (char === '{') {
    BRACE_QUANTIFIER.lastIndex = i;
    const brace = BRACE_QUANTIFIER.exec(source);
    if (!brace) {
      return undefined;
    }
    const min = Number(brace[1]);
    const hasComma = brace[2] !== undefined;
    const max = hasComma ? (brace[3] === '' || brace[3] === undefined ? Infinity : Number(brace[3])) : min;
    unbounded = max === Infinity;
    varies = max > min && max > 1;
    next = i + brace[0].length;
  } else {
    return undefined;
  }
  if (source[next] === '?') {
    next++;
  }
  return { next, unbounded, varies };
}
