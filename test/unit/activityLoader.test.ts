import assert from 'node:assert/strict';
import {
  activityResult,
  spendBudget,
  startActivity,
  type ActivityProgress,
  type ActivitySource,
} from '../../src/activity/activityLoader.js';
import { planActivity, planRequests, type PlanLine } from '../../src/activity/activityPlan.js';
import type { ListCallsOptions, ListMessagesOptions } from '../../src/quo/client.js';
import { QuoClient } from '../../src/quo/client.js';
import { decodePhoneNumbers } from '../../src/quo/decodeWorkspace.js';
import { errorFromResponse, QuoError } from '../../src/quo/errors.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import type { Call, CallPage, Message, MessagePage } from '../../src/quo/types.js';
import { ACTIVITY, LINE_IDS, SANDBOX_PHONE_NUMBERS, USER_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { rejection } from './rejection.js';

const OWNER = 'USowner';
const TEAMMATE = 'USteammate';
const LINES: readonly PlanLine[] = [
  { id: 'PNshared', number: '+14155550142', users: [{ id: OWNER, role: 'owner' }, { id: TEAMMATE, role: 'admin' }] },
  { id: 'PNfield', number: '+17205550160', users: [{ id: 'USfield', role: 'member' }] },
  { id: 'PNowner', number: '+13035550199', users: [{ id: OWNER, role: 'owner' }] },
];
const MOBILE = '+14155550123';
const OFFICE = '+14155550100';

function call(id: string, lineId: string, createdAt: string, userId = OWNER): Call {
  return {
    id,
    phoneNumberId: lineId,
    participants: [MOBILE],
    direction: 'incoming',
    status: 'completed',
    createdAt,
    answeredAt: null,
    completedAt: null,
    answeredBy: null,
    initiatedBy: null,
    duration: 60,
    callRoute: null,
    forwardedFrom: null,
    forwardedTo: null,
    aiHandled: null,
    userId,
    updatedAt: null,
  };
}

function message(id: string, lineId: string, createdAt: string): Message {
  return {
    id,
    from: MOBILE,
    to: ['+14155550142'],
    text: 'secret text',
    phoneNumberId: lineId,
    direction: 'incoming',
    userId: OWNER,
    status: 'delivered',
    createdAt,
    updatedAt: createdAt,
  };
}

interface Sent {
  readonly list: 'messages' | 'calls';
  readonly lineId: string;
  readonly participants: readonly string[];
  readonly userId?: string;
  readonly maxResults: number;
  readonly pageToken?: string;
  readonly priority?: string;
  readonly signal?: AbortSignal;
}

type Answer = CallPage | MessagePage | QuoError | 'hang';

/** A source that answers from `answer` (empty pages by default) and records every request in order. */
function fakeSource(answer: (sent: Sent) => Answer | undefined = () => undefined): { source: ActivitySource; sent: Sent[] } {
  const sent: Sent[] = [];
  const respond = <T>(request: Sent, empty: T): Promise<T> => {
    sent.push(request);
    const answered = answer(request);
    if (answered === 'hang') {
      return new Promise<T>((_, reject) =>
        request.signal?.addEventListener('abort', () => reject(new QuoError({ kind: 'cancelled', message: 'cancelled' }))),
      );
    }
    if (answered instanceof QuoError) {
      return Promise.reject(answered);
    }
    return Promise.resolve((answered as T | undefined) ?? empty);
  };
  const common = (options: ListCallsOptions | ListMessagesOptions) => ({
    lineId: options.phoneNumberId,
    maxResults: options.maxResults,
    ...(options.userId === undefined ? {} : { userId: options.userId }),
    ...(options.pageToken === undefined ? {} : { pageToken: options.pageToken }),
    ...(options.priority === undefined ? {} : { priority: options.priority }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return {
    sent,
    source: {
      listMessages: (options) =>
        respond<MessagePage>(
          { list: 'messages', participants: options.participants, ...common(options) },
          { messages: [], totalItems: 0, nextPageToken: null },
        ),
      listCalls: (options) =>
        respond<CallPage>(
          { list: 'calls', participants: [options.participant], ...common(options) },
          { calls: [], totalItems: 0, nextPageToken: null },
        ),
    },
  };
}

function key(sent: Sent): string {
  return [sent.list, sent.lineId, sent.participants.join('+'), sent.userId ?? '-', sent.pageToken ?? ''].join(' ');
}

function httpError(status: number, code: string): QuoError {
  return errorFromResponse(status, '', JSON.stringify({ message: `status ${status}`, code, title: 'Title', trace: `trace-${status}` }));
}

const calls = (page: readonly Call[], nextPageToken: string | null = null): CallPage => ({ calls: page, totalItems: 0, nextPageToken });
const messages = (page: readonly Message[], nextPageToken: string | null = null): MessagePage => ({
  messages: page,
  totalItems: 0,
  nextPageToken,
});

describe('spendBudget', () => {
  it('spends at most 24 requests in plan order, says how much was checked, and spends the rest when asked again', async () => {
    const numbers = [MOBILE, OFFICE, '+16175550131', '+12125550144'];
    const plan = planActivity(LINES, numbers);
    assert.equal(plan.size, 32);
    const { source, sent } = fakeSource();
    const first = await spendBudget(source, startActivity(plan), { maxResults: 20 });
    assert.equal(sent.length, 24);
    assert.deepEqual(
      sent.map((request) => [request.list, request.lineId, request.participants[0], request.userId]),
      planRequests(plan).slice(0, 24).map((request) => [request.list, request.lineId, request.participant, request.userId]),
    );
    const after = activityResult(first);
    assert.deepEqual(after.coverage.checkedLineIds, ['PNshared', 'PNfield']);
    assert.deepEqual([after.coverage.linesChecked, after.coverage.linesTotal, after.hasMore], [2, 3, true]);
    assert.equal(after.coverage.requestsSent, 24);
    const second = await spendBudget(source, first, { maxResults: 20 });
    assert.equal(sent.length, 32);
    assert.deepEqual(
      sent.slice(24).map((request) => [request.lineId, request.participants[0]]),
      planRequests(plan).slice(24).map((request) => [request.lineId, request.participant]),
    );
    const done = activityResult(second);
    assert.deepEqual([done.coverage.linesChecked, done.coverage.linesTotal, done.hasMore], [3, 3, false]);
    assert.equal(await spendBudget(source, second, { maxResults: 20 }), second, 'nothing left to spend');
    assert.equal(sent.length, 32);
  });

  it('sends maxResults on every list, at activity priority, and userId only where planned', async () => {
    const { source, sent } = fakeSource();
    await spendBudget(source, startActivity(planActivity(LINES, [MOBILE])), { maxResults: 7 });
    assert.ok(sent.every((request) => request.maxResults === 7 && request.priority === 'activity'));
    assert.deepEqual(
      sent.filter((request) => request.userId !== undefined).map((request) => [request.list, request.lineId, request.userId]),
      [
        ['calls', 'PNshared', TEAMMATE],
        ['calls', 'PNfield', 'USfield'],
      ],
    );
  });

  it('keeps a call once when the owner’s list and a teammate’s both return it, and merges newest first', async () => {
    const shared = call('ACshared', 'PNshared', '2025-11-10T10:00:00.000Z', TEAMMATE);
    const { source } = fakeSource((sent) => {
      if (sent.list === 'calls' && sent.lineId === 'PNshared') {
        return calls(sent.userId === TEAMMATE ? [shared, call('ACteam', 'PNshared', '2025-11-01T00:00:00.000Z', TEAMMATE)] : [shared]);
      }
      if (sent.list === 'messages' && sent.lineId === 'PNfield') {
        return messages([message('ACm2', 'PNfield', '2025-11-12T00:00:00.000Z'), message('ACm1', 'PNfield', '2025-10-01T00:00:00.000Z')]);
      }
      if (sent.list === 'calls' && sent.lineId === 'PNowner') {
        // The same instant as a message: the kind and id decide, so the order never depends on which answered first.
        return calls([call('ACsame', 'PNowner', '2025-11-12T00:00:00.000Z')]);
      }
      return undefined;
    });
    const result = activityResult(await spendBudget(source, startActivity(planActivity(LINES, [MOBILE])), { maxResults: 20 }));
    assert.deepEqual(
      result.items.map((item) => [item.kind, item.kind === 'call' ? item.call.id : item.message.id, item.lineId]),
      [
        ['call', 'ACsame', 'PNowner'],
        ['message', 'ACm2', 'PNfield'],
        ['call', 'ACshared', 'PNshared'],
        ['call', 'ACteam', 'PNshared'],
        ['message', 'ACm1', 'PNfield'],
      ],
    );
  });

  it('does not take a call and a message with the same id for one item', async () => {
    const { source } = fakeSource((sent) =>
      sent.lineId !== 'PNowner'
        ? undefined
        : sent.list === 'calls'
          ? calls([call('ACsame', 'PNowner', '2025-11-12T00:00:00.000Z')])
          : messages([message('ACsame', 'PNowner', '2025-11-12T00:00:00.000Z')]),
    );
    const result = activityResult(await spendBudget(source, startActivity(planActivity(LINES, [MOBILE])), { maxResults: 20 }));
    assert.deepEqual(result.items.map((item) => item.kind), ['call', 'message']);
  });

  it('reports a 403, a 402 and a 500 for their line and list while every other line loads', async () => {
    const { source, sent } = fakeSource((request) => {
      if (request.lineId === 'PNshared') {
        return httpError(403, request.list === 'calls' ? '0101403' : '0202403');
      }
      if (request.lineId === 'PNfield' && request.list === 'messages') {
        return httpError(402, '0200402');
      }
      if (request.lineId === 'PNfield' && request.userId !== undefined) {
        return httpError(500, '0101500');
      }
      return request.lineId === 'PNowner' && request.list === 'calls' ? calls([call('ACok', 'PNowner', '2025-11-01T00:00:00.000Z')]) : undefined;
    });
    const result = activityResult(await spendBudget(source, startActivity(planActivity(LINES, [MOBILE, OFFICE])), { maxResults: 20 }));
    assert.equal(sent.length, 16, 'every request was sent');
    assert.deepEqual(
      result.lineErrors.map((error) => [error.lineId, error.list, (error.error as QuoError).status]),
      [
        ['PNshared', 'messages', 403],
        ['PNshared', 'calls', 403],
        ['PNfield', 'messages', 402],
        ['PNfield', 'calls', 500],
      ],
    );
    assert.deepEqual(result.items.map((item) => item.kind === 'call' && item.call.id), ['ACok']);
    assert.equal(result.coverage.linesChecked, 3, 'a line that failed was still checked');
  });

  for (const [what, error] of [
    ['a refused key', httpError(401, '0100401')],
    ['a 429', httpError(429, '0100429')],
    ['no answer', new QuoError({ kind: 'network', message: 'ECONNREFUSED' })],
    ['a timeout', new QuoError({ kind: 'timeout', message: 'late' })],
  ] as const) {
    it(`stops the whole spend on ${what}, cancels the rest and leaves the progress as it was`, async () => {
      const { source, sent } = fakeSource((request) => {
        if (request.lineId === 'PNfield' && request.list === 'messages') {
          return error;
        }
        return request.lineId === 'PNowner' ? 'hang' : undefined;
      });
      const start = startActivity(planActivity(LINES, [MOBILE]));
      await assert.rejects(spendBudget(source, start, { maxResults: 20 }), (thrown) => thrown === error);
      const hanging = sent.filter((request) => request.lineId === 'PNowner');
      assert.ok(hanging.length > 0 && hanging.every((request) => request.signal?.aborted), 'the requests still out were cancelled');
      assert.equal(activityResult(start).coverage.requestsSent, 0);
      const again = fakeSource();
      const retried = await spendBudget(again.source, start, { maxResults: 20 });
      assert.equal(again.sent.length, 8, 'asking again sends the same requests');
      assert.equal(activityResult(retried).coverage.linesChecked, 3);
    });
  }

  it('rejects as cancelled when the caller goes, sending nothing more', async () => {
    const { source } = fakeSource(() => 'hang');
    const controller = new AbortController();
    const pending = spendBudget(source, startActivity(planActivity(LINES, [MOBILE])), { maxResults: 20, signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, (error) => error instanceof QuoError && error.kind === 'cancelled');
  });

  it('asks for older pages with the token Quo gave, after every planned request, and never follows a token twice', async () => {
    const older = message('ACold', 'PNowner', '2025-01-01T00:00:00.000Z');
    const { source, sent } = fakeSource((request) => {
      if (request.lineId === 'PNowner' && request.list === 'messages') {
        // Page one and page two both hand out "t1": a server bug that must not loop.
        return request.pageToken === undefined
          ? messages([message('ACnew', 'PNowner', '2025-11-01T00:00:00.000Z')], 't1')
          : messages([older], 't1');
      }
      if (request.lineId === 'PNowner' && request.list === 'calls') {
        // An empty page with a token: nothing more worth asking for.
        return calls([], 'empty');
      }
      return undefined;
    });
    const plan = planActivity(LINES, [MOBILE]);
    const first = await spendBudget(source, startActivity(plan), { maxResults: 1, budget: 6 });
    assert.equal(sent.length, 6);
    const afterFirst = activityResult(first);
    assert.equal(afterFirst.coverage.listsWithOlderItems, 0);
    const second = await spendBudget(source, first, { maxResults: 1, budget: 6 });
    assert.deepEqual(sent.slice(6).map(key), [
      'messages PNowner +14155550123 - ',
      'calls PNowner +14155550123 - ',
    ]);
    assert.equal(activityResult(second).coverage.listsWithOlderItems, 1);
    assert.equal(activityResult(second).hasMore, true);
    const third = await spendBudget(source, second, { maxResults: 1, budget: 6 });
    assert.deepEqual(sent.slice(8).map(key), ['messages PNowner +14155550123 - t1']);
    const result = activityResult(third);
    assert.deepEqual(result.items.map((item) => item.kind === 'message' && item.message.id), ['ACnew', 'ACold']);
    assert.equal(result.hasMore, false, 't1 again is not followed');
  });
  it('fills the rest of a budget that finishes the first pages with older pages, in the order found', async () => {
    const { source, sent } = fakeSource((request) => {
      if (request.pageToken !== undefined) {
        return undefined;
      }
      if (request.lineId === 'PNfield' && request.list === 'calls' && request.userId !== undefined) {
        return calls([call('ACfield', 'PNfield', '2025-11-01T00:00:00.000Z', 'USfield')], 'field-2');
      }
      return request.lineId === 'PNshared' && request.list === 'messages'
        ? messages([message('ACshared', 'PNshared', '2025-11-02T00:00:00.000Z')], 'shared-2')
        : undefined;
    });
    const first = await spendBudget(source, startActivity(planActivity(LINES, [MOBILE])), { maxResults: 1, budget: 6 });
    assert.equal(activityResult(first).coverage.listsWithOlderItems, 2);
    const second = await spendBudget(source, first, { maxResults: 1, budget: 3 });
    assert.deepEqual(sent.slice(6).map(key), [
      'messages PNowner +14155550123 - ',
      'calls PNowner +14155550123 - ',
      'messages PNshared +14155550123 - shared-2',
    ]);
    const after = activityResult(second);
    assert.deepEqual([after.coverage.linesChecked, after.coverage.listsWithOlderItems, after.hasMore], [3, 1, true]);
    const third = await spendBudget(source, second, { maxResults: 1, budget: 3 });
    assert.deepEqual(sent.slice(9).map(key), ['calls PNfield +14155550123 USfield field-2']);
    assert.equal(activityResult(third).hasMore, false);
  });
});

describe('spendBudget against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let client: QuoClient;
  const urls: string[] = [];

  before(async () => {
    sandbox = await startSandbox({
      contacts: 20,
      onRequest: (entry) => urls.push(`${entry.status} ${entry.url}`),
    });
    client = new QuoClient({ baseUrl: sandbox.url, apiKey: sandbox.key, limiter: new RateLimiter({ maxPerWindow: 10 }) });
  });
  after(() => sandbox.close());

  async function start(contactId: string): Promise<ActivityProgress> {
    const contact = await client.getContact(contactId);
    const lines = await client.listPhoneNumbers();
    assert.deepEqual(lines, decodePhoneNumbers({ data: SANDBOX_PHONE_NUMBERS }));
    return startActivity(planActivity(lines, contact.defaultFields.phoneNumbers.map((phone) => phone.value)));
  }

  it('finds Ada’s history in her first budget, and the rest of her 32 requests with another', async () => {
    urls.length = 0;
    const first = activityResult(await spendBudget(client, await start(ACTIVITY.historyContactId), { maxResults: 20 }));
    assert.equal(first.coverage.requestsPlanned, 32);
    assert.equal(first.coverage.requestsSent, 24);
    assert.deepEqual(first.coverage.checkedLineIds, [LINE_IDS.main, LINE_IDS.support, LINE_IDS.direct]);
    assert.equal(first.hasMore, true);
    const ids = first.items.map((item) => (item.kind === 'call' ? item.call.id : item.message.id));
    assert.equal(ids[0], ACTIVITY.latestMessageId, 'her newest item first');
    for (const id of [ACTIVITY.teammateCallId, ACTIVITY.summarizedCallId, ACTIVITY.planLimitedCallId, ACTIVITY.inProgressCallId, ACTIVITY.teammateOnlyLineCallId]) {
      assert.ok(ids.includes(id), id);
    }
    const teammate = first.items.find((item) => item.kind === 'call' && item.call.id === ACTIVITY.teammateCallId);
    assert.equal(teammate?.kind === 'call' && teammate.call.userId, USER_IDS.alan);
    assert.equal(first.items.filter((item) => item.kind === 'message' && item.lineId === LINE_IDS.main).length, 20, 'one page');
    assert.deepEqual(first.lineErrors, []);
    assert.ok(urls.every((url) => !url.startsWith('400 ')), urls.join('\n'));
  });

  it('reports the line the key cannot see, with its 403s, and loads every other', async () => {
    let progress = await start(ACTIVITY.overBudgetContactId);
    let spends = 0;
    while (activityResult(progress).hasMore) {
      progress = await spendBudget(client, progress, { maxResults: 20 });
      spends++;
    }
    const result = activityResult(progress);
    assert.equal(spends, 2);
    assert.equal(result.coverage.requestsSent, 33, 'the plan, and the main line’s second page of messages');
    assert.equal(result.items.filter((item) => item.kind === 'message' && item.lineId === LINE_IDS.main).length, ACTIVITY.mainLineMessageCount);
    assert.deepEqual(
      result.lineErrors.map((error) => [error.lineId, error.list, (error.error as QuoError).code]),
      [
        [ACTIVITY.hiddenLineId, 'messages', '0202403'],
        [ACTIVITY.hiddenLineId, 'calls', '0101403'],
      ],
    );
    assert.equal(result.coverage.linesChecked, 5);
  });

  it('lets an interactive request asked for during a spend go before the spend’s queued lists', async () => {
    const slow = await startSandbox({ contacts: 20, faults: { latencyMs: 300, routes: ['listCalls', 'listMessages'] } });
    try {
      const shared = new QuoClient({ baseUrl: slow.url, apiKey: slow.key, limiter: new RateLimiter({ maxPerWindow: 10 }) });
      const lines = await shared.listPhoneNumbers();
      const plan = planActivity(lines, [ACTIVITY.historyPhone, WELL_KNOWN.sharedPhone]);
      const arrivedLists = (): number => slow.stats.byRoute.listCalls + slow.stats.byRoute.listMessages;
      let spendDone = false;
      const spend = spendBudget(shared, startActivity(plan), { maxResults: 20 }).then((progress) => {
        spendDone = true;
        return progress;
      });
      while (arrivedLists() < 5) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const hover = await rejection(shared.getContact(WELL_KNOWN.missingContactId, { priority: 'interactive' }));
      assert.equal(hover.isNotFound, true);
      assert.equal(spendDone, false, 'the spend was still under way');
      assert.ok(arrivedLists() < 24, `${arrivedLists()} of the spend's 24 lists had gone before the hover's answer`);
      assert.equal(activityResult(await spend).coverage.requestsSent, 24);
      assert.equal(slow.stats.byStatus[429], undefined);
    } finally {
      await slow.close();
    }
  });

  it('finds nothing for Charles, in one budget', async () => {
    const result = activityResult(await spendBudget(client, await start(ACTIVITY.quietContactId), { maxResults: 20 }));
    assert.deepEqual([result.items.length, result.coverage.requestsSent, result.hasMore], [0, 16, false]);
    assert.deepEqual(result.lineErrors.map((error) => error.lineId), [ACTIVITY.hiddenLineId, ACTIVITY.hiddenLineId]);
  });
});
