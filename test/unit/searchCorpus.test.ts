import assert from 'node:assert/strict';
import { ContactSearch, type SearchableContacts } from '../../src/contacts/search/contactSearch.js';
import { SearchCorpus } from '../../src/contacts/search/corpus.js';
import type { Contact } from '../../src/quo/types.js';

let nextId = 1;

function person(firstName: string, lastName: string, extra: Partial<Contact['defaultFields']> = {}, notes?: string): Contact {
  return {
    id: (nextId++).toString(16).padStart(24, '0'),
    externalId: null,
    source: null,
    sourceUrl: null,
    defaultFields: { firstName, lastName, company: null, role: null, emails: [], phoneNumbers: [], ...extra },
    customFields: notes === undefined ? [] : [{ name: 'Notes', key: 'notes', type: 'string', value: notes }],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    createdByUserId: 'USkjlytY0m',
  };
}

/** A corpus over contacts by slot, in slot order by name (as the tests add them). */
class Slots implements SearchableContacts {
  readonly corpus = new SearchCorpus();
  readonly defaultCountry = 'US';
  private readonly held: (Contact | undefined)[] = [];

  constructor(contacts: readonly Contact[] = []) {
    contacts.forEach((contact, slot) => {
      this.set(slot, contact);
    });
  }

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
    return this.held.flatMap((contact, slot) => (contact ? [slot] : []));
  }

  nameRanks(): Int32Array {
    return Int32Array.from(this.held, (_, slot) => slot);
  }
}

function ids(slots: Slots, query: string): string[] {
  return new ContactSearch().search(slots, query).hits.map((hit) => hit.contact.id);
}

describe('SearchCorpus', () => {
  describe('remove', () => {
    it('makes a slot match nothing: no search returns it, matchCount and liveCount leave it out', () => {
      const ada = person('Ada', 'Lovelace');
      const adam = person('Adam', 'Smith');
      const grace = person('Grace', 'Hopper');
      const slots = new Slots([ada, adam, grace]);
      slots.remove(1);
      assert.deepEqual(ids(slots, 'ada'), [ada.id]);
      assert.equal(new ContactSearch().search(slots, 'ada').matchCount, 1);
      assert.equal(new ContactSearch().search(slots, '').matchCount, 2);
      assert.deepEqual(ids(slots, ''), [ada.id, grace.id]);
      assert.equal(slots.corpus.liveCount, 2);
      assert.equal(slots.corpus.size, 3);
      assert.equal(slots.corpus.haystack(1), '');
    });

    it('is undone by setting the slot again, and a second remove changes nothing', () => {
      const slots = new Slots([person('Ada', 'Lovelace'), person('Adam', 'Smith')]);
      slots.remove(1);
      slots.remove(1);
      assert.equal(slots.corpus.liveCount, 1);
      const alan = person('Alan', 'Turing');
      slots.set(1, alan);
      assert.equal(slots.corpus.liveCount, 2);
      assert.deepEqual(ids(slots, 'turing'), [alan.id]);
      assert.deepEqual(ids(slots, 'smith'), []);
    });

    it('drops a contact set but not yet flushed, and is seen by a session narrowing from before it', () => {
      const slots = new Slots([person('Ada', 'Lovelace')]);
      const session = new ContactSearch();
      const adam = person('Adam', 'Smith');
      slots.set(1, adam);
      assert.equal(session.search(slots, 'ad').matchCount, 2);
      slots.remove(1);
      // The corpus changed: the session must not narrow from matches that include the removed slot.
      assert.equal(session.search(slots, 'ada').matchCount, 1);
      slots.set(2, person('Adele', 'Goldberg'));
      slots.remove(2);
      assert.equal(new ContactSearch().search(slots, 'adele').matchCount, 0);
    });

    it('changes the version, and refuses slots out of range', () => {
      const slots = new Slots([person('Ada', 'Lovelace')]);
      const version = slots.corpus.version;
      slots.remove(0);
      assert.notEqual(slots.corpus.version, version);
      assert.throws(() => slots.corpus.remove(1), RangeError);
      assert.throws(() => slots.corpus.remove(-1), RangeError);
    });

    it('leaves a removed slot out of what sealing ranks, and typos reach no removed contact', () => {
      const slots = new Slots([person('Lovelace', 'Ada'), person('Lovelace', 'Byron'), person('Grace', 'Hopper')]);
      slots.corpus.seal();
      slots.remove(0);
      slots.corpus.seal();
      const result = new ContactSearch().search(slots, 'lovelcae');
      assert.deepEqual(
        result.hits.map((hit) => [hit.contact.defaultFields.lastName, hit.typo]),
        [['Byron', true]],
      );
    });
  });

  describe('lists of rare triples', () => {
    const FIRST = ['Ada', 'Ben', 'Cora', 'Dev', 'Eva', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jon'];
    const LAST = ['Moss', 'Park', 'Reid', 'Shaw'];

    it('narrow a sealed corpus to the contacts holding a triple, and still find contacts set or removed since', () => {
      const contacts = Array.from({ length: 37 }, (_, i) => person(FIRST[i % 10], `${LAST[i % 4]}${'x'.repeat(i % 7)}`));
      const zelinskis = [person('Ola', 'Zelinski'), person('Pia', 'Zelinski'), person('Rui', 'Zelinski')];
      const slots = new Slots([...contacts, ...zelinskis]);
      slots.corpus.seal();
      assert.ok(slots.corpus.gramLists().bestFor('zel') >= 0, 'zel has a list');
      assert.deepEqual(ids(slots, 'zel'), zelinskis.map((contact) => contact.id));

      const zelda = person('Zelda', 'Fitz');
      slots.set(40, zelda);
      const hazel = person('Hazel', 'Moor');
      slots.set(3, hazel);
      slots.set(37, person('Bob', 'Brown'));
      slots.remove(38);
      const session = new ContactSearch();
      session.search(slots, 'z');
      session.search(slots, 'ze');
      const narrowed = session.search(slots, 'zel').hits.map((hit) => hit.contact.id);
      assert.deepEqual(new Set(narrowed), new Set([zelinskis[2].id, zelda.id, hazel.id]));
      assert.deepEqual(ids(slots, 'zel').sort(), narrowed.sort());
    });
  });

  describe('lists of rare pairs', () => {
    it('narrow a sealed corpus to the contacts holding a pair few hold (a typo of a name), and still find those set since', () => {
      const FIRST = ['Ada', 'Ben', 'Cora', 'Dev', 'Eva', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jon'];
      const contacts = Array.from({ length: 200 }, (_, i) => person(FIRST[i % 10], `Moss${i}`));
      const murphy = person('Ola', 'Mrphy');
      const slots = new Slots([...contacts, murphy]);
      slots.corpus.seal();
      const lists = slots.corpus.gramLists();
      assert.ok(lists.bestFor('mr') >= 0 && lists.size(lists.bestFor('mr')) === 1, 'mr has a list of one');
      assert.deepEqual(ids(slots, 'mr'), [murphy.id]);
      const later = person('Mrs', 'Lane');
      slots.set(3, later);
      assert.deepEqual(ids(slots, 'mr').sort(), [murphy.id, later.id].sort());
    });
  });

  describe('short numbers', () => {
    it('ranks a short number that is a whole word after a first occurrence inside a word (a custom field, which the masks leave out) above one that only starts a word', () => {
      const starts = person('Cy', 'Abbot', {}, 'room 123');
      const whole = person('Zed', 'Zulu', {}, 'b12 and 12');
      const slots = new Slots([starts, whole]);
      const top = new ContactSearch().search(slots, '12', { limit: 1 });
      assert.deepEqual(
        top.hits.map((hit) => hit.contact.id),
        [whole.id],
      );
      assert.equal(top.matchCount, 2);
    });
  });

  describe('long haystacks', () => {
    it('keeps a contact of more than 65,535 characters in a block of its own, and finds what follows it', () => {
      const long = person('Long', 'Notes', {}, `${'lorem ipsum '.repeat(7000)}zebrafish`);
      const before = person('Ada', 'Lovelace');
      const after = person('Zed', 'Zulu', { emails: [{ name: 'work', value: 'zed@zebrafish.example' }] });
      const slots = new Slots([before, long, after]);
      slots.corpus.seal();
      assert.deepEqual(ids(slots, 'zebrafish'), [after.id, long.id]);
      assert.deepEqual(ids(slots, 'lovelace'), [before.id]);
      assert.ok(slots.corpus.haystack(1).endsWith('zebrafish'));
      assert.equal(new ContactSearch().search(slots, 'ipsum').matchCount, 1);
    });
  });

  describe('pairs of digits starting a word', () => {
    const phone = (n: number): Partial<Contact['defaultFields']> => ({
      phoneNumbers: [{ name: 'work', value: `+1212555${String(1000 + n)}` }],
    });

    it('give a pair every contact holds (55 of 555) a bit no pair starting words elsewhere shares, once sealed', () => {
      // 91, 73, 64, 46 and 82 shared the hashed bit of 55; here they start words in custom fields.
      const notes = ['91', '73', '64', '46', '82'];
      const slots = new Slots(Array.from({ length: 60 }, (_, i) => person('Ann', `Lee${i}`, phone(i), `${notes[i % 5]}${i} units`)));
      slots.corpus.seal();
      const table = slots.corpus.gramTable();
      const others = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0')).filter((pair) => pair !== '55');
      const sharing = others.filter((pair) => table.startBit(pair) === table.startBit('55'));
      assert.deepEqual(sharing.filter((pair) => notes.some((note) => note.startsWith(pair)) || pair === '12' || pair === '21'), []);
    });

    it('rank the matches of one word best bound first: a full list of word starts leaves the rest unread', () => {
      // 300 contacts hold 555 inside a number and a 5 in their email (a bound of an email's weight); 12 start a word
      // with it, after them in slot order.
      const inside = Array.from({ length: 300 }, (_, i) =>
        person('Bo', `Kay${i}`, { ...phone(i), emails: [{ name: 'work', value: `bo${i}5x@mail.example` }] }),
      );
      const starting = Array.from({ length: 12 }, (_, i) => person('Cy', `Ray${i}`, phone(i), `555 Main St ${i}`));
      const slots = new Slots([...inside, ...starting]);
      slots.corpus.seal();
      const corpus = slots.corpus;
      const block = corpus.block.bind(corpus);
      let reads = 0;
      corpus.block = (index: number): string => {
        reads++;
        return block(index);
      };
      const result = new ContactSearch().search(slots, '555', { limit: 10 });
      assert.equal(result.matchCount, 312);
      assert.deepEqual(
        result.hits.map((hit) => hit.contact.id),
        starting.slice(0, 10).map((contact) => contact.id),
      );
      assert.ok(reads < 60, `${reads} reads`);
    });
  });
});
