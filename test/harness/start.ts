// `npm start`: try the extension without a Quo account. Builds and packages it, starts the sandbox Quo API,
// starts code-server on 127.0.0.1 with the package installed and a demo workspace full of contact ids, and
// prints the URL to open. Ctrl+C stops everything.
//
//   npm start                          code-server on http://127.0.0.1:8080/, sandbox on :4010
//   npm start -- --port 0              any free ports
//   npm start -- --desktop             desktop VS Code (`code` on PATH) with the extension under development
//
// The sandbox key reaches the extension through QUO_API_KEY, which it reads when SecretStorage holds no key
// (in code-server SecretStorage lives in the browser, so nothing can be stored in it beforehand).
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox as QuoSandbox } from '../sandbox/server.js';
import { buildExtension, packageExtension } from './build.js';
import { createSandbox, installExtension, removeSandbox, startCodeServer, writeUserSettings, type CodeServer, type Sandbox } from './codeServer.js';
import { writeDemoWorkspace } from './demoWorkspace.js';
import { isNoise } from './noise.js';
import { CACHE_DIR, REPO_ROOT } from './paths.js';
import { prepare } from './prepare.js';

const USAGE = `Usage: npm start -- [--port 8080] [--sandbox-port 4010] [--desktop]`;

function log(message: string): void {
  console.log(`[start] ${message}`);
}

function port(text: string | undefined, fallback: number): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`invalid port ${JSON.stringify(text)}\n${USAGE}`);
  return value;
}

function hasCode(): boolean {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'sandbox-port': { type: 'string' },
      desktop: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.desktop && !hasCode()) throw new Error('--desktop needs VS Code\'s `code` command on PATH');
  if (!values.desktop) prepare();

  const quo = await startSandbox({
    port: port(values['sandbox-port'], 4010),
    onRequest: (entry) => console.log(`[sandbox] ${entry.method} ${entry.url} -> ${entry.status}`),
  }).catch((error: unknown) => {
    throw new Error(`the sandbox could not start (${error instanceof Error ? error.message : String(error)}); try --sandbox-port 0`);
  });
  const workspace = writeDemoWorkspace(path.join(CACHE_DIR, 'demo-workspace'), quo.contacts);
  const profile = createSandbox('quo-start-');
  writeUserSettings(profile, { 'quo.apiBaseUrl': quo.url, 'workbench.startupEditor': 'readme' });

  let server: CodeServer | undefined;
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server?.stop();
    await quo.close();
    removeSandbox(profile);
  };
  // `on`: Ctrl+C reaches npm and this process both, and a second signal must not kill it half-way through stop().
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop().then(() => process.exit(0)));

  try {
    if (values.desktop) {
      await runDesktop(quo, profile, workspace.dir);
      await stop();
      return;
    }
    const vsix = packageExtension();
    installExtension(profile, vsix);
    server = await startCodeServer({
      sandbox: profile,
      port: port(values.port, 8080),
      open: workspace.dir,
      smokeTestDriver: false,
      env: { QUO_API_KEY: quo.key, QUO_TEST_API: undefined },
      onLine: (line) => {
        if (line.trim() !== '' && !isNoise(line) && /error|exception/i.test(line)) console.error(`[code-server] ${line}`);
      },
    });
    console.log('');
    log(`sandbox Quo API: ${quo.url} (key ${quo.key}, ${quo.contacts.length} contacts)`);
    log(`demo workspace:  ${path.relative(process.cwd(), workspace.dir)}`);
    log(`open VS Code:    ${server.url}`);
    log('Ctrl+C stops it.');
    console.log('');
    await server.exited;
    if (!stopping) throw new Error('code-server stopped unexpectedly');
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Desktop VS Code in its own profile, so the user's settings and extensions stay untouched. */
async function runDesktop(quo: QuoSandbox, profile: Sandbox, folder: string): Promise<void> {
  buildExtension();
  log(`sandbox Quo API: ${quo.url}; opening desktop VS Code (close its window to stop)`);
  const child = spawn(
    'code',
    [
      '--new-window',
      '--wait',
      `--user-data-dir=${profile.userDataDir}`,
      `--extensions-dir=${profile.extensionsDir}`,
      `--extensionDevelopmentPath=${REPO_ROOT}`,
      folder,
    ],
    // Not the sandbox's HOME: desktop VS Code needs the user's display, keyring and fonts.
    { stdio: 'inherit', env: { ...process.env, QUO_API_KEY: quo.key } },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
