import assert from 'node:assert/strict';
import { sandboxActivity } from '../sandbox/activity.js';
import { LINE_IDS, RESOURCES, SANDBOX_PHONE_NUMBERS, USER_IDS, WEBHOOK_IDS, WEBHOOK_KEYS } from '../sandbox/generate.js';
import {
  HOSTILE_TRANSCRIPT,
  HOSTILE_WEBHOOK_LABEL,
  mediaBytes,
  mediaFiles,
  PLAIN_HTTP_RECORDING_URL,
  sandboxResources,
} from '../sandbox/resources.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { createSpecValidator, type OperationId } from '../sandbox/spec.js';
import type { ApiCallRecording, ApiCallVoicemail, ApiWebhook } from '../sandbox/wire.js';
import { get as getReply, type Reply } from './sandboxReply.js';

const spec = createSpecValidator();
const activity = sandboxActivity();
const resources = sandboxResources();

const code = (reply: Reply): unknown => (reply.body as { code?: unknown }).code;
const dataOf = <T>(reply: Reply): T => (reply.body as { data: T }).data;

describe('sandbox resources (issue 29)', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ contacts: 20, rateLimit: Infinity });
  });
  after(() => sandbox.close());

  const get = (path: string, authorization?: string | null): Promise<Reply> => getReply(sandbox, path, authorization);

  async function conforming(operation: OperationId, path: string, status = 200, on = sandbox): Promise<Reply> {
    const reply = await getReply(on, path);
    assert.equal(reply.status, status, `${path}: ${reply.text.slice(0, 300)}`);
    assert.deepEqual(spec.check(operation, reply.status, reply.body), [], `${operation} ${path}: ${reply.text.slice(0, 300)}`);
    return reply;
  }

  describe('data', () => {
    it('has webhooks of the four kinds, one without a label, one deleted, each with its own key', () => {
      const { webhooks } = resources;
      assert.ok(webhooks.length >= 3);
      assert.equal(webhooks.filter((webhook) => webhook.label === null).length, 1);
      assert.equal(webhooks.filter((webhook) => webhook.deletedAt !== null).length, 1);
      assert.ok(webhooks.some((webhook) => webhook.label === HOSTILE_WEBHOOK_LABEL));
      assert.ok(webhooks.some((webhook) => webhook.resourceIds.join() === '*'));
      assert.equal(new Set(webhooks.map((webhook) => webhook.key)).size, webhooks.length);
      for (const webhook of webhooks) {
        assert.equal(webhook.key, WEBHOOK_KEYS[webhook.id]);
      }
    });

    it('names only users, lines and calls the workspace has', () => {
      const users = new Set<string>(Object.values(USER_IDS));
      const lines = new Set(SANDBOX_PHONE_NUMBERS.map((line) => line.id));
      const calls = new Set(activity.calls.map((call) => call.id));
      for (const webhook of resources.webhooks) {
        assert.ok(users.has(webhook.userId), webhook.id);
        assert.ok(webhook.resourceIds.every((id) => id === '*' || lines.has(id)), webhook.id);
      }
      for (const callId of [...resources.recordings.keys(), ...resources.voicemails.keys()]) {
        assert.ok(calls.has(callId), callId);
      }
    });

    it('holds a small WAV file for each stored recording and voicemail, each with its own bytes', () => {
      const files = mediaFiles();
      assert.ok(files.length >= 5);
      const bytes = files.map((file) => mediaBytes(file));
      for (const [i, wav] of bytes.entries()) {
        assert.ok(wav, files[i]);
        assert.equal(wav.subarray(0, 4).toString('ascii'), 'RIFF');
        assert.equal(wav.subarray(8, 12).toString('ascii'), 'WAVE');
        assert.ok(wav.length > 1000 && wav.length < 10_000);
      }
      assert.equal(new Set(bytes.map((wav) => wav?.toString('base64'))).size, files.length);
      assert.equal(mediaBytes('recordings/nothing.wav'), undefined);
      assert.equal(mediaBytes('../package.json'), undefined);
    });
  });

  describe('GET /v1/phone-numbers/{phoneNumberId}', () => {
    it('answers every listed line as the list has it', async () => {
      for (const line of SANDBOX_PHONE_NUMBERS) {
        const reply = await conforming('getPhoneNumberById_v1', `/v1/phone-numbers/${line.id}`);
        assert.deepEqual(dataOf(reply), line);
      }
    });

    it('answers 404 to an unknown line and 400 to an id that is not a PN id, in the phone numbers’ shape', async () => {
      const missing = await conforming('getPhoneNumberById_v1', `/v1/phone-numbers/${RESOURCES.missingLineId}`, 404);
      assert.equal(code(missing), '0400404');
      const invalid = await conforming('getPhoneNumberById_v1', `/v1/phone-numbers/${USER_IDS.owner}`, 400);
      assert.equal(code(invalid), '0400400');
      assert.deepEqual((invalid.body as { errors: { path: string }[] }).errors.map((error) => error.path), ['/phoneNumberId']);
      assert.equal(code(await conforming('getPhoneNumberById_v1', '/v1/phone-numbers/%zz', 404)), '0400404');
    });
  });

  describe('GET /v1/users/{userId}', () => {
    it('answers every member of every line, with a role', async () => {
      for (const member of SANDBOX_PHONE_NUMBERS.flatMap((line) => line.users)) {
        const reply = await conforming('getUserById_v1', `/v1/users/${member.id}`);
        assert.equal(dataOf<{ role: string }>(reply).role, member.role);
      }
    });
  });

  describe('GET /v1/webhooks and /v1/webhooks/{id}', () => {
    it('lists every webhook, deleted one and keys included, as the spec has them', async () => {
      const reply = await conforming('listWebhooks_v1', '/v1/webhooks');
      assert.deepEqual(dataOf(reply), resources.webhooks);
      assert.ok(dataOf<ApiWebhook[]>(reply).every((webhook) => webhook.key.length > 0), 'Quo sends the key: a client must drop it');
    });

    it('lists one user’s webhooks with userId', async () => {
      const hedy = await conforming('listWebhooks_v1', `/v1/webhooks?userId=${USER_IDS.hedy}`);
      assert.deepEqual(dataOf<ApiWebhook[]>(hedy).map((webhook) => webhook.id), [WEBHOOK_IDS.transcripts]);
      const none = await conforming('listWebhooks_v1', `/v1/webhooks?userId=${USER_IDS.ops}`);
      assert.deepEqual(dataOf(none), []);
    });

    it('answers the webhooks’ one documented 400 (Invalid Version) to a userId that is not a US id', async () => {
      for (const query of [`userId=${LINE_IDS.main}`, `userId=${USER_IDS.owner}&userId=${USER_IDS.alan}`]) {
        const reply = await conforming('listWebhooks_v1', `/v1/webhooks?${query}`, 400);
        assert.equal(code(reply), '0305400');
      }
    });

    it('answers each webhook by id, 404 to an unknown one and 400 to an id that is not a WH id', async () => {
      for (const webhook of resources.webhooks) {
        const reply = await conforming('getWebhookById_v1', `/v1/webhooks/${webhook.id}`);
        assert.deepEqual(dataOf(reply), webhook);
      }
      const deleted = await conforming('getWebhookById_v1', `/v1/webhooks/${WEBHOOK_IDS.summaries}`);
      assert.ok(dataOf<ApiWebhook>(deleted).deletedAt);
      assert.equal(dataOf<ApiWebhook>(await get(`/v1/webhooks/${WEBHOOK_IDS.calls}`)).label, null);
      assert.equal(code(await conforming('getWebhookById_v1', `/v1/webhooks/${RESOURCES.missingWebhookId}`, 404)), '0300404');
      assert.equal(code(await conforming('getWebhookById_v1', '/v1/webhooks/messages', 400)), '0305400');
    });

    it('serves no webhook writes', async () => {
      const refused = await fetch(`${sandbox.url}/v1/webhooks/${WEBHOOK_IDS.calls}`, { method: 'DELETE', headers: { Authorization: sandbox.key } });
      assert.deepEqual([refused.status, refused.headers.get('allow')], [405, 'GET']);
      await refused.body?.cancel();
    });
  });

  describe('GET /v1/call-recordings/{callId}', () => {
    it('answers every call: segments, a processing one, none, or 403, each as the spec has it', async () => {
      const seen: string[] = [];
      for (const call of activity.calls) {
        const forbidden = call.id === RESOURCES.forbiddenRecordingCallId;
        const reply = await conforming('getCallRecordings_v1', `/v1/call-recordings/${call.id}`, forbidden ? 403 : 200);
        seen.push(forbidden ? String(code(reply)) : dataOf<ApiCallRecording[]>(reply).map((segment) => segment.status).join('+') || 'none');
      }
      assert.deepEqual(seen.sort(), ['0900403', 'completed', 'completed+completed', 'none', 'processing']);
    });

    it('points the completed segments at https urls on the storage host, not the API, in order', async () => {
      const segments = dataOf<ApiCallRecording[]>(await get(`/v1/call-recordings/${RESOURCES.recordedCallId}`));
      assert.deepEqual(
        segments.map((segment) => segment.url),
        RESOURCES.recordedCallFiles.map((file) => `https://media.quo-sandbox.example/${file}`),
      );
      assert.ok(segments.every((segment) => segment.url !== null && new URL(segment.url).host !== new URL(sandbox.url).host));
      assert.ok(Date.parse(segments[0]?.startTime ?? '') < Date.parse(segments[1]?.startTime ?? ''), 'oldest first');
      assert.equal(sandbox.recordingsBaseUrl, 'https://media.quo-sandbox.example');
    });

    it('has one url that is not https, and a processing segment without url or duration', async () => {
      const [plain] = dataOf<ApiCallRecording[]>(await get(`/v1/call-recordings/${RESOURCES.plainHttpRecordingCallId}`));
      assert.equal(plain?.url, PLAIN_HTTP_RECORDING_URL);
      assert.equal(new URL(PLAIN_HTTP_RECORDING_URL).protocol, 'http:');
      const [processing] = dataOf<ApiCallRecording[]>(await get(`/v1/call-recordings/${RESOURCES.processingRecordingCallId}`));
      assert.deepEqual([processing?.status, processing?.url, processing?.duration], ['processing', null, null]);
    });

    it('answers 404 to an unknown call and 400 to an id that is not an AC id', async () => {
      assert.equal(code(await conforming('getCallRecordings_v1', `/v1/call-recordings/AC${'0'.repeat(32)}`, 404)), '0900404');
      assert.equal(code(await conforming('getCallRecordings_v1', `/v1/call-recordings/${WEBHOOK_IDS.calls}`, 400)), '0900400');
    });
  });

  describe('GET /v1/call-voicemails/{callId}', () => {
    it('answers voicemails with a transcript, a hostile one, one without, and 404 for a call without one', async () => {
      const withText = await conforming('getCallVoicemails_v1', `/v1/call-voicemails/${RESOURCES.voicemailCallId}`);
      assert.match(dataOf<ApiCallVoicemail>(withText).transcript ?? '', /Ada/);
      assert.match(dataOf<ApiCallVoicemail>(withText).recordingUrl ?? '', /^https:\/\/media\.quo-sandbox\.example\/voicemails\/VM/);
      const hostile = await conforming('getCallVoicemails_v1', `/v1/call-voicemails/${RESOURCES.hostileVoicemailCallId}`);
      assert.equal(dataOf<ApiCallVoicemail>(hostile).transcript, HOSTILE_TRANSCRIPT);
      const without = await conforming('getCallVoicemails_v1', `/v1/call-voicemails/${RESOURCES.untranscribedVoicemailCallId}`);
      assert.deepEqual([dataOf<ApiCallVoicemail>(without).status, dataOf<ApiCallVoicemail>(without).transcript], ['completed', null]);
      const none = await conforming('getCallVoicemails_v1', `/v1/call-voicemails/${RESOURCES.noVoicemailCallId}`, 404);
      assert.equal(code(none), '1200404');
      assert.equal(code(await conforming('getCallVoicemails_v1', `/v1/call-voicemails/AC${'0'.repeat(32)}`, 404)), '1200404');
      assert.equal(code(await conforming('getCallVoicemails_v1', '/v1/call-voicemails/VM123', 400)), '1200400');
    });

    it('conforms for every call', async () => {
      for (const call of activity.calls) {
        const has = resources.voicemails.has(call.id);
        await conforming('getCallVoicemails_v1', `/v1/call-voicemails/${call.id}`, has ? 200 : 404);
      }
    });
  });

  describe('the storage host and the key', () => {
    it('needs the key on the API routes', async () => {
      for (const path of ['/v1/webhooks', `/v1/call-recordings/${RESOURCES.recordedCallId}`, `/v1/phone-numbers/${LINE_IDS.main}`]) {
        assert.equal((await get(path, null)).status, 401, path);
      }
    });

    it('serves the audio under /media/ without a key when recordingsBaseUrl points there, and counts a keyed download', async () => {
      const local = await startSandbox({ contacts: 13, rateLimit: Infinity, recordingsBaseUrl: (url) => `${url}/media/` });
      try {
        assert.equal(local.recordingsBaseUrl, `${local.url}/media`);
        const segments = dataOf<ApiCallRecording[]>(await getReply(local, `/v1/call-recordings/${RESOURCES.recordedCallId}`));
        const voicemail = dataOf<ApiCallVoicemail>(await getReply(local, `/v1/call-voicemails/${RESOURCES.voicemailCallId}`));
        const urls = [...segments.map((segment) => segment.url), voicemail.recordingUrl];
        for (const [i, url] of urls.entries()) {
          assert.ok(url?.startsWith(`${local.url}/media/`), String(url));
          assert.ok(url !== null);
          const response = await fetch(url);
          assert.equal(response.status, 200);
          assert.equal(response.headers.get('content-type'), 'audio/wav');
          const file = url.slice(`${local.url}/media/`.length);
          assert.deepEqual(Buffer.from(await response.arrayBuffer()), mediaBytes(file), `file ${i}`);
        }
        const missing = await fetch(`${local.url}/media/recordings/nothing.wav`);
        assert.equal(missing.status, 404);
        await missing.body?.cancel();
        assert.equal(local.stats.mediaWithAuthorization, 0);
        assert.equal(local.stats.missingAuthorization, 0, 'media requests are not API requests without a key');
        assert.equal(local.stats.byRoute.media, urls.length + 1);
        const keyed = await fetch(urls[0] ?? '', { headers: { Authorization: local.key } });
        await keyed.body?.cancel();
        assert.equal(local.stats.mediaWithAuthorization, 1);
      } finally {
        await local.close();
      }
    });

    it('takes a fixed storage host too', async () => {
      const other = await startSandbox({ contacts: 13, recordingsBaseUrl: 'https://storage.example.net:8443/quo' });
      try {
        const [first] = dataOf<ApiCallRecording[]>(await conforming('getCallRecordings_v1', `/v1/call-recordings/${RESOURCES.recordedCallId}`, 200, other));
        assert.equal(first?.url, `https://storage.example.net:8443/quo/${RESOURCES.recordedCallFiles[0]}`);
      } finally {
        await other.close();
      }
    });
  });

  describe('stats', () => {
    it('counts each new kind of request', async () => {
      sandbox.resetStats();
      await get(`/v1/phone-numbers/${LINE_IDS.main}`);
      await get('/v1/webhooks');
      await get(`/v1/webhooks/${WEBHOOK_IDS.messages}`);
      await get(`/v1/webhooks/${WEBHOOK_IDS.calls}`);
      await get(`/v1/call-recordings/${RESOURCES.recordedCallId}`);
      await get(`/v1/call-voicemails/${RESOURCES.voicemailCallId}`);
      await get(`/v1/call-voicemails/${RESOURCES.noVoicemailCallId}`);
      const { byRoute, total } = sandbox.stats;
      assert.deepEqual(
        [byRoute.getPhoneNumber, byRoute.listWebhooks, byRoute.getWebhook, byRoute.getCallRecordings, byRoute.getCallVoicemail],
        [1, 1, 2, 1, 2],
      );
      assert.equal(total, 7);
      assert.equal(byRoute.listPhoneNumbers, 0);
    });
  });
});
