/**
 * Every mention of a contact (issue 28) as a person meets it: Shift+F12 on Ada's id opens the peek, which lists the
 * files that name her by id, number, address or link; the contact panel's "Mentioned in" lists them too, and a line
 * opens its file with the mention selected. The mentions folder is the integration suite's (test/ui/fixtures.ts);
 * the peek's screenshot is docs/images/mentions-peek.png. Sets the key itself, so that it also runs alone
 * (`--grep Mentions`).
 */
import assert from 'node:assert/strict';
import { positionOf } from '../harness/demoWorkspace.js';
import { WELL_KNOWN } from '../sandbox/generate.js';
import { MENTIONS } from './fixtures.js';
import { ui } from './session.js';
import { activeEditor, activeTab, goTo, openFile, parkPointer, runCommand, screenshot, setKey, webview } from './workbench.js';

describe('Mentions of a contact', () => {
  before(async () => {
    // After editor.test.ts this replaces the key; run alone, it is the first key.
    const { page, quo } = ui();
    await setKey(page, quo.key);
  });

  it('Shift+F12 on Ada\'s id shows the peek with every file that mentions her', async () => {
    const { page, workspace } = ui();
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, MENTIONS.payload);
    const at = positionOf(workspace, MENTIONS.payload, WELL_KNOWN.contactId);
    await goTo(page, at.line, at.column + 3);
    await page.keyboard.press('Shift+F12');
    // The first scan of the workspace runs on first use: the peek opens once the provider has answered.
    const peek = activeEditor(page).locator('.peekview-widget').first();
    await peek.waitFor({ state: 'visible', timeout: 30_000 });
    const rows = peek.locator('.ref-tree .monaco-list-row');
    await rows.first().waitFor();
    // One row per file (with its folder and count), the lines of the expanded file below it.
    const files = (await peek.locator('.ref-tree .monaco-list-row .reference-file .label-name').allInnerTexts()).map((name) => name.trim());
    for (const name of ['call-notes.md', 'app.log', 'ticket.txt', 'links.md']) {
      assert.ok(files.includes(name), `${name} is in the peek: ${JSON.stringify(files)}`);
    }
    // The demo's own files name her too (notes/2025-11-14-call-notes.md, logs/webhooks.log, ...).
    assert.ok(files.includes('payload.json'), `the file asked from is in the peek: ${JSON.stringify(files)}`);
    // The note that names her by number, shown in the peek's editor: a click on its file opens its lines, a click on
    // its line shows it.
    await rows.filter({ has: page.locator('.reference-file .label-name', { hasText: /^call-notes\.md$/ }) }).first().click();
    await rows.filter({ hasText: MENTIONS.noteNumber }).first().click();
    await peek.locator('.peekview-title .filename', { hasText: 'call-notes.md' }).first().waitFor();
    await peek.locator('.preview .view-line', { hasText: MENTIONS.noteNumber }).first().waitFor();
    await parkPointer(page);
    // The peek slides open: a screenshot taken at once catches it half drawn.
    await page.waitForTimeout(300);
    await screenshot(page, 'mentions-peek');
    await page.keyboard.press('Escape');
    await peek.waitFor({ state: 'hidden' });
  });

  it('lists the files under "Mentioned in" on Ada\'s panel, and a line opens the note there with the number selected', async () => {
    const { page, workspace } = ui();
    await runCommand(page, 'View: Close All Editors');
    // Open Contact on her id in the payload. (Typed into its quick pick, the id can open another recent contact
    // when Enter comes before the pick's list has caught up with the text.)
    await openFile(page, MENTIONS.payload);
    const at = positionOf(workspace, MENTIONS.payload, WELL_KNOWN.contactId);
    await goTo(page, at.line, at.column + 3);
    await runCommand(page, 'Quo: Open Contact');
    const panel = webview(page);
    await panel.getByText(WELL_KNOWN.company).first().waitFor();
    const section = panel.locator('#mentions');
    await section.getByRole('heading', { name: 'Mentioned in' }).waitFor();
    const note = section.locator('.mention-file').filter({ has: panel.locator('.mention-path', { hasText: new RegExp(`^\\s*${MENTIONS.note}\\s*$`) }) });
    await note.first().waitFor({ timeout: 30_000 });
    const listed = (await section.locator('.mention-path').allInnerTexts()).map((text) => text.trim());
    for (const name of MENTIONS.files) {
      assert.ok(listed.includes(`mentions/${name}`), `mentions/${name} is under Mentioned in: ${JSON.stringify(listed)}`);
    }
    const line = note.first().locator('button.mention-line').first();
    assert.match(await line.innerText(), /Line 3/);
    await line.click();
    await activeTab(page).filter({ hasText: 'call-notes' }).waitFor();
    // The fixture's note, not the demo's notes/2025-11-14-call-notes.md.
    await page.locator(`.editor-group-container.active .monaco-editor[data-uri$="/${MENTIONS.note}"]`).first().waitFor();
    // The number is selected, the cursor at its end: line 3, columns 20 to 34.
    const selection = page.locator('#status\\.editor\\.selection');
    await selection.filter({ hasText: `Ln 3, Col ${'Ada rang back from '.length + MENTIONS.noteNumber.length + 1} (${MENTIONS.noteNumber.length} selected)` }).waitFor();
    await parkPointer(page);
  });
});
