/**
 * Several Quo workspaces in one window: the sandbox serves two keys with different contacts. The harness's
 * QUO_API_KEY is one more workspace ("from the environment"); each test says which it expects.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QuoTestApi } from '../../src/testApi.js';
import type { ApiContact } from '../sandbox/wire.js';
import type { Sandbox } from '../sandbox/server.js';
import { activateForTest, eventually, HARNESS_KEY, hoverText, openDocument, startSuiteSandbox } from './helpers.js';

const ACME_KEY = 'quo-acme-workspace-key';
const BETA_KEY = 'quo-beta-workspace-key';
const GAMMA_KEY = 'quo-gamma-workspace-key';

describe('Several Quo workspaces', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let api: QuoTestApi;
  const added: string[] = [];

  before(async () => {
    sandbox = await startSuiteSandbox({
      contacts: 20,
      otherWorkspaces: [
        { key: ACME_KEY, contacts: 20, seed: 101 },
        { key: BETA_KEY, contacts: 20, seed: 202 },
        { key: GAMMA_KEY, contacts: 20, seed: 303 },
      ],
    });
    api = await activateForTest(sandbox.url);
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', false, vscode.ConfigurationTarget.Global);
    // A visible sidebar lists every workspace that becomes active; these tests count single contact requests, so the
    // Quo view (opened by the sidebar suite) is closed.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  after(async () => {
    for (const id of added) await api.workspaces.remove(id);
    await vscode.workspace.getConfiguration('quo').update('inlineNames.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
  });

  /** A generated contact that only the workspace of `key` has. */
  function ownContact(key: string): ApiContact {
    const mine = sandbox.otherContacts.get(key) ?? [];
    const elsewhere = new Set([...sandbox.contacts, ...[...sandbox.otherContacts].filter(([k]) => k !== key).flatMap(([, c]) => c)].map((c) => c.id));
    const contact = mine.find((c) => !elsewhere.has(c.id) && c.defaultFields.lastName !== null);
    if (!contact) throw new Error(`no contact of its own in ${key}`);
    return contact;
  }

  async function hoverOf(id: string): Promise<string> {
    const document = await openDocument(`ticket for ${id} today`);
    return hoverText(document, new vscode.Position(0, 'ticket for '.length + 3));
  }

  it('starts with the environment\'s key as the only workspace', async () => {
    const list = await api.workspaces.list();
    assert.deepEqual(list.map((w) => [w.source, w.active]), [['environment', true]]);
    assert.equal(api.statusBar(), undefined, 'one workspace and no trouble: no status bar item');
  });

  it('adds two workspaces, names the active one in the status bar, and shows only its contacts', async () => {
    const acme = await api.workspaces.add(ACME_KEY, 'Acme');
    const beta = await api.workspaces.add(BETA_KEY, 'Beta');
    added.push(acme, beta);
    assert.equal(await api.workspaces.add(ACME_KEY, 'Acme again'), 'duplicate', 'a key is never stored twice');
    const list = await api.workspaces.list();
    assert.deepEqual(list.map((w) => w.name), ['Acme', 'Beta', list[2]?.name]);
    assert.equal(list.find((w) => w.active)?.name, 'Beta', 'the workspace just added is active');
    const accounts = await api.workspaces.accounts();
    // The label names the key too (a short fingerprint): VS Code remembers an extension's access by account label.
    assert.deepEqual(accounts.map((a) => a.label.replace(/ · [0-9a-f]{8}$/, '')), list.map((w) => w.name), 'each workspace is an account in the Accounts menu');
    assert.ok(accounts.every((a) => / · [0-9a-f]{8}$/.test(a.label)), accounts.map((a) => a.label).join(', '));
    assert.ok(!accounts.some((a) => a.label.includes(ACME_KEY) || a.label.includes(BETA_KEY)), 'no key in a label');
    assert.ok(accounts.every((a) => a.hasToken), 'a session carries its key, for an extension the user allowed');

    const betaContact = ownContact(BETA_KEY);
    const acmeContact = ownContact(ACME_KEY);
    assert.match(await hoverOf(betaContact.id), new RegExp(betaContact.defaultFields.lastName ?? ''));
    assert.equal(await eventually(() => api.statusBar()?.text), '$(organization) Beta');
    assert.doesNotMatch(await hoverOf(acmeContact.id), new RegExp(acmeContact.defaultFields.lastName ?? '-'), 'not Beta\'s contact');

    sandbox.resetStats();
    await api.workspaces.switchTo(acme);
    await eventually(() => (api.statusBar()?.text === '$(organization) Acme' ? true : undefined));
    assert.match(await hoverOf(acmeContact.id), new RegExp(acmeContact.defaultFields.lastName ?? ''));
    assert.ok(sandbox.stats.authorizations.includes(ACME_KEY), 'the hover asked with Acme\'s key');
    assert.ok(!sandbox.stats.authorizations.includes(BETA_KEY), 'nothing was sent with the other key after the switch');
  });

  it('a switch clears nothing: a workspace\'s contacts show again without a request, and an answer in flight lands in the workspace that asked', async () => {
    const list = await api.workspaces.list();
    const acme = list.find((w) => w.name === 'Acme');
    const beta = list.find((w) => w.name === 'Beta');
    assert.ok(acme?.active && beta);
    const [first, second] = (sandbox.otherContacts.get(BETA_KEY) ?? []).filter((c) => c.defaultFields.lastName !== null && c.id !== ownContact(ACME_KEY).id);
    assert.ok(first && second);

    sandbox.resetStats();
    await api.workspaces.switchTo(beta.id);
    assert.match(await hoverOf(ownContact(BETA_KEY).id), new RegExp(ownContact(BETA_KEY).defaultFields.lastName ?? ''));
    assert.equal(sandbox.stats.byRoute.getContact, 0, 'Beta\'s contact was still cached: no request on the switch back');

    // Beta asks for a contact, slowly; Acme becomes active before the answer arrives.
    const asked = second.id === ownContact(BETA_KEY).id ? first : second;
    sandbox.setFaults({ latencyMs: 1500, routes: ['getContact'] });
    const pending = hoverOf(asked.id);
    await eventually(() => (sandbox.stats.byRoute.getContact === 1 ? true : undefined));
    await api.workspaces.switchTo(acme.id);
    await pending;
    sandbox.setFaults({});
    sandbox.resetStats();
    await api.workspaces.switchTo(beta.id);
    assert.match(await hoverOf(asked.id), new RegExp(asked.defaultFields.lastName ?? ''), 'the answer landed in Beta\'s cache');
    assert.equal(sandbox.stats.byRoute.getContact, 0, 'and was not asked again');
    await api.workspaces.switchTo(acme.id);
    assert.equal(sandbox.stats.byRoute.getContact, 0);
  });

  it('a panel keeps the workspace it was opened in and names it, and the view\'s description names the active one', async () => {
    const list = await api.workspaces.list();
    const acme = list.find((w) => w.name === 'Acme');
    const beta = list.find((w) => w.name === 'Beta');
    assert.ok(acme?.active && beta);
    const contact = ownContact(ACME_KEY);
    const lastName = contact.defaultFields.lastName ?? '';
    assert.equal(await eventually(() => api.sidebar.viewDescription()), 'Acme');
    await vscode.commands.executeCommand('quo.openContact', contact.id);
    const opened = await eventually(() => (api.panelHtml(contact.id)?.includes(lastName) ? api.panelHtml(contact.id) : undefined));
    assert.match(opened, /class="workspace"[^>]*>.*Acme<\/p>/, 'the header names the workspace');

    sandbox.resetStats();
    await api.workspaces.switchTo(beta.id);
    assert.equal(await eventually(() => (api.sidebar.viewDescription() === 'Beta' ? 'Beta' : undefined)), 'Beta');
    await api.panelPost(contact.id, { type: 'refresh' });
    const refreshed = await eventually(() => (api.panelHtml(contact.id)?.includes('data-state="ready"') ? api.panelHtml(contact.id) : undefined));
    assert.ok(refreshed.includes(lastName), 'still Acme\'s contact while Beta is active');
    assert.match(refreshed, /class="workspace"[^>]*>.*Acme<\/p>/);
    assert.doesNotMatch(refreshed, /data-action="togglePin"/, 'pins are the active workspace\'s list');
    assert.deepEqual(sandbox.stats.authorizations, [ACME_KEY], 'the refresh asked with Acme\'s key');

    // Restored panels: one whose workspace is gone says so; one saved before workspaces existed takes the active one.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.restorePanel({ contactId: contact.id, workspaceId: 'removed-long-ago' });
    assert.equal(await eventually(() => (api.panelHtml(contact.id)?.includes('data-state="workspace-removed"') ? true : undefined)), true);
    assert.ok(!(api.panelHtml(contact.id) ?? '').includes(lastName), 'no stale data');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const betaContact = ownContact(BETA_KEY);
    await api.restorePanel({ contactId: betaContact.id });
    const restored = await eventually(() => (api.panelHtml(betaContact.id)?.includes('data-state="ready"') ? api.panelHtml(betaContact.id) : undefined));
    assert.ok(restored.includes(betaContact.defaultFields.lastName ?? '-'));
    assert.match(restored, new RegExp(`data-workspace-id="${beta.id}"`), 'saved with the active workspace from now on');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.workspaces.switchTo(acme.id);
  });

  it('the sidebar lists the active workspace\'s contacts, and a switch back shows them again without listing', async () => {
    const list = await api.workspaces.list();
    const acme = list.find((w) => w.name === 'Acme');
    const beta = list.find((w) => w.name === 'Beta');
    assert.ok(acme?.active && beta);
    const acmeContact = ownContact(ACME_KEY);
    const betaContact = ownContact(BETA_KEY);
    const found = (contact: ApiContact): boolean =>
      api.sidebar.search(contact.defaultFields.lastName ?? '').some((item) => item.id === contact.id);

    assert.equal((await api.sidebar.syncIndex()).status, 'complete');
    assert.equal(api.sidebar.indexState().size, sandbox.otherContacts.get(ACME_KEY)?.length);
    assert.ok(found(acmeContact) && !found(betaContact), 'Acme\'s contacts only');

    await api.workspaces.switchTo(beta.id);
    assert.equal((await api.sidebar.syncIndex()).status, 'complete');
    assert.ok(found(betaContact) && !found(acmeContact), 'Beta\'s contacts only');

    sandbox.resetStats();
    await api.workspaces.switchTo(acme.id);
    await eventually(() => (found(acmeContact) && api.sidebar.indexState().status === 'complete' ? true : undefined));
    assert.ok(!found(betaContact));
    assert.equal(sandbox.stats.byRoute.listContacts, 0, 'shown again from this window\'s listing, not listed again');
  });

  it('a refused key in one workspace leaves the others as they were, and keeps its own state', async () => {
    const acme = (await api.workspaces.list()).find((w) => w.name === 'Acme');
    assert.ok(acme?.active);
    const contact = ownContact(ACME_KEY);
    const refused = await api.workspaces.add('quo-key-no-workspace-has', 'Refused');
    added.push(refused);
    await hoverOf(contact.id);
    assert.equal(await eventually(() => (api.connectionState() === 'key-refused' ? 'key-refused' : undefined)), 'key-refused');

    await api.workspaces.switchTo(acme.id);
    assert.equal(api.connectionState(), 'ready', 'Acme never saw the refusal');
    assert.match(await hoverOf(contact.id), new RegExp(contact.defaultFields.lastName ?? ''));
    sandbox.resetStats();
    await api.workspaces.switchTo(refused);
    assert.equal(api.connectionState(), 'key-refused', 'the refused workspace still says so');
    assert.equal(sandbox.stats.total, 0, 'without asking again');

    assert.equal(await api.workspaces.remove(refused), true);
    added.splice(added.indexOf(refused), 1);
    await api.workspaces.switchTo(acme.id);
  });

  it('Sign Out in the Accounts menu removes that workspace, and cannot remove the environment\'s', async () => {
    const list = await api.workspaces.list();
    const beta = list.find((w) => w.name === 'Beta');
    const acme = list.find((w) => w.name === 'Acme');
    assert.ok(beta && acme?.active);
    const betaContact = ownContact(BETA_KEY);
    await api.workspaces.switchTo(beta.id);
    await vscode.commands.executeCommand('quo.openContact', betaContact.id);
    await eventually(() => (api.panelHtml(betaContact.id)?.includes('data-state="ready"') ? true : undefined));
    await api.workspaces.switchTo(acme.id);
    // An account is the workspace with its key: its id is the workspace's id and the key's fingerprint.
    const betaAccount = (await api.workspaces.accounts()).find((account) => account.id.startsWith(`${beta.id}.`));
    assert.ok(betaAccount, 'Beta is an account');
    await api.workspaces.signOut(betaAccount.id);
    added.splice(added.indexOf(beta.id), 1);
    await eventually(() => (api.panelHtml(betaContact.id)?.includes('data-state="workspace-removed"') ? true : undefined));
    assert.ok(!(api.panelHtml(betaContact.id) ?? '').includes(betaContact.defaultFields.lastName ?? '-'), 'the removed workspace\'s contact is gone');
    await api.panelPost(betaContact.id, { type: 'openInActiveWorkspace' });
    await eventually(() => (api.panelHtml(betaContact.id)?.includes('data-state="not-found"') ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const after = await api.workspaces.accounts();
    assert.ok(!after.some((a) => a.label.startsWith('Beta · ')));
    const environment = after.find((a) => a.id.startsWith('environment.'));
    assert.ok(environment, 'the environment workspace is an account');
    await api.workspaces.signOut(environment.id);
    assert.ok((await api.workspaces.accounts()).some((a) => a.id === environment.id), 'QUO_API_KEY is not ours to remove');
  });

  it('a workspace removed in another window (its key gone from SecretStorage) is not asked with again here', async () => {
    const acme = (await api.workspaces.list()).find((w) => w.name === 'Acme');
    assert.ok(acme);
    const gamma = await api.workspaces.add(GAMMA_KEY, 'Gamma');
    added.push(gamma);
    const contact = ownContact(GAMMA_KEY);
    assert.match(await hoverOf(contact.id), new RegExp(contact.defaultFields.lastName ?? ''));
    await api.workspaces.removeKeyElsewhere(gamma);
    sandbox.resetStats();
    assert.doesNotMatch(await hoverOf(contact.id), new RegExp(contact.defaultFields.lastName ?? '-'), 'not shown from a removed workspace');
    assert.ok(!sandbox.stats.authorizations.includes(GAMMA_KEY), 'no request with the removed key');
    assert.equal(api.hasKey(), false, 'this window has no key until another workspace is chosen');
    await api.workspaces.remove(gamma);
    added.splice(added.indexOf(gamma), 1);
    await api.workspaces.switchTo(acme.id);
  });

  it('removing the active workspace switches to another with no request sent with the removed key', async () => {
    const list = await api.workspaces.list();
    const acme = list.find((w) => w.name === 'Acme');
    assert.ok(acme?.active);
    sandbox.resetStats();
    assert.equal(await api.workspaces.remove(acme.id), true);
    added.splice(added.indexOf(acme.id), 1);
    const after = await api.workspaces.list();
    assert.deepEqual(after.map((w) => w.name).includes('Acme'), false);
    assert.ok(after.some((w) => w.active), 'another workspace took over');
    await hoverOf(ownContact(ACME_KEY).id);
    assert.ok(!sandbox.stats.authorizations.includes(ACME_KEY), 'the removed key is never sent again');
    assert.notEqual(HARNESS_KEY, ACME_KEY);
  });
});
