import assert from 'node:assert/strict';
import { QuoClient } from '../../src/quo/client.js';
import { QuoError } from '../../src/quo/errors.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import { generateContacts, HOSTILE_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server.js';
import { FakeClock } from './fakeClock.js';
import { rejection } from './rejection.js';

/** Fast backoff: the retry policy is under test, not the wall clock. */
function clientFor(sandbox: Sandbox, overrides: Partial<ConstructorParameters<typeof QuoClient>[0]> = {}): QuoClient {
  return new QuoClient({
    baseUrl: sandbox.url,
    apiKey: sandbox.key,
    limiter: new RateLimiter({ maxPerWindow: 10 }),
    retryBaseMs: 1,
    retryMaxMs: 5,
    ...overrides,
  });
}

/** Rejects with a plain Error (so `rejection` fails the test) when the promise has not settled after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what = 'the request'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} was still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Longer than the limiter's window and its margin: every slot answered before it stops counting. */
const WINDOW_PASSED_MS = 2_000;

/**
 * Whether every slot the client took was given back. Once a window has passed on the limiter's clock, only a slot
 * still held by a request counts, so with none held `maxPerWindow` requests leave at once and none has to queue.
 * The probe's own slots are released and left to expire, so the limiter is as free afterwards as before.
 */
async function everySlotReleased(limiter: RateLimiter, clock: FakeClock, maxPerWindow: number): Promise<boolean> {
  await clock.advance(WINDOW_PASSED_MS);
  const probe = new AbortController();
  const slots = Array.from({ length: maxPerWindow }, () => limiter.acquire('interactive', probe.signal));
  const noneQueued = limiter.pending === 0;
  probe.abort();
  for (const slot of await Promise.allSettled(slots)) {
    if (slot.status === 'fulfilled') {
      slot.value();
    }
  }
  await clock.advance(WINDOW_PASSED_MS);
  return noneQueued;
}

describe('QuoClient against the sandbox', function () {
  let sandbox: Sandbox;
  const open: Sandbox[] = [];

  async function start(options: SandboxOptions = {}): Promise<Sandbox> {
    const started = await startSandbox(options);
    open.push(started);
    return started;
  }

  beforeEach(async () => {
    sandbox = await start({ contacts: 120 });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('gets a contact by id, sending the raw key without Bearer', async () => {
    const contact = await clientFor(sandbox).getContact(WELL_KNOWN.contactId);
    assert.equal(contact.defaultFields.firstName, WELL_KNOWN.firstName);
    assert.equal(contact.createdByUserId, WELL_KNOWN.createdByUserId);
    assert.deepEqual(sandbox.stats.authorizations, [sandbox.key]);
  });

  it('decodes every custom field type of a full contact', async () => {
    const contact = await clientFor(sandbox).getContact(WELL_KNOWN.contactId);
    const types = new Set(contact.customFields.map((field) => field.type));
    for (const type of ['address', 'string', 'url', 'multi-select', 'boolean', 'date', 'number']) {
      assert.ok(types.has(type as never), `missing ${type}`);
    }
  });

  it('decodes every hostile record', async () => {
    const client = clientFor(sandbox);
    for (const id of Object.values(HOSTILE_IDS)) {
      assert.equal((await client.getContact(id)).id, id);
    }
  });

  it('reports a missing contact as a 404 with Quo\'s code', async () => {
    const error = await rejection(clientFor(sandbox).getContact(WELL_KNOWN.missingContactId));
    assert.equal(error.status, 404);
    assert.equal(error.code, '0800404');
    assert.equal(error.isNotFound, true);
  });

  it('reports a wrong key as 401, without retrying', async () => {
    const error = await rejection(clientFor(sandbox, { apiKey: 'wrong' }).getContact(WELL_KNOWN.contactId));
    assert.equal(error.isUnauthorized, true);
    assert.equal(sandbox.stats.total, 1);
  });

  it('reads the wrapped 401 shape', async () => {
    sandbox.setFaults({ wrapped401: true });
    const error = await rejection(clientFor(sandbox).getContact(WELL_KNOWN.contactId));
    assert.equal(error.status, 401);
    assert.ok(error.trace, 'the trace is kept');
  });

  it('pages through every contact to a null token, without duplicates', async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of clientFor(sandbox).listAllContacts({ maxResults: 50 })) {
      pages++;
      ids.push(...page.contacts.map((contact) => contact.id));
    }
    assert.equal(pages, Math.ceil(sandbox.contacts.length / 50));
    assert.equal(ids.length, sandbox.contacts.length);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('sends externalIds and sources as repeated keys', async () => {
    const page = await clientFor(sandbox).listContacts({ externalIds: [WELL_KNOWN.externalId, 'nope'], sources: [WELL_KNOWN.source] });
    assert.deepEqual(page.contacts.map((contact) => contact.id), [WELL_KNOWN.contactId]);
  });

  it('refuses maxResults outside 1..50 before any request', async () => {
    const error = await rejection(clientFor(sandbox).listContacts({ maxResults: 51 }));
    assert.equal(error.kind, 'config');
    assert.equal(sandbox.stats.total, 0);
  });

  it('lists custom field definitions and phone numbers, and gets a user', async () => {
    const client = clientFor(sandbox);
    assert.ok((await client.listCustomFields()).length >= 7);
    assert.ok((await client.listPhoneNumbers()).every((phone) => phone.id.startsWith('PN')));
    assert.equal((await client.getUser(WELL_KNOWN.createdByUserId)).id, WELL_KNOWN.createdByUserId);
  });

  it('retries 500s a bounded number of times, then reports Quo\'s trace', async () => {
    sandbox.setFaults({ failRate: 1 });
    const error = await rejection(clientFor(sandbox, { retryLimit: 2 }).getContact(WELL_KNOWN.contactId));
    assert.equal(error.status, 500);
    assert.ok(error.trace);
    assert.equal(sandbox.stats.total, 3);
  });

  it('succeeds after a transient 500', async () => {
    sandbox.setFaults({ failRate: 0.5 });
    const client = clientFor(sandbox);
    for (let i = 0; i < 4; i++) {
      await client.getContact(WELL_KNOWN.contactId);
    }
    assert.ok((sandbox.stats.byStatus[500] ?? 0) > 0, 'some requests failed and were retried');
  });

  it('survives a 500 whose body is an HTML page', async () => {
    sandbox.setFaults({ failRate: 1, failBody: 'html' });
    const error = await rejection(clientFor(sandbox, { retryLimit: 0 }).getContact(WELL_KNOWN.contactId));
    assert.equal(error.status, 500);
    assert.doesNotMatch(error.message, /<html/i);
  });

  it('retries 429s and never retries other 4xx', async () => {
    sandbox.setFaults({ rateLimitedForMs: 60_000 });
    const limited = await rejection(clientFor(sandbox, { retryLimit: 3 }).getContact(WELL_KNOWN.contactId));
    assert.equal(limited.status, 429);
    assert.equal(limited.retryAt, undefined, 'Quo sends no Retry-After: the time to retry is unknown');
    assert.equal(sandbox.stats.total, 4);
    sandbox.setFaults({});
    sandbox.resetStats();
    await rejection(clientFor(sandbox, { retryLimit: 3 }).getContact(WELL_KNOWN.missingContactId));
    assert.equal(sandbox.stats.total, 1);
  });

  it('reports a body that is not JSON as a decode error', async () => {
    sandbox.setFaults({ malformedJson: true });
    const error = await rejection(clientFor(sandbox).getContact(WELL_KNOWN.contactId));
    assert.equal(error.kind, 'decode');
  });

  it('reports a contact that breaks the schema with the field at fault', async () => {
    sandbox.setFaults({ malformedContactIds: [WELL_KNOWN.contactId] });
    const error = await rejection(clientFor(sandbox).getContact(WELL_KNOWN.contactId));
    assert.equal(error.kind, 'decode');
    assert.match(error.message, /^data\./);
  });

  it('tells a timeout, a cancellation and a refused connection apart', async () => {
    sandbox.setFaults({ hang: true });
    const timeout = await rejection(clientFor(sandbox, { timeoutMs: 50 }).getContact(WELL_KNOWN.contactId));
    assert.equal(timeout.kind, 'timeout');

    const controller = new AbortController();
    const pending = clientFor(sandbox).getContact(WELL_KNOWN.thirdContactId, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    assert.equal((await rejection(pending)).kind, 'cancelled');

    const closed = await start();
    const url = closed.url;
    await closed.close();
    const refused = await rejection(
      new QuoClient({ baseUrl: url, apiKey: 'k', limiter: new RateLimiter({ maxPerWindow: 10 }) }).getContact(WELL_KNOWN.contactId),
    );
    assert.equal(refused.kind, 'network');
    assert.match(refused.message, /ECONNREFUSED/);
  });

  it('times out a 200 whose body stalls, on every endpoint, and lets the next lookup of the id ask again', async () => {
    sandbox.setFaults({ stallBody: true });
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 10, clock });
    const client = clientFor(sandbox, { limiter, timeoutMs: 100 });
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['getContact', () => client.getContact(WELL_KNOWN.contactId)],
      ['listContacts', () => client.listContacts()],
      ['listCustomFields', () => client.listCustomFields()],
      ['listPhoneNumbers', () => client.listPhoneNumbers()],
      ['getUser', () => client.getUser(WELL_KNOWN.createdByUserId)],
    ];
    for (const [name, call] of calls) {
      const error = await rejection(within(call(), 2_000, name));
      assert.equal(error.kind, 'timeout', `${name}: ${error.message}`);
      assert.match(error.message, /in time/, name);
    }
    assert.equal(await everySlotReleased(limiter, clock, 10), true, 'every slot was released');
    // Lookups joined to a stalled request fail with it; the one after asks Quo again instead of joining it.
    const first = client.getContact(WELL_KNOWN.thirdContactId);
    const joined = client.getContact(WELL_KNOWN.thirdContactId);
    assert.equal((await rejection(within(first, 2_000))).kind, 'timeout');
    assert.equal((await rejection(within(joined, 2_000))).kind, 'timeout');
    sandbox.setFaults({});
    assert.equal((await within(client.getContact(WELL_KNOWN.thirdContactId), 2_000)).id, WELL_KNOWN.thirdContactId);
    assert.equal(sandbox.stats.byRoute.getContact, 3);
  });

  it('leaves no timer, slot or pending request behind after timeouts and cancellations', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 10, clock });
    const client = clientFor(sandbox, { limiter, timeoutMs: 30 });
    // One answered request first: fetch keeps its own connection timers, which are not the client's.
    await client.getContact(WELL_KNOWN.contactId);
    sandbox.setFaults({ hang: true });
    const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const controller = new AbortController();
    const cancelled = client.getContact(WELL_KNOWN.thirdContactId, { signal: controller.signal });
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, (_, i) => client.getContact(sandbox.contacts[i]?.id ?? '')),
      cancelled,
      Promise.resolve().then(() => controller.abort()),
    ]);
    assert.deepEqual(
      results.slice(0, 6).map((result) => (result.status === 'rejected' ? (result.reason as QuoError).kind : 'fulfilled')),
      ['timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'cancelled'],
    );
    assert.equal(limiter.pending, 0);
    assert.equal(await everySlotReleased(limiter, clock, 10), true, 'every slot was released');
    assert.ok(timers() <= before, `timers before ${before}, after ${timers()}`);
  });

  it('reports a name that does not resolve as a network failure naming the cause', async () => {
    // .invalid is reserved: it never resolves, anywhere.
    const client = new QuoClient({ baseUrl: 'https://quo-sandbox.invalid', apiKey: 'k', limiter: new RateLimiter({ maxPerWindow: 10 }) });
    const error = await rejection(client.getContact(WELL_KNOWN.contactId));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ENOTFOUND|EAI_AGAIN/);
  });

  it('shares one request among concurrent lookups of one id', async () => {
    const client = clientFor(sandbox);
    const results = await Promise.all(Array.from({ length: 100 }, () => client.getContact(WELL_KNOWN.contactId)));
    assert.equal(results.length, 100);
    assert.equal(sandbox.stats.byRoute.getContact, 1);
  });

  it('keeps a shared request alive while one caller remains, and cancels it when all leave', async () => {
    sandbox.setFaults({ latencyMs: 100 });
    const client = clientFor(sandbox);
    const first = new AbortController();
    const leaving = client.getContact(WELL_KNOWN.contactId, { signal: first.signal });
    const staying = client.getContact(WELL_KNOWN.contactId);
    first.abort();
    assert.equal((await rejection(leaving)).kind, 'cancelled');
    assert.equal((await staying).id, WELL_KNOWN.contactId);
    assert.equal(sandbox.stats.byRoute.getContact, 1);
  });

  it('keeps a burst of 50 requests under the limit: no 429 and never more than 10 in a window at the sandbox', async () => {
    const client = clientFor(sandbox);
    const ids = sandbox.contacts.slice(0, 50).map((contact) => contact.id);
    await Promise.all(ids.map((id) => client.getContact(id)));
    assert.equal(sandbox.stats.byStatus[429] ?? 0, 0);
    assert.ok(sandbox.stats.maxInWindow <= 10, `max in window ${sandbox.stats.maxInWindow}`);
    assert.equal(sandbox.stats.total, 50);
  });

  it('puts an id into the path as one segment, whatever it holds', async () => {
    const seen: string[] = [];
    const probe = await start({ onRequest: (entry) => seen.push(entry.url) });
    const client = clientFor(probe);
    for (const id of ['a/b', '?x=1', '#frag', '%2F', 'ünï', '..%2F..']) {
      const error = await rejection(client.getContact(id));
      assert.equal(error.status, 404, id);
    }
    assert.ok(seen.every((url) => url.startsWith('/v1/contacts/') && url.split('/').length === 4), seen.join(' '));
    assert.equal((await rejection(client.getContact('..'))).kind, 'config');
    assert.equal((await rejection(client.getContact('x'.repeat(10_000)))).kind, 'config');
  });

  it('refuses a plain-http base URL other than loopback before any request', () => {
    assert.throws(
      () => new QuoClient({ baseUrl: 'http://api.quo.com', apiKey: 'k', limiter: new RateLimiter({ maxPerWindow: 10 }) }),
      (error: unknown) => error instanceof QuoError && error.kind === 'config',
    );
  });
});

/** A fetch that answers from a script, one Response per call, without a network. */
function scriptedFetch(answer: (call: number) => Response): { fetch: typeof globalThis.fetch; calls: () => number } {
  let calls = 0;
  return {
    fetch: async () => answer(++calls),
    calls: () => calls,
  };
}

function errorJson(status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ message: 'Too many requests', code: `0800${status}`, status, title: 'Too Many Requests', trace: 't-1' }), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function scriptedClient(fetch: typeof globalThis.fetch, overrides: Partial<ConstructorParameters<typeof QuoClient>[0]> = {}): QuoClient {
  return new QuoClient({
    baseUrl: 'https://api.quo.com',
    apiKey: 'k',
    limiter: new RateLimiter({ maxPerWindow: 1_000 }),
    retryBaseMs: 1,
    retryMaxMs: 5,
    fetch,
    ...overrides,
  });
}

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * A body streamed in 64 KB chunks from `bytes` (or endless spaces when absent), counting what the client pulled. The
 * endless one errors after 32 MB so that a client that reads without bound fails the test instead of the machine.
 */
function countedBody(bytes?: Uint8Array): { stream: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const spaces = new Uint8Array(CHUNK).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (bytes && pulled >= bytes.length) {
        controller.close();
        return;
      }
      if (!bytes && pulled >= 32 * MB) {
        controller.error(new Error('test guard: the client read 32 MB without stopping'));
        return;
      }
      const chunk = bytes ? bytes.subarray(pulled, pulled + CHUNK) : spaces;
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

describe('QuoClient with a scripted fetch', () => {
  describe('Retry-After', () => {
    const T0 = Date.parse('2026-05-04T14:00:00Z');
    const HOUR = 3_600_000;
    let controller: AbortController;

    beforeEach(() => {
      controller = new AbortController();
    });

    // A client that obeys an hour-long Retry-After would otherwise keep mocha's process alive for that hour.
    afterEach(() => controller.abort());

    it('fails a 429 at once, without retrying, when Retry-After asks for more than 8 s, and says when to retry', async () => {
      const script = scriptedFetch(() => errorJson(429, { 'Retry-After': '3600' }));
      const client = scriptedClient(script.fetch, { now: () => T0 });
      const error = await rejection(within(client.getContact('abc', { signal: controller.signal }), 2_000));
      assert.equal(error.isRateLimited, true);
      assert.equal(error.retryAt, T0 + HOUR);
      assert.equal(script.calls(), 1, 'not retried');
    });

    it('reads the other headers ky obeys: RateLimit-Reset (seconds), X-RateLimit-Reset (epoch seconds), an HTTP date', async () => {
      const cases: Array<[Record<string, string>, number]> = [
        [{ 'RateLimit-Reset': '60' }, T0 + 60_000],
        [{ 'X-RateLimit-Reset': String((T0 + HOUR) / 1000) }, T0 + HOUR],
        [{ 'Retry-After': new Date(T0 + 2 * HOUR).toUTCString() }, T0 + 2 * HOUR],
      ];
      for (const [headers, retryAt] of cases) {
        const script = scriptedFetch(() => errorJson(429, headers));
        const client = scriptedClient(script.fetch, { now: () => T0 });
        const error = await rejection(within(client.listContacts({ signal: controller.signal }), 2_000, JSON.stringify(headers)));
        assert.equal(error.retryAt, retryAt, JSON.stringify(headers));
        assert.equal(script.calls(), 1, JSON.stringify(headers));
      }
    });

    it('fails a 503 with a long Retry-After at once too', async () => {
      const script = scriptedFetch(() => errorJson(503, { 'Retry-After': '120' }));
      const error = await rejection(within(scriptedClient(script.fetch, { now: () => T0 }).listPhoneNumbers({ signal: controller.signal }), 2_000));
      assert.equal(error.status, 503);
      assert.equal(error.retryAt, T0 + 120_000);
      assert.equal(script.calls(), 1);
    });

    it('still waits out a short Retry-After and retries', async () => {
      const script = scriptedFetch((call) =>
        call === 1 ? errorJson(429, { 'Retry-After': '0.05' }) : Response.json({ data: [] }),
      );
      assert.deepEqual(await within(scriptedClient(script.fetch).listPhoneNumbers({ signal: controller.signal }), 2_000), []);
      assert.equal(script.calls(), 2);
    });

    it('backs off as usual after a Retry-After it cannot read', async () => {
      const script = scriptedFetch((call) => (call === 1 ? errorJson(429, { 'Retry-After': 'soon' }) : Response.json({ data: [] })));
      const started = performance.now();
      await within(scriptedClient(script.fetch).listPhoneNumbers({ signal: controller.signal }), 2_000);
      assert.equal(script.calls(), 2);
      assert.ok(performance.now() - started < 1_000, 'the backoff, not an 8 s wait');
    });
  });

  it('reports every 429 answer, retries included, and no 200 or 500', async () => {
    let refused = 0;
    const statuses = [429, 429, 200, 500, 200];
    const script = scriptedFetch((call) => {
      const status = statuses[call - 1] ?? 200;
      return status === 200 ? Response.json({ data: [] }) : errorJson(status);
    });
    const client = scriptedClient(script.fetch, { onRateLimited: () => refused++ });
    assert.deepEqual(await within(client.listPhoneNumbers(), 2_000), []);
    assert.equal(script.calls(), 3);
    assert.equal(refused, 2, 'both refused attempts of the retried request');
    assert.deepEqual(await within(client.listPhoneNumbers(), 2_000), []);
    assert.equal(script.calls(), 5);
    assert.equal(refused, 2, 'not for the 500 nor the 200s');
  });

  describe('response size', () => {
    function pageOf(bytes: number): Uint8Array {
      const [contact] = generateContacts(1);
      assert.ok(contact);
      const page = {
        data: [{ ...contact, defaultFields: { ...contact.defaultFields, company: 'x'.repeat(bytes) } }],
        totalItems: 1,
        nextPageToken: null,
      };
      return new TextEncoder().encode(JSON.stringify(page));
    }

    it('accepts a page just under 8 MB', async () => {
      const body = countedBody(pageOf(8 * MB - 4096));
      const page = await scriptedClient(async () => new Response(body.stream, { status: 200 })).listContacts();
      assert.equal(page.contacts[0]?.defaultFields.company?.length, 8 * MB - 4096);
    });

    it('refuses a page over 8 MB with a too-large error, counted while streaming (no Content-Length)', async () => {
      const body = countedBody(pageOf(9 * MB));
      const error = await rejection(scriptedClient(async () => new Response(body.stream, { status: 200 })).listContacts());
      assert.equal(error.kind, 'too-large');
      assert.match(error.message, /8 MB/);
      assert.ok(body.pulled() <= 8 * MB + 2 * CHUNK, `pulled ${body.pulled()} bytes`);
      assert.equal(body.cancelled(), true, 'the rest of the body was cancelled, not read');
    });

    it('stops reading an endless body just past the cap', async () => {
      const body = countedBody();
      const error = await rejection(within(scriptedClient(async () => new Response(body.stream, { status: 200 })).getContact('abc'), 5_000));
      assert.equal(error.kind, 'too-large');
      assert.ok(body.pulled() <= 8 * MB + 2 * CHUNK, `pulled ${body.pulled()} bytes`);
      assert.equal(body.cancelled(), true);
    });

    it('refuses a declared Content-Length over the cap before reading the body', async () => {
      const body = countedBody();
      const fetch = async (): Promise<Response> => new Response(body.stream, { status: 200, headers: { 'Content-Length': String(105 * MB) } });
      const error = await rejection(within(scriptedClient(fetch).listContacts(), 5_000));
      assert.equal(error.kind, 'too-large');
      assert.ok(body.pulled() <= CHUNK, `pulled ${body.pulled()} bytes`);
    });

    it('keeps the status of an error answer whose body is over the cap', async () => {
      const body = countedBody();
      const fetch = async (): Promise<Response> => new Response(body.stream, { status: 500, statusText: 'Internal Server Error' });
      const error = await rejection(within(scriptedClient(fetch, { retryLimit: 0 }).listContacts(), 5_000));
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 500);
      assert.ok(body.pulled() <= 8 * MB + 2 * CHUNK, `pulled ${body.pulled()} bytes`);
    });
  });
});
