/**
 * Page tokens and page selection. A token is opaque to clients; inside it names the position the next page starts
 * at and a fingerprint of the query it belongs to, so a token replayed with other filters is refused like a forged one.
 */

import { hash32 } from './random.js';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,200}$/;

export function fingerprint(parts: readonly (readonly string[])[]): string {
  return hash32(JSON.stringify(parts.map((list) => [...list].sort()))).toString(16).padStart(8, '0');
}

export function encodePageToken(position: number, queryFingerprint: string): string {
  return Buffer.from(JSON.stringify({ p: position, q: queryFingerprint }), 'utf8').toString('base64url');
}

/** The position a token resumes at, or undefined when it is not a token this sandbox issued for this query. */
export function decodePageToken(token: string, queryFingerprint: string, total: number): number | undefined {
  if (!TOKEN_SHAPE.test(token)) {
    return undefined;
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof decoded !== 'object' || decoded === null) {
    return undefined;
  }
  const { p, q } = decoded as { p?: unknown; q?: unknown };
  // Tokens are only issued for a position with something after it, so 0 and the end are forgeries too.
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p >= total || q !== queryFingerprint) {
    return undefined;
  }
  return p;
}

export interface Page {
  /** Positions (indexes into the full, ordered collection) of the items on this page. */
  readonly positions: readonly number[];
  /** Where the next page starts, or null when this page is the last. */
  readonly next: number | null;
}

/** The first index in the ascending `list` whose value is >= `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((list[mid]) < value) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

/**
 * Up to `size` positions from `start` on. `candidates` is either every position below `total` or a few ascending
 * lists of positions (one per requested source or external id) merged without duplicates; `keep` filters further.
 * Costs O(size × lists + lists × log n) per page, never O(n): walking 10,000 contacts stays linear overall.
 */
export function selectPage(
  candidates: 'all' | readonly (readonly number[])[],
  total: number,
  start: number,
  size: number,
  keep: (position: number) => boolean = () => true,
): Page {
  if (candidates === 'all') {
    const end = Math.min(total, start + size);
    const positions = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
    return { positions, next: end < total ? end : null };
  }
  const heads = candidates.map((list) => lowerBound(list, start));
  const positions: number[] = [];
  for (;;) {
    let smallest = Infinity;
    candidates.forEach((list, i) => {
      const value = list[heads[i]];
      if (value !== undefined && value < smallest) {
        smallest = value;
      }
    });
    if (smallest === Infinity) {
      return { positions, next: null };
    }
    candidates.forEach((list, i) => {
      if (list[heads[i]] === smallest) {
        heads[i] = (heads[i]) + 1;
      }
    });
    if (!keep(smallest)) {
      continue;
    }
    // Finding one more than a page's worth is what lets the last page say so, instead of an empty page after it.
    if (positions.length === size) {
      return { positions, next: smallest };
    }
    positions.push(smallest);
  }
}
