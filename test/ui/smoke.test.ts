import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
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

  it('installed a production bundle without the test API, whatever dist/ held before packaging', () => {
    // `npm run package` is a bare `vsce package`: only `vscode:prepublish` makes the production build, and the
    // integration suite has just left a development build, test API included, in dist/.
    const { extensionsDir } = ui();
    const installed = readdirSync(extensionsDir).find((name) => name.startsWith('quo-contacts.quo-contacts'));
    assert.ok(installed, `the extension is not in ${extensionsDir}`);
    const bundle = readFileSync(path.join(extensionsDir, installed, 'dist', 'extension.js'), 'utf8');
    // postedCallDetails: the test API's panel recorder (src/panel/panelRecorder.ts), which only the test API imports.
    for (const marker of ['removeKeyElsewhere', 'panelCallDetailsHtml', 'resetCharsScanned', 'postedCallDetails', 'QUO_TEST_API']) {
      assert.ok(!bundle.includes(marker), `the packaged bundle holds the test API (${marker})`);
    }
    assert.ok(!bundle.includes('sourceMappingURL'), 'the packaged bundle is a development build (it has a source map)');
  });
});
