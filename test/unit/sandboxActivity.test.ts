import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sandboxActivity } from '../sandbox/activity.js';
import { ACTIVITY, generateContacts, LINE_IDS, SANDBOX_PHONE_NUMBERS, USER_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { createSpecValidator, type OperationId } from '../sandbox/spec.js';
import type { ApiCall, ApiMessage } from '../sandbox/wire.js';
import { get as getReply, type Reply } from './sandboxReply.js';

const spec = createSpecValidator();
const activity = sandboxActivity();
const MAIN_NUMBER = SANDBOX_PHONE_NUMBERS[0]?.number ?? '';

/** Every number the fixed history talks to, and numbers it never does. */
const CONTACT_NUMBERS = [WELL_KNOWN.phone, WELL_KNOWN.sharedPhone, '+17025550177', '+16175550131'];

describe('sandbox activity', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ contacts: 20, rateLimit: Infinity });
  });
  after(() => sandbox.close());

  const get = (path: string): Promise<Reply> => getReply(sandbox, path);

  async function conforming(operation: OperationId, path: string, status = 200): Promise<Reply> {
    const reply = await get(path);
    assert.equal(reply.status, status, `${path}: ${reply.text.slice(0, 300)}`);
    assert.deepEqual(spec.check(operation, reply.status, reply.body), [], `${operation} ${path}: ${reply.text.slice(0, 300)}`);
    return reply;
  }

  function list(family: 'calls' | 'messages', params: Record<string, string | readonly string[] | undefined>): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const item of typeof value === 'string' ? [value] : (value ?? [])) {
        query.append(name, item);
      }
    }
    return `/v1/${family}?${query.toString()}`;
  }

  const ids = (reply: Reply): string[] => (reply.body as { data: { id: string }[] }).data.map((item) => item.id);
  const code = (reply: Reply): unknown => (reply.body as { code?: unknown }).code;

  describe('data', () => {
    it('has several lines: one with several users, one whose only user is not the owner, one the key cannot see', () => {
      const owner = USER_IDS.owner;
      const byId = new Map(SANDBOX_PHONE_NUMBERS.map((line) => [line.id, line]));
      assert.ok(SANDBOX_PHONE_NUMBERS.length >= 4);
      assert.deepEqual(byId.get(LINE_IDS.main)?.users.map((user) => user.id), [owner, USER_IDS.alan]);
      assert.deepEqual(byId.get(LINE_IDS.field)?.users.map((user) => [user.id, user.role]), [[USER_IDS.katherine, 'member']]);
      assert.ok(byId.get(LINE_IDS.support)?.users.every((user) => user.role !== 'owner'));
      assert.deepEqual([...activity.hiddenLineIds], [ACTIVITY.hiddenLineId]);
      assert.ok(byId.has(ACTIVITY.hiddenLineId), 'the hidden line is listed');
    });

    it('holds calls and messages with some contacts and none with others', () => {
      const with_ = (phone: string): number =>
        activity.calls.filter((call) => call.participants.includes(phone)).length +
        activity.messages.filter((message) => message.from === phone || message.to.includes(phone)).length;
      assert.ok(with_(ACTIVITY.historyPhone) > 20);
      assert.equal(with_(WELL_KNOWN.sharedPhone), 0, 'Charles’s only number has no history');
    });

    it('leaves the generated contacts as they were', () => {
      // Changed once on purpose, by the read-only contact (issue 27): it took the place of the newest generated one,
      // every other contact staying as it was (generateContacts draws as for 12 fixed contacts).
      const digest = createHash('sha256').update(JSON.stringify(generateContacts())).digest('hex');
      assert.equal(digest, 'd62423b02cc36eae0954c21aa388bb4dd909f2d959a3211d4a763718ffa46ffa');
    });
  });

  describe('everything served matches the spec', () => {
    it('serves every call and message by id', async () => {
      for (const call of activity.calls) {
        const reply = await conforming('getCallById_v1', `/v1/calls/${call.id}`);
        assert.deepEqual((reply.body as { data: ApiCall }).data, call);
      }
      for (const message of activity.messages) {
        const reply = await conforming('getMessageById_v1', `/v1/messages/${message.id}`);
        assert.deepEqual((reply.body as { data: ApiMessage }).data, message);
      }
      const call404 = await conforming('getCallById_v1', `/v1/calls/${ACTIVITY.missingCallId}`, 404);
      assert.equal(code(call404), '0100404');
      assert.equal(code(await conforming('getMessageById_v1', `/v1/messages/${ACTIVITY.missingCallId}`, 404)), '0200404');
    });

    it('serves every call’s summary and transcript: completed, absent, in progress, or 403 on a plan without them', async () => {
      const statuses: string[] = [];
      for (const call of activity.calls) {
        for (const [operation, path] of [
          ['getCallSummary_v1', `/v1/call-summaries/${call.id}`],
          ['getCallTranscript_v1', `/v1/call-transcripts/${call.id}`],
        ] as const) {
          const forbidden = call.id === ACTIVITY.planLimitedCallId;
          const reply = await conforming(operation, path, forbidden ? 403 : 200);
          statuses.push(forbidden ? `${operation} ${String(code(reply))}` : `${operation} ${(reply.body as { data: { status: string } }).data.status}`);
        }
      }
      assert.deepEqual(
        [...new Set(statuses)].sort(),
        [
          'getCallSummary_v1 0500403',
          'getCallSummary_v1 absent',
          'getCallSummary_v1 completed',
          'getCallSummary_v1 in-progress',
          'getCallTranscript_v1 0600403',
          'getCallTranscript_v1 absent',
          'getCallTranscript_v1 completed',
          'getCallTranscript_v1 in-progress',
        ],
      );
      const summary = await conforming('getCallSummary_v1', `/v1/call-summaries/${ACTIVITY.summarizedCallId}`);
      assert.ok(((summary.body as { data: { summary: string[] } }).data.summary ?? []).length > 0);
      const transcript = await conforming('getCallTranscript_v1', `/v1/call-transcripts/${ACTIVITY.summarizedCallId}`);
      const dialogue = (transcript.body as { data: { dialogue: { identifier: unknown; userId: unknown }[] } }).data.dialogue;
      assert.ok(dialogue.some((entry) => entry.identifier === null && entry.userId === null), 'an unknown speaker');
      await conforming('getCallSummary_v1', `/v1/call-summaries/${ACTIVITY.missingCallId}`, 404);
      await conforming('getCallTranscript_v1', `/v1/call-transcripts/${ACTIVITY.missingCallId}`, 404);
      assert.equal((await get('/v1/call-summaries')).status, 404);
    });

    it('lists every line with every number, with and without each user, as documented', async () => {
      let lists = 0;
      for (const line of SANDBOX_PHONE_NUMBERS) {
        const hidden = line.id === ACTIVITY.hiddenLineId;
        for (const participants of CONTACT_NUMBERS) {
          const messages = await conforming('listMessages_v1', list('messages', { phoneNumberId: line.id, participants, maxResults: '100' }), hidden ? 403 : 200);
          for (const userId of [undefined, ...line.users.map((user) => user.id)]) {
            const calls = await conforming('listCalls_v1', list('calls', { phoneNumberId: line.id, participants, userId, maxResults: '100' }), hidden ? 403 : 200);
            lists++;
            if (hidden) {
              assert.equal(code(calls), '0101403');
              assert.equal(code(messages), '0202403');
            }
          }
        }
      }
      assert.ok(lists > 40);
    });
  });

  describe('GET /v1/calls', () => {
    const ada = (params: Record<string, string>): string =>
      list('calls', { participants: ACTIVITY.historyPhone, maxResults: '20', ...params });

    it('lists the workspace owner’s calls when no userId is given, a teammate’s when his is', async () => {
      assert.deepEqual(ids(await get(ada({ phoneNumberId: LINE_IDS.main }))), [ACTIVITY.summarizedCallId]);
      assert.deepEqual(ids(await get(ada({ phoneNumberId: LINE_IDS.main, userId: USER_IDS.alan }))), [ACTIVITY.teammateCallId]);
      assert.deepEqual(ids(await get(ada({ phoneNumberId: LINE_IDS.support }))), [], 'the owner is not on the support line');
      assert.deepEqual(ids(await get(ada({ phoneNumberId: LINE_IDS.support, userId: USER_IDS.hedy }))), [ACTIVITY.inProgressCallId]);
      assert.deepEqual(ids(await get(ada({ phoneNumberId: LINE_IDS.field, userId: USER_IDS.katherine }))), [ACTIVITY.teammateOnlyLineCallId]);
      assert.deepEqual(ids(await get(ada({ phoneNumberId: LINE_IDS.direct }))), [ACTIVITY.planLimitedCallId]);
    });

    it('answers 400 with the calls family’s documented body to every query the spec refuses', async () => {
      const cases: Array<[string, string]> = [
        [list('calls', { participants: ACTIVITY.historyPhone, maxResults: '20' }), '/phoneNumberId'],
        [list('calls', { phoneNumberId: 'XX1', participants: ACTIVITY.historyPhone, maxResults: '20' }), '/phoneNumberId'],
        [list('calls', { phoneNumberId: LINE_IDS.main, maxResults: '20' }), '/participants'],
        [list('calls', { phoneNumberId: LINE_IDS.main, participants: [ACTIVITY.historyPhone, WELL_KNOWN.sharedPhone], maxResults: '20' }), '/participants'],
        [list('calls', { phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone }), '/maxResults'],
        [list('calls', { phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone, maxResults: '0' }), '/maxResults'],
        [list('calls', { phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone, maxResults: '101' }), '/maxResults'],
        [list('calls', { phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone, maxResults: '2.5' }), '/maxResults'],
        [list('calls', { phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone, maxResults: '20', userId: 'grace' }), '/userId'],
        [list('calls', { phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone, maxResults: '20', createdAfter: 'yesterday' }), '/createdAfter'],
        [list('calls', { phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone, maxResults: '20', pageToken: 'forged' }), '/pageToken'],
        // The hidden line still answers 400 first: validation comes before access.
        [list('calls', { phoneNumberId: ACTIVITY.hiddenLineId, participants: ACTIVITY.historyPhone }), '/maxResults'],
      ];
      for (const [path, at] of cases) {
        const reply = await conforming('listCalls_v1', path, 400);
        assert.equal(code(reply), '0101400', path);
        assert.equal((reply.body as { title: string }).title, 'Too Many Participants', path);
        assert.equal((reply.body as { errors: { path: string }[] }).errors[0]?.path, at, path);
      }
      // A '+' the client forgot to encode reads as a space: not a number the spec accepts, so nothing matches.
      assert.deepEqual(ids(await get(`/v1/calls?phoneNumberId=${LINE_IDS.main}&participants=+14155550123&maxResults=5`)), []);
    });

    it('pages by token and filters by creation time', async () => {
      const one = await get(ada({ phoneNumberId: LINE_IDS.main, userId: USER_IDS.alan, maxResults: '1' }));
      assert.equal((one.body as { nextPageToken: unknown }).nextPageToken, null);
      const before = await get(ada({ phoneNumberId: LINE_IDS.main, createdBefore: '2025-11-12T00:00:00Z' }));
      assert.deepEqual(ids(before), []);
      const since = await get(ada({ phoneNumberId: LINE_IDS.main, since: '2025-11-12T00:00:00Z' }));
      assert.deepEqual(ids(since), [], 'since behaves as createdBefore, as Quo documents');
      const after = await get(ada({ phoneNumberId: LINE_IDS.main, createdAfter: '2025-11-12T00:00:00Z' }));
      assert.deepEqual(ids(after), [ACTIVITY.summarizedCallId]);
    });
  });

  describe('GET /v1/messages', () => {
    const ada = (params: Record<string, string>): string =>
      list('messages', { phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone, ...params });

    it('lists a conversation newest first, page by page', async () => {
      const first = await conforming('listMessages_v1', ada({ maxResults: '20' }));
      const token = (first.body as { nextPageToken: string | null }).nextPageToken;
      assert.ok(token);
      assert.equal(ids(first)[0], ACTIVITY.latestMessageId);
      const second = await conforming('listMessages_v1', ada({ maxResults: '20', pageToken: token }));
      assert.equal((second.body as { nextPageToken: unknown }).nextPageToken, null);
      const all = [...ids(first), ...ids(second)];
      assert.equal(all.length, ACTIVITY.mainLineMessageCount);
      assert.equal(new Set(all).size, all.length);
      const times = [...(first.body as { data: ApiMessage[] }).data, ...(second.body as { data: ApiMessage[] }).data].map((m) => m.createdAt);
      assert.deepEqual(times, [...times].sort().reverse());
      const otherQuery = await get(list('messages', { phoneNumberId: LINE_IDS.support, participants: ACTIVITY.historyPhone, maxResults: '20', pageToken: token }));
      assert.equal(otherQuery.status, 400, 'a token belongs to its query');
    });

    it('filters by sender with userId, which drops every incoming message', async () => {
      const all = (await get(ada({ maxResults: '100' }))).body as { data: ApiMessage[] };
      const grace = (await get(ada({ maxResults: '100', userId: USER_IDS.owner }))).body as { data: ApiMessage[] };
      const incoming = all.data.filter((message) => message.direction === 'incoming');
      assert.ok(incoming.length > 0 && incoming.every((message) => message.userId === null), 'incoming messages: "userId: Null for incoming messages"');
      assert.ok(grace.data.length > 0 && grace.data.every((message) => message.direction === 'outgoing' && message.userId === USER_IDS.owner));
    });

    it('answers 400 with the messages family’s documented body to every query the spec refuses', async () => {
      const cases: Array<[string, string]> = [
        [list('messages', { participants: ACTIVITY.historyPhone, maxResults: '20' }), '/phoneNumberId'],
        [list('messages', { phoneNumberId: LINE_IDS.main, maxResults: '20' }), '/participants'],
        [list('messages', { phoneNumberId: LINE_IDS.main, participants: '4155550123', maxResults: '20' }), '/participants/0'],
        [ada({}), '/maxResults'],
        [ada({ maxResults: '101' }), '/maxResults'],
        [ada({ maxResults: '20', createdBefore: '2025-13-45' }), '/createdBefore'],
      ];
      for (const [path, at] of cases) {
        const reply = await conforming('listMessages_v1', path, 400);
        assert.equal(code(reply), '0206400', path);
        assert.equal((reply.body as { errors: { path: string }[] }).errors[0]?.path, at, path);
      }
    });

    it('takes several participants, for a group conversation', async () => {
      const group = await conforming('listMessages_v1', list('messages', { phoneNumberId: LINE_IDS.main, participants: [ACTIVITY.historyPhone, MAIN_NUMBER], maxResults: '5' }));
      assert.deepEqual(ids(group), []);
    });
  });

  describe('the spec’s query parameters', () => {
    it('accept what the spec documents and name what it refuses', () => {
      const ok = new URLSearchParams({ phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone, maxResults: '20' });
      assert.deepEqual(spec.checkQuery('listCalls_v1', ok), []);
      assert.deepEqual(spec.checkQuery('listMessages_v1', ok), []);
      const two = new URLSearchParams(ok);
      two.append('participants', WELL_KNOWN.sharedPhone);
      assert.notDeepEqual(spec.checkQuery('listCalls_v1', two), [], 'calls take one participant');
      assert.deepEqual(spec.checkQuery('listMessages_v1', two), []);
      const missing = new URLSearchParams({ phoneNumberId: LINE_IDS.main, participants: ACTIVITY.historyPhone });
      assert.deepEqual(spec.checkQuery('listCalls_v1', missing), ['?maxResults is required']);
      const extra = new URLSearchParams(ok);
      extra.set('maxResults', '500');
      extra.set('limit', '5');
      assert.equal(spec.checkQuery('listMessages_v1', extra).length, 2);
    });
  });
});
