/**
 * A workspace added and a key replaced in one window reach the other without a reload: SecretStorage announces every
 * change in every window, and the other window reads the list and the key (with its fingerprint) again. Counted at
 * the sandbox: once the key is replaced in window 1, window 2 sends only the new one.
 * Runs after sharedBudget.test.ts (mocha takes the files in name order): it leaves a stored workspace behind.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ui } from '../session.js';
import { answerFirstKey, answerInput, goTo, openFile, quickInput, runCommand, showHover, waitForCommand, waitForWorkbench } from '../workbench.js';

const FILE = 'logs/two-workspaces.log';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('Workspaces across two windows', function () {
  this.timeout(180_000);
  let second: Page | undefined;

  after(async () => {
    await second?.close();
  });

  it('a workspace added in window 1 is listed in window 2, and a key replaced in window 1 is the only one window 2 sends', async () => {
    const { page, context, quo, server, workspace, secondKey } = ui();
    const secondContacts = quo.otherContacts.get(secondKey) ?? [];
    const secondIds = new Set(secondContacts.map((contact) => contact.id));
    const secondContact = secondContacts.find((contact) => contact.defaultFields.lastName);
    const mainContact = quo.contacts.find((contact) => contact.defaultFields.lastName && !secondIds.has(contact.id));
    assert.ok(secondContact?.defaultFields.lastName && mainContact?.defaultFields.lastName);
    writeFileSync(path.join(workspace.dir, FILE), `second: ${secondContact.id}\nmain: ${mainContact.id}\n`);
    // Window 1 shows nothing that asks Quo: what the sandbox counts after the replacement comes from window 2.
    await runCommand(page, 'View: Close All Editors');

    second = await context.newPage();
    await second.goto(server.url);
    await waitForWorkbench(second);
    await waitForCommand(second, 'Quo: Refresh');

    await runCommand(page, 'Quo: Add Workspace…');
    await answerFirstKey(page, secondKey, 'Second');
    await page.getByText('Quo API key saved.').first().waitFor();

    await runCommand(second, 'Quo: Switch Workspace…');
    try {
      await quickInput(second).locator('.monaco-list-row', { hasText: 'Second' }).first().waitFor({ timeout: 20_000 });
    } catch {
      throw new Error('window 2 never listed the workspace added in window 1: the SecretStorage change did not reach its page');
    }
    await second.keyboard.type('Second');
    await second.keyboard.press('Enter');
    await quickInput(second).waitFor({ state: 'hidden' });
    await openFile(second, FILE);
    await goTo(second, 1, 'second: '.length + 3);
    await showHover(second, new RegExp(secondContact.defaultFields.lastName));
    await second.keyboard.press('Escape');

    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'Quo: Set API Key');
    await answerInput(page, quo.key);
    await page.getByText('Quo API key saved.').first().waitFor();

    quo.resetStats();
    await goTo(second, 2, 'main: '.length + 3);
    await showHover(second, new RegExp(mainContact.defaultFields.lastName));
    await second.keyboard.press('Escape');
    await sleep(5_000);
    const { authorizations } = quo.stats;
    assert.ok(authorizations.includes(quo.key), 'window 2 asked with the new key');
    assert.ok(!authorizations.includes(secondKey), `the replaced key was sent again (${authorizations.length} keys seen)`);
  });
});
