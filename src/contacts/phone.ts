/**
 * Phone numbers and email addresses reduced to one spelling each, so a number written `(415) 555-0123` in a file
 * finds the contact Quo stores as `+14155550123`. Deliberately small instead of libphonenumber (hundreds of KB of
 * metadata): Quo stores E.164, so only national input needs rules, and only the North American Numbering Plan gets
 * them. Elsewhere a number has to carry its country code (`+44…`, or `00 44…` where 00 is the international prefix).
 */

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

/** An extension is not part of the number Quo stores: `x12`, `ext. 12`, `extension 12`, `#12`. */
const EXTENSION = /\s*(?:ext(?:ension)?\.?|x|#)\s*\d{1,6}$/i;

/**
 * What may appear in a written number besides digits: spaces (also no-break and thin), hyphens and the Unicode
 * dashes, dots, slashes and parentheses. Anything else (letters, a second `+`) means it is not a number.
 */
const FORMATTING = /^[\d\s\u00a0\u2009\u202f\-\u2010-\u2015.()/]*$/;

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
 * `text` as E.164 (`+` and up to 15 digits), or undefined if it is not a phone number this module can read. National
 * input is read in `defaultCountry` (ISO 3166 alpha-2); only NANP countries have national rules. An input already
 * in E.164 is returned as the same string, so maps keyed by Quo's own values hold no copies.
 */
export function normalizePhone(text: string, defaultCountry: string = DEFAULT_COUNTRY): string | undefined {
  if (E164.test(text)) {
    return isPlausibleInternational(text.slice(1)) ? text : undefined;
  }
  let rest = text.trim();
  if (rest.length === 0 || rest.length > MAX_INPUT_LENGTH) {
    return undefined;
  }
  rest = rest.replace(EXTENSION, '');
  const international = rest.startsWith('+');
  if (international) {
    rest = rest.slice(1);
  }
  if (!FORMATTING.test(rest)) {
    return undefined;
  }
  const digits = phoneDigits(rest);
  if (international) {
    return asInternational(digits);
  }
  if (isNanpCountry(defaultCountry)) {
    // 011 is how North Americans dial out; what follows is a country code and number.
    if (digits.startsWith('011')) {
      return asInternational(digits.slice(3));
    }
    if (digits.length === 10 && isNanpAreaCode(digits, 0)) {
      return `+1${digits}`;
    }
    if (digits.length === 11 && digits.startsWith('1') && isNanpAreaCode(digits, 1)) {
      return `+${digits}`;
    }
    return undefined;
  }
  // 00 is the international prefix in most of the rest of the world.
  return digits.startsWith('00') ? asInternational(digits.slice(2)) : undefined;
}

function asInternational(digits: string): string | undefined {
  return digits.length >= 7 && digits.length <= 15 && digits[0] !== '0' && isPlausibleInternational(digits)
    ? `+${digits}`
    : undefined;
}

/** Country code 1 is always followed by exactly 10 digits, the first of them (the area code's) 2 to 9. */
function isPlausibleInternational(digits: string): boolean {
  return digits[0] !== '1' || (digits.length === 11 && isNanpAreaCode(digits, 1));
}

/**
 * NANP area codes start with 2-9. The exchange (next three digits) is not checked: the 555-01XX range used in
 * examples starts with 0, and Quo stores whatever number the user typed.
 */
function isNanpAreaCode(digits: string, at: number): boolean {
  const first = digits.charCodeAt(at);
  return first >= 50 && first <= 57;
}

/**
 * The address as compared: trimmed and lower-cased. Lower-casing the local part is not RFC 5321, but no mail
 * provider in practice treats `Ada@` and `ada@` as different people. Returns the same string when nothing changes.
 */
export function normalizeEmail(text: string): string {
  return text.trim().toLowerCase();
}
