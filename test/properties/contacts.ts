/** Generated contacts for the search and rendering properties: every field may hold hostile text. */
import fc from 'fast-check';
import type { Contact, CustomField } from '../../src/quo/types.js';
import { hostileText, PUNCTUATION } from './arbitraries.js';

/** What a careless or hostile workspace stores in a text field: markup, markdown, links, odd Unicode. */
const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  '[x](command:workbench.action.terminal.new)',
  '![i](https://evil.example/p.png)',
  'https://evil.example/x',
  'www.evil.example',
  'ada@evil.example',
  '<https://evil.example>',
  '$(zap)',
  '&lt;b&gt;',
  '`code`',
  '</style><style>*{display:none}</style>',
  '<!-- x -->',
  '*__~~x~~__*',
  '# heading',
  '> quote',
  '| a | b |\n|---|---|',
  '[x]: https://evil.example',
];

export const fieldText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileText, weight: 3 },
  fc.constantFrom(...MARKUP),
  fc.array(fc.oneof(fc.constantFrom(...MARKUP), hostileText, fc.constantFrom(...PUNCTUATION)), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.string({ unit: fc.constantFrom('a', 'é', 'Z', ' ', '-', "'"), minLength: 1, maxLength: 12 }),
);

const nullable = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arbitrary, { nil: null, freq: 4 });

const labelled = fc.record({ name: fieldText, value: nullable(fieldText) });

const customField: fc.Arbitrary<CustomField> = fc.oneof(
  fc.record({ name: fieldText, type: fc.constantFrom('address', 'string', 'url', 'date') as fc.Arbitrary<'string'>, value: nullable(fieldText) }),
  fc.record({ name: fieldText, type: fc.constant('multi-select' as const), value: nullable(fc.array(fieldText, { maxLength: 4 })) }),
  fc.record({ name: fieldText, type: fc.constant('boolean' as const), value: nullable(fc.boolean()) }),
  fc.record({ name: fieldText, type: fc.constant('number' as const), value: nullable(fc.double({ noNaN: true, noDefaultInfinity: true })) }),
);

const isoDate = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

export const contactArbitrary: fc.Arbitrary<Contact> = fc.record({
  // Quo makes ids: any text, but well-formed and no dot segment (neither can be put in a URL; Quo sends neither).
  id: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), fieldText.filter((id) => id.length > 0 && !/[\ud800-\udfff]/.test(id) && !/^\.{1,2}$/.test(id))),
  externalId: nullable(fieldText),
  source: nullable(fieldText),
  sourceUrl: nullable(fc.oneof(fc.webUrl(), fieldText)),
  defaultFields: fc.record({
    firstName: nullable(fieldText),
    lastName: nullable(fieldText),
    company: nullable(fieldText),
    role: nullable(fieldText),
    emails: fc.array(labelled, { maxLength: 3 }),
    phoneNumbers: fc.array(labelled, { maxLength: 3 }),
  }),
  customFields: fc.array(customField, { maxLength: 5 }),
  createdAt: isoDate,
  updatedAt: isoDate,
  createdByUserId: fieldText,
});
