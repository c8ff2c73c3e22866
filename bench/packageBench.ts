/**
 * What users download: the minified bundle and the packaged .vsix. Both are built in a scratch copy of the project
 * (sources and manifest, with node_modules linked), so a benchmark run never replaces the dist/ that a running
 * VS Code test is loading.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { below, errorText, notMeasured, round, type Figure } from './measure.js';

const run = promisify(execFile);
/** npm run bench runs in the project root. */
const ROOT = resolve(process.cwd());
/** Build output, caches and large folders the build never reads. */
const NOT_COPIED = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'dist-vsix', 'out', 'test-output']);

const BUNDLE = join('dist', 'extension.js');
const VSIX = join('dist-vsix', 'quo-contacts.vsix');

function scratchCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'quo-bench-'));
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => {
      const top = relative(ROOT, source).split(sep)[0] ?? '';
      return !NOT_COPIED.has(top);
    },
  });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

function kilobytes(path: string): number {
  return round(statSync(path).size / 1024, 1);
}

export async function packageSizes(): Promise<Figure[]> {
  let copy: string | undefined;
  try {
    copy = scratchCopy();
    const figures: Figure[] = [];
    try {
      await run(process.execPath, ['esbuild.mjs', '--production'], { cwd: copy, maxBuffer: 16 * 1024 * 1024 });
      const bundle = join(copy, BUNDLE);
      figures.push({ name: 'bundle_kb', value: kilobytes(bundle), unit: 'KB', target: below(200) });
    } catch (error) {
      figures.push(notMeasured('bundle_kb', 'KB', below(200), `node esbuild.mjs --production failed: ${firstLine(error)}`));
    }
    try {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      await run(npm, ['run', 'package', '--silent'], { cwd: copy, maxBuffer: 16 * 1024 * 1024 });
      const vsix = join(copy, VSIX);
      if (!existsSync(vsix)) {
        throw new Error(`npm run package made no ${VSIX}`);
      }
      figures.push({ name: 'vsix_kb', value: kilobytes(vsix), unit: 'KB', target: below(300) });
    } catch (error) {
      figures.push(notMeasured('vsix_kb', 'KB', below(300), `npm run package failed: ${firstLine(error)}`));
    }
    return figures;
  } finally {
    if (copy) {
      rmSync(copy, { recursive: true, force: true });
    }
  }
}

/** The first line that says something: a failed child's stderr, else the error's message. */
function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr : errorText(error);
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /error|fail|cannot|missing/i.test(line)) ??
    text.split('\n')[0] ??
    ''
  ).slice(0, 300);
}
