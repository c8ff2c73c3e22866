/**
 * Issue 23, item 10: a field the extension never reads must not refuse an answer. Per endpoint the client calls,
 * the fields nothing reads are set to null, removed, or given another type (servers drift from the spec where
 * nobody looks) and the answer still decodes to the same values; a field that is read and wrong still fails with
 * its path.
 */
import assert from 'node:assert/strict';
import {
  decodeCallPage,
  decodeCallResponse,
  decodeCallSummaryResponse,
  decodeCallTranscriptResponse,
  decodeMessagePage,
  decodeMessageResponse,
} from '../../src/quo/decodeActivity.js';
import {
  decodeContactPage,
  decodeContactResponse,
  decodeCustomFieldDefinitions,
} from '../../src/quo/decodeContacts.js';
import { decodePhoneNumbers, decodeUserResponse } from '../../src/quo/decodeWorkspace.js';
import type { Call } from '../../src/quo/types.js';
import { sandboxActivity } from '../sandbox/activity.js';
import { ACTIVITY, CUSTOM_FIELD_DEFINITIONS, generateContacts, SANDBOX_PHONE_NUMBERS, SANDBOX_USERS } from '../sandbox/generate.js';
import { decodeFailure } from './rejection.js';

type Drift = 'null' | 'missing' | 'another type';
const DRIFTS: readonly Drift[] = ['null', 'missing', 'another type'];

/** A deep copy of `body` with the field at each path drifted; `*` stands for every item of an array. */
function drifted(body: unknown, paths: readonly string[], drift: Drift): unknown {
  const copy = structuredClone<unknown>(body);
  for (const path of paths) {
    const keys = path.split('.');
    const visit = (node: unknown, rest: readonly string[]): void => {
      const [key, ...tail] = rest;
      if (key === undefined || typeof node !== 'object' || node === null) {
        return;
      }
      if (key === '*') {
        assert.ok(Array.isArray(node), `${path}: * on a non-array`);
        node.forEach((item) => visit(item, tail));
        return;
      }
      const record = node as Record<string, unknown>;
      if (tail.length > 0) {
        visit(record[key], tail);
      } else if (drift === 'missing') {
        delete record[key];
      } else {
        // A number where the spec says string or object, an object where it says number.
        record[key] = drift === 'null' ? null : typeof record[key] === 'number' ? { unexpected: true } : 42;
      }
    };
    visit(copy, keys);
  }
  return copy;
}


/** Every drift of the unread fields decodes to what the answer decoded to before; extra fields are ignored too. */
function assertUnreadSkipped<T>(decode: (body: unknown) => T, body: unknown, unread: readonly string[], read: (value: T) => unknown = (value) => value): void {
  const expected = read(decode(body));
  for (const drift of DRIFTS) {
    const answer = drifted(body, unread, drift);
    let decoded: T;
    try {
      decoded = decode(answer);
    } catch (error) {
      assert.fail(`${drift} in ${unread.join(', ')}: ${String(error)}`);
    }
    assert.deepEqual(read(decoded), expected, drift);
  }
}

const [LINE] = SANDBOX_PHONE_NUMBERS;
const CONTACT = generateContacts(3)[2];
const ACTIVITY_DATA = sandboxActivity();
const CALL = ACTIVITY_DATA.calls.find((call) => call.id === ACTIVITY.summarizedCallId);
const MESSAGE = ACTIVITY_DATA.messages.find((message) => message.direction === 'outgoing');
const SUMMARY = ACTIVITY_DATA.callSummaries.get(ACTIVITY.summarizedCallId);
const TRANSCRIPT = ACTIVITY_DATA.callTranscripts.get(ACTIVITY.summarizedCallId);

/** What the extension reads of a call; the unread fields it keeps are null or what Quo sent, never a failure. */
function readOfCall(call: Call): Partial<Call> {
  const { id, phoneNumberId, participants, direction, status, createdAt, duration, userId } = call;
  return { id, phoneNumberId, participants, direction, status, createdAt, duration, userId };
}

describe('fields the extension does not read (issue 23, item 10)', () => {
  before(() => {
    for (const fixture of [LINE, CONTACT, CALL, MESSAGE, SUMMARY, TRANSCRIPT]) {
      assert.ok(fixture);
    }
  });

  it('GET /v1/phone-numbers (the key check): restrictions null, or any unread field drifting, still lists the lines', () => {
    const body = { data: [LINE, LINE] };
    assert.equal(decodePhoneNumbers({ data: [{ ...LINE, restrictions: null }] }).length, 1, 'the reported server');
    assertUnreadSkipped(decodePhoneNumbers, body, [
      'data.*.groupId',
      'data.*.portRequestId',
      'data.*.forward',
      'data.*.portingStatus',
      'data.*.symbol',
      'data.*.createdAt',
      'data.*.updatedAt',
      'data.*.restrictions',
      'data.*.users.*.groupId',
    ]);
    assert.equal(decodeFailure(() => decodePhoneNumbers(drifted(body, ['data.*.number'], 'another type'))).path, 'data[0].number');
    assert.equal(decodeFailure(() => decodePhoneNumbers(drifted(body, ['data.*.users.*.id'], 'null'))).path, 'data[0].users[0].id');
  });

  it('GET /v1/users/{id}: only the name and email are read', () => {
    const body = { data: SANDBOX_USERS[0] };
    assertUnreadSkipped(decodeUserResponse, body, ['data.pictureUrl', 'data.role', 'data.createdAt', 'data.updatedAt']);
    assert.equal(decodeFailure(() => decodeUserResponse(drifted(body, ['data.firstName'], 'another type'))).path, 'data.firstName');
  });

  it('GET /v1/calls: the call fields nobody reads, and the page’s totalItems', () => {
    const body = { data: [CALL], totalItems: 1, nextPageToken: null };
    const unread = ['totalItems', ...['answeredAt', 'completedAt', 'answeredBy', 'initiatedBy', 'callRoute', 'forwardedFrom', 'forwardedTo', 'aiHandled', 'updatedAt'].map((key) => `data.*.${key}`)];
    assertUnreadSkipped(decodeCallPage, body, unread, (page) => ({ calls: page.calls.map(readOfCall), nextPageToken: page.nextPageToken }));
    assert.equal(decodeFailure(() => decodeCallPage(drifted(body, ['data.*.duration'], 'another type'))).path, 'data[0].duration');
  });

  it('GET /v1/calls/{id}', () => {
    const body = { data: CALL };
    const unread = ['answeredAt', 'completedAt', 'answeredBy', 'initiatedBy', 'callRoute', 'forwardedFrom', 'forwardedTo', 'aiHandled', 'updatedAt'].map((key) => `data.${key}`);
    assertUnreadSkipped(decodeCallResponse, body, unread, readOfCall);
    assert.equal(decodeFailure(() => decodeCallResponse(drifted(body, ['data.userId'], 'null'))).path, 'data.userId');
  });

  it('GET /v1/messages: updatedAt and the page’s totalItems', () => {
    const body = { data: [MESSAGE], totalItems: 1, nextPageToken: null };
    assertUnreadSkipped(decodeMessagePage, body, ['totalItems', 'data.*.updatedAt'], (page) => ({
      messages: page.messages.map(({ updatedAt: _unread, ...read }) => read),
      nextPageToken: page.nextPageToken,
    }));
    assert.equal(decodeFailure(() => decodeMessagePage(drifted(body, ['data.*.text'], 'another type'))).path, 'data[0].text');
  });

  it('GET /v1/messages/{id}', () => {
    const body = { data: MESSAGE };
    assertUnreadSkipped(decodeMessageResponse, body, ['data.updatedAt'], ({ updatedAt: _unread, ...read }) => read);
    assert.equal(decodeFailure(() => decodeMessageResponse(drifted(body, ['data.createdAt'], 'missing'))).path, 'data.createdAt');
  });

  it('GET /v1/call-summaries/{callId}: its callId and the jobs’ icons', () => {
    const body = { data: SUMMARY };
    assertUnreadSkipped(decodeCallSummaryResponse, body, ['data.callId', 'data.jobs.*.icon']);
    assert.equal(decodeFailure(() => decodeCallSummaryResponse(drifted(body, ['data.summary'], 'another type'))).path, 'data.summary');
  });

  it('GET /v1/call-transcripts/{id}: its callId, duration, date and the entries’ ends', () => {
    const body = { data: TRANSCRIPT };
    assertUnreadSkipped(decodeCallTranscriptResponse, body, ['data.callId', 'data.duration', 'data.createdAt', 'data.dialogue.*.end']);
    assert.equal(decodeFailure(() => decodeCallTranscriptResponse(drifted(body, ['data.dialogue.*.start'], 'missing'))).path, 'data.dialogue[0].start');
  });

  it('GET /v1/contact-custom-fields (the retry probe reads none of it): a malformed definition is left out', () => {
    const body = { data: CUSTOM_FIELD_DEFINITIONS };
    for (const drift of DRIFTS) {
      const answer = drifted(body, ['data.*.name', 'data.*.key', 'data.*.type'], drift);
      assert.deepEqual(decodeCustomFieldDefinitions(answer), [], drift);
    }
    assert.deepEqual(decodeCustomFieldDefinitions({ data: [null, 7, ...CUSTOM_FIELD_DEFINITIONS] }), decodeCustomFieldDefinitions(body));
    assert.equal(decodeFailure(() => decodeCustomFieldDefinitions({ data: null })).path, 'data');
  });

  // The contact type holds every field of the spec: the panel shows them and Copy as JSON copies them. What is
  // unread there is the page's totalItems and whatever Quo adds.
  it('GET /v1/contacts: totalItems and fields Quo may add', () => {
    const body = { data: [{ ...CONTACT, restrictions: { calling: null }, score: 'high' }], totalItems: 1, nextPageToken: null, links: null };
    assertUnreadSkipped(decodeContactPage, body, ['totalItems', 'links', 'data.*.restrictions', 'data.*.score'], (page) => ({
      contacts: page.contacts,
      nextPageToken: page.nextPageToken,
    }));
    assert.equal(decodeFailure(() => decodeContactPage(drifted(body, ['data.*.defaultFields.emails'], 'null'))).path, 'data[0].defaultFields.emails');
  });

  it('GET /v1/contacts/{id}: fields Quo may add', () => {
    const body = { data: { ...CONTACT, restrictions: null, tags: 3 } };
    assertUnreadSkipped(decodeContactResponse, body, ['data.restrictions', 'data.tags']);
    assert.equal(decodeFailure(() => decodeContactResponse(drifted(body, ['data.createdByUserId'], 'missing'))).path, 'data.createdByUserId');
  });
});
