/**
 * A phone number as the form checks it while the user types, and as it is saved: read in `quo.defaultCountry` with
 * the project's parser (libphonenumber, whose chunk loads on the first number that needs it), saved in E.164. What
 * does not read as a number is marked at its field and never sent: Quo would store it as typed, and no hover, search
 * or call list could match it again.
 */
import * as l10n from '@vscode/l10n';
import { DEFAULT_COUNTRY, normalizePhone } from '../phone.js';

/** Why `value` is not a phone number in `country`, as a sentence; undefined when it is one, or empty. */
export function phoneProblem(value: string, country: string = DEFAULT_COUNTRY): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || normalizePhone(trimmed, country) !== undefined) {
    return undefined;
  }
  return l10n.t(
    'This is not a phone number in {0}. For a number in another country, start with + and its country code.',
    country.toUpperCase(),
  );
}

/** `value` in E.164, or undefined when it is not a phone number in `country`. */
export function e164Of(value: string, country: string = DEFAULT_COUNTRY): string | undefined {
  return normalizePhone(value.trim(), country);
}
