// Checks the harness itself, first of all suites (build-integration.ts puts this file first): when these fail,
// the other failures say nothing about the extension.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WELL_KNOWN } from '../sandbox/generate.js';
import { EXTENSION_ID, activeExtension, sandboxKey, sandboxUrl, workspaceFolder } from './env.js';

describe('harness smoke', () => {
  it('loads and activates the extension under development', async () => {
    const extension = await activeExtension();
    assert.equal(extension.id, EXTENSION_ID);
    assert.equal(extension.isActive, true);
  });

  it('registers quo.refresh', async () => {
    await activeExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('quo.refresh'), 'quo.refresh is not among the registered commands');
  });

  it('opens the fixture workspace', async () => {
    const folder = workspaceFolder();
    assert.equal(folder.name, 'workspace');
    const notes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'notes.md'));
    assert.ok(Buffer.from(notes).toString('utf8').includes(WELL_KNOWN.contactId));
  });

  it('passes the harness environment to the extension host', async () => {
    assert.equal(process.env['QUO_TEST_API'], '1');
    assert.equal(process.env['QUO_API_KEY'], sandboxKey());
    // The sandbox runs in the harness's process; reaching it with the key proves the URL and key are the real ones.
    const response = await fetch(`${sandboxUrl()}/v1/contacts/${WELL_KNOWN.contactId}`, { headers: { Authorization: sandboxKey() } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { data: { defaultFields: { firstName: string } } };
    assert.equal(body.data.defaultFields.firstName, WELL_KNOWN.firstName);
  });

  it('applies the user settings the harness wrote', () => {
    assert.equal(vscode.workspace.getConfiguration('quo').get('apiBaseUrl'), sandboxUrl());
  });
});
