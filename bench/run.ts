/**
 * `npm run bench`: runs every benchmark, prints a table, writes bench/results.json as
 * `{"<name>": {"value": n, "unit": "...", "target": "..."}}` (plus a `note` where there is something to say).
 *
 * `npm run bench -- --only search,sync` runs some of them; the names are the groups below or figure names. Their
 * figures replace the same ones in bench/results.json and the others stay, so one figure can be measured again
 * without losing the rest.
 * Heavy ones run one at a time: the machine may be running VS Code tests beside this.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { activateTime } from './activateBench.js';
import { activityFigures } from './activityBench.js';
import { activityPlanTime } from './activityPlanBench.js';
import { detectThroughput } from './detectBench.js';
import { hoverHit, hoverMiss } from './hoverBench.js';
import { indexMemory, searchLatency } from './indexBench.js';
import { mentionFigures } from './mentionsBench.js';
import { atMost, below, errorText, exactly, meets, notMeasured, REPORTED, targetText, type Figure, type Target } from './measure.js';
import { packageSizes } from './packageBench.js';
import { screenFill } from './screenFillBench.js';
import { refreshPeak } from './refreshBench.js';
import { syncPace } from './syncBench.js';
import { toolLookupTime } from './toolBench.js';

interface Group {
  readonly key: string;
  /** The figures it makes, with their units and targets, for reporting a group that failed. */
  readonly figures: readonly { readonly name: string; readonly unit: string; readonly target: Target }[];
  readonly run: () => Promise<Figure | Figure[]> | Figure;
}

/** In running order: memory first, on the quietest heap. */
const GROUPS: readonly Group[] = [
  { key: 'memory', figures: [{ name: 'index_mb_10k', unit: 'MB', target: below(15) }], run: indexMemory },
  { key: 'search', figures: [{ name: 'search_p99_ms', unit: 'ms', target: below(2) }], run: searchLatency },
  // Quo's larger customers (issue 30): the same figures at 50,000 contacts.
  { key: 'memory50k', figures: [{ name: 'index_mb_50k', unit: 'MB', target: below(40) }], run: () => indexMemory(50_000) },
  { key: 'search50k', figures: [{ name: 'search_p99_ms_50k', unit: 'ms', target: below(5) }], run: () => searchLatency(50_000) },
  {
    key: 'refresh50k',
    figures: [{ name: 'sync_peak_mb_50k', unit: 'MB', target: below(20) }],
    run: () => refreshPeak(measuredValue('index_mb_50k')),
  },
  { key: 'hover', figures: [{ name: 'hover_hit_p99_ms', unit: 'ms', target: below(0.2) }], run: hoverHit },
  { key: 'miss', figures: [{ name: 'hover_miss_requests', unit: 'requests', target: exactly(1) }], run: hoverMiss },
  {
    key: 'detect',
    figures: [
      { name: 'detect_ratio', unit: 'ratio', target: below(1.6) },
      { name: 'detect_mb_per_s', unit: 'MB/s', target: REPORTED },
    ],
    run: detectThroughput,
  },
  {
    key: 'mentions',
    figures: [
      { name: 'mentions_scan_mb_per_s', unit: 'MB/s', target: REPORTED },
      { name: 'mentions_scan_ratio', unit: 'ratio', target: below(2.5) },
      { name: 'references_ms', unit: 'ms', target: below(20) },
      { name: 'mentions_index_mb_10k', unit: 'MB', target: below(20) },
      { name: 'host_block_max_ms', unit: 'ms', target: below(50) },
    ],
    run: mentionFigures,
  },
  {
    key: 'sync',
    figures: [
      { name: 'sync_overhead', unit: 'ratio', target: below(1.05) },
      { name: 'sync_requests', unit: 'requests', target: exactly(100) },
    ],
    run: () => syncPace(),
  },
  {
    key: 'sync50k',
    figures: [
      { name: 'sync_overhead_50k', unit: 'ratio', target: below(1.05) },
      { name: 'sync_requests_50k', unit: 'requests', target: exactly(1000) },
    ],
    run: () => syncPace(50_000),
  },
  {
    key: 'screenFill',
    figures: [
      { name: 'screen_fill_requests', unit: 'requests', target: atMost(100) },
      { name: 'screen_fill_s', unit: 's', target: REPORTED },
    ],
    run: screenFill,
  },
  {
    key: 'activity',
    figures: [
      { name: 'activity_requests', unit: 'requests', target: atMost(24) },
      { name: 'activity_ms', unit: 'ms', target: REPORTED },
    ],
    run: activityFigures,
  },
  { key: 'activityPlan', figures: [{ name: 'activity_plan_ms', unit: 'ms', target: below(5) }], run: activityPlanTime },
  { key: 'tool', figures: [{ name: 'tool_lookup_ms', unit: 'ms', target: REPORTED }], run: toolLookupTime },
  { key: 'activate', figures: [{ name: 'activate_ms', unit: 'ms', target: below(15) }], run: activateTime },
  {
    key: 'package',
    figures: [
      { name: 'bundle_kb', unit: 'KB', target: below(200) },
      { name: 'phone_bundle_kb', unit: 'KB', target: REPORTED },
      { name: 'phone_first_load_ms', unit: 'ms', target: REPORTED },
      { name: 'chat_tools_bundle_kb', unit: 'KB', target: REPORTED },
      { name: 'vsix_kb', unit: 'KB', target: below(300) },
    ],
    run: packageSizes,
  },
];

const RESULTS_FILE = 'bench/results.json';

/** Figures of this run so far, for a figure whose target depends on another. */
const figures: Figure[] = [];

/** A figure of this run, else of the last run that measured it. */
function measuredValue(name: string): number | undefined {
  const now = figures.find((figure) => figure.name === name)?.value;
  if (typeof now === 'number') {
    return now;
  }
  const earlier = existsSync(RESULTS_FILE) ? (readResults()[name] as { value?: unknown } | undefined) : undefined;
  return typeof earlier?.value === 'number' ? earlier.value : undefined;
}

function selected(argv: readonly string[]): readonly Group[] {
  const at = argv.indexOf('--only');
  if (at < 0) {
    return GROUPS;
  }
  const wanted = new Set((argv[at + 1] ?? '').split(',').map((name) => name.trim()).filter(Boolean));
  const groups = GROUPS.filter((group) => wanted.has(group.key) || group.figures.some((figure) => wanted.has(figure.name)));
  if (groups.length === 0) {
    throw new Error(`--only matched nothing; groups: ${GROUPS.map((group) => group.key).join(', ')}`);
  }
  return groups;
}

function show(value: number | null): string {
  return value === null ? 'not measured' : String(value);
}

function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((figure) => {
    const verdict = meets(figure);
    return [
      figure.name,
      show(figure.value),
      figure.unit,
      targetText(figure.target),
      verdict === undefined ? '' : verdict ? 'ok' : 'MISSED',
    ];
  });
  const header = ['benchmark', 'value', 'unit', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) {
    console.log(line(row));
  }
  const notes = figures.filter((figure) => figure.note);
  if (notes.length > 0) {
    console.log('');
    for (const figure of notes) {
      console.log(`${figure.name}: ${figure.note}`);
    }
  }
}

async function main(): Promise<void> {
  const groups = selected(process.argv.slice(2));
  const cpu = cpus();
  console.log(
    `Quo Contacts benchmarks on ${cpu[0]?.model ?? 'unknown CPU'} (${cpu.length} cores, ` +
      `${Math.round(totalmem() / 2 ** 30)} GB), Node ${process.version}\n`,
  );
  for (const group of groups) {
    const started = performance.now();
    process.stdout.write(`${group.key}… `);
    try {
      const made = await group.run();
      figures.push(...(Array.isArray(made) ? made : [made]));
      console.log(`${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      console.log(`failed: ${errorText(error)}`);
      for (const figure of group.figures) {
        figures.push(notMeasured(figure.name, figure.unit, figure.target, `failed: ${errorText(error)}`));
      }
    }
  }
  console.log('');
  printTable(figures);
  const earlier = groups.length < GROUPS.length && existsSync(RESULTS_FILE) ? readResults() : {};
  const results = Object.fromEntries(
    figures.map((figure) => [
      figure.name,
      {
        value: figure.value,
        unit: figure.unit,
        target: targetText(figure.target),
        ...(figure.note ? { note: figure.note } : {}),
      },
    ]),
  );
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...earlier, ...results }, null, 2)}\n`);
  console.log(`\nWrote ${RESULTS_FILE}`);
}

/** What an earlier run wrote, or nothing when it cannot be read: it is only kept, never judged. */
function readResults(): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
