import assert from 'node:assert/strict';
import type { ActivityItem, ContactActivity, LineError } from '../../src/activity/activityLoader.js';
import {
  activityItemKey,
  renderActivityBody,
  renderActivitySection,
  renderCallDetails,
  renderCallDetailsLoading,
  MESSAGE_PREVIEW_LENGTH,
  type ActivityRenderOptions,
  type ActivityView,
  type CallDetails,
} from '../../src/render/activityHtml.js';
import { otherNumbers } from '../../src/activity/participants.js';
import { durationText, lineLabel, teammateName } from '../../src/render/activityText.js';
import { relativeAmount } from '../../src/render/format.js';
import { renderPanelHtml } from '../../src/render/panelHtml.js';
import {
  decodeCall,
  decodeCallSummaryResponse,
  decodeCallTranscriptResponse,
  decodeMessage,
} from '../../src/quo/decodeActivity.js';
import { decodePhoneNumbers } from '../../src/quo/decodeWorkspace.js';
import { errorFromResponse } from '../../src/quo/errors.js';
import type { Call, Message } from '../../src/quo/types.js';
import { sandboxActivity } from '../sandbox/activity.js';
import { ACTIVITY, LINE_IDS, SANDBOX_PHONE_NUMBERS } from '../sandbox/generate.js';
import { parseDocument, parseHtmlFragment, type Dom } from './htmlDom.js';
import { HOSTILE_VALUES } from './renderFixtures.js';
import { shippedCodicons } from './shippedCodicons.js';

const LINES = decodePhoneNumbers({ data: SANDBOX_PHONE_NUMBERS });
const DATA = sandboxActivity();
const NOW = Date.parse('2025-11-17T16:42:00.000Z');
const OPTIONS: ActivityRenderOptions = { lines: LINES, locale: 'en-US', timeZone: 'UTC', now: NOW };

function sandboxCall(id: string): Call {
  const found = DATA.calls.find((candidate) => candidate.id === id);
  assert.ok(found, id);
  return decodeCall(found);
}

function sandboxMessage(id: string): Message {
  const found = DATA.messages.find((candidate) => candidate.id === id);
  assert.ok(found, id);
  return decodeMessage(found);
}

const callItem = (call: Call): ActivityItem => ({ kind: 'call', lineId: call.phoneNumberId, call });
const messageItem = (message: Message): ActivityItem => ({ kind: 'message', lineId: message.phoneNumberId ?? '', message });

function activity(items: readonly ActivityItem[], extra: Partial<ContactActivity> = {}, coverage: Partial<ContactActivity['coverage']> = {}): ContactActivity {
  return {
    items,
    lineErrors: [],
    skippedNumbers: [],
    hasMore: false,
    ...extra,
    coverage: {
      checkedLineIds: [],
      linesChecked: 5,
      linesTotal: 5,
      requestsSent: 16,
      requestsPlanned: 16,
      listsWithOlderItems: 0,
      ...coverage,
    },
  };
}

function body(view: ActivityView, options: Partial<ActivityRenderOptions> = {}): Dom {
  return parseHtmlFragment(renderActivityBody(view, { ...OPTIONS, ...options }));
}

/** What must hold for any fragment the page inserts: no script, no handlers, no links, no inline styles. */
function assertInert(html: string): void {
  const dom = parseHtmlFragment(html);
  for (const element of dom.elements) {
    assert.ok(!['script', 'style', 'iframe', 'img', 'a', 'object', 'embed', 'svg', 'form', 'input'].includes(element.tag), `<${element.tag}>`);
    for (const name of element.attrNames) {
      assert.ok(!/^on/i.test(name), `<${element.tag} ${name}>`);
      assert.notEqual(name, 'style');
      assert.notEqual(name, 'href');
      assert.notEqual(name, 'src');
    }
  }
}

const latest = sandboxMessage(ACTIVITY.latestMessageId);
const summarized = sandboxCall(ACTIVITY.summarizedCallId);
const teammateCall = sandboxCall(ACTIVITY.teammateCallId);
const secondLineCall = sandboxCall(ACTIVITY.planLimitedCallId);
const ADA = activity([messageItem(latest), callItem(teammateCall), callItem(summarized), callItem(secondLineCall)]);

describe('activityText', () => {
  it('names lines and teammates from the lines, else from known users, never a request', () => {
    assert.equal(lineLabel({ lines: LINES }, LINE_IDS.main), 'Main line');
    assert.equal(lineLabel({ lines: LINES }, 'PNunknown'), 'PNunknown');
    assert.equal(teammateName({ lines: LINES }, LINE_IDS.main, 'USIuCvIPKd'), 'Alan Turing');
    assert.equal(teammateName({ lines: LINES }, LINE_IDS.support, 'US8Vcc7bpC'), 'ops@quo-sandbox.example', 'a user without a name: the email');
    assert.equal(teammateName({ lines: LINES }, LINE_IDS.main, 'USgone'), undefined);
    assert.equal(teammateName({ userNames: new Map([['USgone', 'Ex Member']]) }, LINE_IDS.main, 'USgone'), 'Ex Member');
  });

  it('keeps the contact’s numbers, not the lines’ own', () => {
    assert.deepEqual(otherNumbers(['+14155550123', '+14155550142'], LINES), ['+14155550123']);
    assert.deepEqual(otherNumbers(['+14155550123', '+14155550123'], undefined), ['+14155550123']);
  });

  it('writes durations as m:ss and h:mm:ss', () => {
    assert.deepEqual([0, 5, 754, 3600, 3725, -3, Number.NaN].map(durationText), ['0:00', '0:05', '12:34', '1:00:00', '1:02:05', '0:00', '0:00']);
  });

  it('picks the unit of a relative time', () => {
    assert.deepEqual(relativeAmount(-30_000), [-30, 'second']);
    assert.deepEqual(relativeAmount(-100 * 60_000), [-2, 'hour']);
    assert.deepEqual(relativeAmount(-3 * 86_400_000), [-3, 'day']);
    assert.deepEqual(relativeAmount(-20 * 86_400_000), [-3, 'week']);
    assert.deepEqual(relativeAmount(-100 * 86_400_000), [-3, 'month']);
    assert.deepEqual(relativeAmount(2 * 365 * 86_400_000), [2, 'year']);
  });
});

describe('renderActivityBody', () => {
  it('shows each row with its direction, line, teammate, relative time (exact on hover) and text or status', () => {
    const dom = body({ state: 'ready', activity: ADA });
    const rows = dom.elements.filter((element) => element.tag === 'li' && 'data-key' in element.attrs);
    assert.deepEqual(
      rows.map((row) => row.attrs['data-key']),
      [`message-${latest.id}`, `call-${teammateCall.id}`, `call-${summarized.id}`, `call-${secondLineCall.id}`],
      'newest first, keyed by kind and id',
    );
    assert.match(rows[0]?.text ?? '', /Incoming message/);
    assert.match(rows[0]?.text ?? '', /Main line/);
    assert.doesNotMatch(rows[0]?.text ?? '', /Grace Hopper/, 'the contact sent it, not a teammate');
    assert.match(rows[0]?.text ?? '', /3 days ago/);
    assert.match(rows[0]?.text ?? '', /Could we move Thursday’s call to 3 pm\?/);
    assert.match(rows[1]?.text ?? '', /Incoming call.*Main line · Alan Turing.*Completed · 3:05/s, 'a teammate’s call on the shared line');
    assert.match(rows[2]?.text ?? '', /Outgoing call.*Completed · 12:34/s);
    assert.match(rows[3]?.text ?? '', /Grace's direct line · Grace Hopper.*No answer/s, 'a call on a second line, without a duration');
    const times = dom.all('time');
    assert.equal(times[0]?.attrs['datetime'], latest.createdAt);
    assert.equal(times[0]?.attrs['title'], 'Nov 14, 2025, 4:42 PM');
    // Calls open on their summary; a short message has nothing more to show.
    assert.deepEqual(dom.withAttr('data-call-id').map((element) => element.attrs['data-call-id']), [teammateCall.id, summarized.id, secondLineCall.id]);
    assert.equal(dom.withAttr('data-call-details').length, 3);
    assert.equal(dom.all('details').length, 3);
    assert.doesNotMatch(dom.text, /lines checked/, 'no budget note when every line was checked');
    assert.equal(dom.withAttr('data-action').length, 0);
  });

  it('shortens a long message in its row and shows it whole on expand', () => {
    const text = `${'word '.repeat(60)}end\nsecond line`;
    const long: Message = { ...latest, text };
    const dom = body({ state: 'ready', activity: activity([messageItem(long)]) });
    const summary = dom.one('summary');
    assert.ok(summary.text.includes('…'));
    assert.ok(summary.text.length < MESSAGE_PREVIEW_LENGTH + 80);
    assert.equal(dom.one('p').text, text, 'whole, its line break kept');
    assert.match(dom.one('p').attrs['class'] ?? '', /multiline/);
  });

  it('keeps hostile message text inert: escaped, controls and bidi overrides stripped', () => {
    const hostile = sandboxMessage(ACTIVITY.hostileMessageId);
    const html = renderActivityBody({ state: 'ready', activity: activity([messageItem(hostile)]) }, OPTIONS);
    assertInert(html);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(parseHtmlFragment(html).text.includes('[x](command:workbench.action.terminal.new)'), 'shown as written');
    for (const value of HOSTILE_VALUES) {
      const rendered = renderActivityBody(
        { state: 'ready', activity: activity([messageItem({ ...latest, text: value }), callItem({ ...summarized, id: 'ACabc', userId: value })]) },
        { ...OPTIONS, userNames: new Map([[value, value]]) },
      );
      assertInert(rendered);
      assert.doesNotMatch(parseHtmlFragment(rendered).text, /[\u202A-\u202E\u2066-\u2069]/);
    }
    const names = decodePhoneNumbers({ data: SANDBOX_PHONE_NUMBERS.map((line) => ({ ...line, name: '<script>alert(1)</script>' })) });
    const withHostileLines = renderActivityBody({ state: 'ready', activity: ADA }, { ...OPTIONS, lines: names });
    assertInert(withHostileLines);
    assert.ok(withHostileLines.includes('&lt;script&gt;'));
  });

  it('says "No calls or messages yet" for a contact without history, and why when there is nothing to ask', () => {
    assert.equal(body({ state: 'ready', activity: activity([]) }).one('p').text, 'No calls or messages yet');
    assert.match(body({ state: 'ready', activity: activity([]) }, { hasNumbers: false }).text, /no phone number in international format/);
  });

  it('says how much the budget checked, with a button to check the rest; "Load more" once every line is checked', () => {
    const cut = body({ state: 'ready', activity: activity(ADA.items, { hasMore: true }, { linesChecked: 3, linesTotal: 5 }) });
    assert.match(cut.text, /3 of 5 lines checked: checking a contact sends at most 24 requests at a time\./);
    assert.deepEqual(cut.withAttr('data-action').map((button) => [button.attrs['data-action'], button.text]), [['moreActivity', 'Check the other lines']]);
    const older = body({ state: 'ready', activity: activity(ADA.items, { hasMore: true }) });
    assert.doesNotMatch(older.text, /lines checked/);
    assert.deepEqual(older.withAttr('data-action').map((button) => [button.attrs['data-action'], button.text]), [['moreActivity', 'Load more']]);
    const checking = body({ state: 'ready', activity: activity(ADA.items, { hasMore: true }), loadingMore: true });
    assert.equal(checking.withAttr('data-action').length, 0, 'no second click while checking');
    assert.match(checking.text, /Checking more…/);
    const failed = body({ state: 'ready', activity: activity(ADA.items, { hasMore: true }), moreError: 'Quo did not answer in time.' });
    assert.match(failed.text, /Could not check more: Quo did not answer in time\./);
    assert.equal(failed.withAttr('data-action').length, 1, 'the button to try again');
  });

  it('says why a line could not be checked (a 403), by the line’s name', () => {
    const forbidden = (list: 'messages' | 'calls'): LineError => ({
      lineId: LINE_IDS.legal,
      list,
      error: errorFromResponse(403, 'Forbidden', JSON.stringify({ message: 'The API key is not a user of this phone number', code: '0202403' })),
    });
    const dom = body({ state: 'ready', activity: activity([], { lineErrors: [forbidden('messages'), forbidden('calls')] }) });
    assert.match(dom.text, /Messages on Legal: this API key may not see this line\./);
    assert.match(dom.text, /Calls on Legal: this API key may not see this line\./);
  });

  it('shows a loading row, then a failure with Retry', () => {
    const loading = body({ state: 'loading' });
    assert.match(loading.text, /Loading calls and messages…/);
    assert.equal(loading.withAttr('role', 'status').length, 1);
    const failed = body({ state: 'error', message: 'Quo is unreachable <b>now</b>' });
    assert.match(failed.text, /Calls and messages could not be loaded: Quo is unreachable <b>now<\/b>/);
    assert.deepEqual(failed.withAttr('data-action').map((button) => button.attrs['data-action']), ['retryActivity']);
    assertInert(renderActivityBody({ state: 'error', message: '<img src=x onerror=alert(1)>' }, OPTIONS));
  });

  it('uses only icons that the cut-down codicons the build ships draw', function () {
    this.timeout(20_000);
    const forbidden: LineError = { lineId: LINE_IDS.legal, list: 'calls', error: errorFromResponse(403, 'Forbidden', '{}') };
    const html = [
      renderActivityBody({ state: 'ready', activity: ADA }, OPTIONS),
      renderActivityBody({ state: 'ready', activity: activity([]) }, OPTIONS),
      renderActivityBody({ state: 'ready', activity: activity([]) }, { ...OPTIONS, hasNumbers: false }),
      renderActivityBody({ state: 'ready', activity: activity(ADA.items, { hasMore: true }, { linesChecked: 3, linesTotal: 5 }) }, OPTIONS),
      renderActivityBody({ state: 'ready', activity: activity(ADA.items, { hasMore: true }) }, OPTIONS),
      renderActivityBody({ state: 'ready', activity: activity(ADA.items, { hasMore: true }), loadingMore: true }, OPTIONS),
      renderActivityBody({ state: 'ready', activity: activity(ADA.items, { hasMore: true }), moreError: 'x' }, OPTIONS),
      renderActivityBody({ state: 'ready', activity: activity([], { lineErrors: [forbidden] }) }, OPTIONS),
      renderActivityBody({ state: 'loading' }, OPTIONS),
      renderActivityBody({ state: 'error', message: 'x' }, OPTIONS),
      renderCallDetailsLoading(),
    ].join('');
    assert.match(html, /codicon-call-(incoming|outgoing)/, 'the rule reads the rows');
    assert.deepEqual(shippedCodicons().missingFrom(html), []);
  });

  it('keys calls and messages apart: they share the AC prefix', () => {
    assert.notEqual(activityItemKey(callItem({ ...summarized, id: 'ACsame' })), activityItemKey(messageItem({ ...latest, id: 'ACsame' })));
  });
});

describe('renderActivitySection in the panel page', () => {
  it('sits below the contact’s fields, under the page’s CSP, with the body the page updates', () => {
    const section = renderActivitySection({ state: 'loading' }, OPTIONS);
    const html = renderPanelHtml({
      state: 'ready',
      contact: {
        id: ACTIVITY.historyContactId,
        externalId: null,
        source: null,
        sourceUrl: null,
        defaultFields: { firstName: 'Ada', lastName: 'Lovelace', company: null, role: null, emails: [], phoneNumbers: [] },
        customFields: [],
        createdAt: '2021-01-04T08:00:00.000Z',
        updatedAt: '2021-01-04T08:00:00.000Z',
        createdByUserId: 'USkjlytY0m',
      },
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      nonce: 'r4nd0mN0nceV4lue+/AB==',
      scriptUri: 'https://x.example/panel.js',
      styleUri: 'https://x.example/panel.css',
      codiconsUri: 'https://x.example/codicon.css',
      activityHtml: section,
    });
    const dom = parseDocument(html);
    const headings = dom.all('h2').map((heading) => heading.text);
    assert.equal(headings.at(-1), 'Activity', 'the last section');
    assert.equal(dom.withAttr('data-activity-body').length, 1);
    assert.equal(dom.all('script').length, 1, 'still the one script');
  });
});

describe('renderCallDetails', () => {
  const summaryOf = (id: string): CallDetails['summary'] => {
    const answer = DATA.callSummaries.get(id);
    if (answer === 'forbidden') return { kind: 'forbidden' };
    return { kind: 'found', value: decodeCallSummaryResponse({ data: answer ?? { callId: id, status: 'absent', summary: null, nextSteps: null } }) };
  };
  const transcriptOf = (id: string): CallDetails['transcript'] => {
    const answer = DATA.callTranscripts.get(id);
    if (answer === 'forbidden') return { kind: 'forbidden' };
    return {
      kind: 'found',
      value: decodeCallTranscriptResponse({ data: answer ?? { callId: id, status: 'absent', dialogue: null, duration: 0, createdAt: '2025-11-12T15:00:00.000Z' } }),
    };
  };
  const details = (id: string): Dom => parseHtmlFragment(renderCallDetails({ summary: summaryOf(id), transcript: transcriptOf(id) }, { lines: LINES, lineId: LINE_IDS.main, defaultCountry: 'US' }));

  it('shows a completed summary, its next steps and the transcript with who spoke', () => {
    const dom = details(ACTIVITY.summarizedCallId);
    assert.match(dom.text, /Ada asked for the November invoice to be split by engine\./);
    assert.match(dom.text, /Next steps/);
    assert.match(dom.text, /Send the corrected invoice by Friday\./);
    assert.match(dom.text, /Billing: Amount/);
    const entries = dom.elements.filter((element) => element.tag === 'li' && element.attrs['class'] === 'transcript-entry');
    assert.equal(entries.length, 4);
    assert.match(entries[0]?.text ?? '', /^0:00Grace HopperHello Ada/);
    assert.match(entries[1]?.text ?? '', /\(415\) 555-0123Hi Grace/, 'the contact by number, as people in the US read it');
    assert.match(entries[2]?.text ?? '', /Unknown speaker\(inaudible\)/);
  });

  it('gives absent, in-progress, failed and 403 each a clear line', () => {
    assert.match(details(ACTIVITY.teammateCallId).text, /There is no summary of this call\..*There is no transcript of this call\./s);
    assert.match(details(ACTIVITY.inProgressCallId).text, /Quo is still writing the summary of this call\..*Quo is still writing the transcript/s);
    assert.match(
      details(ACTIVITY.planLimitedCallId).text,
      /Call summaries are not part of this workspace’s Quo plan \(Quo answered 403\)\..*Call transcripts are not part/s,
    );
    const failed = parseHtmlFragment(
      renderCallDetails({
        summary: { kind: 'found', value: { status: 'failed', summary: null, nextSteps: null, jobs: null } },
        transcript: { kind: 'error', message: 'Quo did not answer in time.' },
      }),
    );
    assert.match(failed.text, /Quo could not summarize this call\..*The transcript could not be loaded: Quo did not answer in time\./s);
    assert.match(
      parseHtmlFragment(renderCallDetails({ summary: { kind: 'not-found' }, transcript: { kind: 'not-found' } })).text,
      /Quo has no summary for this call\..*Quo has no transcript for this call\./s,
    );
  });

  it('keeps hostile summary and transcript text inert', () => {
    for (const value of HOSTILE_VALUES) {
      const html = renderCallDetails({
        summary: {
          kind: 'found',
          value: { status: 'completed', summary: [value], nextSteps: [value], jobs: [{ name: value, result: { data: [{ name: value, value }] } }] },
        },
        transcript: {
          kind: 'found',
          value: { status: 'completed', dialogue: [{ start: 0, content: value, identifier: value, userId: value }] },
        },
      });
      assertInert(html);
    }
  });
});
