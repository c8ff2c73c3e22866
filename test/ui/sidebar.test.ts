/**
 * The sidebar as a person uses it: open the Quo view, see the contacts the open note mentions and the whole
 * workspace, then search for a contact by a differently written phone number and open it.
 */
import assert from 'node:assert/strict';
import { WELL_KNOWN } from '../sandbox/generate.js';
import { ui } from './session.js';
import { answerInput, openFile, parkPointer, quickInput, runCommand, screenshot, webview } from './workbench.js';

describe('the Quo sidebar', () => {
  it('shows the contacts of the open note and of the workspace', async () => {
    const { page, quo } = ui();
    // The contact panel restored by the reload test may hold the focus, and a webview can swallow Quick Open's keys.
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Quo: Set API Key');
    await answerInput(page, quo.key);
    await openFile(page, 'notes/2025-11-14-call-notes.md');
    await runCommand(page, 'View: Show Quo');
    const tree = page.locator('.pane-body .monaco-list').filter({ hasText: 'All contacts' }).first();
    await tree.getByText('In this file').first().waitFor();
    await tree.getByText('Ada Lovelace').first().waitFor();
    await tree.getByText(/All contacts/).first().waitFor();
    assert.ok(await tree.getByText('In this file').first().isVisible());
    await parkPointer(page);
    await screenshot(page, 'sidebar');
  });

  it('finds a contact by a differently written phone number and opens it', async () => {
    const { page } = ui();
    await runCommand(page, 'Quo: Search Contacts');
    const box = quickInput(page).locator('input');
    await box.waitFor({ state: 'visible' });
    // Ada's mobile is stored as +14155550123.
    await box.fill('(415) 555-0123');
    // The row of the search's answer, which says where it matched: before it arrives the list is the empty query's
    // (recent and first contacts, Ada among them), and Enter on an item being replaced picks nothing.
    const row = quickInput(page).locator('.monaco-list-row', { hasText: 'Ada Lovelace' }).filter({ hasText: /555.0123/ }).first();
    await row.waitFor();
    await screenshot(page, 'search');
    await page.keyboard.press('Enter');
    await webview(page).getByText(WELL_KNOWN.role).first().waitFor();
  });
});
