import assert from 'node:assert/strict';
import {
  contactPointAt,
  findContactPoints,
  findEmails,
  findPhones,
  type ContactPoint,
} from '../../src/detect/contactPoints.js';
import { countPhoneParses } from './phoneParses.js';

function phones(text: string, defaultCountry?: string): string[] {
  return findPhones(text, defaultCountry === undefined ? {} : { defaultCountry }).map((point) => point.normalized);
}

function written(points: readonly ContactPoint[]): string[] {
  return points.map((point) => point.text);
}

describe('contact points', () => {
  describe('phone numbers', () => {
    it('reads every written form into E.164', () => {
      const forms = [
        '+14155550123',
        '+1 415 555 0123',
        '+1 (415) 555-0123',
        '+1-415-555-0123',
        '+1.415.555.0123',
        '(415) 555-0123',
        '(415)555-0123',
        '415-555-0123',
        '415.555.0123',
        '415 555 0123',
        '1-415-555-0123',
        '1 (415) 555-0123',
      ];
      for (const form of forms) {
        assert.deepEqual(phones(`call ${form} today`), ['+14155550123'], form);
      }
    });

    it('reports where each number is written and what was written', () => {
      const text = 'Ada: (415) 555-0123, Bob: +1 617 555 0131.';
      const found = findPhones(text);
      assert.deepEqual(written(found), ['(415) 555-0123', '+1 617 555 0131']);
      for (const point of found) {
        assert.equal(text.slice(point.start, point.end), point.text);
        assert.equal(point.kind, 'phone');
      }
      assert.deepEqual(
        findPhones(text, { offset: 100 }).map((point) => point.start),
        found.map((point) => point.start + 100),
      );
    });

    it('reads other countries only with their country code', () => {
      assert.deepEqual(phones('London +44 20 7946 0958 office'), ['+442079460958']);
      assert.deepEqual(phones('London +442079460958'), ['+442079460958']);
      assert.deepEqual(phones('(415) 555-0123', 'GB'), []);
      assert.deepEqual(phones('+1 415 555 0123', 'GB'), ['+14155550123']);
      assert.deepEqual(phones('(415) 555-0123', 'CA'), ['+14155550123']);
    });

    it('reads national numbers of the default country outside NANP, with their country code', () => {
      assert.deepEqual(phones('London office: 020 7946 0958, ask for Ada', 'GB'), ['+442079460958']);
      assert.deepEqual(phones('London office: (020) 7946 0958.', 'GB'), ['+442079460958']);
      assert.deepEqual(phones('portable 06 12 34 56 78 ou 06.12.34.56.79', 'FR'), ['+33612345678', '+33612345679']);
      assert.deepEqual(phones('Büro 030/901820, Fax 030 901821', 'DE'), ['+4930901820', '+4930901821']);
      assert.deepEqual(phones('0044 20 7946 0958', 'FR'), ['+442079460958']);
      assert.deepEqual(written(findPhones('Tel: 020 7946 0958 (home)', { defaultCountry: 'gb' })), ['020 7946 0958']);
      // The same text in another country is another number, or none.
      assert.deepEqual(phones('020 7946 0958', 'FR'), []);
      assert.deepEqual(phones('020 7946 0958'), []);
    });

    it('keeps reading +1 numbers outside NANP', () => {
      assert.deepEqual(phones('test line +1 555 010 2030 and +15550102031', 'GB'), ['+15550102030', '+15550102031']);
      assert.deepEqual(phones('+1 (555) 010-2030', 'FR'), ['+15550102030']);
    });

    it('drops national numbers outside NANP that are not valid, or part of a longer token', () => {
      for (const text of ['020 7946 095', '010 0000 0000', '020 7946 0958x', '020 7946 0958-1', 'id-020 7946 0958', 'v2.020 7946']) {
        assert.deepEqual(phones(text, 'GB'), [], text);
      }
      assert.deepEqual(phones('call 555-010-2030', 'FR'), []);
    });

    it('ignores dates, times, decimals, addresses and amounts in any country', () => {
      const text =
        '2024-01-15 2024-01-15T10:00:00Z 10:15:30 1.2.3 3.14159 1,234,567.89 12/31/2024 v10.0.19045 ' +
        '15.01.2024 15/01/2024 2024/01/15 10.15.30 192.168.1.1 1 2 3 4 5 6';
      for (const country of ['GB', 'FR', 'DE', 'IT', 'ES', 'AU', 'NL', 'BR', 'IN', 'JP', 'RU']) {
        assert.deepEqual(phones(text, country), [], country);
      }
    });

    it('parses each number of a text once, however often it is scanned', () => {
      const text = 'Ada 020 7946 0911, Bob 020 7946 0912, Ada again 020 7946 0911';
      assert.deepEqual(phones(text, 'GB'), ['+442079460911', '+442079460912', '+442079460911']);
      const count = countPhoneParses();
      try {
        phones(text, 'GB');
        phones(text, 'GB');
        assert.equal(count.parses, 0);
      } finally {
        count.stop();
      }
    });

    it('finds each number of a list', () => {
      assert.deepEqual(phones('415-555-0123 415-555-0124'), ['+14155550123', '+14155550124']);
      assert.deepEqual(phones('415-555-0123,415-555-0124'), ['+14155550123', '+14155550124']);
      assert.deepEqual(phones('tel:+14155550123'), ['+14155550123']);
      assert.deepEqual(phones('"phone":"+14155550123"'), ['+14155550123']);
    });

    it('ignores digits that are part of a longer token', () => {
      const notNumbers = [
        '4155550123',
        '1700000000123',
        '12415-555-0123',
        '415-555-0123-9',
        '415-555-0123.5',
        'v1.415.555.0123',
        'id-415-555-0123',
        'order_415-555-0123',
        'x415-555-0123',
        '415-555-0123x',
        '192.168.555.0123',
        '$415-555-0123',
        '#415-555-0123',
        '/415/555-0123',
        '+1415555012345',
        '++14155550123',
        'ada+14155550123',
      ];
      for (const text of notNumbers) {
        assert.deepEqual(phones(text), [], text);
      }
    });

    it('ignores dates, times, versions and amounts', () => {
      const text = '2024-01-15 2024-01-15T10:00:00Z 10:15:30 1.2.3 3.14159 1,234,567.89 12/31/2024 v10.0.19045';
      assert.deepEqual(phones(text), []);
    });

    it('needs the same separator twice in a national number', () => {
      assert.deepEqual(phones('415-555.0123'), []);
      assert.deepEqual(phones('415.555-0123'), []);
    });

    it('rejects area codes that cannot exist', () => {
      assert.deepEqual(phones('(115) 555-0123'), []);
      assert.deepEqual(phones('015-555-0123'), []);
    });

    it('does not read a table of space-separated numbers as phone numbers', () => {
      assert.deepEqual(phones('300 200 1000 4000'), []);
      assert.deepEqual(phones('7 300 200 1000'), []);
      assert.deepEqual(phones('call 415 555 0123 now'), ['+14155550123']);
    });

    it('stops at the limit', () => {
      assert.equal(findPhones('415-555-0123 '.repeat(10), { limit: 3 }).length, 3);
    });
  });

  describe('email addresses', () => {
    it('finds addresses and keys them in lower case', () => {
      const text = 'From: Ada <Ada.Lovelace@Analytical-Engines.example>, cc bob+crm@x.co.uk';
      const found = findEmails(text);
      assert.deepEqual(written(found), ['Ada.Lovelace@Analytical-Engines.example', 'bob+crm@x.co.uk']);
      assert.deepEqual(
        found.map((point) => point.normalized),
        ['ada.lovelace@analytical-engines.example', 'bob+crm@x.co.uk'],
      );
      for (const point of found) {
        assert.equal(text.slice(point.start, point.end), point.text);
        assert.equal(point.kind, 'email');
      }
    });

    it('leaves sentence punctuation and quotes out', () => {
      assert.deepEqual(written(findEmails('Write to ada@x.example.')), ['ada@x.example']);
      assert.deepEqual(written(findEmails('"ada@x.example"')), ['ada@x.example']);
      assert.deepEqual(written(findEmails("'ada@x.example'")), ['ada@x.example']);
      assert.deepEqual(written(findEmails('mailto:ada@x.example?subject=hi')), ['ada@x.example']);
      assert.deepEqual(written(findEmails('...ada@x.example')), ['ada@x.example']);
    });

    it('rejects what only looks like an address', () => {
      const notAddresses = [
        'ada@localhost',
        'ada@x.c',
        'ada@x.123',
        'a..b@x.example',
        'ada.@x.example',
        'https://user@host.example/path',
        'ada@x.example@y.example',
        'ada@x.example_backup',
        'ada@-x.example',
        '@x.example',
        'ada@',
        `${'a'.repeat(65)}@x.example`,
        '"><img src=x onerror=alert(1)>@x.example',
      ];
      for (const text of notAddresses) {
        assert.deepEqual(written(findEmails(text)), [], text);
      }
    });

    it('accepts the longest local part allowed', () => {
      assert.equal(findEmails(`${'a'.repeat(64)}@x.example`).length, 1);
    });

    it('accepts internationalised top-level domains in their ASCII form', () => {
      assert.deepEqual(written(findEmails('ada@x.xn--p1ai')), ['ada@x.xn--p1ai']);
    });
  });

  describe('findContactPoints', () => {
    it('returns phones and emails in text order', () => {
      const text = 'ada@x.example (415) 555-0123 bob@y.example +442079460958';
      assert.deepEqual(written(findContactPoints(text)), [
        'ada@x.example',
        '(415) 555-0123',
        'bob@y.example',
        '+442079460958',
      ]);
    });

    it('does not report the digits of an address as a number', () => {
      const found = findContactPoints('ada.+14155550123@x.example and 415-555-0123-ada@x.example');
      assert.deepEqual(
        found.map((point) => point.kind),
        found.map(() => 'email'),
      );
      assert.equal(found.length, 2);
    });
  });

  describe('contactPointAt', () => {
    const text = `${'x '.repeat(500_000)}call (415) 555-0123 or ada@x.example`;

    it('finds the point containing the position, or ending there', () => {
      const phoneAt = text.indexOf('(415)');
      assert.equal(contactPointAt(text, phoneAt + 3)?.normalized, '+14155550123');
      assert.equal(contactPointAt(text, phoneAt + '(415) 555-0123'.length)?.normalized, '+14155550123');
      assert.equal(contactPointAt(text, text.length - 3)?.normalized, 'ada@x.example');
      assert.equal(contactPointAt(text, text.indexOf('call')), undefined);
    });

    it('reads national numbers in the default country', () => {
      const note = 'Meeting notes: London 020 7946 0958, Paris 06 12 34 56 78.';
      const london = contactPointAt(note, note.indexOf('7946'), { defaultCountry: 'GB' });
      assert.equal(london?.normalized, '+442079460958');
      assert.equal(london?.text, '020 7946 0958');
      assert.equal(contactPointAt(note, note.indexOf('34 56'), { defaultCountry: 'FR' })?.normalized, '+33612345678');
      assert.equal(contactPointAt(note, note.indexOf('7946'), { defaultCountry: 'FR' }), undefined);
      assert.equal(contactPointAt(note, note.indexOf('7946')), undefined);
    });

    it('reports positions in the whole text', () => {
      const at = text.indexOf('ada@');
      const point = contactPointAt(text, at);
      assert.equal(point?.start, at);
      assert.equal(point?.end, text.length);
    });
  });
});
