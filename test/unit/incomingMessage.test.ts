/**
 * Issue 23, item 9: the spec types a message's `userId` as a string, and its description says "Null for incoming
 * messages" (`GET /v1/messages`, `GET /v1/messages/{id}`). One incoming message must not reject its page, and the
 * panel must present it as the contact's, not a teammate's.
 */
import assert from 'node:assert/strict';
import type { ActivityItem, ContactActivity } from '../../src/activity/activityLoader.js';
import { renderActivitySection } from '../../src/render/activityHtml.js';
import { decodeMessagePage, decodeMessageResponse } from '../../src/quo/decodeActivity.js';
import { decodePhoneNumbers } from '../../src/quo/decodeWorkspace.js';
import type { Message } from '../../src/quo/types.js';
import { sandboxActivity } from '../sandbox/activity.js';
import { ACTIVITY, LINE_IDS, SANDBOX_PHONE_NUMBERS, USER_IDS } from '../sandbox/generate.js';
import { parseHtmlFragment } from './htmlDom.js';
import { decodeFailure } from './rejection.js';

const LINES = decodePhoneNumbers({ data: SANDBOX_PHONE_NUMBERS });
const NOW = Date.parse('2025-11-17T16:42:00.000Z');

function rawMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'AC7e1',
    to: ['+14155550142'],
    from: '+14155550123',
    text: 'Is Thursday still on?',
    phoneNumberId: LINE_IDS.main,
    direction: 'incoming',
    userId: null,
    status: 'delivered',
    createdAt: '2025-11-16T09:00:00.000Z',
    updatedAt: '2025-11-16T09:00:00.000Z',
    ...overrides,
  };
}


function section(messages: readonly Message[]): ReturnType<typeof parseHtmlFragment> {
  const items: ActivityItem[] = messages.map((message) => ({ kind: 'message', lineId: message.phoneNumberId ?? '', message }));
  const activity: ContactActivity = {
    items,
    lineErrors: [],
    skippedNumbers: [],
    hasMore: false,
    coverage: { checkedLineIds: [], linesChecked: 1, linesTotal: 1, requestsSent: 1, requestsPlanned: 1, listsWithOlderItems: 0 },
  };
  return parseHtmlFragment(renderActivitySection({ state: 'ready', activity }, { lines: LINES, locale: 'en-US', timeZone: 'UTC', now: NOW }));
}

function rowTexts(dom: ReturnType<typeof parseHtmlFragment>): string[] {
  return dom.elements.filter((element) => element.tag === 'li' && 'data-key' in element.attrs).map((row) => row.text);
}

describe('an incoming message, whose userId is null (issue 23, item 9)', () => {
  it('decodes in a page of GET /v1/messages next to an outgoing one, and alone from GET /v1/messages/{id}', () => {
    const outgoing = rawMessage({ id: 'AC7e2', direction: 'outgoing', userId: USER_IDS.owner, to: ['+14155550123'], from: '+14155550142' });
    const page = decodeMessagePage({ data: [rawMessage(), outgoing], totalItems: 2, nextPageToken: null });
    assert.deepEqual(
      page.messages.map((message) => [message.id, message.direction, message.userId]),
      [
        ['AC7e1', 'incoming', null],
        ['AC7e2', 'outgoing', USER_IDS.owner],
      ],
    );
    assert.equal(decodeMessageResponse({ data: rawMessage() }).userId, null);
  });

  it('still fails with the path when userId is missing or of another type', () => {
    assert.equal(decodeFailure(() => decodeMessagePage({ data: [rawMessage({ userId: 42 })] })).path, 'data[0].userId');
    assert.equal(decodeFailure(() => decodeMessageResponse({ data: rawMessage({ userId: undefined }) })).path, 'data.userId');
  });

  it('is what the sandbox sends for every incoming message, and its pages decode', () => {
    const { messages } = sandboxActivity();
    const incoming = messages.filter((message) => message.direction === 'incoming');
    assert.ok(incoming.length > 0);
    assert.ok(incoming.every((message) => message.userId === null));
    assert.ok(messages.filter((message) => message.direction === 'outgoing').every((message) => typeof message.userId === 'string'));
    const decoded = decodeMessagePage({ data: messages, totalItems: messages.length, nextPageToken: null });
    assert.equal(decoded.messages.length, messages.length);
    assert.equal(decoded.messages.find((message) => message.id === ACTIVITY.latestMessageId)?.userId, null);
  });

  it('reads in the panel’s Activity section as from the contact: no teammate named, the teammate named on a reply', () => {
    const incoming = decodeMessageResponse({ data: rawMessage() });
    const reply = decodeMessageResponse({
      data: rawMessage({ id: 'AC7e2', direction: 'outgoing', userId: USER_IDS.alan, createdAt: '2025-11-16T09:05:00.000Z' }),
    });
    const [incomingRow, replyRow] = rowTexts(section([incoming, reply]));
    assert.match(incomingRow ?? '', /Incoming message/);
    assert.match(incomingRow ?? '', /Main line/);
    assert.doesNotMatch(incomingRow ?? '', /·/, 'the line alone: no teammate after it');
    assert.match(incomingRow ?? '', /Is Thursday still on\?/);
    assert.match(replyRow ?? '', /Outgoing message.*Main line · Alan Turing/s);
  });

  it('is never a teammate’s, even from a server that fills userId in on an incoming message', () => {
    const drifting = decodeMessageResponse({ data: rawMessage({ userId: USER_IDS.owner }) });
    const [row] = rowTexts(section([drifting]));
    assert.match(row ?? '', /Incoming message/);
    assert.doesNotMatch(row ?? '', /Grace Hopper/);
  });
});
