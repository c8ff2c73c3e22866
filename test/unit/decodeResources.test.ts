import assert from 'node:assert/strict';
import {
  decodeCallRecordingsResponse,
  decodeCallVoicemailResponse,
  decodePhoneNumberResponse,
  decodeTeammateResponse,
  decodeWebhook,
  decodeWebhookResponse,
  decodeWebhooks,
} from '../../src/quo/decodeResources.js';
import { decodePhoneNumbers } from '../../src/quo/decodeWorkspace.js';
import { RESOURCES, SANDBOX_PHONE_NUMBERS, SANDBOX_USERS, USER_IDS, WEBHOOK_IDS, WEBHOOK_KEYS } from '../sandbox/generate.js';
import { HOSTILE_TRANSCRIPT, sandboxResources } from '../sandbox/resources.js';
import { decodeFailure } from './rejection.js';

const resources = sandboxResources();

function rawWebhook(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'WHabcd1234',
    userId: 'US123abc',
    orgId: 'OR1223abc',
    label: 'my webhook label',
    status: 'enabled',
    url: 'https://example.com/',
    key: 'example-key-do-not-show',
    createdAt: '2022-01-01T00:00:00Z',
    updatedAt: '2022-01-01T00:00:00Z',
    deletedAt: null,
    events: ['message.received', 'message.delivered'],
    resourceIds: ['PN123bc'],
    ...overrides,
  };
}

function rawSegment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    duration: 60,
    id: 'CRwRVK2qBq',
    startTime: '2022-01-01T00:00:00Z',
    status: 'completed',
    type: 'audio/mpeg',
    url: 'https://examplestorage.com/a643d4d3e1484fcc8b721627284eda5e.mp3',
    ...overrides,
  };
}

function rawVoicemail(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    duration: 60,
    id: 'VMaaff8f317e0c4e61953b74a5eb42a370',
    transcript: 'Hello, this is a voicemail from John Doe.',
    recordingUrl: 'https://examplestorage.com/a643d4d3e1484fcc8b721627284eda5e.mp3',
    status: 'completed',
    ...overrides,
  };
}

describe('decodePhoneNumberResponse', () => {
  it('reads a line by id as the list reads each of its lines', () => {
    for (const line of SANDBOX_PHONE_NUMBERS) {
      assert.deepEqual(decodePhoneNumberResponse({ data: line }), decodePhoneNumbers({ data: [line] })[0]);
    }
    const main = decodePhoneNumberResponse({ data: SANDBOX_PHONE_NUMBERS[0] });
    assert.deepEqual(
      [main.name, main.number, main.users.map((user) => [user.id, user.role])],
      ['Main line', '+14155550142', [[USER_IDS.owner, 'owner'], [USER_IDS.alan, 'admin']]],
    );
  });

  it('names the path of what is wrong', () => {
    assert.equal(decodeFailure(() => decodePhoneNumberResponse({})).path, 'data');
    assert.equal(decodeFailure(() => decodePhoneNumberResponse([])).path, 'body');
    assert.equal(decodeFailure(() => decodePhoneNumberResponse({ data: { ...SANDBOX_PHONE_NUMBERS[0], number: 5 } })).path, 'data.number');
  });
});

describe('decodeTeammateResponse', () => {
  it('reads the name, email and role', () => {
    const [grace] = SANDBOX_USERS;
    assert.deepEqual(decodeTeammateResponse({ data: grace }), {
      id: USER_IDS.owner,
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@quo-sandbox.example',
      role: 'owner',
    });
  });

  it('reads a role it does not know as unknown, and a nameless member with nulls', () => {
    const ops = SANDBOX_USERS.find((user) => user.id === USER_IDS.ops);
    assert.deepEqual(decodeTeammateResponse({ data: { ...ops, role: 'billing' } }), {
      id: USER_IDS.ops,
      firstName: null,
      lastName: null,
      email: 'ops@quo-sandbox.example',
      role: 'unknown',
    });
  });

  it('needs the role as a string, since the card shows it', () => {
    const [grace] = SANDBOX_USERS;
    assert.equal(decodeFailure(() => decodeTeammateResponse({ data: { ...grace, role: null } })).path, 'data.role');
    assert.equal(decodeFailure(() => decodeTeammateResponse({ data: { ...grace, role: undefined } })).path, 'data.role');
    assert.equal(decodeFailure(() => decodeTeammateResponse({ data: { ...grace, id: 1 } })).path, 'data.id');
  });
});

describe('decodeWebhook', () => {
  it('reads the spec’s example and keeps no key', () => {
    const webhook = decodeWebhookResponse({ data: rawWebhook() });
    assert.deepEqual(webhook, {
      id: 'WHabcd1234',
      label: 'my webhook label',
      url: 'https://example.com/',
      events: ['message.received', 'message.delivered'],
      status: 'enabled',
      resourceIds: ['PN123bc'],
      deletedAt: null,
    });
    assert.equal('key' in webhook, false);
    assert.doesNotMatch(JSON.stringify(webhook), /example-key/);
  });

  it('reads every sandbox webhook, none of them with its key anywhere in the result', () => {
    const webhooks = decodeWebhooks({ data: resources.webhooks });
    assert.deepEqual(webhooks.map((webhook) => webhook.id), Object.values(WEBHOOK_IDS));
    const text = JSON.stringify(webhooks);
    for (const key of Object.values(WEBHOOK_KEYS)) {
      assert.equal(text.includes(key), false, 'a key');
    }
    for (const webhook of webhooks) {
      assert.deepEqual(Object.keys(webhook).sort(), ['deletedAt', 'events', 'id', 'label', 'resourceIds', 'status', 'url']);
    }
    const byId = new Map(webhooks.map((webhook) => [webhook.id, webhook]));
    assert.equal(byId.get(WEBHOOK_IDS.calls)?.label, null);
    assert.deepEqual(byId.get(WEBHOOK_IDS.calls)?.resourceIds, ['*']);
    assert.equal(byId.get(WEBHOOK_IDS.summaries)?.deletedAt, '2025-06-30T17:45:00.000Z');
    assert.equal(byId.get(WEBHOOK_IDS.summaries)?.status, 'disabled');
  });

  it('reads a missing label or deletedAt as null, an unknown status as unknown, new events as they are', () => {
    const webhook = decodeWebhook(rawWebhook({ label: undefined, deletedAt: undefined, status: 'paused', events: ['contact.updated'] }));
    assert.deepEqual([webhook.label, webhook.deletedAt, webhook.status, webhook.events], [null, null, 'unknown', ['contact.updated']]);
  });

  it('skips what it never reads, the key included, whatever it holds', () => {
    const webhook = decodeWebhook(rawWebhook({ key: { nested: true }, userId: null, orgId: 3, createdAt: undefined, updatedAt: [] }));
    assert.equal(webhook.id, 'WHabcd1234');
    assert.equal(decodeWebhook(rawWebhook({ key: undefined })).id, 'WHabcd1234');
  });

  it('names the field at fault and never quotes a value (a url may hold a token)', () => {
    const secretUrl = 'https://hooks.example/T000/B000/XXXXsecretXXXX';
    for (const [overrides, path] of [
      [{ id: undefined }, 'data.id'],
      [{ url: null }, 'data.url'],
      [{ label: 7 }, 'data.label'],
      [{ events: 'message.received' }, 'data.events'],
      [{ events: [secretUrl, 1] }, 'data.events[1]'],
      [{ resourceIds: null }, 'data.resourceIds'],
      [{ status: 1 }, 'data.status'],
      [{ deletedAt: false }, 'data.deletedAt'],
    ] as const) {
      const failure = decodeFailure(() => decodeWebhookResponse({ data: rawWebhook({ ...overrides }) }));
      assert.equal(failure.path, path);
    }
    // A token where an array belongs: the error names the type, not the text.
    const hidden = decodeFailure(() => decodeWebhook(rawWebhook({ events: secretUrl })));
    assert.equal(hidden.message, 'data.events: expected array, got string');
    const inList = decodeFailure(() => decodeWebhooks({ data: [rawWebhook({ resourceIds: secretUrl })] }));
    assert.equal(inList.message, 'data[0].resourceIds: expected array, got string');
  });

  it('reads a list, and names the item at fault', () => {
    assert.deepEqual(decodeWebhooks({ data: [] }), []);
    assert.equal(decodeFailure(() => decodeWebhooks({ data: [rawWebhook(), rawWebhook({ url: 1 })] })).path, 'data[1].url');
    assert.equal(decodeFailure(() => decodeWebhooks({ data: null })).path, 'data');
  });
});

describe('decodeCallRecordingsResponse', () => {
  it('reads the segments in order, the spec’s example first', () => {
    assert.deepEqual(decodeCallRecordingsResponse({ data: [rawSegment(), rawSegment({ id: 'CR2', url: 'http://x.example/2.mp3' })] }), [
      {
        id: 'CRwRVK2qBq',
        url: 'https://examplestorage.com/a643d4d3e1484fcc8b721627284eda5e.mp3',
        type: 'audio/mpeg',
        duration: 60,
        status: 'completed',
        startTime: '2022-01-01T00:00:00Z',
      },
      { id: 'CR2', url: 'http://x.example/2.mp3', type: 'audio/mpeg', duration: 60, status: 'completed', startTime: '2022-01-01T00:00:00Z' },
    ]);
    assert.deepEqual(decodeCallRecordingsResponse({ data: [] }), []);
  });

  it('reads a processing segment: no url, type or duration yet, and a status given as null or not known', () => {
    const [processing, unknown, absent] = decodeCallRecordingsResponse({
      data: [
        rawSegment({ status: 'processing', url: null, type: null, duration: null, startTime: null }),
        rawSegment({ status: 'transcoding', url: undefined, duration: undefined }),
        rawSegment({ status: null, startTime: 5 }),
      ],
    });
    assert.deepEqual([processing?.status, processing?.url, processing?.type, processing?.duration, processing?.startTime], ['processing', null, null, null, null]);
    assert.deepEqual([unknown?.status, unknown?.url, unknown?.duration], ['unknown', null, null]);
    assert.deepEqual([absent?.status, absent?.startTime], [null, null]);
  });

  it('names the path of what is wrong', () => {
    for (const [overrides, path] of [
      [{ id: null }, 'data[0].id'],
      [{ url: 5 }, 'data[0].url'],
      [{ type: [] }, 'data[0].type'],
      [{ duration: '60' }, 'data[0].duration'],
      [{ duration: Number.NaN }, 'data[0].duration'],
      [{ status: 3 }, 'data[0].status'],
    ] as const) {
      assert.equal(decodeFailure(() => decodeCallRecordingsResponse({ data: [rawSegment({ ...overrides })] })).path, path);
    }
    assert.equal(decodeFailure(() => decodeCallRecordingsResponse({ data: { id: 'CR1' } })).path, 'data');
    assert.equal(decodeFailure(() => decodeCallRecordingsResponse(null)).path, 'body');
  });

  it('reads what the sandbox serves for each call', () => {
    const segments = resources.recordings.get(RESOURCES.recordedCallId);
    assert.ok(segments !== undefined && segments !== 'forbidden');
    const served = segments.map((segment) => {
      assert.ok('file' in segment);
      const { file, ...rest } = segment;
      return { ...rest, url: `https://media.quo-sandbox.example/${file}` };
    });
    assert.deepEqual(decodeCallRecordingsResponse({ data: served }).map((segment) => [segment.status, segment.type, segment.duration]), [
      ['completed', 'audio/wav', 400],
      ['completed', 'audio/wav', 354],
    ]);
  });
});

describe('decodeCallVoicemailResponse', () => {
  it('reads the spec’s example', () => {
    assert.deepEqual(decodeCallVoicemailResponse({ data: rawVoicemail() }), {
      status: 'completed',
      transcript: 'Hello, this is a voicemail from John Doe.',
      recordingUrl: 'https://examplestorage.com/a643d4d3e1484fcc8b721627284eda5e.mp3',
      duration: 60,
      id: 'VMaaff8f317e0c4e61953b74a5eb42a370',
    });
  });

  it('takes the transcript as optional: null or absent', () => {
    assert.equal(decodeCallVoicemailResponse({ data: rawVoicemail({ transcript: null }) }).transcript, null);
    assert.equal(decodeCallVoicemailResponse({ data: rawVoicemail({ transcript: undefined }) }).transcript, null);
  });

  it('reads a voicemail still processing, whose fields Quo says are null, the id included', () => {
    const processing = decodeCallVoicemailResponse({
      data: { id: null, status: 'in-progress', transcript: null, recordingUrl: null, duration: null },
    });
    assert.deepEqual(processing, { status: 'in-progress', transcript: null, recordingUrl: null, duration: null, id: null });
    assert.equal(decodeCallVoicemailResponse({ data: rawVoicemail({ status: 'archived' }) }).status, 'unknown');
  });

  it('keeps a hostile transcript as text', () => {
    assert.equal(decodeCallVoicemailResponse({ data: rawVoicemail({ transcript: HOSTILE_TRANSCRIPT }) }).transcript, HOSTILE_TRANSCRIPT);
  });

  it('names the field at fault, never the transcript in it', () => {
    const secret = 'My card number is 4111 1111 1111 1111';
    assert.equal(decodeFailure(() => decodeCallVoicemailResponse({ data: rawVoicemail({ status: null }) })).path, 'data.status');
    assert.equal(decodeFailure(() => decodeCallVoicemailResponse({ data: rawVoicemail({ duration: '60' }) })).path, 'data.duration');
    assert.equal(decodeFailure(() => decodeCallVoicemailResponse({ data: rawVoicemail({ recordingUrl: 1 }) })).path, 'data.recordingUrl');
    const failure = decodeFailure(() => decodeCallVoicemailResponse({ data: rawVoicemail({ transcript: [secret] }) }));
    assert.equal(failure.path, 'data.transcript');
    // Transcript text in the wrong field: the error names the type, not the text.
    const misplaced = decodeFailure(() => decodeCallVoicemailResponse({ data: rawVoicemail({ duration: secret }) }));
    assert.equal(misplaced.message, 'data.duration: expected number, got string');
    const asUrl = decodeFailure(() => decodeCallVoicemailResponse({ data: rawVoicemail({ recordingUrl: { secret } }) }));
    assert.doesNotMatch(asUrl.message, /4111/);
    assert.equal(decodeFailure(() => decodeCallVoicemailResponse({ data: null })).path, 'data');
  });
});
