import assert from 'node:assert/strict';
import { createDetector } from '../../src/detect/detector.js';
import type { Contact } from '../../src/quo/types.js';
import {
  findMentions,
  LineIndex,
  MAX_FILE_CONTACTS,
  mentionLines,
  resolveMentions,
  type MentionResolver,
} from '../../src/sidebar/inFile.js';
import { hexId, makeContact } from './contactFixtures.js';

const { detector } = createDetector();

/** Resolves from a list of contacts the way the index does, counting the lookups. */
function resolverFor(contacts: readonly Contact[], notContacts: readonly string[] = []): MentionResolver & { calls: number } {
  const resolver = {
    calls: 0,
    byId(id: string): Contact | null | undefined {
      resolver.calls++;
      return contacts.find((contact) => contact.id === id) ?? (notContacts.includes(id) ? null : undefined);
    },
    byPhone(e164: string): Contact[] {
      resolver.calls++;
      return contacts.filter((contact) => contact.defaultFields.phoneNumbers.some((phone) => phone.value === e164));
    },
    byEmail(email: string): Contact[] {
      resolver.calls++;
      return contacts.filter((contact) => contact.defaultFields.emails.some((item) => item.value === email));
    },
  };
  return resolver;
}

describe('In this file', () => {
  describe('LineIndex', () => {
    it('counts lines the way VS Code does: \\r\\n, \\n and a lone \\r each end one', () => {
      const text = 'a\r\nb\nc\rd';
      const lines = new LineIndex(text);
      assert.equal(lines.lineCount, 4);
      assert.deepEqual(lines.positionOf(text.indexOf('a')), { line: 0, character: 0 });
      assert.deepEqual(lines.positionOf(text.indexOf('b')), { line: 1, character: 0 });
      assert.deepEqual(lines.positionOf(text.indexOf('c')), { line: 2, character: 0 });
      assert.deepEqual(lines.positionOf(text.indexOf('d')), { line: 3, character: 0 });
      assert.deepEqual(new LineIndex('xyz').positionOf(2), { line: 0, character: 2 });
    });
  });

  describe('findMentions', () => {
    it('finds ids, links, phones and emails with their lines and columns, in text order', () => {
      const text = [
        `owner: ${hexId(1)}`,
        'call (415) 555-0100',
        `see https://my.quo.com/contacts/${hexId(2)}`,
        '  mail ADA@x.example',
      ].join('\n');
      const { mentions, truncated } = findMentions(text, detector);
      assert.equal(truncated, false);
      assert.deepEqual(
        mentions.map((m) => [m.kind, m.key, m.line, m.character]),
        [
          ['id', hexId(1), 0, 7],
          ['phone', '+14155550100', 1, 5],
          ['link', hexId(2), 2, 4],
          ['email', 'ada@x.example', 3, 7],
        ],
      );
      for (const mention of mentions) {
        assert.equal(text.slice(mention.start, mention.end), mention.text);
      }
    });

    it('reads national numbers in the default country', () => {
      assert.equal(findMentions('(415) 555-0100', detector, { defaultCountry: 'GB' }).mentions.length, 0);
      assert.equal(findMentions('(415) 555-0100', detector, { defaultCountry: 'US' }).mentions.length, 1);
    });

    it('drops a mention cut by the end of a capped read', () => {
      const text = `x ${hexId(1)}`;
      assert.equal(findMentions(text, detector, { cutAtEnd: true }).mentions.length, 0);
      assert.equal(findMentions(`${text} `, detector, { cutAtEnd: true }).mentions.length, 1);
    });
  });

  describe('resolveMentions', () => {
    const ada = makeContact(hexId(1), { first: 'Ada', phones: ['+14155550100'], emails: ['ada@x.example'] });
    const charles = makeContact(hexId(2), { first: 'Charles', phones: ['+14155550100'] });
    const mary = makeContact(hexId(3), { first: 'Mary' });

    it('lists each contact once, in the order of its first mention, with every line', () => {
      const text = [`${hexId(3)}`, 'main line (415) 555-0100', '', 'ada@x.example', `again ${hexId(3)}`].join('\n');
      const resolved = resolveMentions(findMentions(text, detector).mentions, resolverFor([ada, charles, mary]));
      assert.deepEqual(
        resolved.contacts.map((entry) => [entry.contact.id, mentionLines(entry.mentions)]),
        [
          [mary.id, [1, 5]],
          [ada.id, [2, 4]],
          [charles.id, [2]],
        ],
      );
      assert.deepEqual(resolved.unknownIds, []);
    });

    it('lists every contact that shares a number', () => {
      const resolved = resolveMentions(findMentions('+1 415 555 0100', detector).mentions, resolverFor([ada, charles, mary]));
      assert.deepEqual(
        resolved.contacts.map((entry) => entry.contact.id),
        [ada.id, charles.id],
      );
    });

    it('reports ids not known yet, and skips ids known not to be contacts', () => {
      const text = `${hexId(9)} ${hexId(8)} ${hexId(9)}`;
      const resolved = resolveMentions(findMentions(text, detector).mentions, resolverFor([], [hexId(8)]));
      assert.deepEqual(resolved.contacts, []);
      assert.deepEqual(resolved.unknownIds, [hexId(9)]);
    });

    it('looks each distinct id, number and address up once', () => {
      const text = Array.from({ length: 200 }, () => `${hexId(1)} (415) 555-0100 ada@x.example`).join('\n');
      const resolver = resolverFor([ada, charles]);
      const resolved = resolveMentions(findMentions(text, detector).mentions, resolver);
      assert.equal(resolver.calls, 3);
      const first = resolved.contacts[0];
      assert.equal(first?.contact.id, ada.id);
      // Ada: her id, the number, her address, on each of 200 lines.
      assert.equal(first?.mentionCount, 600);
      assert.ok((first?.mentions.length ?? 0) < 600);
    });

    it('caps the contacts listed for one file', () => {
      const contacts = Array.from({ length: MAX_FILE_CONTACTS + 10 }, (_, i) => makeContact(hexId(i + 1), { first: `C${i}` }));
      const text = contacts.map((contact) => contact.id).join('\n');
      const resolved = resolveMentions(findMentions(text, detector).mentions, resolverFor(contacts));
      assert.equal(resolved.contacts.length, MAX_FILE_CONTACTS);
      assert.equal(resolved.truncated, true);
    });
  });
});
