/**
 * Without a key: each surface says so, once, and offers to set one; with the key back everything works again. The
 * harness gives the key through QUO_API_KEY; this suite takes it away from the extension host's environment.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import { WELL_KNOWN } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import { activateForTest, eventually, HARNESS_KEY, hoverText, openDocument, startSuiteSandbox } from './helpers.js';

describe('Without an API key', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: 20 });
    api = await activateForTest(sandbox.url);
    delete process.env['QUO_API_KEY'];
    // Clearing re-reads the key: secret storage is empty and the environment no longer has one.
    await vscode.commands.executeCommand('quo.clearApiKey');
    await eventually(() => (api.hasKey() ? undefined : true));
  });

  after(async () => {
    process.env['QUO_API_KEY'] = HARNESS_KEY;
    await vscode.commands.executeCommand('quo.clearApiKey');
    await eventually(() => (api.hasKey() ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('says so in the first hover only, with a way to set one, and sends nothing', async () => {
    sandbox.resetStats();
    const document = await openDocument(`${WELL_KNOWN.contactId} ${WELL_KNOWN.thirdContactId}`);
    const first = await hoverText(document, new vscode.Position(0, 3));
    assert.match(first, /No Quo API key is set/);
    assert.match(first, /command:quo\.setApiKey/);
    assert.doesNotMatch(await hoverText(document, new vscode.Position(0, 30)), /No Quo API key/);
    assert.equal(sandbox.stats.total, 0);
    assert.equal(api.connectionState(), 'no-key');
  });

  it('shows a no-key state with a Set API Key button in the panel', async () => {
    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.contactId);
    const html = await eventually(() => {
      const current = api.panelHtml(WELL_KNOWN.contactId);
      return current && /data-action="setApiKey"/.test(current) ? current : undefined;
    });
    assert.doesNotMatch(html, /Lovelace/);
  });
});
