/**
 * The whole detection the editor runs over the visible text of a range, for inline names and links: contact ids and
 * links through the detector, and where a country is given phone numbers and email addresses too. Kept apart from
 * the editor code so that the benchmark measures exactly this.
 */
import { findContactPoints, type ContactPoint } from './contactPoints.js';
import type { DetectedId, Detector } from './detector.js';

export interface VisibleTextScan {
  /** Per text, its ids, positions relative to that text. */
  readonly ids: DetectedId[][];
  /** Per text, its phone numbers and emails; empty when no country was given. */
  readonly points: ContactPoint[][];
}

/** `texts`: the visible slice of each line. One detector call for all, so user patterns pay their set-up once. */
export function scanVisibleTexts(texts: readonly string[], detector: Detector, defaultCountry?: string): VisibleTextScan {
  const ids = detector.findAllIn(texts);
  const points = defaultCountry === undefined ? [] : texts.map((text) => findContactPoints(text, { defaultCountry }));
  return { ids, points };
}
