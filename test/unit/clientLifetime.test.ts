import assert from 'node:assert/strict';
import { QuoClient } from '../../src/quo/client.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import { rejection } from './rejection.js';
import { signalHolds } from './signalHolds.js';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A client whose every request follows `lifetime` (a session's), on a fetch that answers from `answer`. */
function clientFor(lifetime: AbortSignal, answer: () => Response): { client: QuoClient; calls: () => number } {
  let calls = 0;
  const client = new QuoClient({
    baseUrl: 'https://api.quo.com',
    apiKey: 'k',
    limiter: new RateLimiter({ maxPerWindow: 1_000_000 }),
    signal: lifetime,
    fetch: async () => {
      calls++;
      return answer();
    },
  });
  return { client, calls: () => calls };
}

describe('QuoClient with a lifetime signal', () => {
  it('ends a request while ky waits to retry it when the lifetime aborts, whatever signal the caller holds', async () => {
    const lifetime = new AbortController();
    const { client, calls } = clientFor(lifetime.signal, () => json(503, { message: 'down' }, { 'Retry-After': '1' }));
    const caller = new AbortController();
    const request = client.getCallSummary('AC1', { signal: caller.signal });
    while (calls() === 0) await sleep(5);
    lifetime.abort();
    const started = Date.now();
    assert.equal((await rejection(request)).kind, 'cancelled');
    assert.ok(Date.now() - started < 500, 'ended at once');
    await sleep(1_200);
    assert.equal(calls(), 1, 'no retry after the lifetime ended');
    await rejection(client.listCustomFields());
    assert.equal(calls(), 1, 'nor any request asked after it');
  });

  it('leaves nothing on the lifetime signal after 2,000 requests', async () => {
    const lifetime = new AbortController();
    const { client, calls } = clientFor(lifetime.signal, () => json(200, { data: [] }));
    for (let i = 0; i < 2_000; i++) {
      await client.listCustomFields({ signal: new AbortController().signal });
    }
    assert.equal(calls(), 2_000);
    assert.deepEqual(signalHolds(lifetime.signal), { listeners: 0, dependants: 0 });
  });
});
