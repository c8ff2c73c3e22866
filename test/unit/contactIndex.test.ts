import assert from 'node:assert/strict';
import { ContactIndex, type ContactPager, type IndexChange } from '../../src/contacts/contactIndex.js';
import { contactDisplayName } from '../../src/contacts/contactName.js';
import { QuoClient, type ListContactsOptions } from '../../src/quo/client.js';
import { QuoError } from '../../src/quo/errors.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import type { Contact, ContactPage } from '../../src/quo/types.js';
import { HOSTILE_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server.js';
import { makeContact } from './contactFixtures.js';

/** No waiting on the limiter or on backoff: what is under test is what the index does with pages. */
function clientFor(sandbox: Sandbox): QuoClient {
  return new QuoClient({
    baseUrl: sandbox.url,
    apiKey: sandbox.key,
    limiter: new RateLimiter({ maxPerWindow: 1000 }),
    retryLimit: 0,
  });
}

function ids(contacts: readonly Contact[]): string[] {
  return contacts.map((contact) => contact.id);
}

/** Records every change and the size of the index as each was fired. */
function record(index: ContactIndex): { changes: IndexChange[]; sizes: number[] } {
  const changes: IndexChange[] = [];
  const sizes: number[] = [];
  index.onDidChange((change) => {
    changes.push(change);
    sizes.push(index.size);
  });
  return { changes, sizes };
}

/** Pages through `contacts` in memory, recording the options it was called with. */
function memoryPager(pages: readonly (readonly Contact[])[]): ContactPager & { calls: ListContactsOptions[] } {
  const calls: ListContactsOptions[] = [];
  return {
    calls,
    async *listAllContacts(options: ListContactsOptions = {}): AsyncGenerator<ContactPage> {
      calls.push(options);
      for (let i = 0; i < pages.length; i++) {
        yield { contacts: pages[i] ?? [], totalItems: 0, nextPageToken: i + 1 < pages.length ? `p${i + 1}` : null };
      }
    },
  };
}

describe('ContactIndex', function () {
  const open: Sandbox[] = [];

  async function start(options: SandboxOptions): Promise<Sandbox> {
    const sandbox = await startSandbox({ rateLimit: Infinity, ...options });
    open.push(sandbox);
    return sandbox;
  }

  afterEach(async () => {
    await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
  });

  describe('sync', () => {
    it('pages through every contact, 50 at a time, at background priority', async () => {
      const sandbox = await start({ contacts: 230 });
      const client = clientFor(sandbox);
      const seen: ListContactsOptions[] = [];
      const pager: ContactPager = {
        listAllContacts: (options) => {
          seen.push(options ?? {});
          return client.listAllContacts(options);
        },
      };
      const index = new ContactIndex({ client: () => pager });
      const state = await index.sync();
      assert.equal(state.status, 'complete');
      assert.equal(state.complete, true);
      assert.equal(state.loadedCount, 230);
      assert.equal(index.size, 230);
      assert.equal(sandbox.stats.byRoute.listContacts, 5);
      assert.equal(seen.length, 1);
      assert.equal(seen[0]?.maxResults, 50);
      assert.equal(seen[0]?.priority, 'background');
      assert.deepEqual(new Set(ids([...index.all()])), new Set(ids(sandbox.contacts as unknown as Contact[])));
    });

    it('lists contacts sorted by display name', async () => {
      const sandbox = await start({ contacts: 120 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      await index.sync();
      const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
      const shown = [...index.all()].map(contactDisplayName);
      const sorted = [...shown].sort((a, b) => collator.compare(a, b));
      assert.deepEqual(shown, sorted);
      assert.equal(shown.length, 120);
    });

    it('grows the first listing page by page, telling listeners each time', async () => {
      const sandbox = await start({ contacts: 230 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      const { changes, sizes } = record(index);
      await index.sync();
      const pageSizes = changes.map((change, i) => (change.contactsChanged ? sizes[i] : undefined)).filter(Boolean);
      assert.deepEqual(pageSizes, [50, 100, 150, 200, 230, 230]);
      assert.deepEqual(
        changes.map((change) => change.state.status),
        ['loading', 'loading', 'loading', 'loading', 'loading', 'loading', 'complete'],
      );
      assert.equal(changes[3]?.state.complete, false);
    });

    it('searches what is loaded and says the index is incomplete while it loads', async () => {
      const sandbox = await start({ contacts: 230 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      const during: { matches: number; complete: boolean }[] = [];
      index.onDidChange((change) => {
        if (change.contactsChanged && change.state.status === 'loading' && during.length === 0) {
          const result = index.search('');
          during.push({ matches: result.matchCount, complete: result.complete });
        }
      });
      await index.sync();
      assert.deepEqual(during, [{ matches: 50, complete: false }]);
      assert.equal(index.search('').complete, true);
    });

    it('swaps a refresh in only when it is complete', async () => {
      const first = await start({ contacts: 230 });
      const second = await start({ contacts: 120, seed: 99 });
      let client = clientFor(first);
      const index = new ContactIndex({ client: () => client });
      await index.sync();
      const before = ids([...index.all()]);
      client = clientFor(second);
      const { changes, sizes } = record(index);
      const seenDuringRefresh: string[][] = [];
      index.onDidChange((change) => {
        if (change.state.status === 'loading') {
          seenDuringRefresh.push(ids([...index.all()]));
        }
      });
      await index.sync();
      assert.ok(seenDuringRefresh.length >= 3);
      for (const seen of seenDuringRefresh) {
        assert.deepEqual(seen, before, 'the complete listing stays shown while the refresh loads');
      }
      assert.deepEqual(sizes.slice(0, -1), sizes.slice(0, -1).map(() => 230));
      assert.equal(index.size, 120);
      assert.deepEqual(new Set(ids([...index.all()])), new Set(ids(second.contacts as unknown as Contact[])));
      assert.equal(changes.filter((change) => change.contactsChanged).length, 1, 'one swap');
      assert.equal(changes.at(-1)?.state.status, 'complete');
      assert.equal(changes[1]?.state.complete, true, 'a refresh over a complete listing counts as complete');
    });

    it('applies a refresh in place when it is complete: edits, deletions and creations, and nothing for the same listing', async () => {
      const a = makeContact('a'.repeat(24), { first: 'Ada', phones: ['+14155550101'], emails: ['ada@x.example'] });
      const b = makeContact('b'.repeat(24), { first: 'Bea', phones: ['+14155550102'] });
      const c = makeContact('c'.repeat(24), { first: 'Cy' });
      let pages: Contact[][] = [[a, b], [c]];
      const index = new ContactIndex({ client: () => memoryPager(pages) });
      await index.sync();
      const listed = index.all();

      // The same listing again changes nothing: no redraw, the same list.
      const { changes } = record(index);
      await index.sync();
      assert.equal(changes.filter((change) => change.contactsChanged).length, 0);
      assert.equal(index.all(), listed);

      const renamed = { ...a, defaultFields: { ...a.defaultFields, firstName: 'Zoe', phoneNumbers: [{ name: 'work', value: '+14155550109' }] } };
      const d = makeContact('d'.repeat(24), { first: 'Dan', emails: ['dan@x.example'] });
      pages = [[renamed], [d]];
      const seen: string[][] = [];
      const during = index.onDidChange((change) => {
        if (change.state.status === 'loading') {
          seen.push(ids([...index.all()]));
          assert.equal(index.byId(a.id)?.defaultFields.firstName, 'Ada', 'the edit waits for the listing to complete');
        }
      });
      await index.sync();
      during.dispose();
      assert.ok(seen.length >= 2 && seen.every((shown) => shown.length === 3));
      assert.deepEqual(ids([...index.all()]), [d.id, renamed.id], 'by name: Dan, Zoe');
      assert.equal(index.byId(b.id), undefined);
      assert.equal(index.byId(c.id), undefined);
      assert.deepEqual(index.byPhone('+14155550101'), [], 'the old number of an edited contact is gone');
      assert.deepEqual(ids(index.byPhone('+14155550109')), [a.id]);
      assert.deepEqual(ids(index.byEmail('dan@x.example')), [d.id]);
      assert.deepEqual(ids(index.search('zoe').hits.map((hit) => hit.contact)), [a.id]);
      assert.deepEqual(index.search('bea').hits, [], 'a deleted contact is found by no search');
      assert.equal(index.search('').matchCount, 2);
    });

    it('keeps the complete listing when a refresh is cut off, and a later sync has no duplicates', async () => {
      const sandbox = await start({ contacts: 230 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      await index.sync();
      const before = ids([...index.all()]);
      const { sizes } = record(index);
      const once = index.onDidChange((change) => {
        if (change.state.status === 'loading' && change.state.loadedCount === 100) {
          once.dispose();
          sandbox.setFaults({ failRate: 1, routes: ['listContacts'] });
        }
      });
      const failed = await index.sync();
      assert.equal(failed.status, 'error');
      assert.equal(failed.complete, true);
      assert.equal(failed.error?.status, 500);
      assert.deepEqual(ids([...index.all()]), before);
      assert.ok(sizes.every((size) => size === 230));

      sandbox.setFaults({});
      const state = await index.sync();
      assert.equal(state.status, 'complete');
      assert.equal(index.size, 230);
      assert.deepEqual(ids([...index.all()]), before);
      assert.equal(new Set(ids([...index.all()])).size, 230);
    });

    it('shows what a first listing loaded when the network drops, and never shrinks it on the next sync', async () => {
      let sandbox = await start({ contacts: 230 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      const off = index.onDidChange((change) => {
        if (change.state.loadedCount === 150) {
          void sandbox.close();
        }
      });
      const failed = await index.sync();
      off.dispose();
      assert.equal(failed.status, 'error');
      assert.equal(failed.complete, false);
      assert.equal(failed.error?.kind, 'network');
      assert.equal(index.size, 150);
      assert.ok(index.byId(WELL_KNOWN.contactId), 'what was loaded stays usable');

      sandbox = await start({ contacts: 230 });
      const { sizes } = record(index);
      const state = await index.sync();
      assert.equal(state.status, 'complete');
      assert.ok(
        sizes.every((size, i) => size >= 150 && (i === 0 || size >= (sizes[i - 1]))),
        `never fewer than before: ${sizes.join(',')}`,
      );
      assert.equal(index.size, 230);
      assert.equal(new Set(ids([...index.all()])).size, 230);
    });

    it('returns the running sync to a second caller instead of starting another', async () => {
      const sandbox = await start({ contacts: 230 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      const first = index.sync();
      const second = index.sync();
      assert.equal(second, first);
      await first;
      assert.equal(sandbox.stats.byRoute.listContacts, 5);
      assert.equal(index.size, 230);
    });

    it('returns the running sync to a listener that asks for one as it starts', async () => {
      const sandbox = await start({ contacts: 120 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      const asked: Promise<unknown>[] = [];
      const once = index.onDidChange(() => {
        once.dispose();
        asked.push(index.sync());
      });
      const first = index.sync();
      assert.equal(asked[0], first);
      await first;
      assert.equal(sandbox.stats.byRoute.listContacts, 3);
    });

    it('treats a cancelled refresh as no failure', async () => {
      const sandbox = await start({ contacts: 230 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      await index.sync();
      const controller = new AbortController();
      index.onDidChange((change) => {
        if (change.state.loadedCount === 50) {
          controller.abort();
        }
      });
      const state = await index.sync(controller.signal);
      assert.equal(state.status, 'complete');
      assert.equal(index.size, 230);
      assert.ok(sandbox.stats.byRoute.listContacts < 10);
    });

    it('reports a missing key as a config error without a request', async () => {
      const index = new ContactIndex({ client: () => undefined });
      const state = await index.sync();
      assert.equal(state.status, 'error');
      assert.ok(state.error instanceof QuoError);
      assert.equal(state.error.kind, 'config');
      assert.equal(index.size, 0);
    });

    it('keeps one contact listed twice once, with its later data', async () => {
      const early: Contact = {
        ...contactWith('aaaaaaaaaaaaaaaaaaaaaaaa', 'Early', '+14155550101', 'early@x.example'),
      };
      const later = contactWith('aaaaaaaaaaaaaaaaaaaaaaaa', 'Later', '+14155550102', 'later@x.example');
      const other = contactWith('bbbbbbbbbbbbbbbbbbbbbbbb', 'Other', '+14155550101', 'other@x.example');
      const index = new ContactIndex({ client: () => memoryPager([[early, other], [later]]) });
      await index.sync();
      assert.equal(index.size, 2);
      assert.equal(index.byId(early.id)?.defaultFields.firstName, 'Later');
      assert.deepEqual(ids(index.byPhone('+14155550101')), [other.id]);
      assert.deepEqual(ids(index.byPhone('+14155550102')), [later.id]);
      assert.deepEqual(index.byEmail('early@x.example'), []);
      assert.deepEqual(ids([...index.all()]), [later.id, other.id]);
      assert.deepEqual(ids(index.search('early').hits.map((hit) => hit.contact)), []);
      assert.deepEqual(ids(index.search('later').hits.map((hit) => hit.contact)), [later.id]);
    });
  });

  describe('lookups', () => {
    let index: ContactIndex;
    let sandbox: Sandbox;

    beforeEach(async () => {
      sandbox = await start({ contacts: 120 });
      index = new ContactIndex({ client: () => clientFor(sandbox) });
      await index.sync();
    });

    it('finds every contact by id', () => {
      for (const contact of sandbox.contacts) {
        assert.equal(index.byId(contact.id)?.id, contact.id);
      }
      assert.equal(index.byId(WELL_KNOWN.missingContactId), undefined);
    });

    it('keeps every field of every contact, hostile ones included, though it stores them compacted', () => {
      for (const served of sandbox.contacts) {
        assert.deepEqual(JSON.parse(JSON.stringify(index.byId(served.id))), JSON.parse(JSON.stringify(served)), served.id);
      }
      for (const id of Object.values(HOSTILE_IDS)) {
        assert.ok(index.byId(id), id);
      }
    });

    it('finds all contacts sharing a number, however it is written', () => {
      for (const written of [WELL_KNOWN.sharedPhone, '(415) 555-0100', '+1 415 555 0100', '1-415-555-0100']) {
        assert.deepEqual(new Set(ids(index.byPhone(written))), new Set(WELL_KNOWN.sharedPhoneContactIds), written);
      }
      assert.deepEqual(ids(index.byPhone(WELL_KNOWN.phone)), [WELL_KNOWN.contactId]);
      assert.deepEqual(index.byPhone('+14155559999'), []);
      assert.deepEqual(index.byPhone('not a number'), []);
    });

    it('finds contacts by email, ignoring case and spaces', () => {
      assert.deepEqual(ids(index.byEmail(WELL_KNOWN.email)), [WELL_KNOWN.contactId]);
      assert.deepEqual(ids(index.byEmail(' ADA@Analytical-Engines.example ')), [WELL_KNOWN.contactId]);
      assert.deepEqual(index.byEmail('nobody@x.example'), []);
    });

    it('reads national numbers in the default country, and re-reads stored ones when it changes', async () => {
      const national = contactWith('cccccccccccccccccccccccc', 'National', '(415) 555-0199', 'n@x.example');
      const local = new ContactIndex({ client: () => memoryPager([[national]]), defaultCountry: 'GB' });
      await local.sync();
      assert.deepEqual(local.byPhone('+14155550199'), []);
      local.setDefaultCountry('US');
      assert.deepEqual(ids(local.byPhone('+14155550199')), [national.id]);
      assert.deepEqual(ids(local.byPhone('415-555-0199')), [national.id]);
    });

    it('finds contacts of other countries by the national spelling of their numbers', async () => {
      const london = contactWith('dddddddddddddddddddddddd', 'London', '+442079460958', 'l@x.example');
      const paris = contactWith('eeeeeeeeeeeeeeeeeeeeeeee', 'Paris', '+33612345678', 'p@x.example');
      const typed = contactWith('ffffffffffffffffffffffff', 'Typed', '020 7946 0777', 't@x.example');
      const world = new ContactIndex({ client: () => memoryPager([[london, paris, typed]]), defaultCountry: 'GB' });
      await world.sync();
      assert.deepEqual(ids(world.byPhone('020 7946 0958')), [london.id]);
      assert.deepEqual(ids(world.byPhone('+442079460958')), [london.id]);
      assert.deepEqual(ids(world.byPhone('+33612345678')), [paris.id]);
      assert.deepEqual(world.byPhone('06 12 34 56 78'), []);
      // A stored national number is read in the default country too.
      assert.deepEqual(ids(world.byPhone('+442079460777')), [typed.id]);
      world.setDefaultCountry('FR');
      assert.deepEqual(ids(world.byPhone('06 12 34 56 78')), [paris.id]);
      assert.deepEqual(ids(world.byPhone('+442079460958')), [london.id]);
      assert.deepEqual(world.byPhone('+442079460777'), []);
    });
  });

  describe('clear', () => {
    it('drops every contact and says so', async () => {
      const sandbox = await start({ contacts: 120 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      await index.sync();
      const { changes } = record(index);
      index.clear();
      assert.equal(index.size, 0);
      assert.equal(index.state.status, 'empty');
      assert.equal(index.byId(WELL_KNOWN.contactId), undefined);
      assert.deepEqual(index.byPhone(WELL_KNOWN.sharedPhone), []);
      assert.deepEqual([...index.all()], []);
      assert.equal(index.search('ada').matchCount, 0);
      assert.deepEqual(
        changes.map((change) => [change.state.status, change.contactsChanged]),
        [['empty', true]],
      );
    });

    it('stops a running sync, whose later pages never arrive', async () => {
      const sandbox = await start({ contacts: 230 });
      const index = new ContactIndex({ client: () => clientFor(sandbox) });
      const once = index.onDidChange((change) => {
        if (change.state.loadedCount === 100) {
          once.dispose();
          index.clear();
        }
      });
      const state = await index.sync();
      assert.equal(state.status, 'empty');
      assert.equal(index.size, 0);
      assert.ok(sandbox.stats.byRoute.listContacts <= 3);
      const again = await index.sync();
      assert.equal(again.status, 'complete');
      assert.equal(index.size, 230);
    });

    it('ignores pages that still arrive after it, even from a source that does not stop', async () => {
      const pages = [1, 2, 3].map((n) => [contactWith(`${n}`.repeat(24), `P${n}`, `+1415555010${n}`, `${n}@x.example`)]);
      const index = new ContactIndex({ client: () => memoryPager(pages) });
      const once = index.onDidChange((change) => {
        if (change.state.loadedCount === 1) {
          once.dispose();
          index.clear();
        }
      });
      const state = await index.sync();
      assert.equal(state.status, 'empty');
      assert.equal(index.size, 0);
      assert.equal(index.byId('3'.repeat(24)), undefined);
    });
  });
});

/** A contact with one name, phone and email. */
function contactWith(id: string, firstName: string, phone: string, email: string): Contact {
  return makeContact(id, { first: firstName, phones: [phone], emails: [email] });
}
