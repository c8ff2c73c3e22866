import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getCountryCallingCode } from 'libphonenumber-js/min';
import { clearPhoneMemo, displayPhone, normalizePhone, PHONE_MEMO_SIZE } from '../../src/contacts/phone.js';
import { PHONE_REGIONS } from '../../src/contacts/phoneRegions.js';
import { parseQuery } from '../../src/contacts/search/query.js';
import { propertySuite } from './harness.js';
import { phoneInput, region } from './phoneText.js';

const E164 = /^\+[1-9]\d{6,14}$/;

/** Input that often is a number somewhere: a known start, national or international, and a few more digits. */
const likelyNumber = fc
  .tuple(
    fc.constantFrom('+44 20 7946 ', '020 7946 ', '+33 6 12 ', '06 12 ', '+49 30 ', '030 ', '+82 2 ', '+82 0', '00 43 ', '+43 1 ', '+81 3 ', '+61 2 ', '+290 ', '+1 415 555 ', '011 44 20 ', '00 1 '),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 2, maxLength: 10 }),
  )
  .map(([start, digits]) => start + digits);

/** A stored number (E.164) of some region's calling code, with 4 to 13 digits after it, when normalizePhone reads it. */
const storedNumber = fc
  .tuple(fc.constantFrom(...PHONE_REGIONS), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 4, maxLength: 13 }))
  .map(([home, digits]) => normalizePhone(`+${getCountryCallingCode(home as Parameters<typeof getCountryCallingCode>[0])}${digits}`))
  .filter((e164): e164 is string => e164 !== undefined);

propertySuite('Properties: phone numbers', [
  {
    name: 'displayPhone never throws, and shows anything that is no number as it was written',
    runs: 2000,
    property: () => fc.property(fc.oneof(phoneInput, likelyNumber), region, (input, country) => {
      const shown = displayPhone(input, country);
      if (normalizePhone(input.trim(), country) === undefined) {
        assert.equal(shown, input);
      }
    }),
  },
  {
    name: 'what displayPhone shows of a stored number, typed into the search in the same country, finds that number',
    runs: 2000,
    property: () => fc.property(storedNumber, region, (e164, country) => {
      const shown = displayPhone(e164, country);
      assert.notEqual(shown, '');
      const { terms } = parseQuery(shown, country);
      const digits = e164.slice(1);
      const [term] = terms;
      assert.equal(terms.length, 1, shown);
      assert.ok(
        term !== undefined && (digits.includes(term.text) || (term.number !== undefined && digits.includes(term.number))),
        `${e164} shown in ${country} as ${shown}`,
      );
    }),
  },
  {
    name: 'normalizePhone gives undefined or E.164 (+ then 7 to 15 digits, no leading 0) in every region',
    runs: 3000,
    property: () => fc.property(phoneInput, region, (input, country) => {
      const result = normalizePhone(input, country);
      assert.ok(result === undefined || E164.test(result), `${JSON.stringify(result)}`);
    }),
  },
  {
    name: 'normalizePhone of its own result gives that result, with a cold memo too',
    runs: 2000,
    property: () => fc.property(fc.oneof(phoneInput, likelyNumber), region, region, (input, country, other) => {
      const result = normalizePhone(input, country);
      // Most hostile input is no number and has nothing to check; likelyNumber keeps the checked share high.
      if (result === undefined) {
        return;
      }
      assert.equal(normalizePhone(result, country), result);
      clearPhoneMemo();
      assert.equal(normalizePhone(result, other), result);
    }),
  },
  {
    name: 'normalizePhone answers the same after PHONE_MEMO_SIZE other inputs evicted its memo entry',
    runs: 12,
    property: () => fc.property(fc.array(fc.tuple(phoneInput, region), { minLength: 1, maxLength: 20 }), fc.nat(), (inputs, salt) => {
      clearPhoneMemo();
      const cold = inputs.map(([input, country]) => normalizePhone(input, country));
      const warm = inputs.map(([input, country]) => normalizePhone(input, country));
      // National numbers of Germany, each parsed once and remembered: enough of them push every earlier answer out.
      for (let i = 0; i < PHONE_MEMO_SIZE; i++) {
        normalizePhone(`030 ${String(1_000_000 + ((salt + i) % 9_000_000)).padStart(7, '0')}`, 'DE');
      }
      const evicted = inputs.map(([input, country]) => normalizePhone(input, country));
      assert.deepEqual(warm, cold);
      assert.deepEqual(evicted, cold);
    }),
  },
]);
