/**
 * A contact's activity through the real session in VS Code: the requests its plan makes arrive at the suite's own
 * sandbox exactly as planned, none of them refused with a 400, and a hover asked for in the middle of a load is
 * answered before the load ends.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import { ACTIVITY, LINE_IDS, USER_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import type { RequestLogEntry, Sandbox } from '../sandbox/server.js';
import { activateForTest, eventually, hoverText, openDocument, startFromReady, startSuiteSandbox } from './helpers.js';

const quo = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('quo');

const { main, support, direct, field, legal } = LINE_IDS;
const { alan, katherine, hedy, ops } = USER_IDS;
const ADA_MOBILE = WELL_KNOWN.phone;
const SHARED = WELL_KNOWN.sharedPhone;

/** One planned list: which list, on which line, about which number, for which teammate. */
type Planned = readonly [list: 'messages' | 'calls', lineId: string, participant: string, userId?: string];

/** The lines in the API's order; per number, messages, the calls without userId, then each user who is not the owner. */
function linePlan(participant: string): Planned[] {
  return [
    ['messages', main, participant],
    ['calls', main, participant],
    ['calls', main, participant, alan],
    ['messages', support, participant],
    ['calls', support, participant],
    ['calls', support, participant, katherine],
    ['calls', support, participant, hedy],
    ['calls', support, participant, ops],
    ['messages', direct, participant],
    ['calls', direct, participant],
    ['messages', field, participant],
    ['calls', field, participant],
    ['calls', field, participant, katherine],
    ['messages', legal, participant],
    ['calls', legal, participant],
    ['calls', legal, participant, hedy],
  ];
}

/** Ada's plan, written out: her mobile on every line, then her shared number on every line. */
function adaPlan(): Planned[] {
  const byLine = (participant: string, lineId: string): Planned[] => linePlan(participant).filter((row) => row[1] === lineId);
  return [main, support, direct, field, legal].flatMap((lineId) => [...byLine(ADA_MOBILE, lineId), ...byLine(SHARED, lineId)]);
}

/** Method, path and every query parameter, sorted, so two requests compare whatever order their keys came in. */
function described(method: string, url: string): string {
  const parsed = new URL(url, 'http://sandbox');
  const query = [...parsed.searchParams].map(([key, value]) => `${key}=${value}`).sort();
  return [method, parsed.pathname, ...query].join(' ');
}

function plannedRequest([list, lineId, participant, userId]: Planned, maxResults = 20): string {
  const query = [`phoneNumberId=${lineId}`, `participants=${participant}`, `maxResults=${maxResults}`];
  if (userId !== undefined) {
    query.push(`userId=${userId}`);
  }
  return ['GET', `/v1/${list}`, ...query.sort()].join(' ');
}

const sorted = (items: readonly string[]): string[] => [...items].sort();

describe('Contact activity', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;
  const answered: RequestLogEntry[] = [];

  /** The activity requests answered since the last reset: lists and the lines. */
  const activityRequests = (): RequestLogEntry[] =>
    answered.filter((entry) => entry.route === 'listCalls' || entry.route === 'listMessages' || entry.route === 'listPhoneNumbers');
  const lists = (): string[] =>
    activityRequests()
      .filter((entry) => entry.route !== 'listPhoneNumbers')
      .map((entry) => described(entry.method, entry.url));

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: 60, onRequest: (entry) => answered.push(entry) });
    api = await activateForTest(sandbox.url);
    await quo().update('inlineNames.enabled', false, vscode.ConfigurationTarget.Global);
    await quo().update('activity.maxItems', undefined, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    await startFromReady(api, sandbox);
    answered.length = 0;
  });

  after(async () => {
    sandbox.setFaults({});
    await quo().update('inlineNames.enabled', undefined, vscode.ConfigurationTarget.Global);
    await quo().update('activity.maxItems', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('asks exactly the planned lists for a contact with one number, and reports the line the key cannot see', async () => {
    const result = await api.activity(ACTIVITY.quietContactId);
    assert.deepEqual(sorted(lists()), sorted(linePlan(SHARED).map((row) => plannedRequest(row))));
    const lines = activityRequests().filter((entry) => entry.route === 'listPhoneNumbers');
    assert.deepEqual(lines.map((entry) => described(entry.method, entry.url)), ['GET /v1/phone-numbers'], 'the lines, once');
    assert.ok(activityRequests().every((entry) => entry.status !== 400), JSON.stringify(activityRequests()));
    assert.equal(sandbox.stats.byStatus[429], undefined);
    assert.deepEqual(result.items, []);
    assert.deepEqual([result.linesChecked, result.linesTotal, result.hasMore, result.coverageText], [5, 5, false, undefined]);
    assert.deepEqual(
      result.lineErrors.map((error) => [error.lineId, error.list, error.status, error.code]),
      [
        [legal, 'messages', 403, '0202403'],
        [legal, 'calls', 403, '0101403'],
      ],
    );
    assert.ok(result.lineErrors.every((error) => error.text.includes('Legal')));
    assert.equal(api.connectionState(), 'ready', 'a 403 on one line says nothing about the connection');
  });

  it('spends 24 requests on a contact with more, in plan order, and the rest with "check more"', async () => {
    const plan = adaPlan();
    assert.equal(plan.length, 32);
    const first = await api.activity(ACTIVITY.overBudgetContactId);
    assert.deepEqual(sorted(lists()), sorted(plan.slice(0, 24).map((row) => plannedRequest(row))));
    assert.deepEqual([first.linesChecked, first.linesTotal, first.hasMore], [3, 5, true]);
    assert.equal(first.coverageText, '3 of 5 lines checked');
    assert.deepEqual(first.checkedLineIds, [main, support, direct]);
    assert.equal(first.items[0]?.id, ACTIVITY.latestMessageId, 'the newest item first');
    const ids = first.items.map((item) => item.id);
    for (const id of [ACTIVITY.teammateCallId, ACTIVITY.summarizedCallId, ACTIVITY.planLimitedCallId, ACTIVITY.teammateOnlyLineCallId]) {
      assert.ok(ids.includes(id), id);
    }
    const times = first.items.map((item) => item.createdAt);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');

    answered.length = 0;
    const again = await api.activity(ACTIVITY.overBudgetContactId);
    assert.deepEqual(activityRequests(), [], 'a fresh answer costs nothing');
    assert.deepEqual(again.items, first.items);

    const more = await api.activity(ACTIVITY.overBudgetContactId, { more: true });
    const olderPage = lists().filter((request) => request.includes('pageToken='));
    assert.equal(olderPage.length, 1, 'the main line’s second page of messages');
    assert.equal(
      olderPage[0]?.replace(/ pageToken=\S+/, ''),
      plannedRequest(['messages', main, ADA_MOBILE]),
      'the same query with the token added',
    );
    assert.deepEqual(
      sorted(lists().filter((request) => !request.includes('pageToken='))),
      sorted(plan.slice(24).map((row) => plannedRequest(row))),
    );
    assert.deepEqual([more.linesChecked, more.hasMore, more.requestsSent], [5, false, 33]);
    assert.equal(more.items.filter((item) => item.kind === 'message' && item.lineId === main).length, ACTIVITY.mainLineMessageCount);
    assert.deepEqual(more.lineErrors.map((error) => error.lineId), [legal, legal]);
    assert.ok(answered.every((entry) => entry.status !== 400));
  });

  it('asks for quo.activity.maxItems items a list', async () => {
    await quo().update('activity.maxItems', 5, vscode.ConfigurationTarget.Global);
    try {
      await api.activity(ACTIVITY.quietContactId);
      assert.deepEqual(sorted(lists()), sorted(linePlan(SHARED).map((row) => plannedRequest(row, 5))));
    } finally {
      await quo().update('activity.maxItems', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('answers a hover asked for during an activity load first', async () => {
    // Slow lists, so the load spans three windows of the limiter: its first ten fill one, the rest wait.
    sandbox.setFaults({ latencyMs: 300, routes: ['listCalls', 'listMessages'] });
    const arrivedLists = (): number => sandbox.stats.byRoute.listCalls + sandbox.stats.byRoute.listMessages;
    let loadDoneAt: number | undefined;
    const load = api.activity(ACTIVITY.historyContactId).then((result) => {
      loadDoneAt = performance.now();
      return result;
    });
    // Under way: some lists out, the rest queued behind them (the lines and the contact took slots of the first second).
    await eventually(() => (arrivedLists() >= 5 ? true : undefined), 200, 20);
    const contactsAsked = sandbox.stats.byRoute.getContact;
    const document = await openDocument(`ticket for ${WELL_KNOWN.missingContactId}`);
    const hover = hoverText(document, new vscode.Position(0, 15));
    await hover;
    const hoverDoneAt = performance.now();
    const listsBeforeHover = arrivedLists();
    assert.equal(loadDoneAt, undefined, 'the load was still running when the hover was answered');
    assert.equal(sandbox.stats.byRoute.getContact, contactsAsked + 1, 'the hover asked Quo');
    assert.ok(listsBeforeHover < 24, `the hover went before the load's last lists (${listsBeforeHover} of 24 had arrived)`);
    const result = await load;
    assert.ok(loadDoneAt !== undefined && hoverDoneAt < loadDoneAt);
    assert.equal(result.requestsSent, 24);
    assert.equal(sandbox.stats.byStatus[429], undefined, 'the limiter kept to 10 a second');
    assert.equal(sandbox.stats.byStatus[400], undefined);
  });
});
