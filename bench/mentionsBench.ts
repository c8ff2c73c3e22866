/**
 * The mention index over a generated folder of 10,000 files, 100 MB (bench/mentionTree.ts), read from disk through
 * node:fs as VS Code's disk provider reads it:
 * - the first scan's throughput, and its time over the plainest pass over the same files (the same reads in the
 *   same order, then one regex counting 24-hex runs in each text: detect_ratio's baseline), files warm, in one
 *   process, alternated over a few rounds;
 * - Find All References for each of 200 contacts once the index is built, the Locations included;
 * - the heap the index holds;
 * - the longest the scan keeps the event loop: the scanner's own longest slice, and what a 1 ms timer sees.
 *
 * QUO_BENCH_MENTIONS_FILES=1000 runs it on a smaller tree (the same kinds and file sizes, and the same 5 MB line).
 */
import { lstat, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { referenceKeys as ReferenceKeys } from '../src/mentions/mentionKeys.js';
import type { MentionFileSource, MentionScanner, ScanHost } from '../src/mentions/mentionScanner.js';
import type { MentionFinder } from '../src/mentions/textMentions.js';
import type { Contact } from '../src/quo/types.js';
import { decodedContacts, SEED } from './inputs.js';
import { below, collectGarbage, hasGc, median, notMeasured, quantile, REPORTED, round, type Figure } from './measure.js';
import { writeMentionTree, type MentionTree } from './mentionTree.js';

const FULL_FILES = 10_000;
/** The full tree: 100 MB in all, 5 MB of it the single line. */
const FULL_OTHER_BYTES = 95_000_000;
const LONG_LINE_BYTES = 5_000_000;
const CONTACTS = 200;
/** Timed rounds of baseline and scan, after one untimed round that warms the files and the compiled code. */
const ROUNDS = 5;
const REFERENCE_ROUNDS = 3;
const MB = 1_000_000;

const SCAN_RATIO_TARGET = below(2.5);
const REFERENCES_TARGET = below(20);
const INDEX_TARGET = below(20);
const BLOCK_TARGET = below(50);

function treeFiles(): number {
  const wanted = Number(process.env.QUO_BENCH_MENTIONS_FILES ?? FULL_FILES);
  if (!Number.isInteger(wanted) || wanted < 2) {
    throw new Error(`QUO_BENCH_MENTIONS_FILES must be a whole number of at least 2, got ${process.env.QUO_BENCH_MENTIONS_FILES}`);
  }
  return wanted;
}

/** The folder as VS Code's disk provider gives it: a link is lstat'ed, then its target stat'ed, and flagged. */
function diskSource(paths: readonly string[]): MentionFileSource {
  return {
    list: () => Promise.resolve(paths.map((path) => pathToFileURL(path).href)),
    async stat(uri) {
      const path = fileURLToPath(uri);
      try {
        const facts = await lstat(path);
        if (facts.isSymbolicLink()) {
          const target = await stat(path).catch(() => facts);
          return { size: target.size, mtime: target.mtimeMs, symbolicLink: true };
        }
        return { size: facts.size, mtime: facts.mtimeMs, symbolicLink: false };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
    },
    read: (uri) => readFile(fileURLToPath(uri)),
  };
}

function immediateHost(logs: string[]): ScanHost {
  return {
    now: () => performance.now(),
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
    log: (message) => logs.push(message),
  };
}

/** The baseline: every file read the same way, decoded, and its 24-hex runs counted. */
async function readAndCount(paths: readonly string[]): Promise<number> {
  const decoder = new TextDecoder('utf-8');
  let count = 0;
  for (const path of paths) {
    const text = decoder.decode(await readFile(path));
    const regex = /\b[0-9a-f]{24}\b/g;
    while (regex.exec(text) !== null) {
      count++;
    }
  }
  return count;
}

/** The longest gap between two ticks of a 1 ms interval timer, less the 1 ms: how long the loop was held. */
function lagProbe(): () => { maxLagMs: number; ticks: number } {
  let last = performance.now();
  let maxGap = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 1);
  return () => {
    clearInterval(timer);
    maxGap = Math.max(maxGap, performance.now() - last);
    return { maxLagMs: Math.max(0, maxGap - 1), ticks };
  };
}

interface ScanRun {
  readonly scanner: MentionScanner;
  readonly ms: number;
}

export async function mentionFigures(): Promise<Figure[]> {
  const { MentionScanner } = await import('../src/mentions/mentionScanner.js');
  const { mentionFinder } = await import('../src/mentions/textMentions.js');
  const { referenceKeys } = await import('../src/mentions/mentionKeys.js');
  const { createDetector } = await import('../src/detect/detector.js');
  const { findContactPoints } = await import('../src/detect/contactPoints.js');

  const files = treeFiles();
  const full = files === FULL_FILES;
  const contacts = decodedContacts(CONTACTS, SEED);
  const root = await mkdtemp(join(tmpdir(), 'quo-bench-mentions-'));
  try {
    let started = performance.now();
    const tree: MentionTree = writeMentionTree(root, {
      files,
      otherBytes: Math.round((FULL_OTHER_BYTES * (files - 1)) / (FULL_FILES - 1)),
      longLineBytes: LONG_LINE_BYTES,
      contacts,
      seed: SEED,
    });
    const generateMs = performance.now() - started;
    const finder: MentionFinder = mentionFinder(createDetector().detector, findContactPoints, 'US');

    const scan = async (probe = false): Promise<ScanRun & { lag?: ReturnType<ReturnType<typeof lagProbe>> }> => {
      const logs: string[] = [];
      const scanner = new MentionScanner(diskSource(tree.paths), () => finder, immediateHost(logs));
      const stopProbe = probe ? lagProbe() : undefined;
      const began = performance.now();
      const progress = await scanner.whenScanned();
      const ms = performance.now() - began;
      const lag = stopProbe?.();
      if (progress.state !== 'scanned' || scanner.stats.filesRead !== tree.paths.length) {
        throw new Error(
          `the scan ended ${progress.state}, ${scanner.stats.filesRead} of ${tree.paths.length} files read` +
            (logs.length > 0 ? `: ${logs[0]}` : ''),
        );
      }
      return { scanner, ms, lag };
    };

    // Warm the files (every one read once) and the compiled code of both passes.
    started = performance.now();
    await readAndCount(tree.paths);
    (await scan()).scanner.dispose();
    const warmMs = performance.now() - started;

    const baselineMs: number[] = [];
    const scanMs: number[] = [];
    const slices: number[] = [];
    let baselineCount = 0;
    let last: ScanRun | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      last?.scanner.dispose();
      last = undefined;
      const began = performance.now();
      baselineCount = await readAndCount(tree.paths);
      baselineMs.push(performance.now() - began);
      last = await scan();
      scanMs.push(last.ms);
      slices.push(last.scanner.stats.longestSliceMs);
    }
    if (!last) {
      throw new Error('no round ran');
    }
    const { index } = last.scanner;
    const mentionCount = index.mentionCount;

    const references = referenceTimes(index, contacts, referenceKeys);
    last.scanner.dispose();
    last = undefined;

    // One more first scan, on a quiet heap, with a 1 ms timer watching the loop: the heap the index holds, and the
    // longest the loop was kept.
    let indexMb: number | null = null;
    let growthMb: number | null = null;
    let probed: Awaited<ReturnType<typeof scan>>;
    if (hasGc()) {
      collectGarbage();
      const before = heapBytes();
      probed = await scan(true);
      collectGarbage();
      const filled = heapBytes();
      probed.scanner.index.clear();
      collectGarbage();
      const cleared = heapBytes();
      indexMb = (filled - cleared) / (1024 * 1024);
      growthMb = (filled - before) / (1024 * 1024);
    } else {
      probed = await scan(true);
    }
    probed.scanner.dispose();
    const lag = probed.lag ?? { maxLagMs: Number.NaN, ticks: 0 };
    const longestSlice = Math.max(...slices, probed.scanner.stats.longestSliceMs);

    const scanTime = median(scanMs);
    const baselineTime = median(baselineMs);
    const mb = tree.bytes / MB;
    const treeText =
      `${tree.paths.length} files, ${round(mb, 1)} MB (${describeKinds(tree)}, and one ${round(LONG_LINE_BYTES / MB, 1)} MB line)` +
      (full ? '' : `; a smaller tree than the target's 10,000 files (QUO_BENCH_MENTIONS_FILES=${files})`);
    return [
      {
        name: 'mentions_scan_mb_per_s',
        value: round(mb / (scanTime / 1000), 1),
        unit: 'MB/s',
        target: REPORTED,
        note:
          `first scan of ${treeText} through MentionScanner over node:fs, setImmediate yields: median ` +
          `${round(scanTime, 0)} ms of ${ROUNDS} rounds (${scanMs.map((ms) => round(ms, 0)).join(', ')} ms), ` +
          `${mentionCount} mentions (${round(mentionCount / mb, 0)} per MB), every file read; ` +
          `tree written in ${round(generateMs / 1000, 1)} s, warm-up ${round(warmMs / 1000, 1)} s`,
      },
      {
        name: 'mentions_scan_ratio',
        value: round(scanTime / baselineTime, 3),
        unit: 'ratio',
        target: SCAN_RATIO_TARGET,
        note:
          `first scan ${round(scanTime, 0)} ms vs reading the same files in the same order and counting ` +
          `/\\b[0-9a-f]{24}\\b/g ${round(baselineTime, 0)} ms (${baselineCount} matches), files warm, median of ${ROUNDS} ` +
          `alternated rounds (baseline ${baselineMs.map((ms) => round(ms, 0)).join(', ')} ms)`,
      },
      {
        name: 'references_ms',
        value: round(references.p99, 3),
        unit: 'ms',
        target: REFERENCES_TARGET,
        note:
          `referenceKeys + index.find + the Locations, for each of ${CONTACTS} contacts over ${index.size} files and ` +
          `${mentionCount} mentions: p99 of the median of ${REFERENCE_ROUNDS} rounds (${references.p99s.map((ms) => round(ms, 2)).join(', ')} ms), ` +
          `p50 ${round(references.p50, 2)} ms, max ${round(references.max, 2)} ms; ` +
          `locations per contact p50 ${references.locationsP50}, max ${references.locationsMax}`,
      },
      indexMb === null
        ? notMeasured('mentions_index_mb_10k', 'MB', INDEX_TARGET, 'needs node --expose-gc')
        : {
            name: 'mentions_index_mb_10k',
            value: round(indexMb, 2),
            unit: 'MB',
            target: INDEX_TARGET,
            note:
              `heap and array buffers freed by clearing the index after a first scan of ${tree.paths.length} files ` +
              `(${mentionCount} mentions, ${round((mentionCount * 24) / (1024 * 1024), 2)} MB of them as 6 × uint32); ` +
              `the heap grew ${round(growthMb ?? Number.NaN, 2)} MB over that scan`,
          },
      {
        name: 'host_block_max_ms',
        value: round(Math.max(longestSlice, lag.maxLagMs), 1),
        unit: 'ms',
        target: BLOCK_TARGET,
        note:
          `the larger of the scanner's longest slice (stats.longestSliceMs, worst of ${ROUNDS + 1} first scans: ` +
          `${round(longestSlice, 1)} ms) and the longest a 1 ms setInterval waited during one of them, less its 1 ms ` +
          `(${round(lag.maxLagMs, 1)} ms over ${lag.ticks} ticks in ${round(probed.ms, 0)} ms; it sees garbage ` +
          `collection and the work between two reads, which the slice does not count)`,
      },
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** heapUsed misses the index's larger Uint32Arrays, whose bytes live outside the V8 heap. */
function heapBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function describeKinds(tree: MentionTree): string {
  return Object.entries(tree.kinds)
    .map(([kind, { files, bytes }]) => `${files} .${kind} ${round(bytes / MB, 1)} MB`)
    .join(', ');
}

interface Location {
  readonly uri: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
}

/** What Find All References does once the index is built, for each contact; the Locations as vscode.Location holds them. */
function referenceTimes(
  index: MentionScanner['index'],
  contacts: readonly Contact[],
  keysOf: typeof ReferenceKeys,
): { p99: number; p50: number; max: number; p99s: number[]; locationsP50: number; locationsMax: number } {
  const references = (contact: Contact): Location[] => {
    const keys = keysOf({ kind: 'contact', contact }, 'US');
    const locations: Location[] = [];
    for (const file of index.find(keys)) {
      for (const mention of file.mentions) {
        locations.push({
          uri: file.uri,
          range: {
            start: { line: mention.line, character: mention.character },
            end: { line: mention.line, character: mention.character + mention.length },
          },
        });
      }
    }
    return locations;
  };
  for (const contact of contacts.slice(0, 20)) {
    references(contact);
  }
  const rounds: { p99: number; p50: number; max: number }[] = [];
  const counts: number[] = [];
  for (let round = 0; round < REFERENCE_ROUNDS; round++) {
    const samples: number[] = [];
    for (const contact of contacts) {
      const started = performance.now();
      const locations = references(contact);
      samples.push(performance.now() - started);
      if (round === 0) {
        counts.push(locations.length);
      }
    }
    rounds.push({ p99: quantile(samples, 0.99), p50: quantile(samples, 0.5), max: Math.max(...samples) });
  }
  const middle = [...rounds].sort((a, b) => a.p99 - b.p99)[Math.floor(rounds.length / 2)];
  return {
    ...middle,
    p99s: rounds.map((r) => r.p99),
    locationsP50: quantile(counts, 0.5),
    locationsMax: Math.max(...counts),
  };
}
