/**
 * The detector reports line (`PN…`), teammate (`US…`) and webhook (`WH…`) ids beside call ids (issue 29): in a
 * pasted webhook payload, with `activityIds` on only, and never as a contact reference (inline names, links and
 * "In this file" would otherwise spend requests on them).
 */
import assert from 'node:assert/strict';
import { createDetector } from '../../src/detect/detector.js';
import { isContactReference, type DetectedId } from '../../src/detect/match.js';
import { scanVisibleTexts } from '../../src/detect/visibleText.js';
import { findMentions } from '../../src/sidebar/inFile.js';
import { ACTIVITY, LINE_IDS, USER_IDS, WEBHOOK_IDS, WELL_KNOWN } from '../sandbox/generate.js';

const on = createDetector().detector;
const off = createDetector({ activityIds: false }).detector;

const CALL = ACTIVITY.summarizedCallId;
const CONVERSATION = 'CNa1b2c3d4e5';

/** A `call.completed` event as a webhook receiver logs it, pretty-printed. */
const PAYLOAD = JSON.stringify(
  {
    id: 'EVc0ffee12345',
    object: 'event',
    apiVersion: 'v3',
    createdAt: '2025-11-12T15:13:30.000Z',
    type: 'call.completed',
    data: {
      object: {
        id: CALL,
        object: 'call',
        phoneNumberId: LINE_IDS.main,
        userId: USER_IDS.owner,
        conversationId: CONVERSATION,
        contactIds: [WELL_KNOWN.contactId],
        direction: 'incoming',
        status: 'completed',
      },
      webhookId: WEBHOOK_IDS.calls,
    },
  },
  null,
  2,
);

function found(text: string, detector = on): string[] {
  return detector.findAll(text).map((match) => `${match.kind}:${match.id}`);
}

function at(text: string, id: string): DetectedId {
  const start = text.indexOf(id);
  assert.ok(start >= 0, id);
  const match = on.findAll(text).find((candidate) => candidate.start === start);
  assert.ok(match, `nothing found at ${id}`);
  return match;
}

describe('detector: line, teammate and webhook ids (issue 29)', () => {
  it('finds every id of a call.completed payload in text order, each with its own kind, and not the conversation', () => {
    assert.deepEqual(found(PAYLOAD), [
      `activity:${CALL}`,
      `line:${LINE_IDS.main}`,
      `user:${USER_IDS.owner}`,
      `id:${WELL_KNOWN.contactId}`,
      `webhook:${WEBHOOK_IDS.calls}`,
    ]);
    assert.ok(!found(PAYLOAD).some((entry) => entry.includes(CONVERSATION)), 'CN ids have no endpoint: left alone');
  });

  it('gives exact positions, the whole match being the id itself', () => {
    for (const id of [LINE_IDS.main, USER_IDS.owner, WEBHOOK_IDS.calls]) {
      const match = at(PAYLOAD, id);
      const start = PAYLOAD.indexOf(id);
      assert.deepEqual([match.start, match.end, match.idStart, match.idEnd], [start, start + id.length, start, start + id.length]);
      assert.equal(PAYLOAD.slice(match.start, match.end), id);
    }
  });

  it('adds the offset given, and findAllIn keeps each text apart', () => {
    const match = on.findAll(`x ${LINE_IDS.field}`, 100)[0];
    assert.deepEqual([match?.kind, match?.start, match?.end], ['line', 102, 102 + LINE_IDS.field.length]);
    const byText = on.findAllIn([`"${USER_IDS.hedy}"`, 'none here', `${WEBHOOK_IDS.messages} ${CALL}`]);
    assert.deepEqual(
      byText.map((matches) => matches.map((m) => `${m.kind}@${m.start}`)),
      [['user@1'], [], ['webhook@0', `activity@${WEBHOOK_IDS.messages.length + 1}`]],
    );
  });

  it('finds one at the cursor, or just after it', () => {
    const text = `"userId": "${USER_IDS.alan}",`;
    const start = text.indexOf(USER_IDS.alan);
    assert.equal(on.findAt(text, start)?.kind, 'user');
    assert.equal(on.findAt(text, start + 4)?.id, USER_IDS.alan);
    assert.equal(on.findAt(text, start + USER_IDS.alan.length)?.id, USER_IDS.alan, 'a cursor right after the id');
    assert.equal(on.findAt(text, 2), undefined);
  });

  it("matches the spec's own examples, and not look-alikes", () => {
    for (const [id, kind] of [
      ['US123abc', 'user'],
      ['PN123bc', 'line'],
      ['WH12345', 'webhook'],
      ['USlHhXmRMz', 'user'],
      ['PNlja6rrtI', 'line'],
      ['WHabcd1234', 'webhook'],
    ] as const) {
      assert.deepEqual(found(`id=${id};`), [`${kind}:${id}`], id);
    }
    for (const text of [
      `PN${'0123456789abcdef'.repeat(2)}`, // Twilio's phone number ids: 32 hex digits
      'USERNAME',
      'PNGFILE',
      'WHATEVER',
      'US12345_backup',
      'xUS12345',
      'US1234', // 4 characters after the prefix
      `US${'a'.repeat(17)}`, // 17
      'us12345',
      'USé12345',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it('is off with activityIds: false, leaving contact ids as they were', () => {
    assert.deepEqual(found(PAYLOAD, off), [`id:${WELL_KNOWN.contactId}`]);
    assert.equal(off.findAt(LINE_IDS.main, 3), undefined);
    assert.equal(on.findAt(LINE_IDS.main, 3)?.kind, 'line');
  });

  it('is no contact reference, unlike ids, links and custom patterns', () => {
    for (const id of [LINE_IDS.main, USER_IDS.owner, WEBHOOK_IDS.calls, CALL]) {
      assert.equal(isContactReference(at(PAYLOAD, id)), false, id);
    }
    assert.equal(isContactReference(at(PAYLOAD, WELL_KNOWN.contactId)), true);
    for (const kind of ['id', 'link', 'custom'] as const) {
      assert.equal(isContactReference({ kind }), true, kind);
    }
    for (const kind of ['activity', 'line', 'user', 'webhook'] as const) {
      assert.equal(isContactReference({ kind }), false, kind);
    }
  });

  it('never counts as a mention in "In this file", and is part of the visible-text scan', () => {
    const { mentions } = findMentions(PAYLOAD, on);
    assert.deepEqual(
      mentions.map((mention) => [mention.kind, mention.key]),
      [['id', WELL_KNOWN.contactId]],
    );
    const scan = scanVisibleTexts([`${LINE_IDS.main} ${USER_IDS.owner} ${WEBHOOK_IDS.calls}`], on);
    assert.deepEqual(scan.ids[0]?.map((match) => match.kind), ['line', 'user', 'webhook']);
  });

  it('leaves a contact link whole when a resource-like word sits in it', () => {
    const link = `https://my.quo.com/contacts/${WELL_KNOWN.contactId}?from=${LINE_IDS.main}`;
    const kinds = found(link);
    assert.equal(kinds[0], `link:${WELL_KNOWN.contactId}`);
  });

  it('stays linear on long runs of prefixes', () => {
    const text = 'USUSUS'.repeat(200_000) + ` ${USER_IDS.owner}`;
    const started = performance.now();
    assert.deepEqual(found(text), [`user:${USER_IDS.owner}`]);
    assert.ok(performance.now() - started < 1_000, `${Math.round(performance.now() - started)} ms`);
  });
});

describe('a user pattern over a teammate id (review of issue 29)', () => {
  it('wins on the same span: the id is the user’s contact, not a teammate', () => {
    const { detector } = createDetector({ patterns: ['\\b(US\\d{5,8})\\b'] });
    const [found] = detector.findAll('ticket US123456 escalated');
    assert.equal(found?.kind, 'custom');
    assert.equal(found?.id, 'US123456');
    const [teammate] = detector.findAll('assigned to USIuCvIPKd');
    assert.equal(teammate?.kind, 'user');
  });
});
