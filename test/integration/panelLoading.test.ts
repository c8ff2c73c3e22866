/**
 * A panel's load whose request the session gives up (Quo: Refresh drops every answer under way, a replaced key
 * disposes the session) loads again instead of saying "Loading" for good.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import { WELL_KNOWN } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import { activateForTest, eventually, startFromReady, startSuiteSandbox } from './helpers.js';

describe('A panel whose load the session gave up', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: 20 });
    api = await activateForTest(sandbox.url);
  });

  beforeEach(() => startFromReady(api, sandbox));

  after(async () => {
    sandbox.setFaults({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('loads again after Quo: Refresh dropped its request, and shows the contact', async () => {
    sandbox.setFaults({ latencyMs: 800 });
    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.thirdContactId);
    await eventually(() => (api.panelHtml(WELL_KNOWN.thirdContactId)?.includes('data-state="loading"') ? true : undefined));
    // Drops every answer under way: the panel's request among them.
    await vscode.commands.executeCommand('quo.refresh');
    sandbox.setFaults({});
    const html = await eventually(() => {
      const current = api.panelHtml(WELL_KNOWN.thirdContactId);
      return current && !current.includes('data-state="loading"') ? current : undefined;
    });
    assert.match(html, /Somerville/);
  });
});
