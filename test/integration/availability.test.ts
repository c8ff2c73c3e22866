/**
 * One connection state, rendered the same by every surface: for each state, the hover's line, the panel's title and
 * banner, the sidebar's status node (or its welcome) and the status bar, checked against the copy table.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Availability } from '../../src/connection/availability.js';
import { availabilityCopy } from '../../src/connection/availabilityCopy.js';
import type { QuoTestApi } from '../../src/testApi.js';
import { WELL_KNOWN } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import { activateForTest, eventually, HARNESS_KEY, hoverText, openDocument, startFromReady, startSuiteSandbox } from './helpers.js';

const quo = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('quo');

describe('One connection state on every surface', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: 60 });
    api = await activateForTest(sandbox.url);
    await quo().update('inlineNames.enabled', false, vscode.ConfigurationTarget.Global);
  });

  beforeEach(() => startFromReady(api, sandbox));

  after(async () => {
    sandbox.setFaults({});
    await quo().update('apiBaseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    await quo().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await quo().update('inlineNames.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  /** Opens the panel of an id and waits until it left its loading state. */
  async function panelOf(id: string): Promise<{ title: string; html: string }> {
    await vscode.commands.executeCommand('quo.openContact', id);
    return eventually(() => {
      const html = api.panelHtml(id);
      const title = api.panelTitle(id);
      return html && title && !/data-state="loading"/.test(html) ? { title, html } : undefined;
    });
  }

  /** The surfaces of a state that is not ready, against the copy table. */
  async function assertSurfaces(state: Availability, panel: { title: string; html: string }): Promise<void> {
    const copy = availabilityCopy(state);
    assert.equal(panel.title, copy.title, 'the panel tab says what the copy table says');
    assert.match(panel.html, new RegExp(`status status-${state.kind}`));
    assert.ok(panel.html.includes(escapeHtml(copy.title)), 'the banner has the copy title');
    const shown = api.statusBar();
    if (copy.statusBar === 'hidden') {
      assert.equal(shown, undefined, 'no status bar item');
    } else {
      assert.equal(shown?.text, copy.statusBar.text);
      assert.ok(shown?.tooltip.includes(copy.detail), 'the tooltip has the detail');
    }
    const roots = await api.sidebar.children([]);
    if (state.kind === 'no-key') {
      assert.deepEqual(roots, [], 'an empty tree, so the welcome content shows');
    } else {
      const items = await api.sidebar.items(['All contacts']);
      const node = items.find((item) => item.contextValue === `status.${state.kind}`);
      assert.ok(node, `a status node for ${state.kind} in ${JSON.stringify(items.map((item) => item.label))}`);
      assert.ok(node.label.startsWith(copy.title), node.label);
    }
  }

  it('ready: the card, the contact in the panel, no status anywhere', async () => {
    const document = await openDocument(WELL_KNOWN.contactId);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /Lovelace/);
    const panel = await panelOf(WELL_KNOWN.contactId);
    assert.match(panel.title, /Lovelace/);
    assert.equal(api.statusBar(), undefined);
    const items = await api.sidebar.items(['All contacts']);
    assert.equal(items.filter((item) => item.contextValue?.startsWith('status.key') || item.contextValue === 'status.offline').length, 0);
  });

  it('bad settings with a stored key: the hover names the setting, not a key', async () => {
    await quo().update('apiBaseUrl', 'http://example.com', vscode.ConfigurationTarget.Global);
    try {
      await eventually(() => (api.connectionState() === 'bad-config' ? true : undefined));
      assert.equal(api.hasKey(), true);
      const document = await openDocument(`customer ${WELL_KNOWN.thirdContactId}`);
      // The card is markdown: its punctuation comes escaped.
      const line = (await hoverText(document, new vscode.Position(0, 12))).replace(/\\(.)/g, '$1');
      assert.match(line, /quo\.apiBaseUrl must use https/);
      assert.doesNotMatch(line, /No Quo API key/);
      assert.doesNotMatch(line, /Set API Key/);
      await assertSurfaces(api.availability(), await panelOf(WELL_KNOWN.thirdContactId));
      assert.equal(sandbox.stats.total, 0, 'nothing was sent');
    } finally {
      await quo().update('apiBaseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    }
    await eventually(() => (api.connectionState() === 'ready' ? true : undefined));
  });

  it('a key Quo refuses: the panel title says the key was refused', async () => {
    sandbox.setFaults({ wrapped401: true });
    // An id the sidebar's index cannot know, so the hover has to ask Quo.
    const document = await openDocument(WELL_KNOWN.missingContactId);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /refused the API key/);
    assert.equal(api.connectionState(), 'key-refused');
    const panel = await panelOf(WELL_KNOWN.missingContactId);
    assert.equal(panel.title, 'Quo refused the API key');
    assert.doesNotMatch(panel.html, /No Quo API key/);
    await assertSurfaces(api.availability(), panel);
  });

  it('offline: the cause in the card and on every surface', async () => {
    await quo().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      sandbox.setFaults({ hang: true });
      const document = await openDocument(WELL_KNOWN.thirdContactId);
      assert.match(await hoverText(document, new vscode.Position(0, 3)), /did not answer in time/);
      assert.equal(api.connectionState(), 'offline');
      await assertSurfaces(api.availability(), await panelOf(WELL_KNOWN.thirdContactId));
    } finally {
      await quo().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('rate limited: said once in every surface, without a pop-up', async () => {
    sandbox.setFaults({ rateLimitedForMs: 60_000 });
    const document = await openDocument(WELL_KNOWN.contactId);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /10 requests a second/);
    assert.equal(api.connectionState(), 'rate-limited');
    await assertSurfaces(api.availability(), await panelOf(WELL_KNOWN.contactId));
  });

  it('Retry keeps the cache and recovers; Refresh drops it', async () => {
    const document = await openDocument(`${WELL_KNOWN.contactId} ${WELL_KNOWN.thirdContactId}`);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /Lovelace/);
    const cached = api.cachedContacts();
    assert.ok(cached > 0);
    sandbox.setFaults({ wrapped401: true });
    await hoverText(document, new vscode.Position(0, 30));
    assert.equal(api.connectionState(), 'key-refused');
    sandbox.setFaults({});
    sandbox.resetStats();
    await vscode.commands.executeCommand('quo.retry');
    assert.equal(api.connectionState(), 'ready');
    assert.equal(api.cachedContacts(), cached, 'retry keeps what was cached');
    assert.equal(sandbox.stats.byRoute.listCustomFields, 1, 'one probe');
    assert.equal(sandbox.stats.byRoute.getContact ?? 0, 0, 'cached contacts were not asked again');
    await vscode.commands.executeCommand('quo.refresh');
    assert.equal(api.cachedContacts(), 0, 'refresh drops it');
  });

  it('the creator of two contacts is asked once, through the lookup', async () => {
    // Two contacts with the same creator, found from the sandbox's own listing.
    const response = await fetch(`${sandbox.url.replace(/\/$/, '')}/v1/contacts?maxResults=50`, { headers: { Authorization: HARNESS_KEY } });
    const page = (await response.json()) as { data: { id: string; createdByUserId: string }[] };
    const byCreator = new Map<string, string[]>();
    for (const contact of page.data) {
      byCreator.set(contact.createdByUserId, [...(byCreator.get(contact.createdByUserId) ?? []), contact.id]);
    }
    const pair = [...byCreator.values()].find((ids) => ids.length >= 2);
    assert.ok(pair, 'two contacts share a creator');
    sandbox.resetStats();
    const [first, second] = pair as [string, string];
    const one = await panelOf(first);
    const two = await panelOf(second);
    assert.equal(sandbox.stats.byRoute.getUser, 1, 'the creator was asked once for both panels');
    const creator = /Created by<\/dt><dd><span class="value"[^>]*>([^<]+)<\/span>/.exec(one.html)?.[1];
    assert.ok(creator, 'the first panel names the creator');
    assert.ok(two.html.includes(creator), 'the second panel names the same creator');
  });

  it('a key with a line break: "key invalid", never repeated on any surface, and kept', async () => {
    const twoLineKey = `${HARNESS_KEY}\nsecond-line-SECRET`;
    process.env['QUO_API_KEY'] = twoLineKey;
    try {
      // Re-reads the key: secret storage is empty, so the environment's two-line value is used.
      await vscode.commands.executeCommand('quo.clearApiKey');
      await eventually(() => (api.connectionState() === 'key-invalid' ? true : undefined));
      assert.equal(api.hasKey(), true, 'the key is kept');
      const document = await openDocument(`owner ${WELL_KNOWN.falsyContactId}`);
      const line = await hoverText(document, new vscode.Position(0, 10));
      assert.match(line, /line break/);
      const panel = await panelOf(WELL_KNOWN.falsyContactId);
      await assertSurfaces(api.availability(), panel);
      const everything = [line, panel.html, panel.title, JSON.stringify(api.statusBar()), ...api.logLines()].join('\n');
      assert.ok(!everything.includes('second-line-SECRET'), 'the key is never shown');
      assert.ok(!everything.includes(HARNESS_KEY), 'no part of the key is shown');
      assert.equal(sandbox.stats.total, 0, 'nothing was sent');
    } finally {
      process.env['QUO_API_KEY'] = HARNESS_KEY;
      await vscode.commands.executeCommand('quo.clearApiKey');
      await eventually(() => (api.connectionState() === 'ready' ? true : undefined));
    }
  });

  it('no key: the hover offers to set one, the tree is empty for the welcome, no status bar item', async () => {
    delete process.env['QUO_API_KEY'];
    try {
      await vscode.commands.executeCommand('quo.clearApiKey');
      await eventually(() => (api.connectionState() === 'no-key' ? true : undefined));
      const document = await openDocument(`owner ${WELL_KNOWN.falsyContactId}`);
      const line = await hoverText(document, new vscode.Position(0, 10));
      assert.match(line, /No Quo API key is set/);
      assert.match(line, /command:quo\.setApiKey/);
      await assertSurfaces(api.availability(), await panelOf(WELL_KNOWN.falsyContactId));
    } finally {
      process.env['QUO_API_KEY'] = HARNESS_KEY;
      await vscode.commands.executeCommand('quo.clearApiKey');
      await eventually(() => (api.hasKey() ? true : undefined));
    }
  });
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
