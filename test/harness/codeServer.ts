// Starts code-server (VS Code's server and web workbench) under Node 24, sealed inside a temporary folder:
// its HOME, XDG folders, TMPDIR, user data and extensions all live there, so runs neither see nor touch the
// user's own VS Code state and leave nothing behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { isNoise } from './noise.js';
import { CODE_SERVER_ENTRY, NODE24_BIN } from './paths.js';

/** Settings every harness run starts with: no welcome page, no network chatter, no prompts. */
export const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  // The secondary side bar opens with an empty chat view in 1.139: hidden, it leaves room for the editor.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  // The Get Started page moves focus to the step it selects after its 250 ms animation, and a quick input opened
  // meanwhile closes as it loses focus. Without the animation the move is queued with no delay, and the UI helpers
  // let it happen before they go on (settleQueuedFocus in test/ui/workbench.ts).
  'workbench.welcomePage.preferReducedMotion': true,
};

export interface Sandbox {
  /** The temporary folder that holds everything below. */
  root: string;
  home: string;
  tmp: string;
  userDataDir: string;
  extensionsDir: string;
}

/** A fresh temporary folder laid out for one code-server run. */
export function createSandbox(prefix = 'quo-harness-'): Sandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const sandbox: Sandbox = {
    root,
    home: path.join(root, 'home'),
    tmp: path.join(root, 'tmp'),
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
  };
  for (const dir of [sandbox.home, sandbox.tmp, sandbox.userDataDir, sandbox.extensionsDir]) mkdirSync(dir, { recursive: true });
  return sandbox;
}

export function removeSandbox(sandbox: Sandbox): void {
  if (process.env['QUO_HARNESS_KEEP'] === '1') {
    console.error(`[harness] kept ${sandbox.root}`);
    return;
  }
  try {
    rmSync(sandbox.root, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    // A process of the run still writing there; the folder is in the system's temporary folder anyway.
    console.error(`[harness] could not remove ${sandbox.root}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Writes `<user-data-dir>/User/settings.json`, where code-server keeps the user settings. */
export function writeUserSettings(sandbox: Sandbox, settings: Record<string, unknown>): void {
  const dir = path.join(sandbox.userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2)}\n`);
}

/**
 * The environment of a process kept inside the sandbox. Variables that would make code-server act as a client of
 * an enclosing VS Code (VSCODE_IPC_HOOK_CLI and friends) or load loaders into it (NODE_OPTIONS) are dropped.
 */
export function sandboxEnv(sandbox: Sandbox, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|npm_)/i.test(key) || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  Object.assign(env, {
    HOME: sandbox.home,
    TMPDIR: sandbox.tmp,
    XDG_CONFIG_HOME: path.join(sandbox.home, '.config'),
    XDG_DATA_HOME: path.join(sandbox.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(sandbox.home, '.cache'),
    XDG_STATE_HOME: path.join(sandbox.home, '.local', 'state'),
    XDG_RUNTIME_DIR: path.join(sandbox.tmp, 'runtime'),
    PATH: `${path.dirname(NODE24_BIN)}${path.delimiter}${process.env['PATH'] ?? ''}`,
  });
  mkdirSync(env['XDG_RUNTIME_DIR'] as string, { recursive: true, mode: 0o700 });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function commonArgs(sandbox: Sandbox): string[] {
  return [
    '--user-data-dir', sandbox.userDataDir,
    '--extensions-dir', sandbox.extensionsDir,
    '--config', path.join(sandbox.root, 'code-server.yaml'),
  ];
}

/** Installs a packaged extension into the sandbox's extensions folder. Takes about a second. */
export function installExtension(sandbox: Sandbox, vsix: string): void {
  const result = spawnSync(NODE24_BIN, [CODE_SERVER_ENTRY, ...commonArgs(sandbox), '--force', '--install-extension', vsix], {
    env: sandboxEnv(sandbox),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
}

export interface CodeServerOptions {
  sandbox: Sandbox;
  /** Extra environment for the server; it reaches the extension host. `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** Folder or .code-workspace opened when the browser asks for `/` without a `folder` parameter. */
  open?: string;
  /**
   * Lets the workbench take test paths from its `payload` parameter (and skip dialogs during tests). On by
   * default; `npm start` turns it off so the workbench behaves as it does for a user.
   */
  smokeTestDriver?: boolean;
  /** Workspace trust as a user has it: folders open in restricted mode until trusted. Off (trusted) by default. */
  workspaceTrust?: boolean;
  /**
   * VS Code's display language (`fr`). code-server resolves it only through an installed language pack (see
   * installLanguagePack); without one the workbench stays in English.
   */
  locale?: string | undefined;
  /** Each line code-server prints. By default the lines that are not known noise go to stderr. */
  onLine?: (line: string) => void;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  process: ChildProcess;
  /** Resolves when the server process has exited. */
  exited: Promise<void>;
  /** Terminates the server and every process it started (extension host, pty host, file watcher). */
  stop(): Promise<void>;
}

const LISTENING = /HTTP server listening on (http:\/\/[^\s]+)/;

/**
 * Servers still running. Each runs in its own process group, so it would outlive a harness that exits early (a
 * signal during start-up, an uncaught error): on exit the harness kills what is left, synchronously.
 */
const running = new Map<ChildProcess, CodeServer['stop']>();
process.once('exit', () => {
  for (const child of running.keys()) killGroup(child, 'SIGKILL');
});

/** Stops every server this process started, including one still starting up. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running.values()].map((stop) => stop()));
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { sandbox } = options;
  const onLine =
    options.onLine ??
    ((line: string) => {
      if (line.trim() !== '' && !isNoise(line)) console.error(`[code-server] ${line}`);
    });
  const args = [
    CODE_SERVER_ENTRY,
    ...commonArgs(sandbox),
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    ...(options.locale ? ['--locale', options.locale] : []),
    '--ignore-last-opened',
    // Without the smoke-test driver the built workbench ignores the `payload` that carries the test paths.
    ...(options.smokeTestDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
    ...(options.open ? [options.open] : []),
  ];
  // Its own process group, so stop() can end the extension host and the other helpers together with it.
  const child = spawn(NODE24_BIN, args, { env: sandboxEnv(sandbox, options.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      // Helpers that outlived the server itself.
      killGroup(child, 'SIGKILL');
      running.delete(child);
    })();
    return stopping;
  };
  running.set(child, stop);

  const url = await new Promise<string>((resolve, reject) => {
    let found = false;
    const onOutput = (line: string): void => {
      const match = LISTENING.exec(line);
      if (match && !found) {
        found = true;
        resolve(match[1]);
      }
      onLine(line);
    };
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', onOutput);
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', onOutput);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (!found) reject(new Error(`code-server exited before listening (${code ?? signal}); is the port taken?`));
    });
  });

  return { url, port: Number(new URL(url).port), process: child, exited, stop };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
