import assert from 'node:assert/strict';
import { QuoClient } from '../../src/quo/client.js';
import { QuoError } from '../../src/quo/errors.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import { HOSTILE_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server.js';

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

async function rejection(promise: Promise<unknown>): Promise<QuoError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof QuoError, `expected a QuoError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the promise to reject');
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

  it('leaves no timer, slot or pending request behind after timeouts and cancellations', async () => {
    const limiter = new RateLimiter({ maxPerWindow: 10 });
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
    assert.equal(limiter.inFlight, 0, 'every slot was released');
    assert.equal(limiter.pending, 0);
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
