/**
 * The score model, in one place because two computations must agree on it exactly: the search loop first bounds a
 * contact's score from cheap facts and skips it when the bound cannot make the list, then works the real score out.
 * A bound built from other figures than the score would silently drop contacts that belong in the list.
 *
 * A score is class·1000 plus per-word bonuses (field weight, whole word). Only the order is meaningful.
 */
import * as haystackLayout from './haystack.js';

/** Copied once for the search loop, which weighs fields per candidate: see contactSearch.ts. */
const { LAST_MARKER } = haystackLayout;

/** Score classes, best first. */
export const CLASS_NAME_EXACT = 5;
export const CLASS_NAME_PREFIX = 4;
export const QUALITY_WORD_START = 3;
export const QUALITY_SUBSTRING = 2;
export const QUALITY_TYPO = 1;
export const WHOLE_WORD_BONUS = 5;
/** Bonuses never reach the next class, however many words a query has. */
export const MAX_BONUS = 999;

/** Field weight: name 7 … custom fields 1, from the marker order. */
export function fieldWeight(marker: number): number {
  return LAST_MARKER + 1 - marker;
}
