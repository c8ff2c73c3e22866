/** Phone-like input for the phone and detection properties. */
import fc from 'fast-check';
import { PHONE_REGIONS } from '../../src/contacts/phoneRegions.js';

/** Every region `quo.defaultCountry` offers, the same in lower case, and codes libphonenumber does not know. */
export const region: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PHONE_REGIONS),
  fc.constantFrom(...PHONE_REGIONS).map((code) => code.toLowerCase()),
  fc.constantFrom('', 'ZZ', 'XX', 'zz', 'usa', 'U', '1', 'ＵＳ', 'GB ', '__proto__'),
);

/** Decimal digits of several scripts: only ASCII ones may make a number. */
const DIGIT_SETS = ['0123456789', '０１２３４５６７８９', '٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹', '०१२३४५६७८९', '𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗'];
const asciiDigits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 16 });
const unicodeDigits = fc
  .tuple(fc.constantFrom(...DIGIT_SETS), fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 12 }))
  .map(([set, digits]) => digits.map((d) => [...set][d]).join(''));
const separator = fc.constantFrom(' ', '-', '.', '(', ')', '/', '\u00a0', '\u2009', '\u2013', '', '  ', '\t', '+');
const prefix = fc.constantFrom('', '+', '+0', '+1', '+1 0', '+1 1', '+1 (0', '+1 (1', '011', '011 ', '00', '00 ', '0', '1', '+00', '++');
const extension = fc.constantFrom('', ' ext 12', ' ext. 123456', ' extension 9', 'x7', ' x 1234567', '#12', ' #', 'ext');

/** Phone-like text, or text exactly 40 or 41 characters long (the input limit is 40). */
export const phoneInput: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc
    .tuple(prefix, fc.array(fc.tuple(separator, fc.oneof({ arbitrary: asciiDigits, weight: 4 }, unicodeDigits)), { minLength: 1, maxLength: 6 }), extension)
    .map(([start, groups, ext]) => start + groups.map(([sep, digits]) => sep + digits).join('') + ext), weight: 6 },
  fc.tuple(fc.constantFrom(40, 41), asciiDigits, fc.constantFrom(' ', '-', '0'), fc.constantFrom('+', '', '+1 ', '00'))
    .map(([length, digits, pad, start]) => (start + digits).padEnd(length, pad).slice(0, length)),
  fc.string({ maxLength: 45 }),
);
