/**
 * The tools' input as a model sends it: checked here, so malformed input gets a sentence back instead of a throw, and
 * bounded, so one call cannot ask Quo about a whole log. Plain: unit tests run it.
 */
import * as l10n from '@vscode/l10n';
import type { ContactPoint } from '../detect/contactPoints.js';
import type { DetectedId } from '../detect/match.js';

/** The most text one lookup reads (UTF-8 bytes). */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** The most distinct things one lookup asks about; the answer says how many more there were. */
export const MAX_THINGS = 20;
export const SEARCH_LIMIT = { min: 1, max: 50, default: 10 } as const;
export const ACTIVITY_LIMIT = { min: 1, max: 20, default: 10 } as const;
const MAX_QUERY = 200;
const MAX_ID = 256;

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

function field(input: unknown, name: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
}

function limitOf(input: unknown, bounds: { readonly min: number; readonly max: number; readonly default: number }): number | string {
  const limit = field(input, 'limit');
  if (limit === undefined || limit === null) {
    return bounds.default;
  }
  return typeof limit === 'number' && Number.isInteger(limit) && limit >= bounds.min && limit <= bounds.max
    ? limit
    : l10n.t('"limit" must be a whole number from {0} to {1}.', bounds.min, bounds.max);
}

export function lookupInput(input: unknown): Checked<{ readonly text: string }> {
  const text = field(input, 'text');
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: false, problem: l10n.t('Give the text to look in as "text": a log excerpt, a payload or a ticket.') };
  }
  // Counted without copying: at most 3 UTF-8 bytes a UTF-16 unit, so short text is certainly under the bound.
  if (text.length * 3 > MAX_TEXT_BYTES && new TextEncoder().encode(text).length > MAX_TEXT_BYTES) {
    return { ok: false, problem: l10n.t('The text is over 1 MB: pass only the part that mentions the contacts.') };
  }
  return { ok: true, value: { text } };
}

export function searchInput(input: unknown): Checked<{ readonly query: string; readonly limit: number }> {
  const query = field(input, 'query');
  if (typeof query !== 'string' || query.trim() === '') {
    return { ok: false, problem: l10n.t('Give what to search for as "query": a name, a company, an email or a phone number.') };
  }
  if (query.length > MAX_QUERY) {
    return { ok: false, problem: l10n.t('The query is over {0} characters.', MAX_QUERY) };
  }
  const limit = limitOf(input, SEARCH_LIMIT);
  return typeof limit === 'string' ? { ok: false, problem: limit } : { ok: true, value: { query: query.trim(), limit } };
}

export function activityInput(input: unknown): Checked<{ readonly contactId: string; readonly limit: number }> {
  const contactId = field(input, 'contactId');
  if (typeof contactId !== 'string' || contactId.trim() === '' || contactId.length > MAX_ID) {
    return { ok: false, problem: l10n.t('Give the Quo contact id as "contactId" (for example one the lookup or search tool found).') };
  }
  const limit = limitOf(input, ACTIVITY_LIMIT);
  return typeof limit === 'string' ? { ok: false, problem: limit } : { ok: true, value: { contactId: contactId.trim(), limit } };
}

export type IdThingKind = 'contact-id' | 'activity-id' | 'line-id' | 'user-id' | 'webhook-id';

const ID_THING: Readonly<Record<DetectedId['kind'], IdThingKind>> = {
  id: 'contact-id',
  link: 'contact-id',
  custom: 'contact-id',
  activity: 'activity-id',
  line: 'line-id',
  user: 'user-id',
  webhook: 'webhook-id',
};

/** One thing a text mentions that the lookup answers about. */
export type Thing =
  | { readonly kind: IdThingKind; readonly id: string; readonly start: number }
  | { readonly kind: 'phone' | 'email'; readonly written: string; readonly normalized: string; readonly start: number };

/** What a text mentions, each once, in the order written, at most MAX_THINGS; `more` counts the rest. */
export function thingsIn(ids: readonly DetectedId[], points: readonly ContactPoint[]): { readonly things: Thing[]; readonly more: number } {
  const seen = new Set<string>();
  const all: Thing[] = [];
  for (const found of ids) {
    const kind = ID_THING[found.kind];
    if (!seen.has(`${kind} ${found.id}`)) {
      seen.add(`${kind} ${found.id}`);
      all.push({ kind, id: found.id, start: found.start });
    }
  }
  for (const point of points) {
    // Digits inside an id or a link are the id's, not a phone number.
    if (ids.some((found) => point.start < found.end && found.start < point.end)) {
      continue;
    }
    if (!seen.has(`${point.kind} ${point.normalized}`)) {
      seen.add(`${point.kind} ${point.normalized}`);
      all.push({ kind: point.kind, written: point.text, normalized: point.normalized, start: point.start });
    }
  }
  all.sort((a, b) => a.start - b.start);
  return { things: all.slice(0, MAX_THINGS), more: Math.max(0, all.length - MAX_THINGS) };
}
