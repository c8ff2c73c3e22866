/**
 * Deleting a contact as a person does it: the panel's Delete button, then the modal that names the contact. Last of
 * the English run (files run in name order): the contact it deletes is gone for the tests after it.
 */
import assert from 'node:assert/strict';
import { ui } from './session.js';
import { answerInput, parkPointer, quickInput, runCommand, screenshot, webview } from './workbench.js';

describe('creating a contact', () => {
  it('asks its fields in the palette, creates it in Quo, and opens it in a panel with its number formatted', async () => {
    const { page, quo } = ui();
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Quo: Create Contact');
    const box = quickInput(page).locator('input');
    for (const [prompt, value] of [
      ['First name (required)', 'Hedy'],
      ['Last name (optional)', 'Lamarr'],
      ['Company (optional)', 'Frequency Hopping'],
      ['Phone number (optional)', '212 867 5309'],
      ['Email (optional)', 'hedy@hopping.example'],
    ] as const) {
      await quickInput(page).getByText(prompt).first().waitFor();
      await box.fill(value);
      await page.keyboard.press('Enter');
    }
    const panel = webview(page);
    await panel.getByText('Lamarr').first().waitFor();
    assert.match(await panel.locator('body').innerText(), /\(212\) 867-5309/);
    const created = quo.contacts.find((contact) => contact.defaultFields.lastName === 'Lamarr');
    assert.equal(created?.defaultFields.phoneNumbers[0]?.value, '+12128675309', 'saved as E.164');
    assert.equal(created?.defaultFields.emails[0]?.value, 'hedy@hopping.example');
  });
});

describe('deleting a contact', () => {
  it('asks in a modal naming the contact, deletes it in Quo, and closes its panel', async () => {
    const { page, quo } = ui();
    // A generated contact no note or test mentions: the newest one listed before the special ones.
    const target = quo.contacts.find((contact) => contact.defaultFields.firstName && contact.defaultFields.lastName && !/Lovelace|Babbage|Somerville|Noether|Lamarr/.test(contact.defaultFields.lastName ?? ''));
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
