import assert from 'node:assert/strict';
import type { ActivityItem, ContactActivity } from '../../src/activity/activityLoader.js';
import {
  ACTIVITY_LIMIT,
  activityInput,
  lookupInput,
  MAX_TEXT_BYTES,
  MAX_THINGS,
  SEARCH_LIMIT,
  searchInput,
  thingsIn,
} from '../../src/chat/toolInput.js';
import type { ContactPoint } from '../../src/detect/contactPoints.js';
import type { DetectedId } from '../../src/detect/match.js';
import { decodePhoneNumbers } from '../../src/quo/decodeWorkspace.js';
import type { Message } from '../../src/quo/types.js';
import { activityAnswer, contactFacts, MAX_TEXT, MAX_VALUE, toolAnswerText, toolText } from '../../src/render/toolAnswer.js';
import { sandboxActivity } from '../sandbox/activity.js';
import { SANDBOX_PHONE_NUMBERS } from '../sandbox/generate.js';
import { hexId, makeContact } from './contactFixtures.js';
import { contactFilledWith, HOSTILE_VALUES } from './renderFixtures.js';

/** What no answer may carry: markup, a handler attribute, a markdown link or image, a control or bidi character. */
function assertInert(text: string, value: string): void {
  assert.doesNotMatch(text, /<[A-Za-z!?/]/, `markup survived: ${JSON.stringify(value)}`);
  assert.doesNotMatch(text, /\bon[a-z]+=/i, `a handler attribute survived: ${JSON.stringify(value)}`);
  assert.doesNotMatch(text, /(^|[^\\])\]\(/, `markdown link syntax survived: ${JSON.stringify(value)}`);
  assert.doesNotMatch(text, /[\u0000-\u0008\u000B-\u001F\u202A-\u202E\u2066-\u2069]/, `a control survived: ${JSON.stringify(value)}`);
}

describe('The language model tools: the answer', () => {
  for (const value of HOSTILE_VALUES) {
    it(`turns ${JSON.stringify(value)} into inert data in every field`, () => {
      const facts = contactFacts(contactFilledWith(value));
      const text = toolAnswerText('summary', { found: [facts] });
      for (const field of [facts.name, facts.company, facts.role, ...facts.phones.map((p) => p.value), ...facts.customFields.map((f) => f.value)]) {
        assertInert(field ?? '', value);
      }
      assertInert(JSON.stringify(facts), value);
      assert.equal(text.split('\n').length, 2, 'a summary line, then one line of JSON');
      assert.deepEqual(JSON.parse(text.split('\n')[1] ?? ''), { found: [facts] });
    });
  }

  it('replaces a tag with [markup removed] and keeps the words around it', () => {
    assert.equal(toolText('Ada <script>alert(1)</script> Lovelace'), 'Ada [markup removed]alert\\(1\\)[markup removed] Lovelace');
  });

  it('bounds every value, and a message text at MAX_TEXT', () => {
    const long = 'x'.repeat(50_000);
    const facts = contactFacts(contactFilledWith(long));
    for (const value of [facts.name, facts.company ?? '', facts.role ?? '', ...facts.emails.map((e) => e.value)]) {
      assert.ok(value.length <= MAX_VALUE, `${value.length} characters`);
    }
    assert.ok(toolText(long, MAX_TEXT, true).length <= MAX_TEXT);
  });

  it('links to the contact in Quo from its id only, and never holds the raw id text unescaped', () => {
    const facts = contactFacts(makeContact(hexId(7), { first: 'Ada' }));
    assert.equal(facts.link, `https://my.quo.com/contacts/${hexId(7)}`);
    assert.equal(facts.name, 'Ada');
  });

  describe('activity', () => {
    const lines = decodePhoneNumbers({ data: SANDBOX_PHONE_NUMBERS });
    const data = sandboxActivity();
    const message = data.messages.find((candidate) => candidate.text.length > 0) as Message;
    const hostile: Message = { ...message, text: '<img src=x onerror=alert(1)> [see](https://evil.example) \u202Eok' };
    const items: ActivityItem[] = [
      { kind: 'message', lineId: hostile.phoneNumberId ?? '', message: hostile },
      ...data.calls.slice(0, 30).map((call): ActivityItem => ({ kind: 'call', lineId: call.phoneNumberId, call })),
    ];
    const activity: ContactActivity = {
      items,
      lineErrors: [],
      skippedNumbers: [],
      hasMore: true,
      coverage: { checkedLineIds: [], linesChecked: 3, linesTotal: 5, requestsSent: 24, requestsPlanned: 30, listsWithOlderItems: 2 },
    };

    it('leaves message text out unless the user shares conversations', () => {
      const kept = activityAnswer(activity, { lines }, { limit: ACTIVITY_LIMIT.max, share: false });
      assert.equal(kept.items[0]?.kind, 'message');
      assert.equal(kept.items[0]?.text, undefined);
      assert.ok(!JSON.stringify(kept).includes('evil.example'));
      const shared = activityAnswer(activity, { lines }, { limit: ACTIVITY_LIMIT.max, share: true });
      assert.ok(shared.items[0]?.text?.includes('evil.example'), 'shared: the text is there');
      assertInert(shared.items[0]?.text ?? '', hostile.text);
    });

    it('keeps at most the limit, and says how much was checked', () => {
      const answer = activityAnswer(activity, { lines }, { limit: 5, share: false });
      assert.equal(answer.items.length, 5);
      assert.deepEqual(answer.checked, { linesChecked: 3, linesTotal: 5, requestsSent: 24, more: true });
      const call = answer.items.find((item) => item.kind === 'call');
      assert.ok(call?.line && call.status && call.at, 'a call says its line, status and time');
    });
  });
});

describe('The language model tools: input', () => {
  it('answers malformed lookup input with a sentence', () => {
    for (const input of [undefined, null, 42, 'text', {}, { text: '' }, { text: '   ' }, { text: 7 }]) {
      const checked = lookupInput(input);
      assert.equal(checked.ok, false, JSON.stringify(input));
      assert.ok(!checked.ok && /\.$/.test(checked.problem));
    }
    assert.deepEqual(lookupInput({ text: 'call 66d0d87e8dc1211467372303' }), { ok: true, value: { text: 'call 66d0d87e8dc1211467372303' } });
  });

  it('refuses text over 1 MB, counting UTF-8 bytes', () => {
    assert.equal(lookupInput({ text: 'a'.repeat(MAX_TEXT_BYTES) }).ok, true);
    assert.equal(lookupInput({ text: 'a'.repeat(MAX_TEXT_BYTES + 1) }).ok, false);
    // 400,000 three-byte characters: 1.2 MB in UTF-8, though 400,000 UTF-16 units.
    assert.equal(lookupInput({ text: '€'.repeat(400_000) }).ok, false);
  });

  it('bounds the limits: search 1 to 50, activity 1 to 20, whole numbers only', () => {
    assert.deepEqual(searchInput({ query: ' ada ' }), { ok: true, value: { query: 'ada', limit: SEARCH_LIMIT.default } });
    assert.equal(searchInput({ query: 'ada', limit: 50 }).ok, true);
    for (const limit of [0, 51, 2.5, '5', -1]) {
      assert.equal(searchInput({ query: 'ada', limit }).ok, false, String(limit));
    }
    assert.equal(searchInput({ query: 'x'.repeat(201) }).ok, false);
    assert.deepEqual(activityInput({ contactId: hexId(1), limit: 20 }), { ok: true, value: { contactId: hexId(1), limit: 20 } });
    assert.equal(activityInput({ contactId: hexId(1), limit: 21 }).ok, false);
    assert.equal(activityInput({ contactId: '' }).ok, false);
    assert.equal(activityInput({}).ok, false);
  });

  it(`asks about at most ${MAX_THINGS} distinct things, in the order written, and counts the rest`, () => {
    const ids: DetectedId[] = Array.from({ length: 30 }, (_, i) => {
      const start = i * 30;
      return { kind: 'id', id: hexId(i % 25), start, end: start + 24, idStart: start, idEnd: start + 24 };
    });
    const points: ContactPoint[] = [{ kind: 'phone', text: '(415) 555-0123', normalized: '+14155550123', start: 5, end: 19 }];
    const { things, more } = thingsIn(ids, points);
    assert.equal(things.length, MAX_THINGS);
    assert.equal(more, 5, '25 distinct ids, 30 written; the number inside the first id is the id\'s');
    assert.deepEqual(things.slice(0, 2).map((thing) => ('id' in thing ? thing.id : thing.normalized)), [hexId(0), hexId(1)]);
    const apart = thingsIn(ids.slice(0, 1), [{ ...points[0], start: 40, end: 54 }]);
    assert.deepEqual(apart.things.map((thing) => thing.kind), ['contact-id', 'phone']);
  });
});
