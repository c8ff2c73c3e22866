import assert from 'node:assert/strict';
import { ui } from './session.js';
import { closeQuickInput, openPalette, screenshot } from './workbench.js';

describe('workbench with the packaged extension', () => {
  it('lists the extension\'s commands in the command palette', async () => {
    const { page } = ui();
    const palette = await openPalette(page, 'Quo: ');
    const titles = ['Quo: Refresh', 'Quo: Set API Key', 'Quo: Open Contact'];
    for (const title of titles) {
      await palette.locator('.monaco-list-row .label-name', { hasText: title }).first().waitFor();
    }
    const labels = (await palette.locator('.monaco-list-row .label-name').allTextContents()).map((label) => label.trim());
    for (const title of titles) assert.ok(labels.includes(title), `${title} is not in the palette: ${JSON.stringify(labels)}`);
    // A package.nls.json missing from the package shows its keys instead: "Quo: %quo.command.refresh.title%".
    assert.deepEqual(labels.filter((label) => label.includes('%')), [], 'every title is resolved from package.nls.json');
    await screenshot(page, 'command-palette');
    await closeQuickInput(page);
  });
});
