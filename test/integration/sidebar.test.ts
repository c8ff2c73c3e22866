/**
 * The Quo sidebar in a real VS Code, against a sandbox this suite starts inside the extension host (so it can count
 * listing requests and inject faults): the view lists pinned, recent, in-this-file and all contacts across many pages,
 * the search finds contacts by name, by a differently written number and by email, and problems show as items.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SidebarTestApi } from '../../src/sidebar/sidebarTestApi.js';
import type { QuoTestApi } from '../../src/testApi.js';
import { HOSTILE_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import type { Sandbox } from '../sandbox/server.js';
import { activateForTest, eventually, openDocument, startSuiteSandbox } from './helpers.js';

/** Several pages of 50, and every well-known and hostile contact. */
const CONTACTS = 1000;

/** The sidebar's part of the test API (wired by extension.ts as `sidebar`). */
function sidebarOf(api: QuoTestApi): SidebarTestApi {
  const sidebar = (api as unknown as { sidebar?: SidebarTestApi }).sidebar;
  if (!sidebar) {
    throw new Error('The test API has no `sidebar`: createTestApi must expose Sidebar.testApi().');
  }
  return sidebar;
}

function count(description: string | undefined): number {
  return Number((description ?? '').replace(/\D/g, ''));
}

describe('Quo sidebar', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;
  let sidebar: SidebarTestApi;

  before(async () => {
    sandbox = await startSuiteSandbox({ contacts: CONTACTS });
    api = await activateForTest(sandbox.url);
    sidebar = sidebarOf(api);
    sandbox.resetStats();
  });

  after(async () => {
    for (const id of sidebar.pinnedIds()) {
      await vscode.commands.executeCommand('quo.unpinContact', id);
    }
    await vscode.workspace.getConfiguration('quo').update('sidebar.groupBy', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  it('contributes its commands and settings', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of [
      'quo.searchContacts',
      'quo.refreshContacts',
      'quo.pinContact',
      'quo.unpinContact',
      'quo.copyContactId',
      'quo.copyContactPhone',
      'quo.copyContactEmail',
      'quo.openContactInQuo',
    ]) {
      assert.ok(commands.includes(command), command);
    }
    const config = vscode.workspace.getConfiguration('quo');
    assert.equal(config.inspect('sidebar.groupBy')?.defaultValue, 'letter');
    assert.equal(config.inspect('index.refreshMinutes')?.defaultValue, 30);
    assert.equal(config.inspect('index.persist')?.defaultValue, false);
    assert.equal(config.inspect('defaultCountry')?.defaultValue, 'US');
  });

  it('lists nothing until the view is opened, then every contact across pages', async () => {
    // Give a stray sync the chance to show itself: none may start while the view is closed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(sandbox.stats.byRoute.listContacts, 0);
    await vscode.commands.executeCommand('workbench.view.extension.quo');
    await eventually(() => (sandbox.stats.byRoute.listContacts > 0 ? true : undefined));
    const state = await sidebar.syncIndex();
    assert.equal(state.status, 'complete');
    assert.equal(sidebar.indexState().size, CONTACTS);
    assert.ok(sandbox.stats.byRoute.listContacts >= CONTACTS / 50);

    const roots = await sidebar.items([]);
    const all = roots.find((item) => item.label === 'All contacts');
    assert.equal(count(all?.description), CONTACTS);
    const groups = await sidebar.items(['All contacts']);
    assert.ok(groups.length > 5, `groups: ${groups.map((group) => group.label).join(' ')}`);
    assert.equal(
      groups.reduce((sum, group) => sum + count(group.description), 0),
      CONTACTS,
    );
    const a = await sidebar.items(['All contacts', 'A']);
    const ada = a.find((item) => item.label === 'Ada Lovelace');
    assert.ok(ada, 'Ada Lovelace is under A');
    assert.equal(ada.description, `${WELL_KNOWN.company} · ${WELL_KNOWN.role}`);
    assert.equal(ada.command, 'quo.openContact');
    assert.deepEqual(ada.args, [WELL_KNOWN.contactId]);
    assert.match(ada.contextValue ?? '', /^contact\+phone\+email$/);
  });

  it('shows hostile names as one line of inert text', async () => {
    const others = await sidebar.items(['All contacts', '#']);
    const img = others.find((item) => item.label.startsWith('<img'));
    assert.ok(img, 'the <img> contact is listed under #');
    for (const item of others) {
      assert.doesNotMatch(item.label, /[\u0000-\u001f\u202a-\u202e]/, item.label);
    }
    assert.ok(sidebar.search('onerror').some((hit) => hit.id === HOSTILE_IDS.imgTag));
  });

  it('groups by company when asked', async () => {
    await vscode.workspace.getConfiguration('quo').update('sidebar.groupBy', 'company', vscode.ConfigurationTarget.Global);
    const inCompany = await eventually(async () => {
      const labels = await sidebar.children(['All contacts']);
      return labels.includes(WELL_KNOWN.company) ? sidebar.children(['All contacts', WELL_KNOWN.company]) : undefined;
    });
    for (const name of ['Ada Lovelace', 'Charles Babbage', 'Mary Somerville']) {
      assert.ok(inCompany.includes(name), name);
    }
    await vscode.workspace.getConfiguration('quo').update('sidebar.groupBy', undefined, vscode.ConfigurationTarget.Global);
    await eventually(async () => ((await sidebar.children(['All contacts'])).includes('A') ? true : undefined));
  });

  it('pins and unpins, in the tree and in the contact panel', async () => {
    await vscode.commands.executeCommand('quo.pinContact', WELL_KNOWN.contactId);
    assert.deepEqual(sidebar.pinnedIds(), [WELL_KNOWN.contactId]);
    assert.equal((await sidebar.children([]))[0], 'Pinned');
    const [pinned] = await sidebar.items(['Pinned']);
    assert.equal(pinned?.label, 'Ada Lovelace');
    assert.match(pinned?.contextValue ?? '', /^contact\.pinned\+/);

    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.contactId);
    await eventually(() => (api.panelHtml(WELL_KNOWN.contactId)?.includes('aria-pressed="true"') ? true : undefined));
    await vscode.commands.executeCommand('quo.unpinContact', WELL_KNOWN.contactId);
    assert.deepEqual(sidebar.pinnedIds(), []);
    assert.ok(!(await sidebar.children([])).includes('Pinned'));
    await eventually(() => (api.panelHtml(WELL_KNOWN.contactId)?.includes('aria-pressed="false"') ? true : undefined));
  });

  it('lists the contacts opened recently', async () => {
    await vscode.commands.executeCommand('quo.openContact', WELL_KNOWN.thirdContactId);
    // The panel adds the contact once it has loaded it; earlier tests may already have filled Recent.
    const recent = await eventually(async () => {
      const roots = await sidebar.children([]);
      const labels = roots.includes('Recent') ? await sidebar.children(['Recent']) : [];
      return labels.includes('Mary Somerville') ? labels : undefined;
    });
    assert.equal(recent[0], 'Mary Somerville', 'the last opened comes first');
  });

  it('lists the contacts a file mentions by id, shared number and email, with their lines', async () => {
    const document = await openDocument(
      [`owner: ${WELL_KNOWN.contactId}`, '', 'main line (415) 555-0100', '', 'cc mary@analytical-engines.example'].join('\n'),
    );
    await vscode.commands.executeCommand('workbench.view.extension.quo');
    await vscode.window.showTextDocument(document, { preserveFocus: false });
    const items = await eventually(async () => {
      await sidebar.scanNow();
      const roots = await sidebar.children([]);
      if (!roots.includes('In this file')) {
        return undefined;
      }
      const found = await sidebar.items(['In this file']);
      return found.length === 3 ? found : undefined;
    });
    assert.deepEqual(
      items.map((item) => [item.label, item.description?.split(' · ')[0]]),
      [
        ['Ada Lovelace', 'lines 1, 3'],
        ['Charles Babbage', 'line 3'],
        ['Mary Somerville', 'lines 3, 5'],
      ],
    );
    assert.deepEqual(await sidebar.children(['In this file', 'Mary Somerville']), ['Line 3', 'Line 5']);

    const mary = items[2];
    assert.ok(mary?.command);
    await vscode.commands.executeCommand(mary.command, ...(mary.args ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), document.uri.toString());
    assert.equal(editor?.selection.start.line, 2);
    assert.equal(document.getText(editor?.selection), '(415) 555-0100');
  });

  it('settles "Looking up" for an id-shaped string that is not a contact, without the user typing', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.quo');
    // A 24-hex build hash: Quo answers 404, which used to fire no event, so the section kept "Looking up 1 id…".
    const document = await openDocument(`build ${WELL_KNOWN.missingContactId} for ${WELL_KNOWN.contactId}`);
    await vscode.window.showTextDocument(document, { preserveFocus: false });
    await vscode.commands.executeCommand('quo.refresh');
    await sidebar.scanNow();
    const settled = await eventually(async () => {
      const labels = await sidebar.children(['In this file']).catch(() => [] as string[]);
      return labels.includes('Ada Lovelace') && !labels.some((label) => label.startsWith('Looking up')) ? labels : undefined;
    }, 50);
    assert.ok(!settled.some((label) => label.startsWith('Looking up')), JSON.stringify(settled));
  });

  it('reads at most 2 MB of a huge file for In this file', async () => {
    const filler = `${'x'.repeat(99)}\n`.repeat(40_000);
    await openDocument(`${WELL_KNOWN.contactId}\n${filler}`);
    const before = sidebar.scanStats();
    await sidebar.scanNow();
    const after = sidebar.scanStats();
    assert.equal(after.scans, before.scans + 1);
    assert.ok(after.charsRead - before.charsRead <= 2_000_000, `read ${after.charsRead - before.charsRead}`);
    assert.ok((await sidebar.children(['In this file'])).includes('Ada Lovelace'));
  });

  it('finds contacts by name, a differently written number, email and with a typo', () => {
    assert.equal(sidebar.search('Ada Lovelace')[0]?.id, WELL_KNOWN.contactId);
    const byPhone = sidebar.search('(415) 555-0123');
    assert.equal(byPhone[0]?.id, WELL_KNOWN.contactId);
    assert.match(byPhone[0]?.detail ?? '', /Phone: \(415\) 555-0123/, 'the matched number as people in the US read it');
    assert.equal(sidebar.search(WELL_KNOWN.email)[0]?.id, WELL_KNOWN.contactId);
    assert.ok(sidebar.search('Lovelase').some((hit) => hit.id === WELL_KNOWN.contactId));
    const shared = sidebar.search('+1 415 555 0100').map((hit) => hit.id);
    for (const id of WELL_KNOWN.sharedPhoneContactIds) {
      assert.ok(shared.includes(id), id);
    }
  });

  it('says it is rate limited and retrying, as an item, then recovers', async () => {
    sandbox.setFaults({ rateLimitedForMs: 120_000, routes: ['listContacts'] });
    const state = await sidebar.syncIndex();
    assert.equal(state.status, 'error');
    const [first] = await sidebar.items(['All contacts']);
    assert.equal(first?.label, 'Rate limited by Quo, retrying');
    // What was listed before stays.
    assert.equal(sidebar.indexState().size, CONTACTS);
    sandbox.setFaults({});
    assert.equal((await sidebar.syncIndex()).status, 'complete');
    const [again] = await sidebar.children(['All contacts']);
    assert.equal(again, 'A');
  });
});
