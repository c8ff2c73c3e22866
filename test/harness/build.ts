// Builds what the suites run: the extension bundle and the packaged .vsix, through the project's own scripts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, VSIX_FILE } from './paths.js';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed (${result.status ?? result.signal})`);
}

/** dist/extension.js and the webview bundle, as `npm run build` makes them. */
export function buildExtension(): void {
  run(process.execPath, ['esbuild.mjs']);
}

/** dist-vsix/quo-contacts.vsix, as `npm run package` makes it (a production build). */
export function packageExtension(): string {
  // stdin closed: vsce must never sit waiting for an answer to one of its questions. Its file listing is only
  // worth showing when it failed.
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(VSIX_FILE)) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new Error(`\`npm run package\` failed (${result.status ?? result.signal})`);
  }
  console.log(`[harness] packaged ${path.relative(process.cwd(), VSIX_FILE)}`);
  return VSIX_FILE;
}
