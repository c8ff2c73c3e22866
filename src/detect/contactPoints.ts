/**
 * Finds the ways to reach a person that text mentions, phone numbers and email addresses, so that they can be
 * resolved to contacts through the local index (reverse lookup). Each comes back with its offsets and the one
 * spelling the index keys it by.
 *
 * Cheap and strict on purpose: one regex pass for phone numbers, one `indexOf('@')` pass for emails, each bounded per
 * candidate, so the cost is linear in the text the caller passes. Numbers are recognised only in the written forms
 * people use for phone numbers (`+14155550123`, `+1 415 555 0123`, `(415) 555-0123`, `415-555-0123`,
 * `415.555.0123`): a bare run of ten digits is far more often a timestamp, an amount or an id than a number, so it is
 * not one here. Digits that continue a longer token (`v1.415.555.0123`, `id-415-555-0123`, `192.168.555.0123`,
 * `415-555-0123-9`) do not count either.
 */
import { DEFAULT_COUNTRY, isNanpCountry, normalizeEmail, normalizePhone } from '../contacts/phone.js';
import { CURSOR_RADIUS } from './window.js';

export type ContactPointKind = 'phone' | 'email';

export interface ContactPoint {
  readonly kind: ContactPointKind;
  /** As written in the text. */
  readonly text: string;
  /** E.164 for phones (`+14155550123`), lower case for emails: what the index is keyed by. */
  readonly normalized: string;
  /** UTF-16 offsets, `end` exclusive, plus the caller's `offset`. */
  readonly start: number;
  readonly end: number;
}

export interface ContactPointOptions {
  /** Country national numbers are read in (ISO 3166 alpha-2, default US). */
  readonly defaultCountry?: string;
  /** Added to every reported position. */
  readonly offset?: number;
  /** Most points reported per kind; the rest are ignored (default 10,000). */
  readonly limit?: number;
}

const DEFAULT_LIMIT = 10_000;

/**
 * The phone number forms, tried at each position where the left guard allows one to start:
 * 1. compact E.164, `+14155550123`;
 * 2. `+1` and a North American number with optional separators, `+1 (415) 555-0123`, `+1.415.555.0123`;
 * 3. another country code and groups each after a separator, `+44 20 7946 0958` (a separator is required between
 *    groups, so the groups of a digit run cannot be split in many ways: backtracking stays linear);
 * 4. only where the default country is outside NANP: a national number, a first group (or one in parentheses) and
 *    up to six more of at least two digits, the first after any separator, the others all after one and the same
 *    (`020 7946 0958`, `06 12 34 56 78`, `030/901820`, `(11) 91234-5678`, `020-123 4567`; not `10:15 1.2.3`). Taken
 *    whole or not at all (an atomic group: a lookahead and a back-reference), so a number followed by more of a
 *    token is not cut to a shorter one;
 * 5. a North American national number, `(415) 555-0123`, `415-555-0123`, `415.555.0123`, `415 555 0123`, with an
 *    optional leading `1`. Without parentheses both separators must be the same, so `415-555.0123` (a version, a
 *    range) is not a number.
 *
 * Left guard: not after a letter, digit or `_`, nor after `+ @ $ # % & / \ -` (ids, paths, amounts, negative
 * numbers), nor after a letter or digit and `.` (versions, addresses); a comma may come before one (CSV). Right
 * guard: not before a letter, digit, `_`, `@` or `+`, nor before `.`, `-` or `/` and another digit (a longer run).
 */
const LEFT_GUARD = String.raw`(?<![\w+@$#%&/\\\-]|\w\.)`;
const RIGHT_GUARD = String.raw`(?![\w@+]|[.\-/]\d)`;
const INTERNATIONAL_FORMS = [
  String.raw`\+[1-9]\d{6,14}`,
  String.raw`\+1[ .\-]?(?:\(\d{3}\)|\d{3})[ .\-]?\d{3}[ .\-]?\d{4}`,
  String.raw`\+[2-9]\d{0,2}(?:[ .\-]\(?\d{1,12}\)?){1,6}`,
];
const NATIONAL_FORM =
  String.raw`(?=(?<national>(?:\(\d{1,5}\) ?|\d{1,5}[ .\-/])(?:\d{2,8}(?<groupSep>[ .\-])(?:\d{2,8}\k<groupSep>){0,4})?\d{2,8}))` +
  String.raw`\k<national>`;
const NANP_FORM = String.raw`(?:1[ .\-]?)?(?:\(\d{3}\) ?\d{3}[ .\-]\d{4}|\d{3}(?<sep>[ .\-])\d{3}\k<sep>\d{4})`;

function phoneRegex(forms: readonly string[]): RegExp {
  return new RegExp(`${LEFT_GUARD}(?:${forms.join('|')})${RIGHT_GUARD}`, 'g');
}

/** Where the default country is a NANP member. */
const PHONE = phoneRegex([...INTERNATIONAL_FORMS, NANP_FORM]);
/** Everywhere else: national numbers come in many groupings. */
const PHONE_OR_NATIONAL = phoneRegex([...INTERNATIONAL_FORMS, NATIONAL_FORM, NANP_FORM]);

/** Written with spaces only: in a table of numbers (`300 200 1000 4000`) such a run is ambiguous. */
const SPACED_ONLY = /^[\d ]+$/;

/**
 * What form 4 takes that is no phone number: a date (`2024-01-15`, `15.01.2024`, `12/31/24`), a time written with
 * dots (`10.15.30`), a decimal number (`3.14159`) or an IPv4 address. Some of these are valid numbers somewhere
 * (`20240115` and `314159` in Germany).
 */
const NOT_A_NUMBER =
  /^(?:\d{4}([-./])\d{1,2}\1\d{1,2}|\d{1,2}([-./])\d{1,2}\2\d{2}(?:\d{2})?|\d+\.\d+|\d{1,3}(?:\.\d{1,3}){3})$/;

export function findPhones(text: string, options: ContactPointOptions = {}): ContactPoint[] {
  const country = options.defaultCountry ?? DEFAULT_COUNTRY;
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const found: ContactPoint[] = [];
  const nanp = isNanpCountry(country);
  const regex = nanp ? PHONE : PHONE_OR_NATIONAL;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (found.length < limit && (match = regex.exec(text)) !== null) {
    const written = match[0];
    const start = match.index;
    const end = start + written.length;
    if (SPACED_ONLY.test(written) && (isDigitThenSpace(text, start - 2) || isSpaceThenDigit(text, end))) {
      continue;
    }
    if (!nanp && match.groups?.['national'] !== undefined && NOT_A_NUMBER.test(written)) {
      continue;
    }
    const normalized = normalizePhone(written, country);
    if (normalized !== undefined) {
      found.push({ kind: 'phone', text: written, normalized, start: offset + start, end: offset + end });
    }
  }
  return found;
}

function isDigitThenSpace(text: string, at: number): boolean {
  return at >= 0 && isDigit(text.charCodeAt(at)) && text.charCodeAt(at + 1) === 32;
}

function isSpaceThenDigit(text: string, at: number): boolean {
  return text.charCodeAt(at) === 32 && isDigit(text.charCodeAt(at + 1));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** RFC 5321 limits: 64 characters before the `@`, 253 after it. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_LABEL = 63;

/** Letters, digits and the punctuation addresses use in practice: `.`, `_`, `%`, `+`, `-`. */
function isLocalChar(code: number): boolean {
  return isAlphanumeric(code) || code === 46 || code === 95 || code === 37 || code === 43 || code === 45;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Email addresses, ASCII only: a local part of letters, digits and `._%+-` (not starting or ending with a dot, no
 * two dots together), `@`, and a domain of at least two labels whose last is letters only. A trailing dot or hyphen
 * is sentence punctuation, not part of the domain. Not URL credentials (`https://user@host`), not an address glued to
 * more token characters (`a@b.com_old`, `a@b.com@c`).
 */
export function findEmails(text: string, options: ContactPointOptions = {}): ContactPoint[] {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const found: ContactPoint[] = [];
  let searchFrom = 0;
  for (let at = text.indexOf('@'); at !== -1 && found.length < limit; at = text.indexOf('@', searchFrom)) {
    searchFrom = at + 1;
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL + 1 && isLocalChar(text.charCodeAt(start - 1))) {
      start--;
    }
    if (at - start > MAX_LOCAL) {
      continue;
    }
    // A local part may not start with a dot: `...ada@x.com` is `ada@x.com`.
    while (start < at && text.charCodeAt(start) === 46) {
      start++;
    }
    const before = start > 0 ? text.charCodeAt(start - 1) : -1;
    if (start === at || before === 47 || before === 64 || before === 92 || text.charCodeAt(at - 1) === 46) {
      continue;
    }
    if (hasDoubleDot(text, start, at)) {
      continue;
    }
    const end = domainEnd(text, at + 1);
    if (end < 0) {
      continue;
    }
    const after = end < text.length ? text.charCodeAt(end) : -1;
    if (after === 64 || after === 95) {
      continue;
    }
    const written = text.slice(start, end);
    // An address read here has no space and only ASCII, so without an upper-case letter it is its own key. Skipping
    // normalizeEmail then matters: trim and toLowerCase on a slice of a long text cost about as much as finding it.
    const normalized = hasUpperCase(text, start, end) ? normalizeEmail(written) : written;
    found.push({ kind: 'email', text: written, normalized, start: offset + start, end: offset + end });
    searchFrom = end;
  }
  return found;
}

function hasUpperCase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) {
      return true;
    }
  }
  return false;
}

function hasDoubleDot(text: string, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) {
    if (text.charCodeAt(i) === 46 && text.charCodeAt(i - 1) === 46) {
      return true;
    }
  }
  return false;
}

/**
 * Where a valid domain starting at `from` ends (exclusive), or -1 if there is none. Reads the labels in place: this
 * runs at every `@`, and splitting the domain into strings was most of an email's cost.
 */
function domainEnd(text: string, from: number): number {
  let end = from;
  const max = Math.min(text.length, from + MAX_DOMAIN + 1);
  while (end < max && (isAlphanumeric(text.charCodeAt(end)) || text.charCodeAt(end) === 46 || text.charCodeAt(end) === 45)) {
    end++;
  }
  if (end - from > MAX_DOMAIN) {
    return -1;
  }
  // Sentence punctuation after an address: `write to ada@x.com.`
  while (end > from && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) {
    end--;
  }
  let labels = 0;
  let label = from;
  for (let i = from; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== 46) {
      continue;
    }
    if (i === label || i - label > MAX_LABEL || text.charCodeAt(label) === 45 || text.charCodeAt(i - 1) === 45) {
      return -1;
    }
    labels++;
    if (i < end) {
      label = i + 1;
    }
  }
  if (labels < 2) {
    return -1;
  }
  // `label` is now where the last label starts.
  let letters = end - label >= 2;
  for (let i = label; letters && i < end; i++) {
    letters = isLetter(text.charCodeAt(i));
  }
  // Internationalised top-level domains are written `xn--…` in ASCII.
  return letters || /^xn--[a-z0-9-]+$/i.test(text.slice(label, end)) ? end : -1;
}

/** Phones and emails in `text`, sorted by start. They cannot overlap: a phone never contains `@`. */
export function findContactPoints(text: string, options: ContactPointOptions = {}): ContactPoint[] {
  const emails = findEmails(text, options);
  const phones = findPhones(text, options);
  if (emails.length === 0 || phones.length === 0) {
    return phones.length === 0 ? emails : phones;
  }
  // Both are sorted: one merge. Digits inside an address (`ada.4155550123@x.com`) are the address's, not a number.
  const merged: ContactPoint[] = [];
  let e = 0;
  for (const phone of phones) {
    while (e < emails.length && (emails[e]).end <= phone.start) {
      merged.push(emails[e++]);
    }
    const next = emails[e];
    if (next === undefined || phone.end <= next.start) {
      merged.push(phone);
    }
  }
  while (e < emails.length) {
    merged.push(emails[e++]);
  }
  return merged;
}


/**
 * The phone number or email at `position` in `text` (containing it, or ending exactly there, for a cursor just after
 * one), reading only a window around the position, so the cost does not depend on the length of `text`.
 */
export function contactPointAt(
  text: string,
  position: number,
  options: Pick<ContactPointOptions, 'defaultCountry'> = {},
): ContactPoint | undefined {
  const start = Math.max(0, position - CURSOR_RADIUS);
  const end = Math.min(text.length, position + CURSOR_RADIUS);
  const window = text.slice(start, end);
  let endingHere: ContactPoint | undefined;
  for (const point of findContactPoints(window, { ...options, offset: start })) {
    // A point touching a cut edge of the window may be the middle of a longer token.
    if ((start > 0 && point.start === start) || (end < text.length && point.end === end)) {
      continue;
    }
    if (point.start <= position && position < point.end) {
      return point;
    }
    if (point.end === position) {
      endingHere = point;
    }
  }
  return endingHere;
}
