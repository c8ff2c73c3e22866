/**
 * The lookup tool answers line, teammate and webhook ids (issue 29), as the benchmark runs it (bench/toolBench.ts):
 * lookUpText on a real session against the sandbox. Found ones come back as facts, unknown ones say so, a refusal
 * says the key may not see it, and a failure is reported per item.
 */
import assert from 'node:assert/strict';
import type { ApiKey } from '../../src/auth/apiKey.js';
import { lookUpText, thingsInText, type Found, type LookupInTextDeps } from '../../src/chat/lookupInText.js';
import { findContactPoints } from '../../src/detect/contactPoints.js';
import { createDetector } from '../../src/detect/detector.js';
import { silentLogger, type RedactingLog } from '../../src/quo/log.js';
import { contactsOfActivity } from '../../src/session/activityContacts.js';
import { WorkspaceSession } from '../../src/session/workspaceSession.js';
import type { Settings } from '../../src/settings/settingsPolicy.js';
import { LINE_IDS, RESOURCES, USER_IDS, WEBHOOK_IDS, WEBHOOK_KEYS, WELL_KNOWN } from '../sandbox/generate.js';
import { HOSTILE_WEBHOOK_LABEL } from '../sandbox/resources.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';

const LOG: RedactingLog = { ...silentLogger, redact: (text) => text, setSecrets: () => undefined };
const SIGNAL = new AbortController().signal;

function depsFor(session: WorkspaceSession, activityIds = true): LookupInTextDeps {
  return {
    session,
    detector: createDetector({ activityIds }).detector,
    defaultCountry: 'US',
    findContactPoints: (written: string, country: string) => findContactPoints(written, { defaultCountry: country }),
    contactsOfActivity,
  };
}

function byAsked(found: readonly Found[], asked: string): Found {
  const item = found.find((candidate) => candidate.asked === asked);
  assert.ok(item, `${asked} not in ${JSON.stringify(found.map((f) => f.asked))}`);
  return item;
}

describe('lookup tool: line, teammate and webhook ids (issue 29)', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let session: WorkspaceSession;

  before(async () => {
    sandbox = await startSandbox({ contacts: 10, rateLimit: Infinity });
  });
  after(() => sandbox.close());

  beforeEach(() => {
    const key: ApiKey = { value: sandbox.key, source: 'secret-storage', fingerprint: 'fp_lookup', workspaceId: 'lookup' };
    session = new WorkspaceSession(
      key,
      { apiBaseUrl: sandbox.url, maxRequestsPerSecond: 50, requestTimeoutMs: 10_000, cacheTtlMs: 60_000, indexPersist: false, defaultCountry: 'US', activityMaxItems: 10 } as Settings,
      LOG,
    );
    session.open();
    sandbox.setFaults({});
    sandbox.resetStats();
  });
  afterEach(() => session.dispose());

  it('sees them as things of their own kinds, each once, in the order written', () => {
    const text = `${USER_IDS.owner} ${LINE_IDS.main} ${USER_IDS.owner} ${WEBHOOK_IDS.calls} CNa1b2c3d4e5`;
    const { things, more } = thingsInText(depsFor(session), text);
    assert.deepEqual(
      things.map((thing) => [thing.kind, 'id' in thing ? thing.id : '']),
      [
        ['user-id', USER_IDS.owner],
        ['line-id', LINE_IDS.main],
        ['webhook-id', WEBHOOK_IDS.calls],
      ],
    );
    assert.equal(more, 0);
    assert.deepEqual(thingsInText(depsFor(session, false), text).things, [], 'not with activity ids off');
  });

  it('answers a line with its facts, from the one list however many lines are asked', async () => {
    const text = `phoneNumberId: ${LINE_IDS.main}, also ${LINE_IDS.support} and ${LINE_IDS.field}`;
    const { found } = await lookUpText(depsFor(session), text, SIGNAL);
    const main = byAsked(found, LINE_IDS.main);
    assert.equal(main.kind, 'line-id');
    assert.ok('resource' in main, JSON.stringify(main));
    assert.deepEqual(main.resource, { type: 'line', id: LINE_IDS.main, name: 'Main line', number: '+14155550142', teammates: ['Grace Hopper', 'Alan Turing'] });
    assert.ok('resource' in byAsked(found, LINE_IDS.support));
    assert.ok('resource' in byAsked(found, LINE_IDS.field));
    assert.equal(sandbox.stats.byRoute.listPhoneNumbers, 1);
    assert.equal(sandbox.stats.byRoute.getPhoneNumber, 0);
  });

  it('says an unknown line is not a line of this workspace', async () => {
    const { found } = await lookUpText(depsFor(session), `line ${RESOURCES.missingLineId}`, SIGNAL);
    assert.deepEqual(found, [{ asked: RESOURCES.missingLineId, kind: 'line-id', answer: 'not a Quo line of this workspace' }]);
  });

  it('answers a teammate with name, email and role, and an unknown one', async () => {
    const { found } = await lookUpText(depsFor(session), `"userId": "${USER_IDS.hedy}" "by": "USnobody0001"`, SIGNAL);
    assert.deepEqual(byAsked(found, USER_IDS.hedy), {
      asked: USER_IDS.hedy,
      kind: 'user-id',
      resource: { type: 'teammate', id: USER_IDS.hedy, name: 'Hedy Lamarr', email: 'hedy@quo-sandbox.example', role: 'member' },
    });
    assert.deepEqual(byAsked(found, 'USnobody0001'), { asked: 'USnobody0001', kind: 'user-id', answer: 'not a teammate of this workspace' });
    assert.equal(sandbox.stats.byRoute.getUser, 2);
  });

  it('answers webhooks without their keys, a hostile label inert, and an unknown one', async () => {
    const ids = [...Object.values(WEBHOOK_IDS), RESOURCES.missingWebhookId];
    const { found } = await lookUpText(depsFor(session), ids.join('\n'), SIGNAL);
    assert.equal(found.length, ids.length);
    const messages = byAsked(found, WEBHOOK_IDS.messages);
    assert.ok('resource' in messages && messages.resource.type === 'webhook');
    assert.equal(messages.resource.label, 'CRM sync');
    assert.deepEqual(messages.resource.watches, [LINE_IDS.main, LINE_IDS.support]);
    const deleted = byAsked(found, WEBHOOK_IDS.summaries);
    assert.ok('resource' in deleted && deleted.resource.type === 'webhook');
    assert.equal(deleted.resource.deletedAt, '2025-06-30T17:45:00.000Z');
    const hostile = byAsked(found, WEBHOOK_IDS.transcripts);
    assert.ok('resource' in hostile && hostile.resource.type === 'webhook');
    assert.notEqual(hostile.resource.label, HOSTILE_WEBHOOK_LABEL);
    assert.doesNotMatch(hostile.resource.label, /<img|\]\(/);
    assert.deepEqual(byAsked(found, RESOURCES.missingWebhookId), {
      asked: RESOURCES.missingWebhookId,
      kind: 'webhook-id',
      answer: 'not a webhook of this workspace',
    });
    const everything = JSON.stringify(found);
    for (const key of Object.values(WEBHOOK_KEYS)) {
      assert.ok(!everything.includes(key), 'a signing key in the answer');
    }
  });

  it('answers a whole call.completed payload: the contact, the line, the teammate and the webhook', async () => {
    const payload = JSON.stringify({
      type: 'call.completed',
      data: { object: { phoneNumberId: LINE_IDS.main, userId: USER_IDS.owner, contactIds: [WELL_KNOWN.contactId] }, webhookId: WEBHOOK_IDS.calls },
    });
    const { found } = await lookUpText(depsFor(session), payload, SIGNAL);
    assert.deepEqual(
      found.map((item) => [item.kind, 'resource' in item ? item.resource.type : 'contacts' in item ? 'contacts' : 'answer' in item ? item.answer : 'failed']),
      [
        ['line-id', 'line'],
        ['user-id', 'teammate'],
        ['contact-id', 'contacts'],
        ['webhook-id', 'webhook'],
      ],
    );
  });

  it('reports a failure of one lookup beside the others', async () => {
    sandbox.setFaults({ failNext: { status: 409 }, routes: ['getWebhook'] });
    const { found } = await lookUpText(depsFor(session), `${WEBHOOK_IDS.messages} ${USER_IDS.alan}`, SIGNAL);
    const failed = byAsked(found, WEBHOOK_IDS.messages);
    assert.ok('failed' in failed, JSON.stringify(failed));
    assert.ok('resource' in byAsked(found, USER_IDS.alan));
  });

  it('says the key may not see one that Quo refuses (403)', async () => {
    const forbidden = { kind: 'forbidden' } as const;
    const resources = { line: async () => forbidden, teammate: async () => forbidden, webhook: async () => forbidden };
    const fake = { resources } as unknown as WorkspaceSession;
    const { found } = await lookUpText(depsFor(fake), `${LINE_IDS.legal} ${USER_IDS.ops} ${WEBHOOK_IDS.calls}`, SIGNAL);
    assert.deepEqual(
      found.map((item) => [item.kind, 'answer' in item ? item.answer : JSON.stringify(item)]),
      [
        ['line-id', 'this key may not see it'],
        ['user-id', 'this key may not see it'],
        ['webhook-id', 'this key may not see it'],
      ],
    );
  });
});
