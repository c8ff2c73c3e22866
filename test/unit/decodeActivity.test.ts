import assert from 'node:assert/strict';
import {
  decodeCallPage,
  decodeCallResponse,
  decodeCallSummaryResponse,
  decodeCallTranscriptResponse,
  decodeMessagePage,
  decodeMessageResponse,
} from '../../src/quo/decodeActivity.js';
import { decodePhoneNumbers, decodeUserResponse } from '../../src/quo/decodeWorkspace.js';
import { decodeFailure } from './rejection.js';

function rawLine(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'PN123abc',
    groupId: 'GR1',
    portRequestId: 'PR1',
    formattedNumber: '(415) 555-0142',
    forward: '+14155550198',
    name: 'Main line',
    number: '+14155550142',
    portingStatus: 'completed',
    symbol: '🏢',
    users: [
      { id: 'USowner', email: 'o@x.example', firstName: 'Grace', lastName: 'Hopper', role: 'owner', groupId: 'GRa' },
      { id: 'USnameless', email: 'n@x.example', firstName: null, lastName: null, role: 'member', groupId: 'GRb' },
    ],
    createdAt: '2022-01-01T00:00:00Z',
    updatedAt: '2022-01-02T00:00:00Z',
    restrictions: {
      calling: { CA: 'unrestricted', Intl: 'restricted', US: 'unrestricted' },
      messaging: { CA: 'restricted', Intl: 'restricted', US: 'unrestricted' },
    },
    ...overrides,
  };
}

function rawCall(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'AC1',
    phoneNumberId: 'PN123abc',
    participants: ['+14155550123', '+14155550142'],
    direction: 'incoming',
    status: 'completed',
    createdAt: '2025-11-12T15:00:00.000Z',
    answeredAt: '2025-11-12T15:00:06.000Z',
    completedAt: '2025-11-12T15:03:11.000Z',
    answeredBy: 'USowner',
    initiatedBy: null,
    duration: 185,
    callRoute: 'phone-menu',
    forwardedFrom: null,
    forwardedTo: 'US123',
    aiHandled: null,
    userId: 'USowner',
    updatedAt: null,
    ...overrides,
  };
}

function rawMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'AC2',
    to: ['+14155550142'],
    from: '+14155550123',
    text: 'Could we move Thursday’s call?',
    phoneNumberId: null,
    direction: 'outgoing',
    userId: 'USowner',
    status: 'delivered',
    createdAt: '2025-11-14T16:42:00.000Z',
    updatedAt: '2025-11-14T16:42:01.000Z',
    ...overrides,
  };
}


describe('decodePhoneNumbers', () => {
  it('decodes every field the extension reads of a line and of its users, nulls included', () => {
    const [line] = decodePhoneNumbers({ data: [rawLine({ symbol: null, portRequestId: null })] });
    assert.deepEqual(line, {
      id: 'PN123abc',
      number: '+14155550142',
      name: 'Main line',
      formattedNumber: '(415) 555-0142',
      users: [
        { id: 'USowner', email: 'o@x.example', firstName: 'Grace', lastName: 'Hopper', role: 'owner' },
        { id: 'USnameless', email: 'n@x.example', firstName: null, lastName: null, role: 'member' },
      ],
    });
  });

  it('reads a role it does not know as unknown, and a missing name as null', () => {
    const users = [{ id: 'US1', email: 'a@x.example', firstName: 'A', lastName: null, role: 'billing', groupId: 'GR' }];
    const [line] = decodePhoneNumbers({ data: [rawLine({ users, name: undefined })] });
    assert.equal(line?.users[0]?.role, 'unknown');
    assert.equal(line?.name, null);
  });

  it('names the field at fault: a required nullable field missing, a user without a name', () => {
    assert.equal(decodeFailure(() => decodePhoneNumbers({ data: [rawLine({ formattedNumber: undefined })] })).path, 'data[0].formattedNumber');
    const nameless = [{ id: 'US1', email: 'a@x.example', lastName: null, role: 'member', groupId: 'GR' }];
    assert.equal(decodeFailure(() => decodePhoneNumbers({ data: [rawLine({ users: nameless })] })).path, 'data[0].users[0].firstName');
    assert.equal(decodeFailure(() => decodePhoneNumbers({ data: [rawLine({ users: 'all' })] })).path, 'data[0].users');
  });
});

describe('decodeUserResponse', () => {
  const user = {
    id: 'US1',
    email: 'grace@x.example',
    firstName: 'Grace',
    lastName: 'Hopper',
    pictureUrl: null,
    role: 'admin',
    createdAt: '2020-11-02T12:00:00.000Z',
    updatedAt: '2020-11-03T12:00:00.000Z',
  };

  it('decodes what names a user, nulls included', () => {
    assert.deepEqual(decodeUserResponse({ data: user }), { id: 'US1', email: 'grace@x.example', firstName: 'Grace', lastName: 'Hopper' });
  });

  it('still reads absent names and email as null, and requires the id', () => {
    const bare = decodeUserResponse({ data: { ...user, firstName: undefined, lastName: undefined, email: undefined } });
    assert.deepEqual([bare.firstName, bare.lastName, bare.email], [null, null, null]);
    assert.equal(decodeFailure(() => decodeUserResponse({ data: { ...user, id: 1 } })).path, 'data.id');
    assert.equal(decodeFailure(() => decodeUserResponse({ data: { ...user, lastName: 1 } })).path, 'data.lastName');
  });
});

describe('decodeCallPage and decodeCallResponse', () => {
  it('decodes every field, nulls included', () => {
    const page = decodeCallPage({ data: [rawCall()], totalItems: 1, nextPageToken: 'next' });
    assert.deepEqual(page, {
      calls: [
        {
          id: 'AC1',
          phoneNumberId: 'PN123abc',
          participants: ['+14155550123', '+14155550142'],
          direction: 'incoming',
          status: 'completed',
          createdAt: '2025-11-12T15:00:00.000Z',
          answeredAt: '2025-11-12T15:00:06.000Z',
          completedAt: '2025-11-12T15:03:11.000Z',
          answeredBy: 'USowner',
          initiatedBy: null,
          duration: 185,
          callRoute: 'phone-menu',
          forwardedFrom: null,
          forwardedTo: 'US123',
          aiHandled: null,
          userId: 'USowner',
          updatedAt: null,
        },
      ],
      totalItems: 1,
      nextPageToken: 'next',
    });
    assert.deepEqual(decodeCallResponse({ data: rawCall() }), page.calls[0]);
  });

  it('reads a status or direction it does not know as unknown', () => {
    const call = decodeCallResponse({ data: rawCall({ status: 'teleported', direction: 'sideways' }) });
    assert.deepEqual([call.status, call.direction], ['unknown', 'unknown']);
  });

  it('requires a number of seconds, the participants and the user', () => {
    assert.equal(decodeFailure(() => decodeCallResponse({ data: rawCall({ duration: '185' }) })).path, 'data.duration');
    assert.equal(decodeFailure(() => decodeCallResponse({ data: rawCall({ participants: '+1415' }) })).path, 'data.participants');
    assert.equal(decodeFailure(() => decodeCallResponse({ data: rawCall({ userId: null }) })).path, 'data.userId');
  });

  it('reads a page without a token as the last page', () => {
    assert.equal(decodeCallPage({ data: [] }).nextPageToken, null);
  });
});

describe('decodeMessagePage and decodeMessageResponse', () => {
  it('decodes every field, nulls included', () => {
    const page = decodeMessagePage({ data: [rawMessage()], totalItems: 3, nextPageToken: null });
    assert.deepEqual(page, {
      messages: [
        {
          id: 'AC2',
          from: '+14155550123',
          to: ['+14155550142'],
          text: 'Could we move Thursday’s call?',
          phoneNumberId: null,
          direction: 'outgoing',
          userId: 'USowner',
          status: 'delivered',
          createdAt: '2025-11-14T16:42:00.000Z',
          updatedAt: '2025-11-14T16:42:01.000Z',
        },
      ],
      totalItems: 3,
      nextPageToken: null,
    });
    assert.deepEqual(decodeMessageResponse({ data: rawMessage() }), page.messages[0]);
    assert.equal(decodeMessageResponse({ data: rawMessage({ status: 'read' }) }).status, 'unknown');
  });

  it('names the field at fault and never quotes the text', () => {
    assert.equal(decodeFailure(() => decodeMessageResponse({ data: rawMessage({ phoneNumberId: undefined }) })).path, 'data.phoneNumberId');
    const wrongTo = decodeFailure(() => decodeMessageResponse({ data: rawMessage({ to: 'Could we move' }) }));
    assert.equal(wrongTo.path, 'data.to');
    const wrongText = decodeFailure(() => decodeMessageResponse({ data: rawMessage({ text: ['Could we move Thursday'] }) }));
    assert.equal(wrongText.path, 'data.text');
    assert.doesNotMatch(wrongText.message, /Thursday/);
  });
});

describe('decodeCallSummaryResponse', () => {
  it('decodes a completed summary with its jobs', () => {
    const summary = decodeCallSummaryResponse({
      data: {
        callId: 'AC1',
        status: 'completed',
        summary: ['Ada asked for a split invoice.'],
        nextSteps: ['Send it by Friday.'],
        jobs: [{ icon: '🧾', name: 'Billing', result: { data: [{ name: 'Changed', value: true }, { name: 'Amount', value: 1843.5 }, { name: 'Due', value: 'Friday' }] } }],
      },
    });
    assert.deepEqual(summary, {
      status: 'completed',
      summary: ['Ada asked for a split invoice.'],
      nextSteps: ['Send it by Friday.'],
      jobs: [{ name: 'Billing', result: { data: [{ name: 'Changed', value: true }, { name: 'Amount', value: 1843.5 }, { name: 'Due', value: 'Friday' }] } }],
    });
  });

  it('decodes an absent summary, its optional jobs missing or null', () => {
    const absent = { callId: 'AC1', status: 'absent', summary: null, nextSteps: null };
    const decoded = { status: 'absent', summary: null, nextSteps: null, jobs: null };
    assert.deepEqual(decodeCallSummaryResponse({ data: absent }), decoded);
    assert.deepEqual(decodeCallSummaryResponse({ data: { ...absent, jobs: null } }), decoded);
    assert.equal(decodeCallSummaryResponse({ data: { ...absent, status: 'queued' } }).status, 'unknown');
  });

  it('requires summary and nextSteps, and reports a wrong one without quoting it', () => {
    assert.equal(decodeFailure(() => decodeCallSummaryResponse({ data: { callId: 'AC1', status: 'absent', nextSteps: null } })).path, 'data.summary');
    const wrong = decodeFailure(() =>
      decodeCallSummaryResponse({ data: { callId: 'AC1', status: 'completed', summary: 'Ada is leaving for a rival', nextSteps: null } }),
    );
    assert.equal(wrong.path, 'data.summary');
    assert.doesNotMatch(wrong.message, /rival/);
    const job = decodeFailure(() =>
      decodeCallSummaryResponse({ data: { callId: 'AC1', status: 'completed', summary: null, nextSteps: null, jobs: [{ icon: '', name: 'x', result: { data: [{ name: 'n', value: null }] } }] } }),
    );
    assert.equal(job.path, 'data.jobs[0].result.data[0].value');
  });
});

describe('decodeCallTranscriptResponse', () => {
  const entry = { start: 0, end: 4.2, content: 'Hello Ada.', identifier: '+14155550142', userId: 'USowner' };

  it('decodes a completed transcript, unknown speakers included', () => {
    const transcript = decodeCallTranscriptResponse({
      data: {
        callId: 'AC1',
        status: 'completed',
        dialogue: [entry, { start: 4.6, end: 9, content: '(inaudible)', identifier: null, userId: null }],
        duration: 754,
        createdAt: '2025-11-12T15:13:16.000Z',
      },
    });
    assert.deepEqual(transcript, {
      status: 'completed',
      dialogue: [
        { start: 0, content: 'Hello Ada.', identifier: '+14155550142', userId: 'USowner' },
        { start: 4.6, content: '(inaudible)', identifier: null, userId: null },
      ],
    });
  });

  it('decodes an absent transcript', () => {
    const absent = { callId: 'AC1', status: 'absent', dialogue: null, duration: 0, createdAt: '2025-11-12T15:00:00.000Z' };
    assert.deepEqual(decodeCallTranscriptResponse({ data: absent }), { status: 'absent', dialogue: null });
  });

  it('requires identifier and userId on every entry, null or not', () => {
    const withEntry = (value: Record<string, unknown>): unknown => ({
      data: { callId: 'AC1', status: 'completed', dialogue: [entry, value], duration: 1, createdAt: '2025-11-12T15:00:00.000Z' },
    });
    assert.equal(decodeFailure(() => decodeCallTranscriptResponse(withEntry({ ...entry, identifier: undefined }))).path, 'data.dialogue[1].identifier');
    assert.equal(decodeFailure(() => decodeCallTranscriptResponse(withEntry({ ...entry, userId: undefined }))).path, 'data.dialogue[1].userId');
    assert.equal(decodeFailure(() => decodeCallTranscriptResponse(withEntry({ ...entry, start: '0' }))).path, 'data.dialogue[1].start');
    const wrong = decodeFailure(() =>
      decodeCallTranscriptResponse({ data: { callId: 'AC1', status: 'completed', dialogue: 'Hello Ada, about the merger', duration: 1, createdAt: 'x' } }),
    );
    assert.equal(wrong.path, 'data.dialogue');
    assert.doesNotMatch(wrong.message, /merger/);
  });
});
