/**
 * What a person does with the packaged extension: set the key through the palette, hover an id in a note, open the
 * contact, read it in the panel. Screenshots land in test-output/ui/ (the best are copied to docs/images/).
 */
import assert from 'node:assert/strict';
import { positionOf } from '../harness/demoWorkspace.js';
import { ACTIVITY, HOSTILE_IDS, WELL_KNOWN } from '../sandbox/generate.js';
import { PERCENT_ENCODED } from './fixtures.js';
import { ui } from './session.js';
import { activeEditor, answerFirstKey, answerInput, closeQuickInput, goTo, openFile, parkPointer, quickInput, runCommand, screenshot, showHover, waitForSavedState, webview } from './workbench.js';

const NOTE = 'notes/2025-11-14-call-notes.md';

describe('contacts in the editor', () => {
  it('refuses a key Quo does not accept, with Quo\'s message, and stores nothing', async () => {
    const { page, workspace } = ui();
    await runCommand(page, 'Quo: Set API Key');
    await answerInput(page, 'not-a-real-key');
    await page.getByText(/Quo refused this API key/).first().waitFor();
    await screenshot(page, 'wrong-key');
    // Nothing was stored: a hover still says there is no key.
    await openFile(page, NOTE);
    const at = positionOf(workspace, NOTE, WELL_KNOWN.contactId);
    await goTo(page, at.line, at.column + 3);
    await showHover(page, /No Quo API key is set/);
    await page.keyboard.press('Escape');
  });

  it('sets the key through the palette and shows a contact card on hover', async () => {
    const { page, quo, workspace } = ui();
    await runCommand(page, 'Quo: Set API Key');
    // With no workspace yet, Set API Key adds the first, named after its first Quo line unless the user says otherwise.
    const suggested = await answerFirstKey(page, quo.key, 'Sandbox');
    assert.equal(suggested, quo.workspace.phoneNumbers[0]?.name, 'the first line names the workspace');
    await page.getByText('Quo API key saved.').first().waitFor();
    await openFile(page, NOTE);
    const at = positionOf(workspace, NOTE, WELL_KNOWN.contactId);
    await goTo(page, at.line, at.column + 3);
    const hover = await showHover(page, /Lovelace/);
    const text = await hover.innerText();
    assert.match(text, /Analytical Engines · Chief Mathematician/);
    assert.match(text, /Open Contact/);
    assert.ok(!text.includes(quo.key), 'the key is not in the hover');
    await screenshot(page, 'hover');
    await page.keyboard.press('Escape');
  });

  it('opens the contact under the cursor in a panel that shows every field', async () => {
    const { page, quo, workspace } = ui();
    await openFile(page, NOTE);
    const at = positionOf(workspace, NOTE, WELL_KNOWN.contactId);
    await goTo(page, at.line, at.column + 3);
    await runCommand(page, 'Quo: Open Contact');
    const panel = webview(page);
    await panel.getByText(WELL_KNOWN.company).first().waitFor();
    const body = await panel.locator('body').innerText();
    for (const value of [WELL_KNOWN.firstName, WELL_KNOWN.lastName, WELL_KNOWN.role, WELL_KNOWN.email, WELL_KNOWN.externalId]) {
      assert.ok(body.includes(value), `${value} is in the panel`);
    }
    assert.ok(!body.includes(quo.key), 'the key is not in the panel');
    await parkPointer(page);
    await screenshot(page, 'panel');
  });
});

describe('contact activity in the panel', () => {
  it('shows Ada\'s calls and messages below her fields, and a call\'s summary on expand', async () => {
    const { page } = ui();
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Quo: Open Contact');
    await answerInput(page, ACTIVITY.historyContactId);
    const panel = webview(page);
    await panel.getByText(WELL_KNOWN.company).first().waitFor();
    // Filled in by postMessage after the fields: her newest item is a message on the main line.
    await panel.getByText('Thanks, the invoice arrived. Could we move Thursday’s call to 3 pm?').first().waitFor({ timeout: 30_000 });
    const section = panel.locator('#activity');
    assert.match(await section.innerText(), /Alan Turing/, 'a teammate\'s call on the shared line');
    assert.match(await section.innerText(), /3 of 5 lines checked/, 'the budget note');
    const call = section.locator(`details[data-call-id="${ACTIVITY.summarizedCallId}"]`);
    await call.locator('summary').click();
    await call.getByText('Ada asked for the November invoice to be split by engine.').waitFor({ timeout: 30_000 });
    assert.equal(await call.evaluate((element) => (element as HTMLDetailsElement).open), true);
    await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await parkPointer(page);
    await screenshot(page, 'panel-activity');
  });
});

describe('the Accounts menu', () => {
  it('lists the Quo workspace as "<name> · <key\'s fingerprint> (Quo)", read as a person would', async () => {
    const { page } = ui();
    await page.locator('.activitybar [aria-label^="Accounts"]').first().click();
    // The label names the key too: VS Code remembers which extensions may use an account by its label.
    const account = page.locator('.monaco-menu .action-label', { hasText: /Sandbox · [0-9a-f]{8} \(Quo\)/ });
    await account.first().waitFor();
    assert.equal(await page.locator('.monaco-menu .action-label', { hasText: /Sign in with Quo/ }).count(), 0, 'signed in: no sign-in entry left');
    await screenshot(page, 'accounts-menu');
    await page.keyboard.press('Escape');
    await account.first().waitFor({ state: 'hidden' });
  });
});

describe('Quo: Switch Workspace… by keyboard', () => {
  it('adds a second workspace (the Accounts menu lists both), switches back with the keyboard, and the status bar names the active one', async () => {
    const { page, secondKey } = ui();
    const statusItem = (name: string) => page.locator('.statusbar-item:has(.codicon-organization)', { hasText: name });
    await runCommand(page, 'Quo: Add Workspace…');
    await answerFirstKey(page, secondKey, 'Staging');
    try {
      await statusItem('Staging').first().waitFor();
      // The Accounts menu lists both workspaces, read as a person would.
      await page.locator('.activitybar [aria-label^="Accounts"]').first().click();
      for (const name of ['Sandbox', 'Staging']) {
        await page.locator('.monaco-menu .action-label', { hasText: new RegExp(`${name} · [0-9a-f]{8} \\(Quo\\)`) }).first().waitFor();
      }
      await page.keyboard.press('Escape');
      await page.locator('.monaco-menu').first().waitFor({ state: 'hidden' });
      await runCommand(page, 'Quo: Switch Workspace…');
      const rows = quickInput(page).locator('.monaco-list-row');
      await rows.filter({ hasText: 'Sandbox' }).first().waitFor();
      const labels = await rows.locator('.label-name').allInnerTexts();
      assert.deepEqual([...labels].sort(), ['Sandbox', 'Staging']);
      // The quick input fades in: a screenshot taken at once catches it half drawn.
      await page.waitForTimeout(300);
      await screenshot(page, 'workspace-switcher');
      // The active workspace is the one marked; the focus starts on the first row: arrow down to Sandbox, then Enter.
      assert.equal(await rows.filter({ hasText: /active in this window/ }).locator('.label-name').innerText(), 'Staging');
      for (let row = 0; row < labels.indexOf('Sandbox'); row++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await quickInput(page).waitFor({ state: 'hidden' });
      await statusItem('Sandbox').first().waitFor();
    } finally {
      // Leave one workspace for the tests that follow: Remove Workspace…, then the confirmation's Remove button.
      await closeQuickInput(page);
      await runCommand(page, 'Quo: Remove Workspace…');
      await quickInput(page).locator('.monaco-list-row', { hasText: 'Staging' }).first().waitFor();
      await page.keyboard.type('Staging');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Remove', exact: true }).click();
    }
    await statusItem('Sandbox').first().waitFor({ state: 'hidden' });
  });
});

describe('hostile values as VS Code renders them', () => {
  it('shows a company of "$(terminal)" as text in the hover, never as an icon', async () => {
    const { page, workspace } = ui();
    const file = 'notes/security-review.md';
    await openFile(page, file);
    const at = positionOf(workspace, file, HOSTILE_IDS.commandLink);
    await goTo(page, at.line, at.column + 3);
    const hover = await showHover(page, /evil\.example/);
    assert.match(await hover.innerText(), /\$\(terminal\)/, 'the value reads as typed');
    assert.equal(await hover.locator('.codicon-terminal').count(), 0, 'no icon drawn from a value');
    await page.keyboard.press('Escape');
  });
});

describe('command links as VS Code opens them', () => {
  it('opens exactly the id the link was made for, percent escapes and all', async () => {
    const { page, workspace } = ui();
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, PERCENT_ENCODED.file);
    const at = positionOf(workspace, PERCENT_ENCODED.file, PERCENT_ENCODED.id);
    await goTo(page, at.line, at.column + 3);
    const hover = await showHover(page, new RegExp(PERCENT_ENCODED.lastName));
    await hover.getByRole('link', { name: /Open Contact/ }).first().click();
    // Decoded once too often, the link would open "QT-7", which Quo does not have.
    const panel = webview(page);
    await panel.getByText('Legacy Imports').first().waitFor();
    assert.match(await panel.locator('body').innerText(), new RegExp(`${PERCENT_ENCODED.firstName} ${PERCENT_ENCODED.lastName}`));
    assert.equal(await panel.getByText(/not found|no contact/i).count(), 0, 'the panel found the contact');
  });

  it('opens exactly that id from the document link too (Ctrl+click)', async () => {
    const { page } = ui();
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, PERCENT_ENCODED.file);
    // The line is laid out again when the inline name arrives next to the link, which detaches the link's element:
    // click once the name is drawn, as a person would, not while the line is still changing.
    await activeEditor(page).locator('.view-line', { hasText: `${PERCENT_ENCODED.firstName} ${PERCENT_ENCODED.lastName}` }).first().waitFor();
    const link = activeEditor(page).locator('.detected-link', { hasText: 'QT-7' }).first();
    await link.waitFor();
    await link.click({ modifiers: ['Control'] });
    await webview(page).getByText('Legacy Imports').first().waitFor();
    assert.match(await webview(page).locator('body').innerText(), new RegExp(PERCENT_ENCODED.lastName));
  });
});

describe('the connection state in the status bar', () => {
  it('shows a refused key in the rendered status bar, and Retry Connection clears it', async () => {
    const { page, quo } = ui();
    await openFile(page, NOTE);
    quo.setFaults({ wrapped401: true });
    try {
      // Dropping the cache makes the inline names of the note ask Quo again, and Quo now refuses the key.
      await runCommand(page, 'Quo: Refresh');
      const item = page.locator('.statusbar-item', { hasText: 'Quo: key refused' });
      await item.first().waitFor();
      assert.match(await item.first().innerText(), /Quo: key refused/);
      await screenshot(page, 'status-key-refused');
    } finally {
      quo.setFaults({});
    }
    await runCommand(page, 'Quo: Retry Connection');
    await page.locator('.statusbar-item', { hasText: 'Quo: key refused' }).first().waitFor({ state: 'hidden' });
    // The one notification a refused key gets would sit over the next test's panel.
    await runCommand(page, 'Notifications: Clear All Notifications');
  });
});

/** How the web workbench saves an open contact panel (its webview view type, as VS Code names it inside). */
const CONTACT_PANEL_SAVED = 'mainThreadWebview-quo.contact';

describe('the contact panel after a window reload', function () {
  // A reload restarts the workbench and the extension host on 2 cores shared with the browser: the panel's own
  // wait below (90 s) must fit in the test's.
  this.timeout(120_000);
  it('comes back with its contact', async () => {
    const { page } = ui();
    await runCommand(page, 'View: Close All Editors');
    // A panel of an earlier test may still be in the saved state: the one looked for below must be this test's.
    await waitForSavedState(page, CONTACT_PANEL_SAVED, false);
    await runCommand(page, 'Quo: Open Contact');
    await answerInput(page, WELL_KNOWN.thirdContactId);
    await webview(page).getByText('Somerville').first().waitFor();
    // The reload reads the editors back from what the workbench saved; it saves them on idle, not surely at unload.
    await waitForSavedState(page, CONTACT_PANEL_SAVED, true);
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor();
    // Restored by the panel serializer from the id the webview saved, then loaded again from Quo.
    await webview(page).getByText('Somerville').first().waitFor({ timeout: 90_000 });
  });
});

describe('editing a contact by keyboard', () => {
  it('opens Mary, edits her company from the keyboard, saves, and the hover on her link shows the new company', async () => {
    const { page, workspace } = ui();
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Quo: Open Contact');
    await answerInput(page, WELL_KNOWN.thirdContactId);
    const panel = webview(page);
    await panel.getByText('Somerville').first().waitFor();
    const edit = panel.getByRole('button', { name: /^Edit/ });
    await edit.focus();
    await page.keyboard.press('Enter');
    const company = panel.getByLabel('Company', { exact: true });
    await company.waitFor();
    await company.focus();
    await company.press('Control+A');
    await company.pressSequentially('Royal Society of London');
    assert.equal(await company.inputValue(), 'Royal Society of London');
    await parkPointer(page);
    await screenshot(page, 'edit-form');
    const save = panel.getByRole('button', { name: 'Save', exact: true });
    await save.focus();
    await page.keyboard.press('Enter');
    // Saved: the panel shows the contact again, with Quo's answer.
    await panel.getByText('Royal Society of London').first().waitFor();
    await company.waitFor({ state: 'detached' });
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, NOTE);
    const at = positionOf(workspace, NOTE, WELL_KNOWN.thirdContactId);
    await goTo(page, at.line, at.column + 3);
    await showHover(page, /Royal Society of London/);
    await page.keyboard.press('Escape');
  });
});

describe('a teammate\'s change while editing', () => {
  it('shows what changed on each side before anything is written, and Keep theirs reloads the form', async () => {
    const { page, quo } = ui();
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Quo: Open Contact');
    await answerInput(page, WELL_KNOWN.thirdContactId);
    const panel = webview(page);
    await panel.getByText('Somerville').first().waitFor();
    await panel.getByRole('button', { name: /^Edit/ }).click();
    const role = panel.getByLabel('Role', { exact: true });
    await role.waitFor();
    await role.fill('Astronomer');
    quo.changeContact(WELL_KNOWN.thirdContactId, { defaultFields: { role: 'Polymath' } });
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await panel.getByRole('button', { name: 'Keep theirs' }).waitFor();
    const region = await panel.locator('body').innerText();
    assert.match(region, /Polymath/);
    assert.match(region, /Astronomer/);
    assert.equal(quo.contact(WELL_KNOWN.thirdContactId)?.defaultFields.role, 'Polymath', 'nothing written');
    await parkPointer(page);
    await screenshot(page, 'edit-conflict');
    await panel.getByRole('button', { name: 'Keep theirs' }).click();
    await panel.getByLabel('Role', { exact: true }).waitFor();
    assert.equal(await panel.getByLabel('Role', { exact: true }).inputValue(), 'Polymath');
    await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
  });
});
