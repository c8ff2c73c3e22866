/**
 * activate_ms is measured where it happens, in the real VS Code of the test harness (code-server from
 * .vscode-test/, prepared if needed): the extension logs the time from its bundle's first line to the end of
 * activate(), split into evaluating the bundle, VS Code preparing the extension's context, and activate() itself.
 * The figure is the extension's own part, evaluating the bundle plus activate(), as the median of 7 starts.
 *
 * Each start is a fresh code-server, browser and extension host, through the harness's launcher (what the
 * integration suite gives runTests as "VS Code"), with bench/activateEntry.ts as the extension-tests entry: it
 * activates the extension 4 s after the extension host started and writes the "Activated in …" line it logged.
 * Activated at onStartupFinished instead, the extension shares 2 cores with the workbench, code-server and the
 * other extensions still starting, and the same code measured 20 to 65 ms (medians 32 to 47 ms from one run of 7 to
 * the next); activated once that has settled it measures its own work (13 to 26 ms, medians 19 to 20 ms). So the
 * scratch copy's manifest leaves out onStartupFinished, and a start where anything else activated the extension
 * first fails. About 13 s a start on 2 cores, 90 to 95 s for the 7 with the build.
 *
 * The extension is a development build (the one the integration suite runs: it carries the test API that hands
 * over its log lines; unminified, its evaluation costs about 2 ms more than the production bundle's) made in a
 * scratch copy of the project, so the dist/ that a running VS Code test is loading is never replaced.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { LAUNCHER } from '../test/harness/paths.js';
import { prepare } from '../test/harness/prepare.js';
import { startSandbox } from '../test/sandbox/server.js';
import { below, errorText, median, notMeasured, round, type Figure } from './measure.js';

const run = promisify(execFile);
const STARTS = 7;
/** npm run bench runs in the project root. */
const ROOT = resolve(process.cwd());
/** Build output, caches and large folders neither the build nor the extension reads. */
const NOT_COPIED = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'dist-vsix', 'out', 'test-output']);
/** The launcher's logs of the last start (code-server, workbench, VS Code's own), kept to look into a failure. */
const LOGS = join(ROOT, 'test-output', 'bench-activate-logs');
/** One start takes about 13 s on 2 cores; a stuck one is abandoned (the launcher stops its code-server itself). */
const START_TIMEOUT_S = 120;

interface Sample {
  readonly evaluating: number;
  readonly preparing: number;
  readonly activating: number;
}

export async function activateTime(): Promise<Figure> {
  const target = below(15);
  try {
    prepare();
  } catch (error) {
    return notMeasured('activate_ms', 'ms', target, `not measured: the harness's VS Code could not be prepared (${errorText(error)})`);
  }
  const copy = scratchCopy();
  try {
    // Activated by the entry once VS Code's start has settled, not by onStartupFinished in the middle of it.
    const manifestFile = join(copy, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { activationEvents?: string[] };
    manifest.activationEvents = (manifest.activationEvents ?? []).filter((event) => event !== 'onStartupFinished');
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    await run(process.execPath, ['esbuild.mjs'], { cwd: copy, maxBuffer: 16 * 1024 * 1024 });
    const entry = join(copy, 'out', 'bench-activate.js');
    await esbuild.build({
      entryPoints: [join(ROOT, 'bench', 'activateEntry.ts')],
      bundle: true,
      outfile: entry,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['vscode'],
      logLevel: 'warning',
    });
    const key = `quo-bench-${randomBytes(8).toString('hex')}`;
    const quo = await startSandbox({ key });
    const samples: Sample[] = [];
    try {
      for (let start = 1; start <= STARTS; start++) {
        samples.push(await startOnce(copy, entry, start, { key, url: quo.url }));
      }
    } finally {
      await quo.close();
    }
    const own = samples.map((sample) => round(sample.evaluating + sample.activating, 2));
    const mid = (pick: (sample: Sample) => number): number => round(median(samples.map(pick)), 2);
    const note =
      `median of ${STARTS} extension host starts of the harness's VS Code, evaluating the bundle plus activate() ` +
      `(development build, activated 4 s after the extension host started): ${own.join(', ')} ms (evaluating + activate() each: ` +
      `${samples.map((sample) => `${sample.evaluating}+${sample.activating}`).join(', ')}); medians of the parts: evaluating the bundle ` +
      `${mid((sample) => sample.evaluating)} ms, activate() ${mid((sample) => sample.activating)} ms, and VS Code ` +
      `preparing the extension's context between them ${mid((sample) => sample.preparing)} ms (not counted)`;
    return { name: 'activate_ms', value: round(median(own), 2), unit: 'ms', target, note };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** One start of VS Code with the extension from `copy`: the parts of its activation, from its log line. */
async function startOnce(copy: string, entry: string, start: number, quo: { key: string; url: string }): Promise<Sample> {
  const out = join(copy, 'out', `activated-${start}.txt`);
  const settings = { 'quo.apiBaseUrl': quo.url, 'chat.disableAIFeatures': false };
  try {
    await run(
      LAUNCHER,
      [join(copy, 'test', 'fixtures', 'workspace'), `--extensionDevelopmentPath=${copy}`, `--extensionTestsPath=${entry}`],
      {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
        timeout: (START_TIMEOUT_S + 30) * 1000,
        env: {
          ...process.env,
          QUO_TEST_API: '1',
          QUO_API_KEY: quo.key,
          QUO_TEST_SETTINGS: JSON.stringify(settings),
          QUO_HARNESS_LOGS: LOGS,
          QUO_HARNESS_TIMEOUT: String(START_TIMEOUT_S),
          QUO_BENCH_ACTIVATE_OUT: out,
        },
      },
    );
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    const tail = `${output.stdout ?? ''}${output.stderr ?? ''}`.trim().split('\n').slice(-5).join(' | ');
    throw new Error(`start ${start} of ${STARTS} failed (${errorText(error).split('\n')[0]}; logs in ${relative(ROOT, LOGS)}): ${tail}`);
  }
  const line = readFileSync(out, 'utf8');
  const figure = (label: string): number => {
    const value = Number(new RegExp(`${label} ([\\d.]+) ms`).exec(line)?.[1]);
    if (!Number.isFinite(value)) throw new Error(`start ${start}: no "${label}" time in the log line: ${line}`);
    return value;
  };
  return {
    evaluating: figure('evaluating the bundle'),
    preparing: figure("preparing the extension's context"),
    activating: figure('activate\\(\\)'),
  };
}

/** The project's sources and manifest, with node_modules linked: what the build and the extension read. */
function scratchCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'quo-bench-activate-'));
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(relative(ROOT, source).split(sep)[0] ?? ''),
  });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}
