/**
 * The client's writes (create, update, delete) on a scripted fetch: the method, path and body that leave, the answer
 * decoded, and no retry of a write whatever Quo answers.
 */
import assert from 'node:assert/strict';
import { QuoClient } from '../../src/quo/client.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import type { RequestOutcome } from '../../src/quo/transport.js';
import { generateContacts } from '../sandbox/generate.js';
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
