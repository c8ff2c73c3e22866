/**
 * The part of libphonenumber-js (with its `min` metadata) that Quo uses. About 120 KB minified, so it is built on its
 * own into `dist/phone.js` and loaded through phoneParser.ts on the first number that needs it, never at activation.
 * Nothing else may import this module's values (an architecture test checks): only phoneParser.ts requires it.
 *
 * Only libphonenumber's parser is used, one candidate at a time with `extract: false`, and its formatter, to show a
 * number as people read it; its text finder is not (far too slow for the editor, and its default leniency drops the
 * `555` numbers used in examples).
 */
import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min';

const LEADING_PLUS = /^\s*\+/;
const NOT_DIGITS = /\D/g;

/**
 * `candidate` (one written number, nothing around it) as E.164 if it counts as a phone number, read in
 * `defaultCountry` (a region code libphonenumber knows, in any case; another or none reads international input only):
 * - international input (`+…`, or the country's international prefix such as `00` or `011`) and every number of
 *   the North American Numbering Plan (country code 1): a **possible** number (right length), and for country code 1
 *   ten digits whose area code starts with 2 to 9, so the `555 01XX` numbers of examples count;
 * - national input of any other country: a **valid** number (a range in use).
 */
export function parsePhone(candidate: string, defaultCountry: string | undefined): string | undefined {
  // libphonenumber knows `GB` only: `gb` would silently read nothing.
  const region = defaultCountry?.toUpperCase();
  const country = region !== undefined && isSupportedCountry(region) ? region : undefined;
  const parsed = parsePhoneNumberFromString(
    candidate,
    country === undefined ? { extract: false } : { defaultCountry: country, extract: false },
  );
  if (parsed === undefined) {
    return undefined;
  }
  const callingCode = parsed.countryCallingCode;
  if (callingCode === '1') {
    // Ten digits: some members' metadata also calls seven-digit local numbers possible, which name no one number.
    const national = parsed.nationalNumber;
    const first = national.charCodeAt(0);
    return national.length === 10 && first >= 50 && first <= 57 && parsed.isPossible() ? parsed.number : undefined;
  }
  // Written with `+`, or with the country's international prefix: the digits end with the calling code and the
  // national number, and something (the prefix) comes before them.
  const digits = candidate.replace(NOT_DIGITS, '');
  const withCode = callingCode + parsed.nationalNumber;
  const international =
    country === undefined ||
    LEADING_PLUS.test(candidate) ||
    callingCode !== getCountryCallingCode(country) ||
    (digits.length > withCode.length && digits.endsWith(withCode));
  return (international ? parsed.isPossible() : parsed.isValid()) ? parsed.number : undefined;
}

/**
 * `e164` as people in `defaultCountry` read it: in national format when it has that country's calling code
 * (`020 7946 0958` in GB, `(415) 555-0123` in the US and in every other member of the North American plan) and that
 * format reads back as the number; in international format otherwise (`+44 20 7946 0958`). Undefined when libphonenumber does not read it as a possible
 * number. `defaultCountry` as for parsePhone; one it does not know shows every number internationally.
 */
export function formatPhone(e164: string, defaultCountry: string | undefined): string | undefined {
  const parsed = parsePhoneNumberFromString(e164, { extract: false });
  if (parsed === undefined || !parsed.isPossible()) {
    return undefined;
  }
  const region = defaultCountry?.toUpperCase();
  const home = region !== undefined && isSupportedCountry(region) && getCountryCallingCode(region) === parsed.countryCallingCode;
  if (home) {
    // Shown nationally only if parsePhone reads that back as the same number, so that what is shown, typed into the
    // search, finds it: outside country code 1 national input must be valid, and a few countries' metadata (GA) read
    // their own national format as another number.
    const national = parsed.formatNational();
    if (parsePhone(national, region) === parsed.number) {
      return national;
    }
  }
  return parsed.formatInternational();
}

/** Every region libphonenumber has numbering rules for (ISO 3166 alpha-2 and a few others such as `AC`), sorted. */
export function phoneRegions(): string[] {
  return [...getCountries()].sort();
}
