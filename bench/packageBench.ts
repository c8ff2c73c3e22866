/**
 * What users download: the minified activation bundle, the phone number parser loaded beside it on first use, and the
 * packaged .vsix; and what loading that parser costs. All are built in a scratch copy of the project (sources and
 * manifest, with node_modules linked), so a benchmark run never replaces the dist/ that a running VS Code test is
 * loading.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { below, errorText, median, notMeasured, REPORTED, round, type Figure } from './measure.js';

const run = promisify(execFile);
/** npm run bench runs in the project root. */
const ROOT = resolve(process.cwd());
/** Build output, caches and large folders the build never reads. */
const NOT_COPIED = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'dist-vsix', 'out', 'test-output']);

const BUNDLE = join('dist', 'extension.js');
const PHONE_BUNDLE = join('dist', 'phone.js');
const CHAT_TOOLS_BUNDLE = join('dist', 'chatTools.js');
/** Fresh processes that each load the phone bundle once. */
const PHONE_LOADS = 5;
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
      figures.push({ name: 'bundle_kb', value: kilobytes(bundle), unit: 'KB', target: below(170) });
      const phone = join(copy, PHONE_BUNDLE);
      figures.push({ name: 'phone_bundle_kb', value: kilobytes(phone), unit: 'KB', target: REPORTED });
      figures.push(await phoneFirstLoad(phone));
      figures.push({ name: 'chat_tools_bundle_kb', value: kilobytes(join(copy, CHAT_TOOLS_BUNDLE)), unit: 'KB', target: REPORTED });
    } catch (error) {
      const why = `node esbuild.mjs --production failed: ${firstLine(error)}`;
      figures.push(notMeasured('bundle_kb', 'KB', below(170), why));
      figures.push(notMeasured('phone_bundle_kb', 'KB', REPORTED, why));
      figures.push(notMeasured('phone_first_load_ms', 'ms', REPORTED, why));
      figures.push(notMeasured('chat_tools_bundle_kb', 'KB', REPORTED, why));
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

/**
 * The synchronous require of dist/phone.js that the first phone number outside the North American plan costs, each
 * time in a fresh Node process (nothing cached but the file), and the first parse after it (compiling the metadata's
 * patterns it uses).
 */
async function phoneFirstLoad(phone: string): Promise<Figure> {
  const script = [
    'const started = performance.now();',
    `const library = require(${JSON.stringify(phone)});`,
    'const loaded = performance.now();',
    "if (library.parsePhone('02079460958', 'GB') !== '+442079460958') throw new Error('dist/phone.js misread a number');",
    'console.log(JSON.stringify({ load: loaded - started, parse: performance.now() - loaded }));',
  ].join('\n');
  const loads: number[] = [];
  const parses: number[] = [];
  for (let i = 0; i < PHONE_LOADS; i++) {
    const { stdout } = await run(process.execPath, ['-e', script]);
    const timing = JSON.parse(stdout) as { load: number; parse: number };
    loads.push(timing.load);
    parses.push(timing.parse);
  }
  return {
    name: 'phone_first_load_ms',
    value: round(median(loads), 2),
    unit: 'ms',
    target: REPORTED,
    note: `require('dist/phone.js') in a fresh process, median of ${PHONE_LOADS}; the first parse after it ${round(median(parses), 2)} ms`,
  };
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
