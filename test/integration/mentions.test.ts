/**
 * Every mention of a contact across the workspace (issue 28), in a real VS Code: Find All References on Ada's id
 * finds her in the fixture folder written five ways (test/fixtures/workspace/mentions), not in node_modules; a change
 * on disk and an unsaved edit change the answer; the other ids in those files cost no request; the panel's
 * "Mentioned in" lists the files and opens the right line; Quo: Find Mentions shows them in the peek.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import type { Sandbox } from '../sandbox/server.js';
import { WELL_KNOWN } from '../sandbox/special.js';
import { activateForTest, eventually, startSuiteSandbox } from './helpers.js';
import { workspaceFolder } from './env.js';

const FIXTURES = ['mentions/payload.json', 'mentions/call-notes.md', 'mentions/app.log', 'mentions/ticket.txt', 'mentions/links.md'];

describe('Mentions across the workspace', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;
  let served: string[] = [];
  const root = (): string => workspaceFolder().uri.fsPath;
  /** Files this suite writes; removed after it. */
  const written = ['node_modules/quo-fixture/ada.json', 'mentions/later.txt', 'mentions/scratch.txt'];

  /** Links this suite makes: a folder linked beside its target, and a loop. Neither is followed. */
  const links = ['linked-mentions', 'mentions/loop'];
  const unlinkAll = (): void => {
    for (const link of links) {
      try {
        unlinkSync(path.join(root(), link));
      } catch {
        // Not there.
      }
    }
  };

  const payload = async (): Promise<{ document: vscode.TextDocument; position: vscode.Position }> => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, 'mentions', 'payload.json'));
    const line = document.getText().split('\n').findIndex((text) => text.includes(WELL_KNOWN.contactId));
    const character = (document.lineAt(line).text.indexOf(WELL_KNOWN.contactId)) + 3;
    return { document, position: new vscode.Position(line, character) };
  };

  const references = async (document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[]> =>
    (await vscode.commands.executeCommand<vscode.Location[] | undefined>('vscode.executeReferenceProvider', document.uri, position)) ?? [];

  const relative = (location: vscode.Location): string => vscode.workspace.asRelativePath(location.uri, false);

  before(async () => {
    for (const file of written) {
      rmSync(path.join(root(), file), { force: true });
    }
    // search.exclude leaves node_modules out by default: Ada's id there is no mention.
    mkdirSync(path.join(root(), 'node_modules', 'quo-fixture'), { recursive: true });
    writeFileSync(path.join(root(), 'node_modules', 'quo-fixture', 'ada.json'), `{"owner":"${WELL_KNOWN.contactId}"}\n`);
    unlinkAll();
    symlinkSync('mentions', path.join(root(), 'linked-mentions'), 'dir');
    symlinkSync('.', path.join(root(), 'mentions', 'loop'), 'dir');
    sandbox = await startSuiteSandbox({ contacts: 50, onRequest: (entry) => served.push(entry.url) });
    api = await activateForTest(sandbox.url);
    await vscode.commands.executeCommand('quo.refresh');
    await api.sidebar.syncIndex();
    served = [];
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(path.join(root(), 'node_modules', 'quo-fixture'), { recursive: true, force: true });
    for (const file of written) {
      rmSync(path.join(root(), file), { force: true });
    }
    unlinkAll();
    await sandbox.close();
  });

  it('finds the contact by id, national number, E.164 number, address and link, and nothing in node_modules', async () => {
    const { document, position } = await payload();
    const found = await references(document, position);
    const files = new Set(found.map(relative));
    for (const fixture of FIXTURES) {
      assert.ok(files.has(fixture), `${fixture} in ${[...files].join(', ')}`);
    }
    // notes.md names Ada by id too; nothing else in the workspace does.
    assert.ok(files.has('notes.md'));
    assert.ok(![...files].some((file) => file.startsWith('node_modules')), [...files].join(', '));
    // Through a linked folder or a loop, the same files again: not followed.
    assert.ok(![...files].some((file) => file.startsWith('linked-mentions') || file.startsWith('mentions/loop')), [...files].join(', '));
    assert.equal(found.filter((location) => relative(location) === 'mentions/payload.json').length, 1);
    const note = found.find((location) => relative(location) === 'mentions/call-notes.md');
    assert.deepEqual(
      [note?.range.start.line, note?.range.start.character, note?.range.end.character],
      [2, 'Ada rang back from '.length, 'Ada rang back from (415) 555-0123'.length],
    );
    // Her mobile and the main line she shares (twice); not the log's other caller.
    const log = found.filter((location) => relative(location) === 'mentions/app.log');
    assert.deepEqual(log.map((location) => `${location.range.start.line}:${location.range.start.character}`), ['0:44', '0:60', '1:60']);
    // Ada is in the list: no request for her, and none for Charles's id or the checksum beside her in the payload.
    assert.deepEqual(served.filter((url) => url.startsWith('/v1/contacts/')), []);
  });

  it('on a number: the same answer as on the id; on the shared main line: that number only', async () => {
    const notes = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, 'mentions', 'call-notes.md'));
    const byNumber = await references(notes, new vscode.Position(2, 'Ada rang back from (4'.length));
    const { document, position } = await payload();
    const byId = await references(document, position);
    assert.deepEqual(byNumber.map((location) => `${relative(location)}:${location.range.start.line}`).sort(), byId.map((location) => `${relative(location)}:${location.range.start.line}`).sort());

    const log = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, 'mentions', 'app.log'));
    const shared = await references(log, new vscode.Position(0, log.lineAt(0).text.indexOf('to=+1') + 5));
    assert.ok(shared.length >= 3, `${shared.length} mentions of the main line`);
    for (const location of shared) {
      const text = (await vscode.workspace.openTextDocument(location.uri)).getText(location.range);
      assert.equal(text.replace(/\D/g, '').slice(-10), '4155550100', text);
    }
    assert.deepEqual(served.filter((url) => url.startsWith('/v1/contacts/')), []);
  });

  it('follows a file written on disk and an unsaved edit', async () => {
    const { document, position } = await payload();
    writeFileSync(path.join(root(), 'mentions', 'later.txt'), `Follow up with ${WELL_KNOWN.email} next week.\n`);
    await eventually(async () => ((await references(document, position)).some((location) => relative(location) === 'mentions/later.txt') ? true : undefined));

    // A file of this suite's own, so that nothing can save the edit into a fixture.
    writeFileSync(path.join(root(), 'mentions', 'scratch.txt'), `Reporter: ${WELL_KNOWN.email}
`);
    const isScratch = (location: vscode.Location): boolean => relative(location) === 'mentions/scratch.txt';
    await eventually(async () => ((await references(document, position)).some(isScratch) ? true : undefined));
    const scratch = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, 'mentions', 'scratch.txt'));
    await vscode.window.showTextDocument(scratch);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(scratch.uri, scratch.lineAt(0).range, 'Reporter: someone else');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(scratch.isDirty);
    assert.ok(!(await references(document, position)).some(isScratch), 'the unsaved text counts');
    // Reverted: the file on disk counts again.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!scratch.isDirty);
    await eventually(async () => ((await references(document, position)).some(isScratch) ? true : undefined));
  });

  it('answers nothing on a call id, a hash or plain text, and nothing when turned off', async () => {
    const { document, position } = await payload();
    const checksum = document.getText().split('\n').findIndex((text) => text.includes('checksum'));
    const onHash = await references(document, new vscode.Position(checksum, document.lineAt(checksum).text.indexOf('0123') + 2));
    assert.deepEqual(onHash, []);
    // Asked about, the hash is looked up once like any id (Quo answers 404), and not again.
    assert.ok(served.filter((url) => url.startsWith('/v1/contacts/0123')).length <= 1, 'the hash was asked once at most');
    assert.deepEqual(await references(document, new vscode.Position(checksum, document.lineAt(checksum).text.indexOf('0123') + 2)), []);
    assert.ok(served.filter((url) => url.startsWith('/v1/contacts/0123')).length <= 1, 'and not again');
    // Plain text, and a call id in an unsaved buffer: no contact under the cursor, so no answer.
    const typeLine = document.getText().split('\n').findIndex((text) => text.includes('contact.updated'));
    assert.deepEqual(await references(document, new vscode.Position(typeLine, document.lineAt(typeLine).text.indexOf('contact.updated') + 3)), []);
    const call = await vscode.workspace.openTextDocument({ content: 'call AC0123456789abcdef0123456789abcdef ended', language: 'plaintext' });
    assert.deepEqual(await references(call, new vscode.Position(0, 8)), []);
    await vscode.workspace.getConfiguration('quo').update('mentions.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await eventually(async () => ((await references(document, position)).length === 0 ? true : undefined));
    } finally {
      await vscode.workspace.getConfiguration('quo').update('mentions.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok((await references(document, position)).length >= FIXTURES.length, 'back on: scanned again');
  });

  it('lists the files under Mentioned in on the contact panel, and a line opens the file there', async () => {
    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.contactId);
    const mentionsHtml = (): string | undefined => {
      const posted = api.panelMessages(WELL_KNOWN.contactId).filter((message) => message.type === 'mentions');
      const last = posted[posted.length - 1];
      return last && 'html' in last ? last.html : /data-mentions-body[^>]*>([\s\S]*?)<\/div>\s*<\/section>/.exec(api.panelHtml(WELL_KNOWN.contactId) ?? '')?.[1];
    };
    const html = await eventually(() => {
      const body = mentionsHtml();
      return body !== undefined && body.includes('call-notes.md') && !body.includes('codicon-loading') ? body : undefined;
    });
    for (const fixture of ['payload.json', 'call-notes.md', 'app.log', 'ticket.txt', 'links.md']) {
      assert.ok(html.includes(fixture), fixture);
    }
    assert.ok(!html.includes('node_modules'));
    // The button of the note's line: `<file>:<mention>`, as the page posts it.
    const files = [...html.matchAll(/<li class="mention-file">[\s\S]*?<span>([^<]*)<\/span>/g)].map((match) => match[1] ?? '');
    const fileIndex = files.findIndex((file) => file.endsWith('call-notes.md'));
    assert.ok(fileIndex >= 0, files.join(', '));
    await api.panelPost(WELL_KNOWN.contactId, { type: 'openMention', value: `${fileIndex}:0` });
    const editor = await eventually(() =>
      vscode.window.activeTextEditor?.document.uri.path.endsWith('mentions/call-notes.md') ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.selection.start.line, 2);
    assert.equal(editor.document.getText(editor.selection), '(415) 555-0123');
    // A made-up index opens nothing and throws nothing.
    await api.panelPost(WELL_KNOWN.contactId, { type: 'openMention', value: '999:0' });
  });

  it('Quo: Find Mentions shows them in the peek, from the newest file', async () => {
    const { document, position } = await payload();
    const mentioned = (await references(document, position)).map(relative);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('quo.findMentions', WELL_KNOWN.contactId);
    const editor = await eventually(() => vscode.window.activeTextEditor);
    // The first of the list is the most recently changed file: this suite's own, written last.
    assert.equal(vscode.workspace.asRelativePath(editor.document.uri, false), 'mentions/scratch.txt');
    assert.ok(mentioned.includes('mentions/scratch.txt'));
  });

  it('Quo: Find Mentions from a sidebar contact and from the panel\'s Show All in Peek opens the newest file too', async () => {
    // A tree item hands the command its node; the panel posts `findMentions`.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('quo.findMentions', { kind: 'contact', id: WELL_KNOWN.contactId, name: 'Ada Lovelace' });
    const fromTree = await eventually(() => vscode.window.activeTextEditor);
    assert.equal(vscode.workspace.asRelativePath(fromTree.document.uri, false), 'mentions/scratch.txt');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.contactId);
    await eventually(() => (api.panelHtml(WELL_KNOWN.contactId)?.includes('data-mentions-body') ? true : undefined));
    await api.panelPost(WELL_KNOWN.contactId, { type: 'findMentions' });
    const fromPanel = await eventually(() => vscode.window.activeTextEditor);
    assert.equal(vscode.workspace.asRelativePath(fromPanel.document.uri, false), 'mentions/scratch.txt');
  });
});
