import assert from 'node:assert/strict';
import { QuoClient } from '../../src/quo/client.js';
import type { Logger } from '../../src/quo/log.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import { ACTIVITY, LINE_IDS, USER_IDS } from '../sandbox/generate.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { createSpecValidator, type OperationId } from '../sandbox/spec.js';
import { rejection } from './rejection.js';

const spec = createSpecValidator();

function recordingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const record = (message: string): void => void lines.push(message);
  return { lines, log: { trace: record, debug: record, info: record, warn: record, error: record } };
}

describe('QuoClient: calls, messages, summaries and transcripts', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  const received: { url: string; status: number | 'hang' }[] = [];
  // One limiter for the suite, as the extension has one: the sandbox counts every client against its 10 a second.
  const limiter = new RateLimiter({ maxPerWindow: 10 });

  before(async () => {
    sandbox = await startSandbox({ contacts: 20, onRequest: (entry) => received.push({ url: entry.url, status: entry.status }) });
  });
  beforeEach(() => {
    received.length = 0;
    sandbox.setFaults({});
    sandbox.resetStats();
  });
  after(() => sandbox.close());

  function client(overrides: Partial<ConstructorParameters<typeof QuoClient>[0]> = {}): QuoClient {
    return new QuoClient({
      baseUrl: sandbox.url,
      apiKey: sandbox.key,
      limiter,
      retryBaseMs: 1,
      retryMaxMs: 5,
      ...overrides,
    });
  }

  /** The one request received, as path and query, checked against the spec's parameters. */
  function onlyRequest(operation: OperationId): { path: string; query: URLSearchParams } {
    assert.equal(received.length, 1, received.map((entry) => entry.url).join('\n'));
    const url = new URL(received[0]?.url ?? '', sandbox.url);
    assert.deepEqual(spec.checkQuery(operation, url.searchParams), [], url.search);
    return { path: url.pathname, query: url.searchParams };
  }

  it('lists calls with one participant, maxResults and a userId, encoded as the spec takes them', async () => {
    const page = await client().listCalls({
      phoneNumberId: LINE_IDS.main,
      participant: ACTIVITY.historyPhone,
      userId: USER_IDS.alan,
      maxResults: 20,
    });
    assert.deepEqual(page.calls.map((call) => call.id), [ACTIVITY.teammateCallId]);
    const { path, query } = onlyRequest('listCalls_v1');
    assert.equal(path, '/v1/calls');
    assert.deepEqual([...query], [
      ['phoneNumberId', LINE_IDS.main],
      ['participants', ACTIVITY.historyPhone],
      ['userId', USER_IDS.alan],
      ['maxResults', '20'],
    ]);
    assert.match(received[0]?.url ?? '', /participants=%2B14155550123/, 'the + is encoded, not read as a space');
  });

  it('lists messages without userId, and follows a page token', async () => {
    const c = client();
    const first = await c.listMessages({ phoneNumberId: LINE_IDS.main, participants: [ACTIVITY.historyPhone], maxResults: 20 });
    assert.equal(first.messages[0]?.id, ACTIVITY.latestMessageId);
    assert.ok(first.nextPageToken);
    const { query } = onlyRequest('listMessages_v1');
    assert.deepEqual([...query.keys()], ['phoneNumberId', 'participants', 'maxResults']);
    received.length = 0;
    const second = await c.listMessages({
      phoneNumberId: LINE_IDS.main,
      participants: [ACTIVITY.historyPhone],
      maxResults: 20,
      pageToken: first.nextPageToken,
    });
    assert.equal(first.messages.length + second.messages.length, ACTIVITY.mainLineMessageCount);
    assert.equal(onlyRequest('listMessages_v1').query.get('pageToken'), first.nextPageToken);
    received.length = 0;
    const older = await c.listMessages({
      phoneNumberId: LINE_IDS.main,
      participants: [ACTIVITY.historyPhone],
      maxResults: 100,
      createdBefore: '2025-11-01T00:00:00Z',
    });
    assert.equal(older.messages.length, ACTIVITY.mainLineMessageCount - 2);
    assert.equal(onlyRequest('listMessages_v1').query.get('createdBefore'), '2025-11-01T00:00:00Z');
  });

  it('refuses what the spec would refuse before sending anything', async () => {
    const c = client();
    const base = { phoneNumberId: LINE_IDS.main, maxResults: 20 };
    const refused = [
      c.listCalls({ ...base, participant: '' }),
      c.listCalls({ ...base, participant: ACTIVITY.historyPhone, maxResults: 0 }),
      c.listCalls({ ...base, participant: ACTIVITY.historyPhone, maxResults: 101 }),
      c.listMessages({ ...base, participants: [ACTIVITY.historyPhone], maxResults: 1.5 }),
      c.listMessages({ ...base, participants: [] }),
      c.listMessages({ ...base, phoneNumberId: '', participants: [ACTIVITY.historyPhone] }),
    ];
    for (const promise of refused) {
      assert.equal((await rejection(promise)).kind, 'config');
    }
    assert.equal(sandbox.stats.total, 0);
  });

  it('reports a line the key cannot see as a 403 with the family’s code, without retrying', async () => {
    const c = client();
    const calls = await rejection(c.listCalls({ phoneNumberId: ACTIVITY.hiddenLineId, participant: ACTIVITY.historyPhone, maxResults: 20 }));
    const messages = await rejection(c.listMessages({ phoneNumberId: ACTIVITY.hiddenLineId, participants: [ACTIVITY.historyPhone], maxResults: 20 }));
    assert.deepEqual([calls.status, calls.code, messages.status, messages.code], [403, '0101403', 403, '0202403']);
    assert.equal(sandbox.stats.total, 2);
  });

  it('retries a 500 on a list like any GET', async () => {
    sandbox.setFaults({ failRate: 1, routes: ['listCalls'] });
    const error = await rejection(client({ retryLimit: 1 }).listCalls({ phoneNumberId: LINE_IDS.main, participant: ACTIVITY.historyPhone, maxResults: 5 }));
    assert.deepEqual([error.status, error.code, sandbox.stats.byRoute.listCalls], [500, '0101500', 2]);
  });

  it('gets one call, message, summary and transcript, and shares concurrent asks for one call', async () => {
    const c = client();
    const [call, again] = await Promise.all([c.getCall(ACTIVITY.teammateCallId), c.getCall(ACTIVITY.teammateCallId)]);
    assert.equal(call.userId, USER_IDS.alan);
    assert.equal(again, call);
    assert.equal(sandbox.stats.byRoute.getCall, 1);
    assert.equal((await c.getMessage(ACTIVITY.latestMessageId)).direction, 'incoming');
    const summary = await c.getCallSummary(ACTIVITY.summarizedCallId);
    assert.equal(summary.status, 'completed');
    assert.ok((summary.jobs ?? []).length > 0);
    assert.equal((await c.getCallSummary(ACTIVITY.teammateCallId)).status, 'absent');
    const transcript = await c.getCallTranscript(ACTIVITY.summarizedCallId);
    assert.ok(transcript.dialogue?.some((entry) => entry.identifier === null && entry.userId === null));
    const limited = await rejection(c.getCallSummary(ACTIVITY.planLimitedCallId));
    assert.deepEqual([limited.status, limited.code], [403, '0500403']);
    assert.equal((await rejection(c.getCallTranscript(ACTIVITY.planLimitedCallId))).code, '0600403');
    assert.equal((await rejection(c.getCall(ACTIVITY.missingCallId))).isNotFound, true);
  });

  it('lists the lines with their users, all of them or one user’s', async () => {
    const c = client();
    const lines = await c.listPhoneNumbers();
    assert.deepEqual(lines.map((line) => line.id), Object.values(LINE_IDS));
    assert.deepEqual(lines[0]?.users.map((user) => [user.id, user.role]), [
      [USER_IDS.owner, 'owner'],
      [USER_IDS.alan, 'admin'],
    ]);
    const katherine = await c.listPhoneNumbers({ userId: USER_IDS.katherine });
    assert.deepEqual(katherine.map((line) => line.id), [LINE_IDS.support, LINE_IDS.field]);
  });

  it('logs paths, never the numbers in the query or a message’s text', async () => {
    const { log, lines } = recordingLogger();
    const c = client({ log });
    await c.listMessages({ phoneNumberId: LINE_IDS.main, participants: [ACTIVITY.historyPhone], maxResults: 20 });
    await c.getMessage(ACTIVITY.latestMessageId);
    const broken = new QuoClient({
      baseUrl: sandbox.url,
      apiKey: sandbox.key,
      limiter,
      log,
      fetch: async () =>
        Response.json({ data: { id: 'AC1', to: 'Thanks, the invoice arrived', from: '+1', text: 'Thanks, the invoice arrived' } }),
    });
    assert.equal((await rejection(broken.getMessage('AC1'))).kind, 'decode');
    assert.ok(lines.some((line) => line.includes('GET /v1/messages')), lines.join('\n'));
    const everything = lines.join('\n');
    assert.ok(!everything.includes('14155550123'), everything);
    assert.ok(!everything.includes('invoice'), everything);
  });
});
