/**
 * The Get Started walkthrough as someone who installed the extension from the Marketplace meets it: VS Code offers
 * it, the connect step is done for a user who already has a key, and the other steps tick themselves off when their
 * action runs (the hover of a contact card, the search, the sidebar). The screenshot is docs/images/walkthrough.png.
 *
 * Runs after editor.test.ts and sidebar.test.ts (mocha sorts the files), which set the key and already did all of
 * that once: VS Code counts a step's event once per window, so the window is reloaded with the progress reset.
 */
import assert from 'node:assert/strict';
import { ui } from './session.js';
import {
  closeQuickInput,
  markStepIncomplete,
  openWalkthrough,
  parkPointer,
  runCommand,
  runStepButton,
  screenshot,
  showHover,
  waitForCommand,
  waitForStep,
  waitForWorkbench,
  walkthroughStep,
} from './workbench.js';

const TITLE = 'Get Started with Quo Contacts';
const STEPS = ['connect', 'hover', 'sidebar', 'search', 'openContact'];

describe('the Get Started walkthrough', () => {
  it('is offered by "Welcome: Open Walkthrough..." and shows its five steps', async () => {
    const { page } = ui();
    const offered = await openWalkthrough(page, TITLE);
    assert.ok(offered.includes(TITLE), `offered: ${JSON.stringify(offered)}`);
    for (const step of STEPS) await walkthroughStep(page, step).waitFor();
    assert.match(await walkthroughStep(page, 'hover').innerText(), /Hover a contact id/);
  });

  it('shows the connect step done after a restart for a user who has a key', async function () {
    this.timeout(180_000);
    const { page } = ui();
    // The Quo sidebar hidden before the reload, so that it is not shown again at start-up (its step is tested below).
    await runCommand(page, 'View: Show Explorer');
    await runCommand(page, 'Developer: Reset Welcome Page Walkthrough Progress');
    await runCommand(page, 'Developer: Reload Window');
    await waitForWorkbench(page);
    await waitForCommand(page, 'Quo: Refresh');
    await openWalkthrough(page, TITLE);
    // The key stored by the earlier tests makes the connection ready, which completes the step without a click.
    await waitForStep(page, 'connect', true, 30_000);
  });

  it('ticks off the hover, search and sidebar steps when their actions run', async () => {
    const { page } = ui();
    await openWalkthrough(page, TITLE);
    for (const step of ['hover', 'search', 'sidebar', 'openContact']) await markStepIncomplete(page, step);

    // The sample note opens beside the walkthrough with the cursor in a contact id of the user's workspace.
    await runStepButton(page, 'hover', 'Open a Sample Note');
    // Keys pressed before the note's editor has focus would land in the walkthrough or in the note as text.
    await page.locator('.editor-group-container.active .tab.active', { hasText: 'sample note' }).waitFor();
    await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor();
    await showHover(page, /Open Contact/);
    await page.keyboard.press('Escape');
    // The note is an untitled buffer: reverted, it closes without asking to be saved.
    await runCommand(page, 'View: Revert and Close Editor');
    // The note may have covered the walkthrough: bring it back to read its steps.
    await openWalkthrough(page, TITLE);
    await waitForStep(page, 'hover');

    // From the step's own button, as the walkthrough offers it.
    await runStepButton(page, 'search', 'Search Contacts');
    // The step completes when the command runs; the search stays open (the page's focus move has already happened).
    await page.locator('.quick-input-widget:not(.quick-input-widget-closing)', { hasText: 'Quo: Search Contacts' }).waitFor();
    await closeQuickInput(page);
    await openWalkthrough(page, TITLE);
    await waitForStep(page, 'search');

    await runStepButton(page, 'sidebar', 'Open the Quo Sidebar');
    await page.locator('.pane-body .monaco-list').filter({ hasText: 'All contacts' }).first().waitFor();
    await waitForStep(page, 'sidebar');
    // Nothing above opened a contact.
    await waitForStep(page, 'openContact', false, 1_000);
    await parkPointer(page);
    await screenshot(page, 'walkthrough');
  });
});
