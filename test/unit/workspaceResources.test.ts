/**
 * A real WorkspaceSession against the sandbox answers the workspace's other ids (issue 29) and counts its requests:
 * any number of lines from one phone-numbers list per cache period, one request per teammate or webhook per period
 * (a 404 too), recordings and voicemails when asked, each answer as found, not-found or forbidden, anything else
 * thrown.
 */
import assert from 'node:assert/strict';
import type { ApiKey } from '../../src/auth/apiKey.js';
import { isQuoError } from '../../src/quo/errors.js';
import { WorkspaceSession } from '../../src/session/workspaceSession.js';
import type { Settings } from '../../src/settings/settingsPolicy.js';
import { LINE_IDS, RESOURCES, USER_IDS, WEBHOOK_IDS, WEBHOOK_KEYS } from '../sandbox/generate.js';
import { HOSTILE_TRANSCRIPT, PLAIN_HTTP_RECORDING_URL } from '../sandbox/resources.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { rejection } from './rejection.js';
import { LOG, settingsFor as sessionSettings } from './sessionFixtures.js';

/** Short enough to see a second period within a test. */
const TTL_MS = 800;

function settingsFor(sandbox: Sandbox, overrides: Partial<Settings> = {}): Settings {
  return sessionSettings(sandbox, { maxRequestsPerSecond: 50, cacheTtlMs: TTL_MS, ...overrides });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('WorkspaceResources in a real session (issue 29)', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let session: WorkspaceSession;

  beforeEach(async () => {
    sandbox = await startSandbox({ contacts: 10, rateLimit: Infinity });
    const key: ApiKey = { value: sandbox.key, source: 'secret-storage', fingerprint: 'fp_res', workspaceId: 'res' };
    session = new WorkspaceSession(key, settingsFor(sandbox), LOG);
    session.open();
    sandbox.resetStats();
  });

  afterEach(async () => {
    session.dispose();
    await sandbox.close();
  });

  const count = (route: keyof Sandbox['stats']['byRoute']): number => sandbox.stats.byRoute[route] ?? 0;

  describe('lines', () => {
    it('answers many line ids, found and unknown, from one phone-numbers list per cache period', async () => {
      const ids = [...Object.values(LINE_IDS), RESOURCES.missingLineId, 'PNunknown12'];
      const first = await Promise.all(ids.map((id) => session.resources.line(id)));
      for (const [i, id] of Object.values(LINE_IDS).entries()) {
        const answer = first[i];
        assert.equal(answer?.kind, 'found', id);
        assert.equal(answer?.kind === 'found' ? answer.value.id : undefined, id);
      }
      assert.deepEqual(first.slice(-2), [{ kind: 'not-found' }, { kind: 'not-found' }]);
      for (const id of ids) {
        await session.resources.line(id);
      }
      assert.equal(count('listPhoneNumbers'), 1, 'one list for everything within the period');
      assert.equal(count('getPhoneNumber'), 0, 'never one request per line');

      await sleep(TTL_MS + 100);
      await Promise.all(ids.map((id) => session.resources.line(id)));
      assert.equal(count('listPhoneNumbers'), 2, 'one more in the next period');
      assert.equal(count('getPhoneNumber'), 0);
      assert.equal(sandbox.stats.total, 2, 'and nothing else');
    });

    it('shares the list the Activity section reads', async () => {
      await session.activity.lines();
      assert.equal((await session.resources.line(LINE_IDS.support)).kind, 'found');
      assert.equal(count('listPhoneNumbers'), 1);
    });

    it('reads the line as listed: name, number and teammates', async () => {
      const answer = await session.resources.line(LINE_IDS.main);
      assert.ok(answer.kind === 'found');
      assert.equal(answer.value.name, 'Main line');
      assert.equal(answer.value.number, '+14155550142');
      assert.deepEqual(
        answer.value.users.map((user) => user.id),
        [USER_IDS.owner, USER_IDS.alan],
      );
    });
  });

  describe('teammates and webhooks', () => {
    it('costs one request per teammate per period, however many ask at once', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => session.resources.teammate(USER_IDS.owner)));
      assert.equal(count('getUser'), 1);
      for (const answer of answers) {
        assert.ok(answer.kind === 'found');
        assert.deepEqual(
          [answer.value.id, answer.value.firstName, answer.value.email, answer.value.role],
          [USER_IDS.owner, 'Grace', 'grace@quo-sandbox.example', 'owner'],
        );
      }
      await session.resources.teammate(USER_IDS.owner);
      const alan = await session.resources.teammate(USER_IDS.alan);
      assert.equal(alan.kind === 'found' ? alan.value.role : undefined, 'admin');
      assert.equal(count('getUser'), 2, 'one per id');
      await sleep(TTL_MS + 100);
      await session.resources.teammate(USER_IDS.owner);
      await session.resources.teammate(USER_IDS.owner);
      assert.equal(count('getUser'), 3, 'one more in the next period');
    });

    it('keeps a 404 for the period too', async () => {
      const missing = 'USnobody0001';
      assert.deepEqual(await session.resources.teammate(missing), { kind: 'not-found' });
      assert.deepEqual(await session.resources.teammate(missing), { kind: 'not-found' });
      assert.equal(count('getUser'), 1);
      assert.deepEqual(await session.resources.webhook(RESOURCES.missingWebhookId), { kind: 'not-found' });
      assert.deepEqual(await session.resources.webhook(RESOURCES.missingWebhookId), { kind: 'not-found' });
      assert.equal(count('getWebhook'), 1);
      await sleep(TTL_MS + 100);
      await session.resources.webhook(RESOURCES.missingWebhookId);
      assert.equal(count('getWebhook'), 2);
    });

    it('costs one request per webhook per period, and no decoded webhook holds its key', async () => {
      for (const id of Object.values(WEBHOOK_IDS)) {
        await session.resources.webhook(id);
        await session.resources.webhook(id);
      }
      assert.equal(count('getWebhook'), Object.values(WEBHOOK_IDS).length);
      const messages = await session.resources.webhook(WEBHOOK_IDS.messages);
      assert.ok(messages.kind === 'found');
      assert.equal(messages.value.label, 'CRM sync');
      assert.deepEqual(messages.value.resourceIds, [LINE_IDS.main, LINE_IDS.support]);
      const unlabelled = await session.resources.webhook(WEBHOOK_IDS.calls);
      assert.equal(unlabelled.kind === 'found' ? unlabelled.value.label : 'x', null);
      const deleted = await session.resources.webhook(WEBHOOK_IDS.summaries);
      assert.equal(deleted.kind === 'found' ? deleted.value.deletedAt : null, '2025-06-30T17:45:00.000Z');
      for (const id of Object.values(WEBHOOK_IDS)) {
        const answer = JSON.stringify(await session.resources.webhook(id));
        for (const key of Object.values(WEBHOOK_KEYS)) {
          assert.ok(!answer.includes(key), `${id} holds a signing key`);
        }
        assert.ok(!/"key"/.test(answer), `${id} has a key field`);
      }
    });

    it('clears with the session (a Refresh, another key): the next question asks again', async () => {
      await session.resources.teammate(USER_IDS.hedy);
      await session.resources.webhook(WEBHOOK_IDS.calls);
      session.resources.clear();
      await session.resources.teammate(USER_IDS.hedy);
      await session.resources.webhook(WEBHOOK_IDS.calls);
      assert.equal(count('getUser'), 2);
      assert.equal(count('getWebhook'), 2);
    });

    it('asks nothing until asked: the session alone sends no request for them', async () => {
      void session.resources;
      await sleep(50);
      assert.equal(count('getUser') + count('getWebhook') + count('listPhoneNumbers'), 0);
    });
  });

  describe('recordings and voicemails', () => {
    it('answers a plan without recordings as forbidden', async () => {
      assert.deepEqual(await session.resources.recordings(RESOURCES.forbiddenRecordingCallId), { kind: 'forbidden' });
      assert.equal(count('getCallRecordings'), 1);
    });

    it('reads completed segments in order, a processing one without url, a plain-http one, and none', async () => {
      const recorded = await session.resources.recordings(RESOURCES.recordedCallId);
      assert.ok(recorded.kind === 'found');
      assert.equal(recorded.value.length, 2);
      for (const [i, segment] of recorded.value.entries()) {
        assert.equal(segment.status, 'completed');
        assert.equal(segment.type, 'audio/wav');
        assert.ok(segment.url?.startsWith(`${sandbox.recordingsBaseUrl}/`), segment.url ?? 'null');
        assert.ok(segment.url?.endsWith(RESOURCES.recordedCallFiles[i] ?? '?'));
      }
      const processing = await session.resources.recordings(RESOURCES.processingRecordingCallId);
      assert.ok(processing.kind === 'found');
      assert.deepEqual(
        processing.value.map((segment) => [segment.status, segment.url, segment.duration]),
        [['processing', null, null]],
      );
      const plain = await session.resources.recordings(RESOURCES.plainHttpRecordingCallId);
      assert.equal(plain.kind === 'found' ? plain.value[0]?.url : undefined, PLAIN_HTTP_RECORDING_URL);
      assert.deepEqual(await session.resources.recordings(RESOURCES.unrecordedCallId), { kind: 'found', value: [] });
    });

    it('never caches them: their urls may be signed for a short while', async () => {
      await session.resources.recordings(RESOURCES.recordedCallId);
      await session.resources.recordings(RESOURCES.recordedCallId);
      await session.resources.voicemail(RESOURCES.voicemailCallId);
      await session.resources.voicemail(RESOURCES.voicemailCallId);
      assert.equal(count('getCallRecordings'), 2);
      assert.equal(count('getCallVoicemail'), 2);
    });

    it('reads a voicemail with its transcript, a hostile one as written, one without, and none', async () => {
      const voicemail = await session.resources.voicemail(RESOURCES.voicemailCallId);
      assert.ok(voicemail.kind === 'found');
      assert.match(voicemail.value.transcript ?? '', /difference tables/);
      assert.equal(voicemail.value.status, 'completed');
      assert.equal(voicemail.value.duration, 23);
      assert.ok(voicemail.value.recordingUrl?.startsWith(sandbox.recordingsBaseUrl));
      const hostile = await session.resources.voicemail(RESOURCES.hostileVoicemailCallId);
      assert.equal(hostile.kind === 'found' ? hostile.value.transcript : undefined, HOSTILE_TRANSCRIPT);
      const untranscribed = await session.resources.voicemail(RESOURCES.untranscribedVoicemailCallId);
      assert.ok(untranscribed.kind === 'found');
      assert.equal(untranscribed.value.transcript, null);
      assert.ok(untranscribed.value.recordingUrl !== null);
      assert.deepEqual(await session.resources.voicemail(RESOURCES.noVoicemailCallId), { kind: 'not-found' });
    });

    it('asks for the recordings and the voicemail of one call one after the other, each its own answer', async () => {
      const recorded = await session.resources.recordings(RESOURCES.untranscribedVoicemailCallId);
      const vm = await session.resources.voicemail(RESOURCES.untranscribedVoicemailCallId);
      assert.ok(recorded.kind === 'found' && Array.isArray(recorded.value));
      assert.ok(vm.kind === 'found' && !Array.isArray(vm.value) && vm.value.status === 'completed');
    });

    // BUG (reported, not fixed here): QuoClient.getResource shares one SharedLoads for every collection, keyed by the
    // id alone (src/quo/client.ts getOne: `inFlight.join(id, ...)`), so a call's recordings and voicemail asked at once
    // (as src/panel/callDetails.ts does on expand) share the recordings request: the voicemail answer is the list of
    // segments, and GET /v1/call-voicemails is never sent. Un-skip once fixed.
    it('asks for the recordings and the voicemail of one call at once, as an expanded call does, each its own answer', async () => {
      const [recorded, vm] = await Promise.all([
        session.resources.recordings(RESOURCES.untranscribedVoicemailCallId),
        session.resources.voicemail(RESOURCES.untranscribedVoicemailCallId),
      ]);
      assert.ok(recorded.kind === 'found' && Array.isArray(recorded.value));
      assert.ok(vm.kind === 'found' && !Array.isArray(vm.value), JSON.stringify(vm));
      assert.equal(vm.value.transcript, null);
      assert.equal(count('getCallRecordings'), 1);
      assert.equal(count('getCallVoicemail'), 1);
      const [forbidden, voicemail] = await Promise.all([
        session.resources.recordings(RESOURCES.forbiddenRecordingCallId),
        session.resources.voicemail(RESOURCES.voicemailCallId),
      ]);
      assert.equal(forbidden.kind, 'forbidden');
      assert.equal(voicemail.kind, 'found', 'a plan without recordings still has its voicemails');
    });

    it('answers an unknown call as not-found, for recordings and voicemail', async () => {
      const unknown = `AC${'0'.repeat(31)}9`;
      assert.deepEqual(await session.resources.recordings(unknown), { kind: 'not-found' });
      assert.deepEqual(await session.resources.voicemail(unknown), { kind: 'not-found' });
    });
  });

  describe('failures that are not 403 or 404', () => {
    it('throws an answer that does not decode, and keeps nothing of it', async () => {
      sandbox.setFaults({ malformedJson: true, routes: ['getUser'] });
      const error = await rejection(session.resources.teammate(USER_IDS.katherine));
      assert.ok(isQuoError(error), String(error));
      assert.notEqual(error.kind, 'http');
      sandbox.setFaults({});
      const answer = await session.resources.teammate(USER_IDS.katherine);
      assert.equal(answer.kind, 'found', 'the failure was not stored as an answer');
      assert.equal(count('getUser'), 2);
    });

    it('throws a server error (after the client’s retries)', async () => {
      sandbox.setFaults({ failRate: 1, routes: ['getWebhook'] });
      const error = await rejection(session.resources.webhook(WEBHOOK_IDS.messages));
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 500);
      sandbox.setFaults({});
      assert.equal((await session.resources.webhook(WEBHOOK_IDS.messages)).kind, 'found', 'and did not store it');
    });

    it('throws any other refusal (409) for recordings and voicemails rather than calling it not-found', async () => {
      sandbox.setFaults({ failNext: { status: 409, times: 2 }, routes: ['getCallRecordings', 'getCallVoicemail'] });
      for (const asked of [
        () => session.resources.recordings(RESOURCES.recordedCallId),
        () => session.resources.voicemail(RESOURCES.voicemailCallId),
      ]) {
        const error = await rejection(asked());
        assert.equal(error.kind, 'http');
        assert.equal(error.status, 409);
      }
    });

    it('throws when the line list fails, rather than calling every line unknown', async () => {
      sandbox.setFaults({ malformedJson: true, routes: ['listPhoneNumbers'] });
      await rejection(session.resources.line(LINE_IDS.main));
    });

    it('refuses to be built after the session is disposed of, and sends nothing', async () => {
      session.dispose();
      await rejection(session.resources.teammate(USER_IDS.owner));
      assert.equal(count('getUser'), 0);
    });
  });
});
