import assert from 'node:assert/strict';
import { ContactCache } from '../../src/contacts/contactCache.js';
import { ContactLookup, MAX_ASKED_IN_BACKGROUND } from '../../src/contacts/contactLookup.js';
import { RecentContacts, MAX_RECENT } from '../../src/contacts/recentContacts.js';
import { keyFingerprint } from '../../src/auth/keyFingerprint.js';
import { QuoClient } from '../../src/quo/client.js';
import { QuoError } from '../../src/quo/errors.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import type { Contact } from '../../src/quo/types.js';
import { WELL_KNOWN } from '../sandbox/generate.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { FakeClock, flushPromises } from './fakeClock.js';
import { makeContact } from './contactFixtures.js';
import { signalHolds } from './signalHolds.js';

const MINUTE = 60_000;
const NO_LIST = { byId: (): Contact | undefined => undefined };

function contact(id: string): Contact {
  return makeContact(id, { first: id });
}

describe('ContactCache', () => {
  it('serves a contact fresh until its time is up, then stale', () => {
    const clock = new FakeClock();
    const cache = new ContactCache({ ttlMs: 10 * MINUTE, notFoundTtlMs: 5 * MINUTE, clock });
    cache.setContact(contact('a'));
    assert.deepEqual(cache.get('a'), { kind: 'contact', contact: contact('a'), fresh: true });
    void clock.advance(10 * MINUTE);
    assert.equal(cache.get('a')?.fresh, false);
    assert.deepEqual(cache.get('a'), { kind: 'contact', contact: contact('a'), fresh: false });
  });

  it('remembers not-found for a shorter time', () => {
    const clock = new FakeClock();
    const cache = new ContactCache({ ttlMs: 10 * MINUTE, notFoundTtlMs: 5 * MINUTE, clock });
    cache.setNotFound('x');
    assert.deepEqual(cache.get('x'), { kind: 'not-found', fresh: true });
    void clock.advance(5 * MINUTE);
    assert.deepEqual(cache.get('x'), { kind: 'not-found', fresh: false });
  });

  it('treats an entry stored "in the future" (the wall clock stepped back) as stale, contacts and not-found alike', () => {
    let now = 10 * MINUTE * 6;
    const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };
    const cache = new ContactCache({ ttlMs: 10 * MINUTE, notFoundTtlMs: 5 * MINUTE, clock });
    cache.setContact(contact('a'));
    cache.setNotFound('x');
    now -= 60 * MINUTE;
    assert.equal(cache.get('a')?.fresh, false);
    assert.deepEqual(cache.get('a'), { kind: 'contact', contact: contact('a'), fresh: false });
    assert.deepEqual(cache.get('x'), { kind: 'not-found', fresh: false });
    cache.setContact(contact('a'));
    assert.deepEqual(cache.get('a'), { kind: 'contact', contact: contact('a'), fresh: true }, 'stored again, it is fresh again');
  });

  it('keeps the wall clock by default, so time spent asleep counts toward expiry', () => {
    const cache = new ContactCache({ ttlMs: 10 * MINUTE, notFoundTtlMs: 5 * MINUTE });
    const realNow = Date.now;
    cache.setContact(contact('a'));
    try {
      Date.now = () => realNow.call(Date) + 11 * MINUTE;
      assert.equal(cache.get('a')?.fresh, false);
    } finally {
      Date.now = realNow;
    }
  });

  it('drops the least recently used entry beyond its bound', () => {
    const cache = new ContactCache({ ttlMs: MINUTE, notFoundTtlMs: MINUTE, maxEntries: 2 });
    cache.setContact(contact('a'));
    cache.setContact(contact('b'));
    cache.get('a');
    cache.setContact(contact('c'));
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b'), undefined);
    assert.ok(cache.get('a'));
  });
});

describe('ContactLookup', () => {
  let sandbox: Sandbox;
  let clock: FakeClock;
  let lookup: ContactLookup;
  let client: QuoClient | undefined;

  beforeEach(async () => {
    sandbox = await startSandbox({ contacts: 30 });
    clock = new FakeClock();
    client = new QuoClient({ baseUrl: sandbox.url, apiKey: sandbox.key, limiter: new RateLimiter({ maxPerWindow: 10 }), retryBaseMs: 1 });
    lookup = new ContactLookup(new ContactCache({ ttlMs: 10 * MINUTE, notFoundTtlMs: 5 * MINUTE, clock }), NO_LIST, () => client);
  });

  afterEach(() => sandbox.close());

  it('aborts a request sent before a clear (a key change) and caches nothing from it', async () => {
    sandbox.setFaults({ latencyMs: 300 });
    let resolvedEvents = 0;
    lookup.onDidResolve(() => resolvedEvents++);
    const pending = lookup.resolve(WELL_KNOWN.contactId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    lookup.clear();
    await assert.rejects(pending, (error: unknown) => error instanceof QuoError && error.kind === 'cancelled');
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.deepEqual(lookup.know(WELL_KNOWN.contactId), { kind: 'unknown', notFoundBefore: false }, 'nothing of the old key is cached');
    assert.equal(resolvedEvents, 0);
  });

  it('drops an answer for the old key that arrives after a clear even if its request ignored the abort', async () => {
    const contact = (await lookup.resolve(WELL_KNOWN.contactId)).kind === 'found' ? lookup.know(WELL_KNOWN.contactId) : undefined;
    assert.ok(contact?.kind === 'fresh');
    const stubborn = {
      getContact: () => new Promise((resolve) => setTimeout(() => resolve(contact.contact), 50)),
    } as unknown as QuoClient;
    const stale = new ContactLookup(new ContactCache({ ttlMs: 10 * MINUTE, notFoundTtlMs: 5 * MINUTE, clock }), NO_LIST, () => stubborn);
    const pending = stale.resolve(WELL_KNOWN.contactId);
    stale.clear();
    await assert.rejects(pending, (error: unknown) => error instanceof QuoError && error.kind === 'cancelled');
    assert.equal(stale.know(WELL_KNOWN.contactId).kind, 'unknown', 'the late answer was not stored under the new key');
  });

  it('asks Quo once for a contact, then answers from the cache until it expires', async () => {
    assert.equal((await lookup.resolve(WELL_KNOWN.contactId)).kind, 'found');
    await lookup.resolve(WELL_KNOWN.contactId);
    assert.equal(sandbox.stats.byRoute.getContact, 1);
    await clock.advance(10 * MINUTE);
    await lookup.resolve(WELL_KNOWN.contactId);
    assert.equal(sandbox.stats.byRoute.getContact, 2);
  });

  it('costs one request per expiry period for an id that is not a contact', async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal((await lookup.resolve(WELL_KNOWN.missingContactId)).kind, 'not-found');
    }
    assert.equal(sandbox.stats.byRoute.getContact, 1);
    await clock.advance(5 * MINUTE);
    await lookup.resolve(WELL_KNOWN.missingContactId);
    assert.equal(sandbox.stats.byRoute.getContact, 2);
  });

  it('consults the contact list (the index) before asking Quo, in the one read', async () => {
    const listed = { byId: (id: string) => (id === 'known' ? contact('known') : undefined) };
    lookup = new ContactLookup(new ContactCache({ ttlMs: 10 * MINUTE, notFoundTtlMs: 5 * MINUTE, clock }), listed, () => client);
    assert.equal(lookup.know('known').kind, 'from-index');
    assert.equal((await lookup.resolve('known')).kind, 'found');
    assert.equal(sandbox.stats.total, 0);
  });

  it('says there is no key with a config error, and reports a refused key', async () => {
    client = undefined;
    await assert.rejects(lookup.resolve(WELL_KNOWN.contactId), (error: unknown) => error instanceof QuoError && error.kind === 'config');
    // The client reports every request's outcome (what the workspace session hears), the lookup sending it or not.
    const failures: unknown[] = [];
    client = new QuoClient({
      baseUrl: sandbox.url,
      apiKey: 'revoked',
      limiter: new RateLimiter({ maxPerWindow: 10 }),
      onOutcome: (outcome) => outcome.failed && failures.push(outcome.error),
    });
    await assert.rejects(lookup.resolve(WELL_KNOWN.contactId));
    assert.equal(failures.length, 1);
    assert.equal(failures[0] instanceof QuoError && failures[0].isUnauthorized, true);
    assert.equal(lookup.know(WELL_KNOWN.contactId).kind, 'unknown', 'a refusal is not cached as not-found');
  });

  it('asks in the background at most once per id, and again only after Quo answers something', async () => {
    // As the workspace session wires it: a request Quo answers lets the ids that failed in the background ask again.
    client = new QuoClient({
      baseUrl: sandbox.url,
      apiKey: sandbox.key,
      limiter: new RateLimiter({ maxPerWindow: 10 }),
      retryBaseMs: 1,
      onOutcome: (outcome) => !outcome.failed && lookup.askFailedAgain(),
    });
    sandbox.setFaults({ failRate: 1 });
    assert.deepEqual(lookup.knowOrAskInBackground(WELL_KNOWN.contactId), { kind: 'unknown', notFoundBefore: false });
    await waitFor(() => (sandbox.stats.byStatus[500] ?? 0) >= 4);
    await flushPromises();
    for (let i = 0; i < 5; i++) {
      lookup.knowOrAskInBackground(WELL_KNOWN.contactId);
    }
    await flushPromises();
    assert.equal(sandbox.stats.byRoute.getContact, 4, 'one ask and its three retries, no more');
    sandbox.setFaults({});
    await lookup.resolve(WELL_KNOWN.thirdContactId);
    const resolved: string[] = [];
    lookup.onDidResolve((c) => resolved.push(c.id));
    lookup.knowOrAskInBackground(WELL_KNOWN.contactId);
    await waitFor(() => resolved.includes(WELL_KNOWN.contactId));
    assert.equal(lookup.know(WELL_KNOWN.contactId).kind, 'fresh');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.ok(condition(), 'condition not reached');
}

describe('ContactLookup over a window\'s lifetime', () => {
  const LOOKUPS = 10_000;

  function lookupWith(getContact: (id: string, options: { signal?: AbortSignal }) => Promise<Contact>): ContactLookup {
    const client = { getContact } as unknown as QuoClient;
    return new ContactLookup(new ContactCache({ ttlMs: 10 * MINUTE, notFoundTtlMs: 5 * MINUTE }), NO_LIST, () => client);
  }

  it(`leaves nothing on the epoch's signal after ${LOOKUPS} lookups with signals of their own`, async () => {
    const seen: AbortSignal[] = [];
    const lookup = lookupWith(async (id, options) => {
      if (options.signal) seen.push(options.signal);
      return contact(id);
    });
    for (let i = 0; i < LOOKUPS; i++) {
      await lookup.resolve(`CT${i}`, { signal: new AbortController().signal });
    }
    assert.deepEqual(signalHolds(lookup.epochSignal), { listeners: 0, dependants: 0 });
    assert.equal(seen.length, LOOKUPS);
    // Still linked while a request is under way: a clear aborts it.
    let started!: () => void;
    const sent = new Promise<void>((resolve) => (started = resolve));
    const slow = lookupWith((_id, options) => {
      started();
      return new Promise((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    const pending = slow.resolve('CTslow', { signal: new AbortController().signal });
    await sent;
    assert.deepEqual(signalHolds(slow.epochSignal), { listeners: 1, dependants: 0 });
    slow.clear();
    await assert.rejects(pending, (error: unknown) => error instanceof QuoError && error.kind === 'cancelled');
  });

  it(`remembers at most ${MAX_ASKED_IN_BACKGROUND} ids asked, or failed, in the background after ${LOOKUPS} ids shown offline`, async () => {
    const lookup = lookupWith(() => Promise.reject(new QuoError({ kind: 'network', message: 'offline' })));
    for (let i = 0; i < LOOKUPS; i++) {
      lookup.knowOrAskInBackground(`CT${i}`);
      if (i % 100 === 99) {
        await flushPromises();
      }
    }
    await flushPromises();
    assert.deepEqual(lookup.backgroundCounts, { asked: MAX_ASKED_IN_BACKGROUND, failed: MAX_ASKED_IN_BACKGROUND });
    // The latest are the ones remembered: shown again, they are not asked again while offline.
    let asked = 0;
    const counting = lookupWith(() => {
      asked++;
      return Promise.reject(new QuoError({ kind: 'network', message: 'offline' }));
    });
    for (let i = 0; i < LOOKUPS; i++) counting.knowOrAskInBackground(`CT${i}`);
    await flushPromises();
    for (let i = LOOKUPS - MAX_ASKED_IN_BACKGROUND; i < LOOKUPS; i++) counting.knowOrAskInBackground(`CT${i}`);
    assert.equal(asked, LOOKUPS);
  });
});

describe('RecentContacts', () => {
  function memoryStore(): { get<T>(key: string): T | undefined; update(key: string, value: unknown): Promise<void>; data: Map<string, unknown> } {
    const data = new Map<string, unknown>();
    return { data, get: <T>(key: string) => data.get(key) as T | undefined, update: async (key, value) => void data.set(key, value) };
  }

  it('keeps the last opened first, without duplicates, bounded, per key fingerprint', async () => {
    const store = memoryStore();
    let fingerprint = 'aaa';
    const recent = new RecentContacts(store, () => fingerprint);
    for (let i = 0; i < MAX_RECENT + 5; i++) {
      await recent.add({ id: `id${i}`, name: `n${i}` });
    }
    await recent.add({ id: 'id3', name: 'n3' });
    const list = recent.list();
    assert.equal(list.length, MAX_RECENT);
    assert.equal(list[0]?.id, 'id3');
    assert.equal(new Set(list.map((c) => c.id)).size, list.length);
    fingerprint = 'bbb';
    assert.deepEqual(recent.list(), []);
  });

  it('ignores a corrupt stored value', () => {
    const store = memoryStore();
    store.data.set('quo.recent.f', [{ id: 1 }, 'x', { id: 'ok', name: 'Ok' }]);
    assert.deepEqual(new RecentContacts(store, () => 'f').list(), [{ id: 'ok', name: 'Ok' }]);
  });
});

describe('keyFingerprint', () => {
  it('does not contain the key, differs per salt and per key, and is stable', () => {
    const key = 'sk_live_abcdef123456';
    const a = keyFingerprint(key, 'salt1');
    assert.equal(a, keyFingerprint(key, 'salt1'));
    assert.notEqual(a, keyFingerprint(key, 'salt2'));
    assert.notEqual(a, keyFingerprint(`${key}x`, 'salt1'));
    assert.ok(!a.includes(key.slice(0, 6)));
  });
});
