/**
 * The shapes of Quo's line (`PN…`), user (`US…`) and webhook (`WH…`) ids, as webhook payloads and logs carry them
 * (issue 29). The detector reports them with call and message ids (`quo.activity.detectIds`).
 *
 * These prefixes are short and common elsewhere, so the shape is narrow: the prefix, then 5 to 16 ASCII letters or
 * digits with at least one digit or lower-case letter among them, as a whole word (no ASCII letter, digit or `_` on
 * either side). The spec's examples match (`US123abc`, `PN123bc`, `WH12345`, `USlHhXmRMz`, `PNlja6rrtI`,
 * `WHabcd1234`) and so do the ids seen in practice (10 characters after the prefix); Twilio's phone number ids (`PN`
 * and 32 hex digits), upper-case words (`USERNAME`, `PNGFILE`, `WHATEVER`) and `_`-joined names
 * (`US12345_backup`) do not. A few upper-case words with a digit (`USB3000`, `USA12345`) still match: they cost
 * nothing until someone hovers them.
 */

import type { ResourceIdKind } from './match.js';

export type { ResourceIdKind };

export interface ResourceIdMatch {
  readonly kind: ResourceIdKind;
  readonly id: string;
  /** Offsets in the whole text (the `offset` given plus the position in the slice searched), end exclusive. */
  readonly start: number;
  readonly end: number;
}

export const RESOURCE_KINDS: Readonly<Record<string, ResourceIdKind>> = { PN: 'line', US: 'user', WH: 'webhook' };

/**
 * `\b` is exactly the guard wanted: without the `u` and `i` flags JavaScript's word characters are `[A-Za-z0-9_]`.
 * Linear: a match is tried only at a word's start (the left `\b`) and reads at most 18 characters there. Measured
 * faster on 10 MB of mixed text than a lookbehind or a consumed left guard, and on long runs of `USUSUS…`.
 */
const RESOURCE_ID = /\b(?:PN|US|WH)[A-Za-z0-9]{5,16}\b/g;

/** A digit or lower-case letter in the tail: what tells an id from an upper-case word. */
const NOT_A_WORD = /[a-z0-9]/;

/** Every line, user and webhook id in `text`, in order; `offset` is added to the positions. */
export function findResourceIds(text: string, offset = 0): ResourceIdMatch[] {
  const found: ResourceIdMatch[] = [];
  RESOURCE_ID.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = RESOURCE_ID.exec(text)) !== null) {
    const id = match[0];
    const kind = RESOURCE_KINDS[id.slice(0, 2)];
    if (kind === undefined || !NOT_A_WORD.test(id.slice(2))) {
      continue;
    }
    const start = offset + match.index;
    found.push({ kind, id, start, end: start + id.length });
  }
  return found;
}
