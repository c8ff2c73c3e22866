/**
 * Phone numbers and email addresses reduced to one spelling each, so a number written `(415) 555-0123` or, with
 * `quo.defaultCountry` set to `GB`, `020 7946 0958` in a file finds the contact Quo stores as `+14155550123` or
 * `+442079460958`. Quo stores E.164; libphonenumber (phoneLibrary.ts, loaded on first use through phoneParser.ts)
 * reads what people write. Which numbers count (phoneLibrary.ts's parsePhone):
 * - international input (`+44 20 7946 0958`, or after the country's international prefix: `00 44…`, `011 44…`) and
 *   every number of the North American Numbering Plan (`+1…`, and national input where the country is a NANP
 *   member): a possible number, and for `+1` an area code starting with 2 to 9 (the `555 01XX` example numbers count);
 * - national input in any other country (`020 7946 0958` in GB, `06 12 34 56 78` in FR): a valid number only.
 *
 * Before the parser, the cheap pre-filter of old: trimmed, an extension dropped, only digits and the characters people
 * format numbers with, a plausible count of digits. Country code 1 never reaches the parser: for it, "possible" is ten
 * digits after the 1, so the rule above is decided by counting (a unit test checks that it agrees with
 * libphonenumber), which keeps the parser (about 30 µs a number, spent finding which of the 25 members a +1 number
 * belongs to) out of the common case. Everything else that is parsed is memoised.
 *
 * displayPhone shows a number as people read it (national format in `quo.defaultCountry`, international otherwise),
 * with the same shortcut for country code 1; only what is shown changes, never what is stored, copied or compared.
 */
import { phoneLibrary } from './phoneParser.js';

/** Countries and territories of the North American Numbering Plan: national numbers are 10 digits after `+1`. */
const NANP_COUNTRIES: ReadonlySet<string> = new Set([
  'US', 'CA', 'AG', 'AI', 'AS', 'BB', 'BM', 'BS', 'DM', 'DO', 'GD', 'GU', 'JM', 'KN', 'KY', 'LC', 'MP', 'MS', 'PR',
  'SX', 'TC', 'TT', 'VC', 'VG', 'VI',
]);

export const DEFAULT_COUNTRY = 'US';

/** Longer input is not one phone number; checking it would only cost time. */
const MAX_INPUT_LENGTH = 40;

/** `+14155550123`: ITU-T E.164 allows at most 15 digits; the shortest numbers in use have 7. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Digits of national input: the shortest numbers libphonenumber knows have 4 (in Niue, Tokelau, Austria, …); the
 * longest input is an international prefix (up to 4 digits), a country code (up to 3) and 15 digits.
 */
const MIN_NATIONAL_DIGITS = 4;
const MAX_NATIONAL_DIGITS = 22;

/** An extension is not part of the number Quo stores: `x12`, `ext. 12`, `extension 12`, `#12`. */
const EXTENSION = /\s*(?:ext(?:ension)?\.?|x|#)\s*\d{1,6}$/i;

/**
 * What may appear in a written number besides digits: spaces (also no-break and thin), hyphens and the Unicode
 * dashes, dots, slashes and parentheses. Anything else (letters, a second `+`) means it is not a number.
 */
const FORMATTING = /^[\d\s\u00a0\u2009\u202f\-\u2010-\u2015.()/]*$/;

/**
 * Parser answers (E.164, or null for "not a number"), keyed by `+digits` for international input (read the same in
 * every country) and `COUNTRY:digits` for national input. Bounded: the oldest answer goes first. A visible range, a
 * file's mentions or a typed query repeat the same few numbers; an index of many numbers outside NANP parses each
 * once per sync anyway.
 */
export const PHONE_MEMO_SIZE = 4096;
const memo = new Map<string, string | null>();

/**
 * Told of each call into libphonenumber (a parse or a format), when set. Nothing sets it in production; unit tests
 * count with it, to prove the memo works without timing anything.
 */
let parseObserver: (() => void) | undefined;

/** Sets the one observer of calls into libphonenumber, or with undefined removes it. */
export function observePhoneParses(observer: (() => void) | undefined): void {
  parseObserver = observer;
}

export function isNanpCountry(country: string): boolean {
  return NANP_COUNTRIES.has(country.toUpperCase());
}

/** The digits of `text`, in order; everything else dropped. */
export function phoneDigits(text: string): string {
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      digits += text[i];
    }
  }
  return digits;
}

/**
 * `text` as E.164 (`+` and up to 15 digits), or undefined if it is not a phone number (see the rules above). National
 * input is read in `defaultCountry`, a region code libphonenumber knows, in any case (`gb` is `GB`); in a code it
 * does not know, only international input is read. An input already in E.164 is returned as the same string, so maps
 * keyed by Quo's own values hold no copies.
 */
export function normalizePhone(text: string, defaultCountry: string = DEFAULT_COUNTRY): string | undefined {
  if (E164.test(text)) {
    return international(text.slice(1), text);
  }
  let rest = text.trim();
  if (rest.length === 0 || rest.length > MAX_INPUT_LENGTH) {
    return undefined;
  }
  rest = rest.replace(EXTENSION, '');
  const plus = rest.startsWith('+');
  if (plus) {
    rest = rest.slice(1);
  }
  if (!FORMATTING.test(rest)) {
    return undefined;
  }
  const digits = phoneDigits(rest);
  return plus ? international(digits, undefined) : national(digits, defaultCountry.toUpperCase());
}

/** The number after a `+`. `written` is the input when it already was E.164: returned as it is when it counts. */
function international(digits: string, written: string | undefined): string | undefined {
  if (digits.length < 7 || digits.length > 15 || digits.charCodeAt(0) === 48) {
    return undefined;
  }
  if (digits.charCodeAt(0) === 49) {
    // Country code 1: possible means exactly ten more digits.
    return digits.length === 11 && isNanpAreaCode(digits, 1) ? (written ?? `+${digits}`) : undefined;
  }
  const key = written ?? `+${digits}`;
  const found = stable(key, parsed(key, key, undefined));
  return found === written ? written : found;
}

/**
 * `found`, if it reads as itself: libphonenumber may drop a trunk prefix (`+82 0…`) or read an international prefix
 * (`00 43…` in AC) into a number that, given back, it reads as another or as none. Such an answer would key the
 * index one way and the lookup another, and depend on what the memo still holds.
 */
function stable(key: string, found: string | undefined): string | undefined {
  return found === undefined || found === key || parsed(found, found, undefined) === found ? found : undefined;
}

function national(digits: string, country: string): string | undefined {
  if (digits.length < MIN_NATIONAL_DIGITS || digits.length > MAX_NATIONAL_DIGITS) {
    return undefined;
  }
  if (NANP_COUNTRIES.has(country)) {
    // 011 is how North Americans dial out; what follows is a country code and number.
    if (digits.startsWith('011')) {
      return international(digits.slice(3), undefined);
    }
    if (digits.length === 10 && isNanpAreaCode(digits, 0)) {
      return `+1${digits}`;
    }
    if (digits.length === 11 && digits.charCodeAt(0) === 49 && isNanpAreaCode(digits, 1)) {
      return `+${digits}`;
    }
    return undefined;
  }
  const found = parsed(`${country}:${digits}`, digits, country);
  if (found !== undefined && found.endsWith(digits.replace(LEADING_ZEROS, '')) && !memo.has(found)) {
    // Read as written, only a trunk or international prefix dropped: given back, the number reads as itself, and it is
    // what the index is asked next, so it is remembered as it is rather than parsed again.
    remember(found, found);
  }
  return stable(digits, found);
}

const LEADING_ZEROS = /^0+/;

/** libphonenumber's answer for `candidate` (digits, after `+` for international input), through the memo. */
function parsed(key: string, candidate: string, country: string | undefined): string | undefined {
  const known = memo.get(key);
  if (known !== undefined) {
    return known ?? undefined;
  }
  parseObserver?.();
  // libphonenumber reads some long national input (`30000 000000000` in DE) as 16 digits, more than E.164 allows.
  const parsedNumber = phoneLibrary().parsePhone(candidate, country);
  const found = parsedNumber !== undefined && E164.test(parsedNumber) ? parsedNumber : undefined;
  remember(key, found ?? null);
  return found;
}

function remember(key: string, value: string | null): void {
  if (memo.size >= PHONE_MEMO_SIZE && !memo.has(key)) {
    memo.delete(memo.keys().next().value as string);
  }
  memo.set(key, value);
}

/** Forgets every parser answer and format (for tests). */
export function clearPhoneMemo(): void {
  memo.clear();
  shownMemo.clear();
}

/** NANP area codes start with 2-9. The exchange is not checked: the 555-01XX example range starts with 0. */
function isNanpAreaCode(digits: string, at: number): boolean {
  const first = digits.charCodeAt(at);
  return first >= 50 && first <= 57;
}

/**
 * How a number is shown, keyed by `COUNTRY:E.164`: libphonenumber's format, or null when it gave none. Bounded like
 * the parser's answers; the numbers on screen are few.
 */
const shownMemo = new Map<string, string | null>();

/**
 * `value` (a number as Quo stores it, E.164, or as written anywhere) as people in `defaultCountry` read it: national
 * format for a number of that country's calling code (`(555) 100-7919` for `+15551007919` in the US, `020 7946 0958`
 * for `+442079460958` in GB), international format otherwise (`+44 20 7946 0958` in the US). For showing only:
 * copies, links and keys keep the stored value. Anything normalizePhone does not read as one number (or with an
 * extension, which formatting would drop) is returned as it was written, for the caller to clean and escape as before.
 *
 * Country code 1 is formatted here, as normalizePhone reads it here: `(NXX) NXX-XXXX` in a member of the plan,
 * `+1 NXX NXX XXXX` elsewhere (a unit test checks that this agrees with libphonenumber). Other numbers load the library
 * on first use and are memoised.
 */
export function displayPhone(value: string, defaultCountry: string = DEFAULT_COUNTRY): string {
  const written = value.trim();
  if (written === '' || EXTENSION.test(written)) {
    return value;
  }
  const e164 = normalizePhone(written, defaultCountry);
  if (e164 === undefined) {
    return value;
  }
  const country = defaultCountry.toUpperCase();
  if (e164.charCodeAt(1) === 49) {
    // normalizePhone answers +1 numbers only with ten digits after the 1.
    const [area, exchange, line] = [e164.slice(2, 5), e164.slice(5, 8), e164.slice(8)];
    return NANP_COUNTRIES.has(country) ? `(${area}) ${exchange}-${line}` : `+1 ${area} ${exchange} ${line}`;
  }
  const key = `${country}:${e164}`;
  let shown = shownMemo.get(key);
  if (shown === undefined) {
    parseObserver?.();
    shown = phoneLibrary().formatPhone(e164, country) ?? null;
    if (shownMemo.size >= PHONE_MEMO_SIZE) {
      shownMemo.delete(shownMemo.keys().next().value as string);
    }
    shownMemo.set(key, shown);
  }
  return shown ?? value;
}

/**
 * The address as compared: trimmed and lower-cased. Lower-casing the local part is not RFC 5321, but no mail
 * provider in practice treats `Ada@` and `ada@` as different people. Returns the same string when nothing changes.
 */
export function normalizeEmail(text: string): string {
  return text.trim().toLowerCase();
}
