/**
 * Quo Contacts in French, in a VS Code whose display language is French (`--locale fr`, through the test-only
 * language pack, which leaves VS Code's own text in English): the command titles in the palette, the sidebar's
 * welcome and the walkthrough it links to, and the hover's lines come from package.nls.fr.json and
 * l10n/bundle.l10n.fr.json. A fresh session: the key is set here, through the palette, as a person does.
 */
import assert from 'node:assert/strict';
import { positionOf } from '../../harness/demoWorkspace.js';
import { WELL_KNOWN } from '../../sandbox/generate.js';
import { ui } from '../session.js';
import {
  answerFirstKey,
  closeQuickInput,
  goTo,
  openFile,
  openPalette,
  openWalkthrough,
  parkPointer,
  runCommand,
  screenshot,
  showHover,
  walkthroughStep,
  walkthroughTitle,
} from '../workbench.js';

const NOTE = 'notes/2025-11-14-call-notes.md';
const WALKTHROUGH = 'Bien démarrer avec Quo Contacts';

describe('Quo Contacts in French', () => {
  it('lists its commands in the palette with their French titles', async () => {
    const { page, locale } = ui();
    assert.equal(locale, 'fr');
    const titles = ['Quo: Définir la clé d\'API', 'Quo: Ouvrir le contact', 'Quo: Actualiser', 'Quo: Rechercher des contacts'];
    // The palette draws only the rows in sight: each title is looked for with its own query.
    for (const title of titles) {
      const found = await openPalette(page, title);
      await found.locator('.monaco-list-row .label-name', { hasText: title }).first().waitFor();
      await closeQuickInput(page);
    }
    const palette = await openPalette(page, 'Quo: ');
    await palette.locator('.monaco-list-row .label-name', { hasText: titles[0] }).first().waitFor();
    const labels = (await palette.locator('.monaco-list-row .label-name').allTextContents()).map((label) => label.trim());
    // VS Code shows each localized command's English title under it, as a second label: that is by design.
    assert.deepEqual(labels.filter((label) => label.includes('%')), [], 'every title is resolved from package.nls.fr.json');
    await screenshot(page, 'command-palette-fr');
    await closeQuickInput(page);
  });

  it('shows the sidebar\'s welcome in French, whose link opens the walkthrough with its French title', async () => {
    const { page } = ui();
    await runCommand(page, 'View: Show Quo');
    const welcome = page.locator('.welcome-view-content').filter({ hasText: 'Connectez un espace de travail Quo' }).first();
    await welcome.waitFor();
    await welcome.locator('a', { hasText: 'procédure pas à pas Bien démarrer' }).first().click();
    await walkthroughTitle(page, WALKTHROUGH).waitFor();
    assert.match(await walkthroughStep(page, 'connect').innerText(), /Connecter votre espace de travail Quo/);
    assert.match(await walkthroughStep(page, 'hover').innerText(), /Pointer sur l'ID d'un contact/);
    await parkPointer(page);
    await screenshot(page, 'walkthrough-fr');
    // The picker of every walkthrough offers it under its French title too.
    const offered = await openWalkthrough(page, WALKTHROUGH);
    assert.ok(!offered.includes('Get Started with Quo Contacts'), `offered: ${JSON.stringify(offered)}`);
    await runCommand(page, 'View: Close All Editors');
  });

  it('says in French in the hover that no key is set, then shows the card in French once the key is set', async () => {
    const { page, quo, workspace } = ui();
    await openFile(page, NOTE);
    const at = positionOf(workspace, NOTE, WELL_KNOWN.contactId);
    await goTo(page, at.line, at.column + 3);
    const noKey = await showHover(page, /Aucune clé d'API Quo n'est définie/);
    assert.match(await noKey.innerText(), /Définir la clé d'API/, 'the hover offers to set one, in French');
    await page.keyboard.press('Escape');

    await runCommand(page, 'Quo: Définir la clé d\'API');
    await answerFirstKey(page, quo.key, 'Bac à sable');
    await page.getByText('Clé d\'API Quo enregistrée.').first().waitFor();
    await openFile(page, NOTE);
    await goTo(page, at.line, at.column + 3);
    const card = await showHover(page, /Lovelace/);
    const text = await card.innerText();
    assert.match(text, /Ouvrir le contact/);
    assert.match(text, /Ouvrir dans Quo/);
    assert.match(text, /Téléphone\s:/, 'the phone line, with French punctuation');
    await screenshot(page, 'hover-fr');
    await page.keyboard.press('Escape');
  });
});
