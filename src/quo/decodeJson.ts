/**
 * What every decoder of Quo's answers (decodeContacts.ts, decodeWorkspace.ts, decodeActivity.ts, decodeResources.ts)
 * is built of: DecodeError and the readers that take a JSON value as one type or fail with its path.
 *
 * The decoders turn JSON from the API into typed values without trusting it. A wrong field fails with the path of
 * that field (`data.defaultFields.emails[1].value: expected string or null, got number`), so a decode error in a log
 * says exactly what Quo sent. Only what the extension reads is decoded strictly: a field it never reads is skipped
 * whatever it holds (null, missing, another type), since servers drift from the spec where nobody looks and one such
 * field would refuse a whole page, or a valid key. Unknown enum values read as `unknown`: the API may grow. Fields
 * the spec requires must be there; those it marks nullable, or whose description says they may be null, may be null.
 */
import type { Unknown } from './types.js';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: unknown,
    /** For customer content (a message, a summary, a transcript): the message names the type, never quotes a text. */
    hideValue = false,
  ) {
    super(`${path}: expected ${expected}, got ${hideValue && typeof actual === 'string' ? 'string' : describeValue(actual)}`);
  }
}

function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'string') {
    return value.length > 40 ? `string "${value.slice(0, 40)}…"` : `string "${value}"`;
  }
  return typeof value;
}

/**
 * Decodes customer content (a message, a call's summary or transcript, a voicemail) or a value that may hold a secret
 * (a webhook's url), whose errors name the field at fault and its type, never its value: a decode error is logged,
 * and what sits in the wrong field may be the text itself.
 */
export function quotingNothing<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof DecodeError) {
      throw new DecodeError(error.path, error.expected, error.actual, true);
    }
    throw error;
  }
}

export type Json = Record<string, unknown>;

export function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecodeError(path, 'object', value);
  }
  return value as Json;
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new DecodeError(path, 'array', value);
  }
  return value;
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    throw new DecodeError(path, 'string', value);
  }
  return value;
}

export function nullableString(value: unknown, path: string): string | null {
  if (value === null) {
    return null;
  }
  if (typeof value !== 'string') {
    throw new DecodeError(path, 'string or null', value);
  }
  return value;
}

/** Fields the spec marks optional: absent, and (leniently) null, both mean "not given". */
export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : string(value, path);
}

/** A known enum value, or `unknown` for a string this version does not know (see `Unknown`). */
export function oneOf<T extends string>(value: unknown, known: readonly T[], path: string): T | Unknown {
  const text = string(value, path);
  return (known as readonly string[]).includes(text) ? (text as T) : 'unknown';
}

export function finiteNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DecodeError(path, 'number', value);
  }
  return value;
}

export function strings(value: unknown, path: string): string[] {
  return array(value, path).map((item, i) => string(item, `${path}[${i}]`));
}

export function nullableStrings(value: unknown, path: string): string[] | null {
  return value === null ? null : strings(value, path);
}

/** Required in the spec and nullable: it must be there, as a value or as null. */
export function present(item: Json, key: string, path: string): unknown {
  if (!(key in item)) {
    throw new DecodeError(`${path}.${key}`, 'a value or null', undefined);
  }
  return item[key];
}

/** A field nothing reads: kept when it is a string, null for anything else, never a failure. */
export function unreadString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export interface Page<T> {
  readonly items: T[];
  readonly totalItems: number;
  readonly nextPageToken: string | null;
}

/** `{ data: T[], totalItems, nextPageToken }`, read as leniently as the contact pages always were. */
export function page<T>(body: unknown, decode: (value: unknown, path: string) => T): Page<T> {
  const outer = object(body, 'body');
  const token = outer['nextPageToken'];
  const totalItems = outer['totalItems'];
  return {
    items: array(outer['data'], 'data').map((item, i) => decode(item, `data[${i}]`)),
    totalItems: typeof totalItems === 'number' ? totalItems : 0,
    nextPageToken: token === undefined ? null : nullableString(token, 'nextPageToken'),
  };
}
