/**
 * Workspace trust. The usual pass runs trusted: the fixture workspace's own id pattern applies. The harness's second
 * pass opens the same workspace with trust on and nobody answering the trust prompt, so it stays in restricted
 * mode: the extension still works, but ignores the workspace's patterns (`restrictedConfigurations`).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WELL_KNOWN } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import { UNTRUSTED_SUITE } from './index.js';
import { activateForTest, hoverText, openDocument, startSuiteSandbox } from './helpers.js';

/** Only the fixture's workspace pattern `ws-(<24 hex>)zz` finds this id: `zz` keeps the built-in detector off it. */
const ONLY_BY_WORKSPACE_PATTERN = `see ws-${WELL_KNOWN.contactId}zz`;

function withSandbox(run: (sandbox: () => Sandbox) => void): void {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: 20 });
    await activateForTest(sandbox.url);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });
  run(() => sandbox);
}

describe('Workspace id patterns in a trusted workspace', function () {
  this.timeout(60_000);
  withSandbox(() => {
    it("applies the workspace's quo.idPatterns", async () => {
      assert.equal(vscode.workspace.isTrusted, true);
      const document = await openDocument(ONLY_BY_WORKSPACE_PATTERN);
      assert.match(await hoverText(document, new vscode.Position(0, 12)), /Lovelace/);
    });
  });
});

describe(`Workspace id patterns ${UNTRUSTED_SUITE}`, function () {
  this.timeout(60_000);
  withSandbox(() => {
    it('works in restricted mode and ignores the workspace\'s quo.idPatterns', async () => {
      assert.equal(vscode.workspace.isTrusted, false, 'the harness opened the workspace untrusted');
      const plain = await openDocument(`owner ${WELL_KNOWN.thirdContactId}`);
      assert.match(await hoverText(plain, new vscode.Position(0, 10)), /Somerville/, 'ids still resolve');
      const patterned = await openDocument(ONLY_BY_WORKSPACE_PATTERN);
      assert.doesNotMatch(await hoverText(patterned, new vscode.Position(0, 12)), /Lovelace/);
    });
  });
});
