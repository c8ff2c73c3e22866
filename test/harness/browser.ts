// Debian's chromium driven by playwright-core. Never `npx playwright install`: it downloads a browser build.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { sandboxEnv, type Sandbox } from './codeServer.js';
import { CHROMIUM_BIN } from './paths.js';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Big enough for the sidebar, an editor and a panel side by side in screenshots. */
export const VIEWPORT = { width: 1440, height: 900 } as const;

export async function launchBrowser(sandbox: Sandbox): Promise<Browser> {
  if (!existsSync(CHROMIUM_BIN)) {
    throw new Error(`${CHROMIUM_BIN} is missing: run \`npm run test:prepare\` (it installs Debian's chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    env: sandboxEnv(sandbox),
    // Playwright would otherwise exit the process on these signals, before the harness has stopped code-server
    // and removed its temporary folder. The harness closes the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // Clipboard commands (copy a phone number, an id) need the permission in a headless page.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  return { context, page };
}
