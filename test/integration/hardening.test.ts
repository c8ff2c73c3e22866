/**
 * Faults and hostile settings in a real VS Code: the key is never lost to a failing network, a refused key is
 * reported once and recovered from, and a repository's settings cannot redirect the key.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import { WELL_KNOWN } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import { activateForTest, eventually, hoverText, openDocument, startFromReady, startSuiteSandbox } from './helpers.js';

describe('Faults and hostile settings', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;
  /** Paths the sandbox served, to count requests for a test's own ids. */
  const served: string[] = [];

  before(async () => {
    sandbox = await startSuiteSandbox({
      contacts: 150,
      onRequest: (entry) => served.push(entry.url),
    });
    api = await activateForTest(sandbox.url);
    // Inline names would fetch every id as soon as a document opens; these tests decide when requests happen.
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', false, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    sandbox.setFaults({});
    await vscode.commands.executeCommand('quo.refresh');
    sandbox.resetStats();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('quo').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it("ignores the workspace's quo.apiBaseUrl: requests still reach the user's base URL", async () => {
    const inspected = vscode.workspace.getConfiguration('quo').inspect<string>('apiBaseUrl');
    assert.equal(inspected?.workspaceValue ?? inspected?.workspaceFolderValue, undefined, 'VS Code drops application settings from a workspace');
    const raw = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json'));
    assert.match(Buffer.from(raw).toString('utf8'), /attacker\.example/, 'the fixture does try to redirect the key');
    const document = await openDocument(WELL_KNOWN.contactId);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /Lovelace/);
    assert.equal(sandbox.stats.byRoute.getContact, 1);
  });

  it("ignores the workspace's quo.cache.ttlMinutes of 0: a second hover is answered from the cache", async () => {
    const raw = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json'));
    assert.match(Buffer.from(raw).toString('utf8'), /"quo\.cache\.ttlMinutes": 0,/, 'the fixture does try to turn the cache off');
    const document = await openDocument(WELL_KNOWN.contactId);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /Lovelace/);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /Lovelace/);
    assert.equal(sandbox.stats.byRoute.getContact, 1);
  });

  it('drops what it knew when the server changes, and asks the new one', async () => {
    const document = await openDocument(WELL_KNOWN.contactId);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /Lovelace/);
    assert.ok(api.cachedContacts() > 0);
    const other = await startSuiteSandbox({ contacts: 20 });
    try {
      await vscode.workspace.getConfiguration('quo').update('apiBaseUrl', other.url, vscode.ConfigurationTarget.Global);
      await eventually(() => (api.cachedContacts() === 0 ? true : undefined));
      assert.match(await hoverText(document, new vscode.Position(0, 3)), /Lovelace/);
      assert.equal(other.stats.byRoute.getContact, 1, 'the new server was asked');
    } finally {
      await vscode.workspace.getConfiguration('quo').update('apiBaseUrl', sandbox.url, vscode.ConfigurationTarget.Global);
      await other.close();
    }
  });

  it('reports a key revoked while in use, keeps it, and recovers when Quo accepts it again', async () => {
    const document = await openDocument(`${WELL_KNOWN.contactId} ${WELL_KNOWN.thirdContactId}`);
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /Lovelace/);
    sandbox.setFaults({ wrapped401: true });
    assert.match(await hoverText(document, new vscode.Position(0, 30)), /refused the API key/);
    assert.equal(api.connectionState(), 'key-refused');
    assert.equal(api.hasKey(), true, 'a refused key is kept: the user decides');
    assert.equal(sandbox.stats.byStatus[401], 1, 'a 401 is never retried');
    sandbox.setFaults({});
    assert.match(await hoverText(document, new vscode.Position(0, 30)), /Somerville/, 'the 401 was not cached');
    assert.equal(api.connectionState(), 'ready');
  });

  it('shows a timeout in the card and recovers without a reload once Quo answers again', async () => {
    await vscode.workspace.getConfiguration('quo').update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    sandbox.setFaults({ hang: true });
    const document = await openDocument(`owner ${WELL_KNOWN.falsyContactId}`);
    assert.match(await hoverText(document, new vscode.Position(0, 10)), /did not answer in time/);
    assert.equal(api.connectionState(), 'offline');
    assert.equal(api.hasKey(), true, 'a timeout never drops the key');
    sandbox.setFaults({});
    assert.match(await hoverText(document, new vscode.Position(0, 10)), /Babbage/);
    await eventually(() => (api.connectionState() === 'ready' ? true : undefined));
  });

  it('retries through a short 429 storm with no error in the card', async () => {
    const document = await openDocument(WELL_KNOWN.thirdContactId);
    sandbox.setFaults({ rateLimitedForMs: 300 });
    assert.match(await hoverText(document, new vscode.Position(0, 3)), /Somerville/);
    assert.ok((sandbox.stats.byStatus[429] ?? 0) >= 1, 'the storm was met');
    assert.ok((sandbox.stats.byStatus[429] ?? 0) <= 3, 'backoff, not a request storm');
    assert.equal(api.connectionState(), 'ready');
  });

  it('keeps 100 files full of ids under the limit, with no 429', async () => {
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', true, vscode.ConfigurationTarget.Global);
    const ids = sandbox.contacts.slice(40, 140).map((contact) => contact.id);
    const documents = await Promise.all(
      ids.map((id, i) => vscode.workspace.openTextDocument({ content: `// file ${i}\nconst owner = '${id}';\n`, language: 'typescript' })),
    );
    // What VS Code does for each visible editor: ask for the inline names of its lines.
    await Promise.all(
      documents.map((document) =>
        vscode.commands.executeCommand('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, 2, 0)),
      ),
    );
    const requestsForTheseIds = (): number => served.filter((url) => ids.some((id) => url === `/v1/contacts/${id}`)).length;
    await eventually(() => (requestsForTheseIds() >= 100 ? true : undefined), 300);
    assert.equal(sandbox.stats.byStatus[429] ?? 0, 0);
    assert.ok(sandbox.stats.maxInWindow <= 10, `max in window ${sandbox.stats.maxInWindow}`);
    assert.equal(requestsForTheseIds(), 100, 'one request per id');
  });

  it('keeps a render of many ids under the limit, with no 429', async () => {
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', true, vscode.ConfigurationTarget.Global);
    const ids = sandbox.contacts.slice(0, 40).map((contact) => contact.id);
    const document = await openDocument(ids.join('\n'));
    await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, 40, 0));
    await eventually(() => ((sandbox.stats.byRoute.getContact ?? 0) >= 40 ? true : undefined), 200);
    assert.equal(sandbox.stats.byStatus[429] ?? 0, 0);
    assert.ok(sandbox.stats.maxInWindow <= 10, `max in window ${sandbox.stats.maxInWindow}`);
  });
});

describe('Huge files', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: 20 });
    api = await activateForTest(sandbox.url);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('reads a bounded amount of a 20 MB log and a 5 MB one-line file, and still resolves ids in them', async () => {
    const line = `2026-11-26T10:00:00Z INFO request handled in 12 ms ${'x'.repeat(40)} trace=${'ab'.repeat(8)}\n`;
    const lines = Math.ceil((20 * 1024 * 1024) / line.length);
    const log = await openDocument(`${line.repeat(lines)}customer ${WELL_KNOWN.contactId} called\n`, 'log');
    api.resetCharsScanned();
    assert.match(await hoverText(log, new vscode.Position(lines, 12)), /Lovelace/);
    const visible = new vscode.Range(lines - 40, 0, lines + 1, 0);
    await vscode.commands.executeCommand('vscode.executeInlayHintProvider', log.uri, visible);
    assert.ok(api.charsScanned() < 256 * 1024, `read ${api.charsScanned()} characters of 20 MB`);

    const filler = '{"k":"v"},'.repeat(250_000);
    const minified = await openDocument(`[${filler}{"contactId":"${WELL_KNOWN.thirdContactId}"},${filler}]`, 'plaintext');
    api.resetCharsScanned();
    assert.match(await hoverText(minified, new vscode.Position(0, 1 + filler.length + 16)), /Somerville/);
    assert.ok(api.charsScanned() < 256 * 1024, `read ${api.charsScanned()} characters of 5 MB`);
  });

  // Last: it lists every contact, and the tests above need ids this window has not seen.
  it('says the key is refused under a card it shows from the contact list', async () => {
    await api.sidebar.syncIndex();
    // A phone number's contact comes from the contact list alone; an id is answered from it too.
    const document = await openDocument(`${WELL_KNOWN.contactId} 0123456789abcdef01234567 ${WELL_KNOWN.phone}`);
    sandbox.setFaults({ wrapped401: true });
    try {
      assert.match(await hoverText(document, new vscode.Position(0, 30)), /refused the API key/);
      assert.equal(api.connectionState(), 'key-refused');
      const card = await hoverText(document, new vscode.Position(0, 3));
      assert.match(card, /Lovelace/, 'known data is still shown');
      assert.match(card, /refused the API key/, 'with the state, as the panel and the status bar say it');
      const byPhone = await hoverText(document, new vscode.Position(0, 54));
      assert.match(byPhone, /Lovelace/);
      assert.match(byPhone, /refused the API key/);
    } finally {
      await startFromReady(api, sandbox);
    }
  });
});
