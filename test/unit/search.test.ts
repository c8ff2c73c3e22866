import assert from 'node:assert/strict';
import { ContactIndex } from '../../src/contacts/contactIndex.js';
import type { SearchResult } from '../../src/contacts/search/contactSearch.js';
import { foldText } from '../../src/contacts/search/folding.js';
import { parseQuery } from '../../src/contacts/search/query.js';
import { withinOneEditOfPrefix } from '../../src/contacts/search/typoMatch.js';
import type { Contact, ContactPage, CustomField, LabelledValue } from '../../src/quo/types.js';
import { generateContacts } from '../sandbox/generate.js';

let nextId = 1;

interface PersonInit {
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly company?: string | null;
  readonly role?: string | null;
  readonly emails?: readonly string[];
  readonly phones?: readonly string[];
  readonly externalId?: string | null;
  readonly customFields?: readonly CustomField[];
}

function person(init: PersonInit): Contact {
  const id = (nextId++).toString(16).padStart(24, '0');
  const labelled = (values: readonly string[] | undefined, label: string): LabelledValue[] =>
    (values ?? []).map((value, i) => ({ name: `${label} ${i + 1}`, value }));
  return {
    id,
    externalId: init.externalId ?? null,
    source: null,
    sourceUrl: null,
    defaultFields: {
      firstName: init.firstName ?? null,
      lastName: init.lastName ?? null,
      company: init.company ?? null,
      role: init.role ?? null,
      emails: labelled(init.emails, 'email'),
      phoneNumbers: labelled(init.phones, 'phone'),
    },
    customFields: init.customFields ?? [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    createdByUserId: 'USkjlytY0m',
  };
}

/** An index holding exactly `contacts`, listed in pages of 50 without any HTTP. */
async function indexOf(contacts: readonly Contact[], defaultCountry?: string): Promise<ContactIndex> {
  const pager = {
    async *listAllContacts(): AsyncGenerator<ContactPage> {
      for (let i = 0; i < contacts.length; i += 50) {
        const last = i + 50 >= contacts.length;
        yield { contacts: contacts.slice(i, i + 50), totalItems: contacts.length, nextPageToken: last ? null : `p${i}` };
      }
    },
  };
  const index = new ContactIndex({ client: () => pager, ...(defaultCountry === undefined ? {} : { defaultCountry }) });
  const state = await index.sync();
  assert.equal(state.status, 'complete');
  return index;
}

function names(result: SearchResult): string[] {
  return result.hits.map((hit) => {
    const fields = hit.contact.defaultFields;
    return [fields.firstName, fields.lastName].filter(Boolean).join(' ') || (fields.company ?? '');
  });
}

const ada = person({
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Analytical Engines',
  role: 'Chief Mathematician',
  emails: ['ada@analytical-engines.example'],
  phones: ['+15550102030'],
  externalId: 'crm-ada-1815',
  customFields: [
    { name: 'Interests', key: 'interests', type: 'multi-select', value: ['Newsletter', 'Beta program'] },
    { name: 'Inbound lead', key: 'inbound', type: 'boolean', value: true },
    { name: 'Renewal', key: 'renewal', type: 'date', value: '2026-12-10T00:00:00.000Z' },
  ],
});
const adaAlone = person({ firstName: 'Ada' });
const adam = person({ firstName: 'Adam', lastName: 'Smith' });
const graceAdams = person({ firstName: 'Grace', lastName: 'Adams' });
const canada = person({ firstName: 'Zed', lastName: 'Zulu', company: 'Canada Dry' });
const charles = person({ firstName: 'Charles', lastName: 'Babbage', company: 'Analytical Engines', phones: ['+14155550100'] });
const leeNorth = person({ firstName: 'Lee', lastName: 'North' });
const northWind = person({ firstName: 'Amy', lastName: 'Zed', company: 'North Wind' });
const zoe = person({ firstName: 'Zoë', lastName: 'Łukasz' });
const obrien = person({ firstName: 'Liam', lastName: "O'Brien", role: 'Engineer' });
const glen = person({ firstName: 'Glengarry', lastName: 'Ross' });
const pat = person({ firstName: 'Pat', lastName: 'Quinn', emails: ['pat@garrison.example'] });

const everyone = [ada, adaAlone, adam, graceAdams, canada, charles, leeNorth, northWind, zoe, obrien, glen, pat];

describe('search', () => {
  let index: ContactIndex;

  before(async () => {
    index = await indexOf(everyone);
  });

  describe('ranking', () => {
    it('puts the exact name first, then name prefixes (whole word first), word starts, then substrings', () => {
      assert.deepEqual(names(index.search('ada')), ['Ada', 'Ada Lovelace', 'Adam Smith', 'Grace Adams', 'Zed Zulu']);
    });

    it('ranks a word start anywhere above a substring of the name', () => {
      // "pat@garrison" starts a word in an email; "Glengarry" only contains "garr".
      assert.deepEqual(names(index.search('garr')), ['Pat Quinn', 'Glengarry Ross']);
      assert.deepEqual(
        index.search('garr').hits.map((hit) => hit.field),
        ['email', 'name'],
      );
    });

    it('prefers the name to the company at the same kind of match', () => {
      assert.deepEqual(names(index.search('north')), ['Lee North', 'Amy Zed']);
      assert.equal(index.search('north').hits[1]?.field, 'company');
    });

    it('orders equal scores by name', () => {
      const result = index.search('analytical');
      assert.deepEqual(names(result), ['Ada Lovelace', 'Charles Babbage']);
    });
  });

  describe('matching', () => {
    it('ANDs the words of a query, in any order', () => {
      assert.deepEqual(names(index.search('ada love')), ['Ada Lovelace']);
      assert.deepEqual(names(index.search('lovelace ada')), ['Ada Lovelace']);
      assert.deepEqual(names(index.search('ada babbage')), []);
    });

    it('finds a phone number however it is written', () => {
      for (const query of ['+1 (555) 010-2030', '555-010-2030', '(555) 010 2030', '15550102030', '0102030', '555 010']) {
        const hit = index.search(query).hits[0];
        assert.equal(hit?.contact.id, ada.id, query);
        assert.equal(hit.field, 'phone');
        assert.equal(hit.value, '+15550102030');
        assert.equal(hit.label, 'phone 1');
      }
    });

    describe('national numbers of other countries', () => {
      const london = person({ firstName: 'Lon', lastName: 'Don', phones: ['+442079460958'] });
      const paris = person({ firstName: 'Pa', lastName: 'Ris', phones: ['+33612345678'] });
      // Stored as typed in the UK: keyed and searched by its digits as written.
      const local = person({ firstName: 'Lo', lastName: 'Cal', phones: ['020 7946 0111'] });

      it('finds a contact by the national spelling of its number in the default country', async () => {
        const uk = await indexOf([london, paris, local, ada], 'GB');
        for (const query of ['020 7946 0958', '(020) 7946-0958', '02079460958', '+44 20 7946 0958', '0044 20 7946 0958']) {
          const hit = uk.search(query).hits[0];
          assert.equal(hit?.contact.id, london.id, query);
          assert.equal(hit.field, 'phone', query);
          assert.equal(hit.value, '+442079460958', query);
        }
        assert.equal(uk.search('020 7946 0111').hits[0]?.contact.id, local.id);
        assert.deepEqual(names(uk.search('06 12 34 56 78')), []);

        const france = await indexOf([london, paris, ada], 'fr');
        for (const query of ['06 12 34 56 78', '06.12.34.56.78', '0612345678', '+33 6 12 34 56 78']) {
          assert.equal(france.search(query).hits[0]?.contact.id, paris.id, query);
        }
        assert.deepEqual(names(france.search('020 7946 0958')), []);
      });

      it('follows the default country when it changes', async () => {
        const both = await indexOf([london, paris], 'GB');
        assert.equal(both.search('06 12 34 56 78').matchCount, 0);
        both.setDefaultCountry('FR');
        assert.equal(both.search('06 12 34 56 78').hits[0]?.contact.id, paris.id);
      });

      it('narrows keystroke by keystroke to the same result as a fresh search', async () => {
        const uk = await indexOf([london, paris, local, ada, ...(generateContacts(200, 5) as unknown as Contact[])], 'GB');
        const typing = uk.createSearch();
        const typed = '020 7946 0958';
        for (let length = 1; length <= typed.length; length++) {
          const query = typed.slice(0, length);
          const narrowed = typing.search(query, { limit: 20 });
          const fresh = uk.createSearch().search(query, { limit: 20 });
          assert.equal(narrowed.matchCount, fresh.matchCount, query);
          assert.deepEqual(
            narrowed.hits.map((hit) => hit.contact.id),
            fresh.hits.map((hit) => hit.contact.id),
            query,
          );
        }
        assert.equal(typing.search(typed).hits[0]?.contact.id, london.id);
      });
    });

    it('finds emails, external ids and custom field values, and says where', () => {
      const email = index.search('ada@analytical').hits[0];
      assert.equal(email?.field, 'email');
      assert.equal(email.value, 'ada@analytical-engines.example');
      const external = index.search('crm-ada').hits[0];
      assert.equal(external?.field, 'externalId');
      assert.equal(external.value, 'crm-ada-1815');
      const custom = index.search('newsletter').hits[0];
      assert.equal(custom?.contact.id, ada.id);
      assert.equal(custom.field, 'customField');
      assert.equal(custom.label, 'Interests');
      assert.equal(custom.value, 'Newsletter Beta program');
      assert.equal(index.search('2026-12-10').hits[0]?.field, 'customField');
      assert.equal(index.search('mathematician').hits[0]?.field, 'role');
    });

    it('does not search boolean custom fields or anything but the listed fields', () => {
      assert.equal(index.search('true').matchCount, 0);
      assert.equal(index.search('inbound').matchCount, 0);
      assert.equal(index.search(ada.id).matchCount, 0);
    });

    it('ignores case, accents and apostrophes', () => {
      assert.deepEqual(names(index.search('ZOE')), ['Zoë Łukasz']);
      assert.deepEqual(names(index.search('lukasz')), ['Zoë Łukasz']);
      assert.deepEqual(names(index.search('obrien')), ["Liam O'Brien"]);
      assert.deepEqual(names(index.search("o'brien")), ["Liam O'Brien"]);
    });

    it('lists everyone by name for an empty query', () => {
      const result = index.search('   ');
      assert.equal(result.matchCount, everyone.length);
      assert.deepEqual(
        result.hits.map((hit) => hit.contact.id),
        [...index.all()].map((contact) => contact.id),
      );
    });

    it('returns at most `limit` hits and counts them all', () => {
      const result = index.search('a', { limit: 2 });
      assert.equal(result.hits.length, 2);
      assert.ok(result.matchCount > 2);
      assert.equal(index.search('a', { limit: 0 }).hits.length, 0);
    });
  });

  describe('typos', () => {
    for (const [query, kind] of [
      ['lovelcae', 'transposed letters'],
      ['lovelase', 'a wrong letter'],
      ['lovlace', 'a missing letter'],
      ['loveelace', 'an extra letter'],
      ['lvoe', 'too short (4 letters)'],
    ] as const) {
      const short = query.length < 5;
      it(`${short ? 'does not tolerate' : 'tolerates'} ${kind}: ${query}`, () => {
        const result = index.search(query);
        if (short) {
          assert.equal(result.matchCount, 0);
        } else {
          assert.deepEqual(names(result), ['Ada Lovelace']);
          assert.equal(result.hits[0]?.typo, true);
          assert.equal(result.hits[0].field, 'name');
        }
      });
    }

    it('tolerates a typo while the word is still being typed', () => {
      assert.deepEqual(names(index.search('lovle')), ['Ada Lovelace']);
    });

    it('needs five letters: four-letter words must match exactly', () => {
      assert.equal(index.search('babb').matchCount, 1);
      assert.equal(index.search('bbab').matchCount, 0);
      assert.deepEqual(names(index.search('babage')), ['Charles Babbage']);
    });

    it('ranks typo matches below exact ones', () => {
      const smith = person({ firstName: 'Jo', lastName: 'Smith' });
      const smyth = person({ firstName: 'Al', lastName: 'Smyth' });
      return indexOf([smyth, smith]).then((both) => {
        const result = both.search('smith');
        assert.deepEqual(names(result), ['Jo Smith', 'Al Smyth']);
        assert.deepEqual(
          result.hits.map((hit) => hit.typo),
          [false, true],
        );
      });
    });

    it('does not apply to digits', () => {
      assert.equal(index.search('15550102031').matchCount, 0);
    });
  });

  describe('typing keystroke by keystroke', () => {
    it('gives the same results as searching each prefix afresh', async () => {
      const big = await indexOf(generateContacts(600, 11));
      const typing = big.createSearch();
      for (const typed of ['olivia nguyen', 'lovle', 'northwnd traders', '+1 (415) 555-01', 'ada@analytical-engines', 'crm-00001', '2026-1']) {
        for (let length = 1; length <= typed.length; length++) {
          const query = typed.slice(0, length);
          const narrowed = typing.search(query, { limit: 20 });
          const fresh = big.createSearch().search(query, { limit: 20 });
          assert.equal(narrowed.matchCount, fresh.matchCount, query);
          assert.deepEqual(
            narrowed.hits.map((hit) => [hit.contact.id, hit.score, hit.field, hit.typo]),
            fresh.hits.map((hit) => [hit.contact.id, hit.score, hit.field, hit.typo]),
            query,
          );
        }
      }
    });

    it('starts afresh when a word is edited rather than extended', () => {
      const typing = index.createSearch();
      assert.equal(typing.search('adam').matchCount, 2);
      assert.equal(typing.search('ada').matchCount, 5);
    });
  });

  it('keeps hostile text inert: markers in values do not confuse fields', async () => {
    const hostile = person({ firstName: '\u0003evil\u0001', lastName: 'Name\u0007', company: 'Acme\u0002Corp' });
    const small = await indexOf([hostile, ada]);
    const hit = small.search('evil').hits[0];
    assert.equal(hit?.contact.id, hostile.id);
    assert.equal(hit.field, 'name');
    assert.equal(small.search('acme corp').hits[0]?.contact.id, hostile.id);
  });
});

describe('parseQuery', () => {
  it('reads a phone-like query as one number, also matched as typed', () => {
    assert.deepEqual(parseQuery('+1 (555) 010-2030').terms, [
      { text: '15550102030', alt: '+1 (555) 010-2030', typo: false },
    ]);
    assert.deepEqual(parseQuery('5550102030').terms, [{ text: '5550102030', typo: false }]);
  });

  it('also matches a national number by the number it reads as in the default country', () => {
    assert.deepEqual(parseQuery('020 7946 0958', 'GB').terms, [
      { text: '02079460958', alt: '020 7946 0958', number: '442079460958', typo: false },
    ]);
    assert.deepEqual(parseQuery('ada 06.12.34.56.78', 'FR').terms, [
      { text: 'ada', typo: false },
      { text: '0612345678', alt: '06.12.34.56.78', number: '33612345678', typo: false },
    ]);
    // In the US the same digits are no number; and a number whose digits already hold the typed ones needs no more.
    assert.deepEqual(parseQuery('020 7946 0958', 'US').terms, [{ text: '02079460958', alt: '020 7946 0958', typo: false }]);
    assert.deepEqual(parseQuery('+44 20 7946 0958', 'GB').terms, [
      { text: '442079460958', alt: '+44 20 7946 0958', typo: false },
    ]);
    assert.deepEqual(parseQuery('(555) 010-2030', 'US').terms, [{ text: '5550102030', alt: '(555) 010-2030', typo: false }]);
  });

  it('splits words, marks those long enough for typos', () => {
    assert.deepEqual(parseQuery('  Ada  Lovelace 555-01 ').terms, [
      { text: 'ada', typo: false },
      { text: 'lovelace', typo: true },
      { text: '55501', alt: '555-01', typo: false },
    ]);
  });

  it('gives no typo tolerance to words with digits or punctuation', () => {
    assert.deepEqual(parseQuery('crm-ada1').terms, [{ text: 'crm-ada1', typo: false }]);
  });
});

describe('withinOneEditOfPrefix', () => {
  const cases: [string, string, boolean][] = [
    ['lovelace', 'lovelace', true],
    ['lovel', 'lovelace', true],
    ['lovle', 'lovelace', true],
    ['lovelcae', 'lovelace', true],
    ['lovelase', 'lovelace', true],
    ['lovlace', 'lovelace', true],
    ['loveelace', 'lovelace', true],
    ['lovelacee', 'lovelace', true],
    ['lvoelcae', 'lovelace', false],
    ['xxvelace', 'lovelace', false],
    ['lovelace', 'love', false],
  ];
  for (const [query, word, expected] of cases) {
    it(`${query} ${expected ? 'is' : 'is not'} one edit from a prefix of ${word}`, () => {
      assert.equal(withinOneEditOfPrefix(query, word), expected);
    });
  }
});

describe('foldText', () => {
  it('lower-cases, strips accents, spells out letters that do not decompose, drops apostrophes', () => {
    assert.equal(foldText('Zoë Łukasz Søren Straße O’Brien'), 'zoe lukasz soren strasse obrien');
  });

  it('turns control characters and odd spaces into plain spaces', () => {
    assert.equal(foldText('a\u0001b\tc\u00a0d'), 'a b c d');
  });
});
