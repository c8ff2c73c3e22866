// Stands in for the VS Code binary so that @vscode/test-electron's runTests() works offline: it accepts the
// command line runTests gives VS Code, starts code-server and a headless chromium, loads the workbench with the
// test paths in its `payload` parameter, prints what the extension host's tests print and exits with their code.
//
// Environment:
//   QUO_TEST_SETTINGS     JSON object merged into the user settings (e.g. {"quo.apiBaseUrl": "http://127.0.0.1:PORT"})
//   QUO_HARNESS_TIMEOUT   seconds before the run is abandoned (default 600)
//   QUO_HARNESS_LOGS      folder for the run's logs, unfiltered (default test-output/harness-logs): code-server.log,
//                         workbench.log, and VS Code's own logs under vscode/
//   QUO_HARNESS_VERBOSE=1 also print the browser console and all workbench log lines
//   QUO_HARNESS_KEEP=1    keep the temporary folder
// Every other variable reaches code-server and so the extension host.
import { appendFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './browser.js';
import { createSandbox, removeSandbox, startCodeServer, stopAllServers, writeUserSettings } from './codeServer.js';
import { isNoise, isWorkbenchChatter } from './noise.js';
import { parseArgs, workbenchUrl } from './launcherArgs.js';
import { OUTPUT_DIR } from './paths.js';

function settingsFromEnv(): Record<string, unknown> {
  const raw = process.env['QUO_TEST_SETTINGS'];
  if (raw === undefined || raw === '') return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('QUO_TEST_SETTINGS must be a JSON object');
  return parsed as Record<string, unknown>;
}

function logDir(): string {
  return path.resolve(process.env['QUO_HARNESS_LOGS'] ?? path.join(OUTPUT_DIR, 'harness-logs'));
}

/** VS Code's log files, handed over by the workbench when the extension host exits. */
function writeVsCodeLogs(logs: unknown): void {
  if (!Array.isArray(logs)) return;
  const dir = path.join(logDir(), 'vscode');
  for (const log of logs as { relativePath?: unknown; contents?: unknown }[]) {
    if (typeof log.relativePath !== 'string' || typeof log.contents !== 'string') continue;
    const file = path.resolve(dir, log.relativePath);
    if (!file.startsWith(dir + path.sep)) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, log.contents);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.extensionTestsPath === undefined) throw new Error('--extensionTestsPath is required');
  for (const p of [...args.extensionDevelopmentPaths, args.extensionTestsPath, ...(args.open ? [args.open] : [])]) statSync(p);
  const timeoutSeconds = Number(process.env['QUO_HARNESS_TIMEOUT'] ?? 600);
  const verbose = process.env['QUO_HARNESS_VERBOSE'] === '1';

  const logs = logDir();
  rmSync(logs, { recursive: true, force: true });
  mkdirSync(logs, { recursive: true });
  const codeServerLog = path.join(logs, 'code-server.log');
  const workbenchLog = path.join(logs, 'workbench.log');

  const sandbox = createSandbox();
  let browser: Promise<Browser> | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> => {
    cleaning ??= (async () => {
      // Also a browser or server still starting up: their files are in the sandbox about to be removed.
      const launched = await browser?.catch(() => undefined);
      await launched?.close().catch(() => undefined);
      await stopAllServers();
      removeSandbox(sandbox);
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // `on`, not `once`: the signal often comes twice (to the whole process group, and forwarded by runTests),
    // and a second one with no listener would kill the launcher before it has stopped code-server.
    process.on(signal, () => {
      if (cleaning === undefined) console.error(`[harness] ${signal}: stopping VS Code`);
      void cleanup().then(() => process.exit(130));
    });
  }

  try {
    writeUserSettings(sandbox, settingsFromEnv());
    // After a signal nothing new may start: cleanup has already looked for what to stop.
    const stillWanted = (): void => {
      if (cleaning !== undefined) throw new Error('stopped by a signal');
    };
    const server = await startCodeServer({
      sandbox,
      workspaceTrust: process.env['QUO_HARNESS_WORKSPACE_TRUST'] === '1',
      locale: args.locale,
      onLine: (line) => {
        appendFileSync(codeServerLog, `${line}\n`);
        if (verbose) console.error(`[code-server] ${line}`);
      },
    });
    stillWanted();
    browser = launchBrowser(sandbox);
    const { page } = await newPage(await browser);

    let resolve!: (code: number) => void;
    let reject!: (error: Error) => void;
    const result = new Promise<number>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Both must exist before the workbench starts: it checks for them when the extension host starts and exits.
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      // Mocha's reporters log with format strings ('%s', '%d'), which arrive here unformatted.
      const text = format(...logArgs);
      appendFileSync(workbenchLog, `${type} ${text}\n`);
      if (!verbose && (isNoise(text) || isWorkbenchChatter(type, text))) return;
      (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number, vscodeLogs: unknown) => {
      writeVsCodeLogs(vscodeLogs);
      resolve(code);
    });
    page.on('crash', () => reject(new Error('the workbench page crashed')));
    page.on('console', (message) => {
      if (verbose) console.error(`[browser ${message.type()}] ${message.text()}`);
    });
    page.on('pageerror', (error) => {
      if (verbose) console.error(`[browser error] ${error.message}`);
    });
    void server.exited.then(() => reject(new Error('code-server exited before the tests finished')));
    setTimeout(() => reject(new Error(`the tests did not finish within ${timeoutSeconds} s`)), timeoutSeconds * 1000).unref();
    await page.goto(workbenchUrl(server.url, args));
    const code = await result;
    if (code !== 0) console.error(`[harness] the extension host exited with ${code}; logs of the run: ${path.relative(process.cwd(), logs)}`);
    return code;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[harness] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
