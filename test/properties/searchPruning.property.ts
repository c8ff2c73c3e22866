/**
 * The pruned search returns exactly what the score model says (searchReference.ts reads every contact in full): the
 * same contacts in the same order, with the same scores and typo flags, and the same count of matches, whether a
 * query is searched afresh or typed keystroke by keystroke (narrowed from the last one, reusing where words were
 * found, answered from the last result), and after contacts are replaced or removed.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ContactIndex } from '../../src/contacts/contactIndex.js';
import { ContactSearch, type SearchableContacts, type SearchResult } from '../../src/contacts/search/contactSearch.js';
import { SearchCorpus } from '../../src/contacts/search/corpus.js';
import { searchName } from '../../src/contacts/search/haystack.js';
import type { Contact, ContactPage } from '../../src/quo/types.js';
import { generateContacts } from '../sandbox/generate.js';
import { hostileText } from './arbitraries.js';
import { contactArbitrary, fieldText } from './contacts.js';
import { propertySuite } from './harness.js';
import { referenceContact, referenceSearch, type ReferenceContact, type ReferenceResult } from './searchReference.js';

async function indexOf(contacts: readonly Contact[]): Promise<ContactIndex> {
  const pager = {
    async *listAllContacts(): AsyncGenerator<ContactPage> {
      for (let i = 0; i < contacts.length; i += 50) {
        const last = i + 50 >= contacts.length;
        yield { contacts: contacts.slice(i, i + 50), totalItems: contacts.length, nextPageToken: last ? null : `p${i}` };
      }
    },
  };
  const index = new ContactIndex({ client: () => pager });
  assert.equal((await index.sync()).status, 'complete');
  return index;
}

function same(actual: SearchResult, expected: ReferenceResult, query: string): void {
  assert.deepEqual(
    { matchCount: actual.matchCount, hits: actual.hits.map((hit) => ({ id: hit.contact.id, score: hit.score, typo: hit.typo })) },
    { matchCount: expected.matchCount, hits: expected.hits },
    JSON.stringify(query),
  );
}

/** Enough generated contacts that the name-prefix pass runs (1,024 candidates) and common words get bits. */
const LARGE = 2500;
let large: Promise<{ index: ContactIndex; contacts: readonly Contact[]; reference: readonly ReferenceContact[] }> | undefined;

function largeIndex(): NonNullable<typeof large> {
  large ??= indexOf(generateContacts(LARGE, 31)).then((index) => {
    const contacts = [...index.all()];
    return { index, contacts, reference: contacts.map(referenceContact) };
  });
  return large;
}

/** What people type: a field of a contact as written, perhaps with two letters swapped, perhaps cut short. */
function typedText(contact: Contact, field: number, swap: number): string {
  const fields = contact.defaultFields;
  const phone = fields.phoneNumbers.find((item) => item.value)?.value ?? '';
  const digits = phone.replace(/\D/g, '').slice(-10);
  const candidates = [
    `${fields.firstName ?? ''} ${fields.lastName ?? ''}`,
    `${fields.lastName ?? ''} ${fields.firstName ?? ''}`,
    fields.company ?? '',
    fields.emails.find((item) => item.value)?.value ?? '',
    `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
    `${digits.slice(3, 6)}-${digits.slice(6)}`,
    phone,
    fields.role ?? '',
  ];
  const text = candidates[field % candidates.length]?.trim() ?? '';
  if (text.length < 5 || swap === 0) {
    return text;
  }
  const at = 1 + (swap % (text.length - 2));
  return text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2);
}

/** A SearchCorpus of its own over contacts by slot, for replacing and removing what a ContactIndex keeps to itself. */
class Slots implements SearchableContacts {
  readonly corpus = new SearchCorpus();
  readonly defaultCountry = 'US';
  private readonly held: (Contact | undefined)[] = [];

  set(slot: number, contact: Contact): void {
    this.held[slot] = contact;
    this.corpus.set(slot, contact);
  }

  remove(slot: number): void {
    this.held[slot] = undefined;
    this.corpus.remove(slot);
  }

  contactAt(slot: number): Contact {
    return this.held[slot] as Contact;
  }

  nameOrder(): readonly number[] {
    return this.held
      .map((contact, slot) => ({ contact, slot }))
      .filter((entry): entry is { contact: Contact; slot: number } => entry.contact !== undefined)
      .sort((a, b) => (searchName(a.contact) < searchName(b.contact) ? -1 : searchName(a.contact) > searchName(b.contact) ? 1 : a.slot - b.slot))
      .map((entry) => entry.slot);
  }

  nameRanks(): Int32Array {
    const ranks = new Int32Array(this.held.length);
    this.nameOrder().forEach((slot, rank) => {
      ranks[slot] = rank;
    });
    return ranks;
  }

  live(): readonly ReferenceContact[] {
    return this.nameOrder().map((slot) => referenceContact(this.held[slot] as Contact));
  }
}

const contactSets = fc.uniqueArray(contactArbitrary, { minLength: 1, maxLength: 12, selector: (contact) => contact.id });

/** A query from the contacts' own text (a piece of some field), or anything at all. */
const queryFor = (contacts: readonly Contact[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()).map(([pick, field, from, length]) => {
      const text = typedText(contacts[pick % contacts.length], field, 0);
      const start = text.length === 0 ? 0 : from % text.length;
      return text.slice(start, start + 1 + (length % 8));
    }),
    fieldText,
    hostileText,
  );

propertySuite('Properties: the pruned search returns what the score model does', [
  {
    name: 'a search of a few hostile contacts matches the reference: hits, order, scores, typo flags and count',
    runs: 150,
    property: () =>
      fc.asyncProperty(
        contactSets.chain((contacts) => fc.tuple(fc.constant(contacts), fc.array(queryFor(contacts), { minLength: 1, maxLength: 4 }), fc.nat(15))),
        async ([contacts, queries, limit]) => {
          const index = await indexOf(contacts);
          const reference = [...index.all()].map(referenceContact);
          for (const query of queries) {
            same(index.search(query, { limit }), referenceSearch(reference, query, limit), query);
          }
        },
      ),
  },
  {
    name: `typing keystroke by keystroke over ${LARGE} contacts matches the reference at every keystroke, edits included`,
    runs: 40,
    property: () =>
      fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(3), fc.nat(), fc.constantFrom(0, 5, 50), async (pick, field, swap, cut, limit) => {
        const { index, contacts, reference } = await largeIndex();
        const typed = typedText(contacts[pick % contacts.length], field, swap === 3 ? pick : 0);
        // Typed, then cut back (an edit: no narrowing) and typed on with the start of another field.
        const other = typedText(contacts[(pick * 7 + 3) % contacts.length], field + 1, 0).slice(0, 4);
        const kept = typed.slice(0, cut % (typed.length + 1));
        const keystrokes = [...typed].map((_, i) => typed.slice(0, i + 1));
        keystrokes.push(kept, ...[...other].map((_, i) => kept + other.slice(0, i + 1)));
        const session = index.createSearch();
        for (const query of keystrokes) {
          same(session.search(query, { limit }), referenceSearch(reference, query, limit), query);
        }
      }),
  },
  {
    name: 'after contacts are replaced and removed, no search returns a removed one and all match the reference',
    runs: 60,
    property: () =>
      fc.asyncProperty(
        fc.uniqueArray(contactArbitrary, { minLength: 2, maxLength: 14, selector: (contact) => contact.id }),
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat()), { maxLength: 8 }),
        fc.array(fc.oneof(fieldText, fc.constantFrom('', 'a', 'e', 'ada', '555', '1')), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (contacts, changes, queries, sealed) => {
          const slots = new Slots();
          const half = Math.ceil(contacts.length / 2);
          contacts.slice(0, half).forEach((contact, slot) => {
            slots.set(slot, contact);
          });
          if (sealed) {
            slots.corpus.seal();
          }
          const session = new ContactSearch();
          for (const [remove, slot, spare] of changes) {
            const target = slot % half;
            if (remove) {
              slots.remove(target);
            } else {
              slots.set(target, contacts[half + (spare % (contacts.length - half))] ?? (contacts[0]));
            }
            for (const query of queries) {
              same(session.search(slots, query, { limit: 10 }), referenceSearch(slots.live(), query, 10), query);
            }
          }
        },
      ),
  },
]);
