/**
 * `npm run fuzz [-- --minutes N]`: the properties of `npm run test:properties` for longer (10 minutes by default),
 * each given an equal share of the time, with fresh seeds. Prints one line per property, `<name>: N inputs, F
 * failures`, then the total; each failure's seed and shrunk counterexample are printed as it is found, so it can be
 * replayed with FC_SEED and become an example test. Exits non-zero if anything failed.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { suites } from './harness.js';

function minutesFromArgs(args: readonly string[]): number {
  const at = args.findIndex((arg) => arg === '--minutes' || arg.startsWith('--minutes='));
  if (at === -1) {
    return 10;
  }
  const raw = args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
  const minutes = Number(raw);
  if (!(minutes > 0)) {
    throw new Error(`--minutes needs a positive number, got ${JSON.stringify(raw)}`);
  }
  return minutes;
}

/** A property's runs go in batches of about this long, so a slow property still stops close to its share. */
const BATCH_MS = 2000;
/** Time left in a share below which no batch starts: it could not finish a run of the slower properties. */
const MIN_BATCH_MS = 20;
/** Longest report printed per failure: a shrunk counterexample is short, an unshrunk one may not be. */
const MAX_REPORT = 4000;

async function main(): Promise<number> {
  const minutes = minutesFromArgs(process.argv.slice(2));
  // Relative to the repository root, where npm scripts run.
  const folder = path.resolve('test', 'properties');
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.property.ts')).sort()) {
    await import(pathToFileURL(path.join(folder, file)).href);
  }
  const definitions = suites.flatMap((suite) => suite.properties);
  // Loading the modules took some of the time; the rest is shared.
  const share = (minutes * 60_000) / definitions.length;
  let totalInputs = 0;
  let totalFailures = 0;
  for (const definition of definitions) {
    const until = performance.now() + share;
    let inputs = 0;
    let failures = 0;
    let batch = 1;
    while (until - performance.now() > MIN_BATCH_MS) {
      const started = performance.now();
      const seed = Math.floor(Math.random() * 0x7fffffff);
      const details = await fc.check(definition.property(), {
        seed,
        numRuns: batch,
        interruptAfterTimeLimit: Math.max(1, Math.min(BATCH_MS, until - started)),
        markInterruptAsFailure: false,
      });
      inputs += details.numRuns;
      // A batch cut short by its share's end before any run (an async property started in the last milliseconds)
      // found nothing; fast-check still reports it as failed.
      const cutShort = details.interrupted && details.counterexample === null;
      if (details.failed && !cutShort) {
        failures++;
        const report = fc.defaultReportMessage(details) ?? `failed with seed ${seed}`;
        console.error(`FAILED ${definition.name}\n${report.length > MAX_REPORT ? `${report.slice(0, MAX_REPORT)}…` : report}\n`);
      }
      const took = performance.now() - started;
      // Grow the batch while runs are cheap; the time limit above bounds a batch that grows too far.
      batch = took < BATCH_MS / 4 ? batch * 2 : Math.max(1, Math.floor(batch / 2));
    }
    totalInputs += inputs;
    totalFailures += failures;
    console.log(`${definition.name}: ${inputs} inputs, ${failures} failures`);
  }
  console.log(`Total: ${definitions.length} properties, ${totalInputs} inputs, ${totalFailures} failures in ${minutes} minute(s)`);
  return totalFailures === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
