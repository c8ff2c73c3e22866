/**
 * The client's writes (create, update, delete): on a scripted fetch, the method, path and body that leave, the answer
 * decoded, and no retry of a write whatever Quo answers; against the sandbox, the edit model's bodies end to end (a
 * save, a teammate's change and Overwrite, a 400 at its field, a 403, a delete).
 */
import assert from 'node:assert/strict';
import { compareVersions, overwriteBody } from '../../src/contacts/edit/compareVersions.js';
import type { ContactDraft } from '../../src/contacts/edit/contactDraft.js';
import { draftOf } from '../../src/contacts/edit/draftOf.js';
import { problemsOfError } from '../../src/contacts/edit/errorPaths.js';
import { notTaken } from '../../src/contacts/edit/notTaken.js';
import { createBody, patchBody, type BuiltBody, type SentBody } from '../../src/contacts/edit/requestBody.js';
import { QuoClient, type CreateContactBody } from '../../src/quo/client.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import type { RequestOutcome } from '../../src/quo/transport.js';
import { generateContacts, WELL_KNOWN } from '../sandbox/generate.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { rejection } from './rejection.js';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | null;
  readonly authorization: string | null;
  readonly body: unknown;
}

/** A fetch that records each request and answers from `answer`, one Response per call, without a network. */
function scripted(answer: (call: number, sent: Sent) => Response): { fetch: typeof globalThis.fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = await request.text();
    const entry: Sent = {
      method: request.method,
      path: new URL(request.url).pathname,
      contentType: request.headers.get('content-type'),
      authorization: request.headers.get('authorization'),
      body: text.length === 0 ? undefined : JSON.parse(text),
    };
    sent.push(entry);
    return answer(sent.length, entry);
  };
  return { fetch, sent };
}

function clientOn(fetch: typeof globalThis.fetch, onOutcome?: (outcome: RequestOutcome) => void): QuoClient {
  return new QuoClient({
    baseUrl: 'https://api.quo.com',
    apiKey: 'k',
    limiter: new RateLimiter({ maxPerWindow: 1_000 }),
    retryBaseMs: 1,
    retryMaxMs: 5,
    fetch,
    ...(onOutcome ? { onOutcome } : {}),
  });
}

const [CONTACT] = generateContacts(1);
assert.ok(CONTACT);

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function quoError(status: number, headers: Record<string, string> = {}): Response {
  return json(status, { message: `error ${status}`, code: `0800${status}`, status, title: 'Error', trace: 't-1' }, headers);
}

describe('QuoClient writes, on a scripted fetch', () => {
  it('creates with POST /v1/contacts, the body as JSON, and decodes the 201', async () => {
    const script = scripted(() => json(201, { data: CONTACT }));
    const body = { defaultFields: { firstName: 'Ada', phoneNumbers: [{ name: 'mobile', value: '+15551007919' }] } };
    const contact = await clientOn(script.fetch).createContact(body);
    assert.equal(contact.id, CONTACT.id);
    assert.deepEqual(script.sent, [
      { method: 'POST', path: '/v1/contacts', contentType: 'application/json', authorization: 'k', body },
    ]);
  });

  it('updates with PATCH /v1/contacts/{id}, the id as one segment', async () => {
    const script = scripted(() => json(200, { data: CONTACT }));
    const body = { defaultFields: { company: null }, customFields: [{ key: 'tier', value: 3 }] };
    await clientOn(script.fetch).updateContact('a/b?c', body);
    assert.equal(script.sent[0]?.method, 'PATCH');
    assert.equal(script.sent[0]?.path, '/v1/contacts/a%2Fb%3Fc');
    assert.deepEqual(script.sent[0]?.body, body);
  });

  it('deletes with DELETE /v1/contacts/{id}, no body, and takes the 204', async () => {
    const script = scripted(() => new Response(null, { status: 204 }));
    assert.equal(await clientOn(script.fetch).deleteContact('abc'), undefined);
    assert.deepEqual(
      script.sent.map(({ method, path, body }) => ({ method, path, body })),
      [{ method: 'DELETE', path: '/v1/contacts/abc', body: undefined }],
    );
  });

  it('refuses a bad id before any request', async () => {
    const script = scripted(() => json(200, { data: CONTACT }));
    const client = clientOn(script.fetch);
    assert.equal((await rejection(client.updateContact('..', {}))).kind, 'config');
    assert.equal((await rejection(client.deleteContact(''))).kind, 'config');
    assert.equal(script.sent.length, 0);
  });

  for (const status of [429, 500, 502, 503, 504]) {
    for (const method of ['create', 'update', 'delete'] as const) {
      it(`never retries a ${method} answered ${status}, even with a short Retry-After`, async () => {
        const script = scripted((call) => (call === 1 ? quoError(status, { 'Retry-After': '0' }) : json(200, { data: CONTACT })));
        const client = clientOn(script.fetch);
        const write =
          method === 'create'
            ? client.createContact({ defaultFields: { firstName: 'Ada' } })
            : method === 'update'
              ? client.updateContact('abc', { defaultFields: { role: 'CTO' } })
              : client.deleteContact('abc');
        const error = await rejection(write);
        assert.equal(error.status, status);
        await new Promise((resolve) => setTimeout(resolve, 30));
        assert.equal(script.sent.length, 1, 'sent once');
      });
    }
  }

  it('keeps a 429\'s Retry-After, for the form\'s "Try again"', async () => {
    const before = Date.now();
    const script = scripted(() => quoError(429, { 'Retry-After': '30' }));
    const error = await rejection(clientOn(script.fetch).updateContact('abc', {}));
    assert.equal(error.isRateLimited, true);
    assert.ok(error.retryAt !== undefined && error.retryAt >= before + 29_000, String(error.retryAt));
  });

  it('keeps a 400\'s errors[] with their paths', async () => {
    const script = scripted(() =>
      json(400, {
        message: 'Invalid',
        code: '0801400',
        status: 400,
        title: 'Invalid Custom Field Item',
        errors: [{ path: 'defaultFields.emails[1].value', message: 'must be a string', schema: { type: 'string' } }],
      }),
    );
    const error = await rejection(clientOn(script.fetch).updateContact('abc', {}));
    assert.deepEqual(error.details.map((detail) => detail.path), ['defaultFields.emails[1].value']);
  });

  it('reports each write\'s outcome, as for a read', async () => {
    const outcomes: boolean[] = [];
    const script = scripted((call) => (call === 1 ? json(201, { data: CONTACT }) : quoError(500)));
    const client = clientOn(script.fetch, (outcome) => outcomes.push(outcome.failed));
    await client.createContact({ defaultFields: { firstName: 'Ada' } });
    await rejection(client.deleteContact('abc'));
    assert.deepEqual(outcomes, [false, true]);
  });

  it('fails an answer that is not a contact as a decode error', async () => {
    const script = scripted(() => json(200, { data: { id: 1 } }));
    assert.equal((await rejection(clientOn(script.fetch).updateContact('abc', {}))).kind, 'decode');
    const notJson = scripted(() => new Response('<html>', { status: 201 }));
    const error = await rejection(clientOn(notJson.fetch).createContact({ defaultFields: { firstName: 'A' } }));
    assert.equal(error.kind, 'decode');
    assert.match(error.message, /POST \/v1\/contacts/);
  });
});

function sandboxClient(sandbox: Sandbox): QuoClient {
  return new QuoClient({ baseUrl: sandbox.url, apiKey: sandbox.key, limiter: new RateLimiter({ maxPerWindow: 10 }), retryBaseMs: 1, retryMaxMs: 5 });
}

function built<B>(body: BuiltBody<B>): SentBody<B> {
  assert.ok(body.ok, JSON.stringify(body.ok ? [] : body.problems));
  return body;
}

describe('QuoClient writes against the sandbox, with the edit model\'s bodies', () => {
  let sandbox: Sandbox;
  let client: QuoClient;

  beforeEach(async () => {
    sandbox = await startSandbox({ contacts: 20 });
    client = sandboxClient(sandbox);
  });

  afterEach(() => sandbox.close());

  /** Ada as the form opens her: the contact, its definitions, the draft. */
  async function open(id = WELL_KNOWN.contactId): Promise<{ updatedAt: string; base: ContactDraft }> {
    const [contact, definitions] = await Promise.all([client.getContact(id), client.listCustomFields()]);
    return { updatedAt: contact.updatedAt, base: draftOf(contact, definitions) };
  }

  it('saves a change and Quo takes all of it: one PATCH, only the changed fields', async () => {
    const { base, updatedAt } = await open();
    const draft: ContactDraft = {
      ...base,
      company: 'Difference Engines',
      phoneNumbers: [...base.phoneNumbers, { name: 'desk', value: '(415) 555-0177' }],
      emails: base.emails.slice(1),
    };
    const sent = built(patchBody(base, draft));
    sandbox.resetStats();
    const answer = await client.updateContact(WELL_KNOWN.contactId, sent.body);
    assert.equal(sandbox.stats.total, 1);
    assert.equal(sandbox.stats.byRoute.updateContact, 1);
    assert.deepEqual(notTaken(sent.body, answer, { draft }), []);
    assert.equal(answer.defaultFields.company, 'Difference Engines');
    assert.ok(answer.defaultFields.phoneNumbers.some((item) => item.value === '+14155550177'));
    assert.equal(answer.defaultFields.emails.length, base.emails.length - 1);
    assert.notEqual(answer.updatedAt, updatedAt);
    // Read back as saved: the draft of the answer is what the user typed.
    assert.deepEqual(draftOf(answer, await client.listCustomFields()).company, 'Difference Engines');
  });

  it('sends nothing for any contact the form opens and saves unchanged, hostile records included', async () => {
    const definitions = await client.listCustomFields();
    let contacts = 0;
    for await (const page of client.listAllContacts()) {
      for (const contact of page.contacts) {
        const draft = draftOf(contact, definitions);
        assert.deepEqual(built(patchBody(draft, draft)).body, {}, contact.id);
        contacts++;
      }
    }
    assert.ok(contacts >= 20, String(contacts));
  });

  it('keeps a teammate\'s change made between the read and the save when the user overwrites', async () => {
    const { base, updatedAt } = await open();
    sandbox.changeContact(WELL_KNOWN.contactId, { defaultFields: { role: 'Countess', company: 'Engines Ltd' } });
    const mine: ContactDraft = { ...base, company: 'Analytical Engines Ltd', lastName: 'King' };
    const now = await client.getContact(WELL_KNOWN.contactId);
    assert.notEqual(now.updatedAt, updatedAt, 'the re-read sees the teammate\'s change');
    const theirs = draftOf(now, await client.listCustomFields());
    assert.deepEqual(
      compareVersions(base, theirs, mine).map((row) => [row.field, row.changedBy]),
      [['lastName', 'mine'], ['company', 'both'], ['role', 'theirs']],
    );
    const sent = built(overwriteBody(base, theirs, mine));
    assert.deepEqual(sent.body, { defaultFields: { lastName: 'King', company: 'Analytical Engines Ltd' } });
    const answer = await client.updateContact(WELL_KNOWN.contactId, sent.body);
    assert.equal(answer.defaultFields.role, 'Countess', 'the teammate\'s other change stays');
    assert.equal(answer.defaultFields.company, 'Analytical Engines Ltd');
  });

  it('creates a contact, and a 400 marks the field its path names', async () => {
    const empty: ContactDraft = { firstName: 'Grace', lastName: '', company: '', role: '', emails: [], phoneNumbers: [{ name: 'mobile', value: '415 555 0199' }], customFields: [] };
    sandbox.resetStats();
    const created = await client.createContact(built(createBody(empty)).body);
    assert.equal(sandbox.contact(created.id)?.defaultFields.firstName, 'Grace');
    assert.equal(created.defaultFields.phoneNumbers[0]?.value, '+14155550199');
    // A body the model would never build: Quo's validator names the field.
    const wrong = { body: { defaultFields: { firstName: 7 } } as unknown as CreateContactBody, origins: {} };
    const error = await rejection(client.createContact(wrong.body));
    assert.equal(error.status, 400);
    assert.deepEqual(problemsOfError(error, wrong).fields.map((problem) => problem.path), ['firstName']);
    assert.equal(sandbox.stats.byRoute.createContact, 2);
  });

  it('sends a write once on a 429 or a 500, and the contact is left as it was', async () => {
    const { base } = await open();
    const sent = built(patchBody(base, { ...base, company: 'Never' }));
    for (const status of [429, 500] as const) {
      sandbox.setFaults({ failNext: { status }, retryAfterSeconds: 0, routes: ['updateContact'] });
      sandbox.resetStats();
      assert.equal((await rejection(client.updateContact(WELL_KNOWN.contactId, sent.body))).status, status);
      assert.equal(sandbox.stats.total, 1, `${status}: sent once`);
      assert.equal(sandbox.contact(WELL_KNOWN.contactId)?.defaultFields.company, WELL_KNOWN.company);
    }
  });

  it('shows a contact an integration owns refusing the write with 403 and Quo\'s trace', async () => {
    const error = await rejection(client.updateContact(WELL_KNOWN.readOnlyContactId, { defaultFields: { role: 'x' } }));
    assert.equal(error.status, 403);
    assert.ok(error.trace);
    assert.equal((await rejection(client.deleteContact(WELL_KNOWN.readOnlyContactId))).status, 403);
  });

  it('deletes with a 204, and the contact is gone', async () => {
    await client.deleteContact(WELL_KNOWN.thirdContactId);
    assert.equal(sandbox.contact(WELL_KNOWN.thirdContactId), undefined);
    assert.equal((await rejection(client.getContact(WELL_KNOWN.thirdContactId))).status, 404);
  });
});
