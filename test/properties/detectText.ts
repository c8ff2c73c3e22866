/** Text for the detection properties: ids, links, numbers and addresses, near misses, glued to hostile noise. */
import fc from 'fast-check';
import { GeneratedText, hostilePiece } from './arbitraries.js';
import { phoneInput } from './phoneText.js';

const hex = (min: number, max: number, digits = '0123456789abcdef'): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...digits), minLength: min, maxLength: max });

const host = fc.constantFrom(
  'https://my.quo.com', 'http://app.openphone.com', 'my.openphone.com', 'openphone.co', 'https://api.quo.com/v1',
  'HTTPS://MY.QUO.COM:8443', 'quo.com', 'notquo.com', 'me@quo.com', 'x.quo.com.evil', 'https://my.quo.com/v1/v1',
);
const segment = fc.oneof(
  hex(24, 24),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('%2F', '%E0%A4%A', '..', '%2e%2e', 'a%20b', 'abc.', 'abc?x=1', 'abc#frag', 'x'.repeat(256), 'y'.repeat(257)),
);

const token: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hex(24, 24), weight: 3 },
  hex(20, 41),
  hex(24, 24, '0123456789ABCDEF'),
  fc.tuple(fc.constantFrom('AC', 'ac', 'AC_'), hex(22, 36)).map(([prefix, digits]) => prefix + digits),
  { arbitrary: fc.tuple(host, fc.constantFrom('/contacts/', '/contacts//', '/Contacts/'), segment).map((parts) => parts.join('')), weight: 3 },
  { arbitrary: phoneInput, weight: 3 },
  fc.constantFrom('+1 (415) 555-0123', '415-555-0123', '020 7946 0958', '+44 20 7946 0958', '06 12 34 56 78', '2024-01-15', '192.168.1.10'),
  fc.tuple(fc.string({ unit: fc.constantFrom(...'abz09._%+-'), minLength: 1, maxLength: 10 }), fc.constantFrom('@', '@@'), fc.constantFrom('x.com', 'sub.example.org', 'b', 'xn--p1ai', 'a.b-', 'quo.com/contacts/x'))
    .map((parts) => parts.join('')),
);
const glue = fc.oneof(fc.constantFrom(' ', '\n', '', '_', '/', '(', '"', '.', ',', 'a', '9', '#', '@', '+', '-', '\t'), hostilePiece);

/** A few hundred characters of tokens and glue. */
export const detectText: fc.Arbitrary<string> = fc
  .array(fc.tuple(glue, token), { maxLength: 24 })
  .map((parts) => parts.flat().join(''));

/** The same kind of text repeated to a megabyte and more. */
export const megabyteText: fc.Arbitrary<GeneratedText> = fc
  .tuple(detectText.filter((text) => text.length > 0), fc.integer({ min: 1_000_000, max: 1_200_000 }))
  .map(([piece, length]) => new GeneratedText({ piece, length }));
