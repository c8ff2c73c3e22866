// Mocha root hooks for the UI suite (loaded by test/ui/.mocharc.json): one VS Code for all tests, and a
// screenshot of every failure under test-output/ui/failures/. test/ui/french/ runs the same hooks with VS Code in
// French, in a mocha run of its own after this one has stopped its VS Code: two never run at once.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Context } from 'mocha';
import { mentionsFiles } from './fixtures.js';
import { startUiSession, stopUiSession, ui, type UiSessionOptions } from './session.js';
import { closeQuickInput, screenshot } from './workbench.js';

export function uiRootHooks(options: UiSessionOptions = {}) {
  return {
    async beforeAll(this: Context): Promise<void> {
      // Packaging, installing and a cold workbench on 2 cores.
      this.timeout(240_000);
      await startUiSession(options);
    },
    async afterEach(this: Context): Promise<void> {
      const test = this.currentTest;
      if (test?.state === 'failed') {
        const name = test.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 120);
        const file = await screenshot(ui().page, `failures/${name}`).catch(() => undefined);
        if (file) console.log(`      screenshot of the failure: ${file}`);
        printLogTails(ui().userDataDir);
      }
      // Each test starts from a workbench without a leftover palette or hover.
      await closeQuickInput(ui().page).catch(() => undefined);
    },
    async afterAll(this: Context): Promise<void> {
      this.timeout(30_000);
      await stopUiSession();
    },
  };
}

// The English run: the mentions folder too (mentions.test.ts).
export const mochaHooks = uiRootHooks({ files: () => mentionsFiles() });

/**
 * CI keeps no files: a failure prints the end of the extension host's logs and of Quo's own (never the key: the log
 * redacts it), so that an intermittent failure there can be read afterwards.
 */
function printLogTails(userDataDir: string): void {
  const logs = path.join(userDataDir, 'logs');
  let files: string[];
  try {
    files = (readdirSync(logs, { recursive: true }) as string[]).filter((file) => /(exthost\d*|quo[^/\\]*)\.log$/i.test(file));
  } catch {
    return;
  }
  for (const file of files) {
    const lines = readFileSync(path.join(logs, file), 'utf8').trimEnd().split('\n').slice(-25);
    console.log(`      --- ${file} (last ${lines.length} lines)\n${lines.map((line) => `      ${line}`).join('\n')}`);
  }
}
