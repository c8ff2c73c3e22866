import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { ActivityItem, ContactActivity } from '../../src/activity/activityLoader.js';
import { PanelRecorder } from '../../src/panel/panelRecorder.js';
import { renderActivityBody, renderActivitySection, type ActivityRenderOptions, type ActivityView } from '../../src/render/activityHtml.js';
import { renderPanelHtml } from '../../src/render/panelHtml.js';
import { PANEL_PAGE, FULL_CONTACT } from './renderFixtures.js';

const NOW = Date.parse('2025-11-17T16:42:00.000Z');
const OPTIONS: ActivityRenderOptions = { locale: 'en-US', timeZone: 'UTC', now: NOW };
const BASE = PANEL_PAGE;

const CALL: ActivityItem = {
  kind: 'call',
  lineId: 'PNmain',
  call: {
    id: 'ACcall1',
    direction: 'outgoing',
    status: 'completed',
    duration: 185,
    participants: ['+14155550123'],
    phoneNumberId: 'PNmain',
    userId: 'USowner',
    createdAt: new Date(NOW - 60_000).toISOString(),
    answeredAt: null,
    completedAt: null,
    answeredBy: null,
    initiatedBy: null,
    callRoute: null,
    forwardedFrom: null,
    forwardedTo: null,
    aiHandled: null,
    updatedAt: null,
  },
};

function readyView(items: readonly ActivityItem[]): ActivityView {
  const activity: ContactActivity = {
    items,
    lineErrors: [],
    skippedNumbers: [],
    hasMore: false,
    coverage: { checkedLineIds: [], linesChecked: 1, linesTotal: 1, requestsSent: 3, requestsPlanned: 3, listsWithOlderItems: 0 },
  };
  return { state: 'ready', activity };
}

function page(activity: ActivityView | undefined, workspaceId?: string): string {
  return renderPanelHtml({
    ...BASE,
    state: 'ready',
    contact: FULL_CONTACT,
    contactId: FULL_CONTACT.id,
    ...(workspaceId === undefined ? {} : { workspaceId }),
    ...(activity === undefined ? {} : { activityHtml: renderActivitySection(activity, OPTIONS) }),
  });
}

/** A webview panel as VS Code hands it over, with a way to close it. */
function fakePanel(): { readonly panel: vscode.WebviewPanel; readonly posted: unknown[]; close(): void } {
  const posted: unknown[] = [];
  const fromPage = new Set<(message: unknown) => unknown>();
  const disposed = new Set<() => unknown>();
  const subscribe = <T>(listeners: Set<T>, listener: T): vscode.Disposable => {
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  };
  const webview = {
    html: '',
    options: {},
    cspSource: BASE.cspSource,
    asWebviewUri: (uri: vscode.Uri) => uri,
    postMessage: (message: unknown) => {
      posted.push(message);
      return Promise.resolve(true);
    },
    onDidReceiveMessage: (listener: (message: unknown) => unknown) => subscribe(fromPage, listener),
  };
  const panel = {
    title: 'Quo Contact',
    visible: true,
    webview,
    onDidDispose: (listener: () => unknown) => subscribe(disposed, listener),
  };
  return {
    panel: panel as unknown as vscode.WebviewPanel,
    posted,
    close: () => [...disposed].forEach((listener) => listener()),
  };
}

describe('The test API’s panel recorder', () => {
  it('reads the Activity section’s body from the page as the panel rendered it, whatever its state', () => {
    const recorder = new PanelRecorder(() => undefined);
    const webview = recorder.wrap(fakePanel().panel, FULL_CONTACT.id).webview;
    const views: ActivityView[] = [
      { state: 'loading' },
      { state: 'error', message: 'Quo answered 500.' },
      readyView([]),
      readyView([CALL]),
    ];
    for (const view of views) {
      webview.html = page(view);
      assert.equal(recorder.panelOf(FULL_CONTACT.id)?.webview.activityHtml(), renderActivityBody(view, OPTIONS), view.state);
    }
    webview.html = page(undefined);
    assert.equal(recorder.panelOf(FULL_CONTACT.id)?.webview.activityHtml(), undefined, 'no section, no body');
  });

  it('takes a body posted since the page was drawn, until the page is drawn again', async () => {
    const recorder = new PanelRecorder(() => undefined);
    const fake = fakePanel();
    const webview = recorder.wrap(fake.panel, FULL_CONTACT.id).webview;
    webview.html = page({ state: 'loading' });
    await webview.postMessage({ type: 'activity', html: '<p class="activity-empty">posted</p>' });
    await webview.postMessage({ type: 'callDetails', callId: 'ACcall1', html: '<div class="call-summary">kept</div>' });
    const recorded = recorder.panelOf(FULL_CONTACT.id)?.webview;
    assert.equal(recorded?.activityHtml(), '<p class="activity-empty">posted</p>');
    assert.equal(recorded?.callDetailsHtml('ACcall1'), '<div class="call-summary">kept</div>');
    assert.equal(recorded?.callDetailsHtml('ACother'), undefined);
    assert.equal(fake.posted.length, 2, 'every message still reaches the page');
    webview.html = page(readyView([]));
    assert.equal(recorded?.activityHtml(), renderActivityBody(readyView([]), OPTIONS));
    assert.equal(fake.panel.webview.html, webview.html, 'the page VS Code shows');
  });

  it('hands a panel a message as its page would, and waits until it is handled', async () => {
    const recorder = new PanelRecorder(() => undefined);
    const webview = recorder.wrap(fakePanel().panel, FULL_CONTACT.id).webview;
    const handled: unknown[] = [];
    const subscription = webview.onDidReceiveMessage(async (message: unknown) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      handled.push(message);
    });
    await recorder.panelOf(FULL_CONTACT.id)?.webview.receive({ type: 'moreActivity' });
    assert.deepEqual(handled, [{ type: 'moreActivity' }]);
    subscription.dispose();
    await recorder.panelOf(FULL_CONTACT.id)?.webview.receive({ type: 'refresh' });
    assert.equal(handled.length, 1, 'no listener once unsubscribed');
  });

  it('lists open panels, forgets closed ones, and finds the active workspace’s panel of a contact first', () => {
    let active: string | undefined = 'wbeta';
    const recorder = new PanelRecorder(() => active);
    const acme = fakePanel();
    const beta = fakePanel();
    recorder.wrap(acme.panel, FULL_CONTACT.id).webview.html = page(undefined, 'wacme');
    recorder.wrap(beta.panel, FULL_CONTACT.id).webview.html = page(undefined, 'wbeta');
    assert.deepEqual(recorder.contactIds(), [FULL_CONTACT.id, FULL_CONTACT.id]);
    assert.equal(recorder.panelOf(FULL_CONTACT.id)?.webview.workspaceId(), 'wbeta');
    active = 'wacme';
    assert.equal(recorder.panelOf(FULL_CONTACT.id)?.webview.workspaceId(), 'wacme');
    acme.close();
    assert.deepEqual(recorder.contactIds(), [FULL_CONTACT.id]);
    assert.equal(recorder.panelOf(FULL_CONTACT.id)?.webview.workspaceId(), 'wbeta', 'else any');
    assert.equal(recorder.panelOf('CTnobody'), undefined);
  });
});
