import assert from 'node:assert/strict';
import { createDetector } from '../../src/detect/detector.js';
import { scanVisibleTexts } from '../../src/detect/visibleText.js';
import { findMentions } from '../../src/sidebar/inFile.js';
import { ACTIVITY, WELL_KNOWN } from '../sandbox/generate.js';

const CALL = ACTIVITY.summarizedCallId;
const MESSAGE = ACTIVITY.latestMessageId;
/** A Twilio account id: the same shape as Quo's call and message ids. */
const TWILIO = 'AC0123456789abcdef0123456789abcdef';

const on = createDetector().detector;
const off = createDetector({ activityIds: false }).detector;

function found(text: string, detector = on): string[] {
  return detector.findAll(text).map((match) => `${match.kind}:${match.id}@${match.start}-${match.end}`);
}

describe('detector: Quo call and message ids', () => {
  it('finds AC ids of 24 to 34 hex digits as their own kind, on by default', () => {
    assert.deepEqual(found(`call=${CALL}`), [`activity:${CALL}@5-${5 + CALL.length}`]);
    assert.deepEqual(found(`message ${MESSAGE}.`), [`activity:${MESSAGE}@8-${8 + MESSAGE.length}`]);
    const shortest = `AC${'a'.repeat(24)}`;
    const longest = `AC${'b'.repeat(34)}`;
    assert.deepEqual(found(`${shortest} ${longest}`), [
      `activity:${shortest}@0-26`,
      `activity:${longest}@27-63`,
    ]);
  });

  it('finds a Twilio-like id too (it costs nothing until hovered), and a contact id beside it', () => {
    assert.deepEqual(found(`AccountSid=${TWILIO} contact=${WELL_KNOWN.contactId}`), [
      `activity:${TWILIO}@11-45`,
      `id:${WELL_KNOWN.contactId}@54-78`,
    ]);
  });

  it('needs whole words: not upper-case hex, not too short or long, not inside a longer token', () => {
    for (const text of [
      `AC${'A'.repeat(32)}`,
      `AC${'a'.repeat(23)}`,
      `AC${'a'.repeat(35)}`,
      `xAC${'a'.repeat(32)}`,
      `AC${'a'.repeat(32)}g`,
      `_AC${'a'.repeat(32)}`,
      `ac${'a'.repeat(32)}`,
    ]) {
      assert.deepEqual(found(text), [], text);
    }
    // Punctuation around it is fine.
    assert.deepEqual(found(`"${TWILIO}"`).length, 1);
    assert.deepEqual(found(`/calls/${CALL}?x=1`).length, 1);
  });

  it('is off with activityIds: false, leaving contact ids as they were', () => {
    assert.deepEqual(found(`${CALL} ${WELL_KNOWN.contactId}`, off), [`id:${WELL_KNOWN.contactId}@${CALL.length + 1}-${CALL.length + 25}`]);
    assert.equal(off.findAt(CALL, 5), undefined);
    assert.equal(on.findAt(CALL, 5)?.kind, 'activity');
  });

  it('is part of the visible-text scan, and no contact id is read inside one', () => {
    const scan = scanVisibleTexts([`${CALL} ${MESSAGE}`], on, 'US');
    assert.deepEqual(scan.ids[0]?.map((match) => match.kind), ['activity', 'activity']);
  });

  it('never counts as a mention in "In this file" (naming one costs requests)', () => {
    const { mentions } = findMentions(`${CALL}\n${WELL_KNOWN.contactId}\n${TWILIO}`, on);
    assert.deepEqual(mentions.map((mention) => [mention.kind, mention.key]), [['id', WELL_KNOWN.contactId]]);
  });
});
