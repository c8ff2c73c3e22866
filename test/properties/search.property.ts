import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ContactIndex } from '../../src/contacts/contactIndex.js';
import { foldText } from '../../src/contacts/search/folding.js';
import { parseQuery } from '../../src/contacts/search/query.js';
import type { Contact, ContactPage } from '../../src/quo/types.js';
import { countPhoneParses } from '../unit/phoneParses.js';
import { anyText, GeneratedText, hostileText, latin1Recipe } from './arbitraries.js';
import { contactArbitrary, fieldText } from './contacts.js';
import { propertySuite } from './harness.js';

/** The most one UTF-16 unit grows to: NFKD writes U+FDFA as 18 characters, and `ß` becomes `ss`. */
const MAX_FOLD_GROWTH = 18;

async function indexOf(contacts: readonly Contact[]): Promise<ContactIndex> {
  const pager = {
    async *listAllContacts(): AsyncGenerator<ContactPage> {
      yield { contacts: [...contacts], totalItems: contacts.length, nextPageToken: null };
    },
  };
  const index = new ContactIndex({ client: () => pager });
  const state = await index.sync();
  assert.equal(state.status, 'complete');
  return index;
}

const contactSets = fc.uniqueArray(contactArbitrary, { minLength: 1, maxLength: 12, selector: (contact) => contact.id });

propertySuite('Properties: folding and search', [
  {
    name: 'foldText never throws, on 130,000+ characters of Latin-1, a megabyte of punctuation, lone surrogates, combining and RTL marks',
    runs: 40,
    property: () => fc.property(anyText, ({ text }) => {
      foldText(text);
    }),
  },
  {
    name: 'foldText never throws on one field of 130,000+ Latin-1 characters beyond ASCII, and keeps at least half of it',
    runs: 12,
    property: () => fc.property(latin1Recipe.map((recipe) => new GeneratedText(recipe)), ({ text }) => {
      assert.ok(foldText(text).length >= text.length / 2);
    }),
  },
  {
    name: 'foldText is idempotent: folding folded text changes nothing',
    runs: 2000,
    property: () => fc.property(hostileText, (text) => {
      const once = foldText(text);
      assert.equal(foldText(once), once);
    }),
  },
  {
    name: 'foldText leaves no upper-case ASCII letter and no control character',
    runs: 2000,
    property: () => fc.property(hostileText, (text) => {
      assert.doesNotMatch(foldText(text), /[A-Z\p{Cc}]/u);
    }),
  },
  {
    name: 'foldText work grows linearly: the folded text is at most 18 units per input unit',
    runs: 30,
    property: () => fc.property(anyText, ({ text }) => {
      assert.ok(foldText(text).length <= MAX_FOLD_GROWTH * text.length);
    }),
  },
  {
    name: 'parseQuery never throws and asks the phone parser at most once per word, whatever the query',
    runs: 40,
    property: () => fc.property(anyText, ({ text }) => {
      const count = countPhoneParses();
      try {
        const query = parseQuery(text);
        const words = foldText(text).trim().split(/\s+/).filter((word) => word.length > 0).length;
        assert.ok(query.terms.length <= words);
        assert.ok(count.parses <= Math.max(1, words));
        for (const term of query.terms) {
          assert.ok(term.text.length > 0 || term.alt !== undefined);
        }
      } finally {
        count.stop();
      }
    }),
  },
  {
    name: 'ContactIndex search returns only contacts of the index, each once, never more than it counts',
    runs: 150,
    property: () => fc.asyncProperty(contactSets, fc.oneof(fieldText, hostileText), async (contacts, query) => {
      const index = await indexOf(contacts);
      const ids = new Set(contacts.map((contact) => contact.id));
      const result = index.search(query, { limit: 100 });
      const hitIds = result.hits.map((hit) => hit.contact.id);
      assert.ok(hitIds.every((id) => ids.has(id)));
      assert.equal(new Set(hitIds).size, hitIds.length);
      assert.ok(result.hits.length <= result.matchCount && result.matchCount <= contacts.length);
    }),
  },
  {
    name: 'ContactIndex search finds a contact whose whole name is typed',
    runs: 150,
    property: () => fc.asyncProperty(contactSets, fc.nat(), async (contacts, pick) => {
      const wanted = contacts[pick % contacts.length];
      const { firstName, lastName } = wanted.defaultFields;
      const typed = [firstName, lastName].filter((part) => part !== null).join(' ');
      // A name that folds to no letter or digit is not something anyone types to find a contact.
      fc.pre(/[\p{L}\p{N}]/u.test(foldText(typed)));
      const index = await indexOf(contacts);
      const result = index.search(typed, { limit: contacts.length + 1 });
      assert.ok(
        result.hits.some((hit) => hit.contact.id === wanted.id),
        `${JSON.stringify(typed)} did not find ${wanted.id}`,
      );
    }),
  },
]);
