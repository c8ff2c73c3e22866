// One VS Code for the whole UI suite: the packaged .vsix installed into code-server, the sandbox Quo API, the demo
// workspace, and a headless chromium page. Started by the root hooks (hooks.ts); tests reach it through ui().
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateContacts } from '../sandbox/generate.js';
import type { ApiContact } from '../sandbox/wire.js';
import { startSandbox, type Sandbox as QuoSandbox } from '../sandbox/server.js';
import { launchBrowser, newPage } from '../harness/browser.js';
import { packageExtension } from '../harness/build.js';
import {
  createSandbox,
  installExtension,
  removeSandbox,
  startCodeServer,
  writeUserSettings,
  type CodeServer,
  type Sandbox,
} from '../harness/codeServer.js';
import { writeDemoWorkspace, type DemoWorkspace } from '../harness/demoWorkspace.js';
import { installLanguagePack } from '../harness/languagePack.js';
import { OUTPUT_DIR, VSIX_FILE } from '../harness/paths.js';
import { prepare } from '../harness/prepare.js';
import { PERCENT_ENCODED, percentEncodedContact } from './fixtures.js';
import { waitForCommand, waitForWorkbench } from './workbench.js';

export interface UiSession {
  readonly page: Page;
  readonly context: BrowserContext;
  /** The sandbox Quo API; its key is NOT given to the extension: tests set it through the palette. */
  readonly quo: QuoSandbox;
  readonly workspace: DemoWorkspace;
  readonly server: CodeServer;
  /** VS Code's display language; `en` unless the session was started with another. */
  readonly locale: string;
  /** code-server's user data folder (global storage lives under it). */
  readonly userDataDir: string;
  /** A second Quo workspace's key on the same sandbox, with contacts of its own. */
  readonly secondKey: string;
  /** Where code-server installed the packaged extension. */
  readonly extensionsDir: string;
}

export interface UiSessionOptions {
  /**
   * A display language other than English, e.g. `fr`: the test-only language pack is installed and code-server
   * starts with `--locale`. The extension must ship its translations for it.
   */
  readonly locale?: 'fr';
  /** The sandbox's key as `QUO_API_KEY` of code-server, instead of a key set through the palette. */
  readonly environmentKey?: boolean;
  /** How many contacts the sandbox generates (the suite's default otherwise). */
  readonly contacts?: number;
  /** More files for the demo workspace, written from the sandbox's contacts before VS Code starts. */
  readonly files?: (contacts: readonly ApiContact[]) => ReadonlyMap<string, string>;
}

/** Screenshots and logs of the UI suite. */
export const UI_OUTPUT = path.join(OUTPUT_DIR, 'ui');

let current: UiSession | undefined;
let teardown: (() => Promise<void>) | undefined;

/** The running session; only valid inside tests and hooks. */
export function ui(): UiSession {
  if (current === undefined) throw new Error('the UI session is not running (are the root hooks in test/ui/.mocharc.json loaded?)');
  return current;
}

export async function startUiSession(options: UiSessionOptions = {}): Promise<UiSession> {
  prepare();
  // QUO_UI_VSIX=existing to skip packaging while iterating on tests.
  const vsix = process.env['QUO_UI_VSIX'] === 'existing' ? VSIX_FILE : packageExtension();
  const secondKey = `quo-ui-second-${randomBytes(8).toString('hex')}`;
  const quo = await startSandbox({
    key: `quo-ui-${randomBytes(8).toString('hex')}`,
    contacts: [...generateContacts(options.contacts), percentEncodedContact()],
    otherWorkspaces: [{ key: secondKey, contacts: 12, seed: 77 }],
    // The recordings' audio from the sandbox's own /media/ (loopback http, which the extension downloads only
    // because Quo itself is the loopback sandbox), not from the unreachable default storage host.
    recordingsBaseUrl: (url) => `${url}/media`,
  });
  let sandbox: Sandbox | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  teardown = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await quo.close();
    if (sandbox) removeSandbox(sandbox);
  };
  sandbox = createSandbox('quo-ui-');
  mkdirSync(UI_OUTPUT, { recursive: true });
  const serverLog = path.join(UI_OUTPUT, options.locale ? `code-server.${options.locale}.log` : 'code-server.log');
  writeFileSync(serverLog, '');
  installExtension(sandbox, vsix);
  if (options.locale) await installLanguagePack(sandbox);
  const workspace = writeDemoWorkspace(
    path.join(sandbox.root, 'demo-workspace'),
    quo.contacts,
    new Map([...PERCENT_ENCODED.files, ...(options.files?.(quo.contacts) ?? [])]),
  );
  writeUserSettings(sandbox, { 'quo.apiBaseUrl': quo.url, 'quo.idPatterns': [PERCENT_ENCODED.pattern] });
  server = await startCodeServer({
    sandbox,
    open: workspace.dir,
    // A person's VS Code: no smoke-test driver (it would skip dialogs), and no key in the environment unless asked.
    smokeTestDriver: false,
    env: { QUO_API_KEY: options.environmentKey === true ? quo.key : undefined, QUO_TEST_API: undefined },
    locale: options.locale,
    onLine: (line) => appendFileSync(serverLog, `${line}\n`),
  });
  browser = await launchBrowser(sandbox);
  const { context, page } = await newPage(browser);
  await page.goto(server.url);
  await waitForWorkbench(page);
  // The extension's contributions are in: the workbench knows about the installed package (in its language).
  await waitForCommand(page, options.locale === 'fr' ? 'Quo: Actualiser' : 'Quo: Refresh');
  current = { page, context, quo, workspace, server, locale: options.locale ?? 'en', userDataDir: sandbox.userDataDir, secondKey, extensionsDir: sandbox.extensionsDir };
  return current;
}

export async function stopUiSession(): Promise<void> {
  current = undefined;
  await teardown?.();
  teardown = undefined;
}
