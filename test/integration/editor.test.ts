/**
 * The editor surfaces in a real VS Code, against a sandbox this suite starts inside the extension host, so it can
 * count requests and inject faults. The key comes from QUO_API_KEY (set by the harness); the base URL is pointed at
 * the sandbox through the user setting, as a user would.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import packageJson from '../../package.json';
import type { QuoTestApi } from '../../src/testApi.js';
import { HOSTILE_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import { activeExtension } from './env.js';
import { activateForTest, eventually, HARNESS_KEY, hoverText, openDocument, startSuiteSandbox } from './helpers.js';

describe('Editor surfaces', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;
  /** Paths the sandbox served since the test began. */
  let served: string[] = [];
  /**
   * Requests for one contact. Counting only these keeps a test to its own ids: after "Quo: Refresh", inline names
   * may still ask again for an id of an editor the previous test left visible.
   */
  const requestsFor = (id: string): number => served.filter((url) => url.startsWith(`/v1/contacts/${id}`)).length;

  before(async () => {
    sandbox = await startSuiteSandbox({
      contacts: 200,
      onRequest: (entry) => served.push(entry.url),
    });
    api = await activateForTest(sandbox.url);
  });

  beforeEach(async () => {
    sandbox.setFaults({});
    await vscode.commands.executeCommand('quo.refresh');
    sandbox.resetStats();
    served = [];
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['quo.setApiKey', 'quo.clearApiKey', 'quo.openContact', 'quo.refresh', 'quo.showLog']) {
      assert.ok(commands.includes(command), command);
    }
    assert.equal(api.hasKey(), true);
  });

  it('shows a hover card for a contact id, in plain text, Markdown and code', async () => {
    for (const language of ['plaintext', 'markdown', 'typescript', 'log']) {
      const document = await openDocument(`const owner = "${WELL_KNOWN.contactId}"; // see CRM\n`, language);
      const text = await hoverText(document, new vscode.Position(0, 20));
      assert.match(text, /Ada/, language);
      assert.match(text, /Lovelace/, language);
      assert.match(text, /Open Contact/, language);
    }
    // One request: the later hovers came from the cache.
    assert.equal(requestsFor(WELL_KNOWN.contactId), 1);
  });

  it('shows a card for a Quo contact link', async () => {
    const document = await openDocument(`see https://my.quo.com/contacts/${WELL_KNOWN.thirdContactId} for details`);
    assert.match(await hoverText(document, new vscode.Position(0, 40)), /Somerville/);
  });

  it('shows nothing for an id-shaped string that is not a contact, and asks Quo only once', async () => {
    const document = await openDocument(`commit ${WELL_KNOWN.missingContactId} fixed it`);
    for (let i = 0; i < 3; i++) {
      assert.doesNotMatch(await hoverText(document, new vscode.Position(0, 12)), /Open Contact/);
    }
    assert.equal(requestsFor(WELL_KNOWN.missingContactId), 1);
  });

  it('makes one request for many simultaneous hovers of an uncached id', async () => {
    const document = await openDocument(`id=${WELL_KNOWN.falsyContactId}`);
    await Promise.all(Array.from({ length: 20 }, () => hoverText(document, new vscode.Position(0, 8))));
    assert.equal(requestsFor(WELL_KNOWN.falsyContactId), 1);
  });

  it('escapes hostile contact values in the hover', async () => {
    const document = await openDocument(`${HOSTILE_IDS.imgTag} ${HOSTILE_IDS.commandLink}`);
    const img = await hoverText(document, new vscode.Position(0, 3));
    assert.match(img, /img/, 'the card for the hostile contact is shown');
    assert.doesNotMatch(img, /(?<!\\)<img/, 'every < is escaped');
    const command = await hoverText(document, new vscode.Position(0, 30));
    assert.doesNotMatch(command, /\]\(command:workbench/);
  });

  it('shows the error in the card, not as a notification, when Quo fails', async () => {
    sandbox.setFaults({ failRate: 1, failBody: 'html' });
    const document = await openDocument(`x ${WELL_KNOWN.thirdContactId}`);
    const text = await hoverText(document, new vscode.Position(0, 5));
    assert.match(text, /Quo error 500/);
    assert.equal(api.hasKey(), true, 'a server error never drops the key');
  });

  it('shows inline names after ids once they are known', async () => {
    const document = await openDocument(`owner: ${WELL_KNOWN.contactId}\nother: ${WELL_KNOWN.thirdContactId}\n`);
    const range = new vscode.Range(0, 0, 2, 0);
    const labels = await eventually(async () => {
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
      const texts = hints.map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')));
      return texts.length === 2 ? texts : undefined;
    });
    assert.deepEqual(labels, ['Ada Lovelace', 'Mary Somerville']);
    assert.equal(requestsFor(WELL_KNOWN.contactId) + requestsFor(WELL_KNOWN.thirdContactId), 2);
  });

  it('links ids to the Open Contact command', async () => {
    const document = await openDocument(`see ${WELL_KNOWN.contactId}`);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    const ours = links.filter((link) => link.target?.scheme === 'command');
    assert.equal(ours.length, 1);
    assert.match(decodeURIComponent(ours[0]?.target?.query ?? ''), new RegExp(WELL_KNOWN.contactId));
  });

  it('opens the contact panel from an argument, with every field and a strict CSP', async () => {
    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.contactId);
    const html = await eventually(() => {
      const current = api.panelHtml(WELL_KNOWN.contactId);
      return current?.includes('Lovelace') ? current : undefined;
    });
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /unsafe-inline/);
    for (const value of [WELL_KNOWN.company, WELL_KNOWN.role, WELL_KNOWN.email, WELL_KNOWN.externalId]) {
      assert.ok(html.includes(value), value);
    }
    // The number as people in the US (quo.defaultCountry) read it; its copy button copies it as Quo stores it.
    assert.ok(html.includes('<span class="value">(415) 555-0123</span>'), 'the phone number, formatted');
    assert.ok(html.includes(`data-value="${WELL_KNOWN.phone}"`), 'the phone number, copied as E.164');
    assert.ok(html.includes('Grace Hopper'), 'the creator is shown by name, resolved through GET /v1/users/{id}');
    assert.ok(api.recentIds().includes(WELL_KNOWN.contactId), 'the opened contact is in the recent list');
  });

  it('reveals the existing panel instead of opening a second one', async () => {
    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.contactId);
    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.contactId);
    assert.equal(api.openPanelIds().filter((id) => id === WELL_KNOWN.contactId).length, 1);
  });

  it('opens the contact under the cursor when run without an argument', async () => {
    const document = await openDocument(`ticket 42: customer ${WELL_KNOWN.falsyContactId} called`);
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 25, 0, 25);
    await vscode.commands.executeCommand('quo.openContact');
    assert.ok(api.openPanelIds().includes(WELL_KNOWN.falsyContactId));
  });

  it('shows a not-found state in the panel for a missing contact', async () => {
    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.missingContactId);
    const html = await eventually(() => {
      const current = api.panelHtml(WELL_KNOWN.missingContactId);
      return current && /not found|no quo contact/i.test(current) ? current : undefined;
    });
    assert.match(html, /retry/i);
  });

  it('drops the cache on Quo: Refresh', async () => {
    const document = await openDocument(WELL_KNOWN.contactId);
    await hoverText(document, new vscode.Position(0, 2));
    assert.ok(api.cachedContacts() > 0);
    await vscode.commands.executeCommand('quo.refresh');
    assert.equal(api.cachedContacts(), 0);
  });

  it('reads only a bounded window of a huge one-line file for a hover', async () => {
    const filler = '{"k":"v"},'.repeat(100_000);
    const document = await openDocument(`[${filler}{"contactId":"${WELL_KNOWN.contactId}"},${filler}]`, 'json');
    const column = 1 + filler.length + 14;
    api.resetCharsScanned();
    assert.match(await hoverText(document, new vscode.Position(0, column)), /Lovelace/);
    // The hover reads its window; inline names, links and the context-menu check may read their capped slice of
    // the visible line meanwhile. Together far below the 2 MB line.
    assert.ok(api.charsScanned() <= 64 * 1024, `read ${api.charsScanned()} characters`);
  });

  it('never writes the key to the log, the hover or the panel', async () => {
    assert.ok(api.logLines().length > 0, 'the log has lines to search');
    for (const line of api.logLines()) {
      assert.ok(!line.includes(HARNESS_KEY), line);
    }
    for (const id of api.openPanelIds()) {
      assert.ok(!(api.panelHtml(id) ?? '').includes(HARNESS_KEY));
    }
    // Settings: every value of every quo.* setting, in every scope.
    const config = vscode.workspace.getConfiguration('quo');
    for (const setting of Object.keys(packageJson.contributes.configuration.properties)) {
      const values = config.inspect(setting.replace(/^quo\./, ''));
      assert.ok(!JSON.stringify(values ?? {}).includes(HARNESS_KEY), setting);
    }
  });
});

describe('Activation', () => {
  it('logs how long activation took (npm run bench reads the same line in starts of its own)', async () => {
    const api = (await activeExtension<QuoTestApi>()).exports;
    const line = api.logLines().find((entry) => entry.includes('Activated in')) ?? '';
    const figure = (label: string): number => Number(new RegExp(`${label} ([\\d.]+) ms`).exec(line)?.[1]);
    const evaluating = figure('evaluating the bundle');
    const activating = figure('activate\\(\\)');
    const total = figure('Activated in');
    for (const value of [evaluating, activating, total]) {
      assert.ok(Number.isFinite(value) && value > 0, `no activation time in the log: ${line}`);
    }
  });
});

describe('Reverse lookup of phone numbers and emails', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: 120 });
    api = await activateForTest(sandbox.url);
    await vscode.commands.executeCommand('quo.refreshContacts');
    await api.sidebar.syncIndex();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('shows the contact card on a phone number written in a national format, without a request', async () => {
    sandbox.resetStats();
    const document = await openDocument('Called back on (415) 555-0123 at noon');
    assert.match(await hoverText(document, new vscode.Position(0, 20)), /Ada[\s\S]*Lovelace/);
    assert.equal(sandbox.stats.byRoute.getContact, 0, 'answered from the index');
  });

  it('shows every contact that shares a number, and the name of one on an email', async () => {
    const document = await openDocument(`main line ${WELL_KNOWN.sharedPhone}; cc ${WELL_KNOWN.email}`);
    const shared = await hoverText(document, new vscode.Position(0, 14));
    for (const name of ['Lovelace', 'Babbage', 'Somerville']) {
      assert.match(shared, new RegExp(name));
    }
    const at = `main line ${WELL_KNOWN.sharedPhone}; cc `.length + 3;
    assert.match(await hoverText(document, new vscode.Position(0, at)), /Lovelace/);
  });

  it('names contacts after their phone numbers inline', async () => {
    const document = await openDocument(`mobile: ${WELL_KNOWN.phone}\nmain: ${WELL_KNOWN.sharedPhone}\n`);
    const labels = await eventually(async () => {
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, 2, 0));
      const texts = hints.map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')));
      return texts.length === 2 ? texts : undefined;
    });
    assert.equal(labels[0], 'Ada Lovelace');
    assert.match(labels[1] ?? '', /\+2$/);
  });

  it('offers to create a contact on a number no contact has once the list is complete, and not in read-only mode', async () => {
    const document = await openDocument('missed call from +1 415 555 0177 this morning');
    const hover = await hoverText(document, new vscode.Position(0, 22));
    assert.match(hover, /Create contact with this number/);
    // The command link carries the number, E.164, as the command's prefill.
    assert.match(hover, /command:quo\.createContact\?/);
    assert.ok(decodeURIComponent(decodeURIComponent(hover)).includes('"phone":"+14155550177"'), hover);
    const quo = vscode.workspace.getConfiguration('quo');
    await quo.update('readOnly', true, vscode.ConfigurationTarget.Global);
    try {
      await eventually(async () => ((await hoverText(document, new vscode.Position(0, 22))) === '' ? true : undefined));
    } finally {
      await quo.update('readOnly', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('opens the contact whose email is under the cursor', async () => {
    const document = await openDocument(`reply to ${WELL_KNOWN.email} today`);
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 14, 0, 14);
    await vscode.commands.executeCommand('quo.openContact');
    assert.ok(api.openPanelIds().includes(WELL_KNOWN.contactId));
  });
});

describe('Open Contact on a number before the first listing', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;

  before(async () => {
    // Another server: a fresh session whose contact list was never listed.
    sandbox = await startSuiteSandbox({ contacts: 60 });
    api = await activateForTest(sandbox.url);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('lists the contacts first and opens the one with the number under the cursor', async () => {
    assert.equal(api.sidebar.indexState().status, 'empty');
    const document = await openDocument('call Mary on (617) 555-0131 tomorrow');
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 16, 0, 16);
    await vscode.commands.executeCommand('quo.openContact');
    assert.ok(api.openPanelIds().includes(WELL_KNOWN.thirdContactId), JSON.stringify(api.openPanelIds()));
  });
});
