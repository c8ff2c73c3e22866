import assert from 'node:assert/strict';
import type { ActivityItem, ContactActivity } from '../../src/activity/activityLoader.js';
import { isHostMessage, MAX_HOST_HTML } from '../../src/render/panelMessages.js';
import { renderActivityBody, renderActivitySection, type ActivityRenderOptions, type ActivityView } from '../../src/render/activityHtml.js';
import type { Message } from '../../src/quo/types.js';
import { loadPage, selectorStats, type FakeElement, type Page } from './pageDom.js';

const NOW = Date.parse('2025-11-17T16:42:00.000Z');
const OPTIONS: ActivityRenderOptions = { locale: 'en-US', timeZone: 'UTC', now: NOW };

/** `count` messages, newest first, each with `textLength` characters of text (shown whole when expanded). */
function items(count: number, textLength = 20, from = 0): ActivityItem[] {
  return Array.from({ length: count }, (_, index): ActivityItem => {
    const n = from + index;
    const message: Message = {
      id: `AC${String(n).padStart(8, '0')}`,
      from: '+14155550123',
      to: ['+14155550142'],
      text: `message ${n} `.padEnd(textLength, 'x'),
      phoneNumberId: 'PNmain',
      direction: 'incoming',
      userId: 'USowner',
      status: 'delivered',
      createdAt: new Date(NOW - n * 60_000).toISOString(),
      updatedAt: new Date(NOW - n * 60_000).toISOString(),
    };
    return { kind: 'message', lineId: 'PNmain', message };
  });
}

function ready(list: readonly ActivityItem[], loadingMore = false): ActivityView {
  const activity: ContactActivity = {
    items: list,
    lineErrors: [],
    skippedNumbers: [],
    hasMore: true,
    coverage: { checkedLineIds: [], linesChecked: 1, linesTotal: 1, requestsSent: 3, requestsPlanned: 3, listsWithOlderItems: 1 },
  };
  return { state: 'ready', activity, ...(loadingMore ? { loadingMore } : {}) };
}

function activityBody(page: Page): FakeElement {
  const body = page.body.querySelector('[data-activity-body]');
  assert.ok(body);
  return body;
}

describe('the panel page’s Activity updates', () => {
  function open(view: ActivityView): Page {
    return loadPage(renderActivitySection(view, OPTIONS), { 'data-contact-id': 'CTada' });
  }

  it('keeps the rows it has (and their expanded state) and adds the new ones', () => {
    const shown = open(ready(items(3, 400)));
    const first = activityBody(shown).querySelector('[data-key="message-AC00000000"] details');
    assert.ok(first);
    first.setAttribute('open', '');
    shown.receive({ type: 'activity', html: renderActivityBody(ready(items(5, 400)), OPTIONS) });
    const rows = activityBody(shown).querySelectorAll('[data-key]');
    assert.equal(rows.length, 5);
    assert.equal(activityBody(shown).querySelector('[data-key="message-AC00000000"] details'), first, 'the same element');
    assert.equal(first.hasAttribute('open'), true);
    assert.deepEqual(shown.posted, [{ type: 'ready' }]);
  });

  /** Elements the page's selectors look at while it puts in an update of `incoming` over a page showing `shown`. */
  function updateWork(shown: readonly ActivityItem[], incoming: readonly ActivityItem[]): number {
    const current = open(ready(shown));
    const update = renderActivityBody(ready(incoming), OPTIONS);
    selectorStats.visits = 0;
    current.receive({ type: 'activity', html: update });
    const visits = selectorStats.visits;
    assert.equal(activityBody(current).querySelectorAll('[data-key]').length, incoming.length);
    return visits;
  }

  it('matches rows by key in linear time when the update brings the same rows in the same order', () => {
    const small = updateWork(items(200), items(200));
    const large = updateWork(items(400), items(400));
    assert.ok(large <= small * 2.5, `200 rows: ${small} elements looked at; 400 rows: ${large}`);
  });

  it('matches rows by key in linear time when newer rows arrive above those shown', () => {
    const small = updateWork(items(200, 20, 200), [...items(200), ...items(200, 20, 200)]);
    const large = updateWork(items(400, 20, 400), [...items(400), ...items(400, 20, 400)]);
    assert.ok(large <= small * 2.5, `200 + 200 rows: ${small} elements looked at; 400 + 400 rows: ${large}`);
  });

  it('never stays on "Checking more…" when an update is over the limit', () => {
    const shown = open(ready(items(3), true));
    assert.ok(activityBody(shown).querySelector('.activity-loading'), 'checking more');
    shown.receive({ type: 'activity', html: `<ul class="activity-list">${'x'.repeat(MAX_HOST_HTML)}</ul>` });
    const body = activityBody(shown);
    assert.equal(body.querySelector('.activity-loading'), null, 'no longer checking');
    assert.equal(body.getAttribute('aria-busy'), 'false');
    assert.equal(body.querySelectorAll('[data-key]').length, 3, 'what was shown stays');
    assert.match(body.querySelector('[data-activity-too-large]')?.textContent ?? '', /Too many calls and messages to show here\./);
  });

  it('stops loading an expanded call whose details are over the limit, and says why', () => {
    const call: ActivityItem = {
      kind: 'call',
      lineId: 'PNmain',
      call: {
        id: 'ACcall1',
        phoneNumberId: 'PNmain',
        participants: ['+14155550123'],
        direction: 'incoming',
        status: 'completed',
        createdAt: new Date(NOW).toISOString(),
        answeredAt: null,
        completedAt: null,
        answeredBy: null,
        initiatedBy: null,
        duration: 60,
        callRoute: null,
        forwardedFrom: null,
        forwardedTo: null,
        aiHandled: null,
        userId: 'USowner',
        updatedAt: null,
      },
    };
    const shown = open(ready([call]));
    const details = activityBody(shown).querySelector('[data-call-details="ACcall1"]');
    assert.ok(details);
    assert.ok(details.querySelector('.call-details-loading'), 'loading the summary');
    shown.receive({ type: 'callDetails', callId: 'ACcall1', html: 'x'.repeat(MAX_HOST_HTML + 1) });
    assert.equal(details.querySelector('.call-details-loading'), null);
    assert.match(details.querySelector('[data-activity-too-large]')?.textContent ?? '', /This summary and transcript are too long to show here\./);
    assert.equal(details.getAttribute('data-loaded'), null, 'asked again when opened again');
  });

  it('ignores what is not a message from the extension, whatever its size', () => {
    const shown = open(ready(items(3), true));
    for (const data of [{ type: 'nope', html: 'x'.repeat(MAX_HOST_HTML + 1) }, { type: 'callDetails', callId: '<b>', html: 'x'.repeat(MAX_HOST_HTML + 1) }, 'x']) {
      shown.receive(data);
    }
    assert.ok(activityBody(shown).querySelector('.activity-loading'), 'still checking');
    assert.equal(activityBody(shown).querySelector('[data-activity-too-large]'), null);
  });
});

describe('an Activity update as the extension sends it', () => {
  it('stays under the page’s limit however many items there are, and says how many are left out', () => {
    // 2,600 messages with whole texts of 1,600 characters: more than 4 MiB of rows.
    const many = items(2600, 1600);
    const html = renderActivityBody(ready(many, true), OPTIONS);
    assert.ok(html.length <= MAX_HOST_HTML, `${html.length} characters`);
    assert.equal(isHostMessage({ type: 'activity', html }), true);
    const shownRows = html.match(/data-key="/g)?.length ?? 0;
    assert.ok(shownRows > 1000 && shownRows < many.length, `${shownRows} rows`);
    assert.ok(html.includes('data-key="message-AC00000000"'), 'the newest first');
    assert.ok(html.includes(`${many.length - shownRows} older calls and messages are not shown here: too many for the panel.`));
    assert.match(html, /Checking more…/, 'the rest of the body is still there');
  });

  it('is unchanged when it fits', () => {
    const html = renderActivityBody(ready(items(50, 400)), OPTIONS);
    assert.doesNotMatch(html, /not shown here/);
    assert.equal(html.match(/data-key="/g)?.length, 50);
  });
});
