/**
 * A full index sync against the sandbox at Quo's real limit (10 requests per second, enforced by the sandbox) with
 * the client's own shared limiter at 10 per second: how close to the API's pace the index fills.
 */
import { ContactIndex } from '../src/contacts/contactIndex.js';
import { QuoClient } from '../src/quo/client.js';
import { RateLimiter } from '../src/quo/rateLimiter.js';
import { startSandbox } from '../test/sandbox/server.js';
import { below, exactly, round, type Figure } from './measure.js';

const CONTACTS = 5_000;
const PAGE_SIZE = 50;
const REQUESTS_PER_SECOND = 10;

export async function syncPace(contacts = CONTACTS): Promise<Figure[]> {
  const suffix = contacts === CONTACTS ? '' : `_${contacts / 1000}k`;
  const sandbox = await startSandbox({ contacts, rateLimit: REQUESTS_PER_SECOND });
  try {
    const client = new QuoClient({
      baseUrl: sandbox.url,
      apiKey: sandbox.key,
      limiter: new RateLimiter({ maxPerWindow: REQUESTS_PER_SECOND }),
    });
    const index = new ContactIndex({ client: () => client, pageSize: PAGE_SIZE });
    const started = performance.now();
    const state = await index.sync();
    const elapsedMs = performance.now() - started;
    if (state.status !== 'complete' || index.size !== contacts) {
      throw new Error(`sync ended ${state.status} with ${index.size} contacts: ${state.error?.message ?? ''}`);
    }
    const expectedRequests = Math.ceil(contacts / PAGE_SIZE);
    const apiPaceMs = (expectedRequests / REQUESTS_PER_SECOND) * 1000;
    const stats = sandbox.stats;
    const refused = stats.byStatus[429] ?? 0;
    return [
      {
        name: `sync_overhead${suffix}`,
        value: round(elapsedMs / apiPaceMs, 3),
        unit: 'ratio',
        target: below(1.05),
        note: `${round(elapsedMs / 1000, 2)} s for ${contacts} contacts; the API's pace is ${apiPaceMs / 1000} s; ${refused} answered 429; busiest second ${stats.maxInWindow} requests`,
      },
      {
        name: `sync_requests${suffix}`,
        value: stats.byRoute.listContacts,
        unit: 'requests',
        target: exactly(expectedRequests),
      },
    ];
  } finally {
    await sandbox.close();
  }
}
