/**
 * Deleting a contact as a person does it: the panel's Delete button, then the modal that names the contact. Last of
 * the English run (files run in name order): the contact it deletes is gone for the tests after it.
 */
import assert from 'node:assert/strict';
import { ui } from './session.js';
import { answerInput, parkPointer, runCommand, screenshot, webview } from './workbench.js';

describe('deleting a contact', () => {
  it('asks in a modal naming the contact, deletes it in Quo, and closes its panel', async () => {
    const { page, quo } = ui();
    // A generated contact no note or test mentions: the newest one listed before the special ones.
    const target = quo.contacts.find((contact) => contact.defaultFields.firstName && contact.defaultFields.lastName && !/Lovelace|Babbage|Somerville|Noether/.test(contact.defaultFields.lastName ?? ''));
    assert.ok(target, 'a generated contact to delete');
    const name = `${target.defaultFields.firstName} ${target.defaultFields.lastName}`;
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Quo: Open Contact');
    await answerInput(page, target.id);
    const panel = webview(page);
    await panel.getByText(target.defaultFields.lastName ?? '').first().waitFor();
    await panel.getByRole('button', { name: 'Delete contact' }).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.getByText(name).first().waitFor();
    await parkPointer(page);
    await screenshot(page, 'delete-confirmation');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('.tab', { hasText: name }).first().waitFor({ state: 'detached' });
    assert.equal(quo.contact(target.id), undefined, 'deleted in Quo');
  });
});
