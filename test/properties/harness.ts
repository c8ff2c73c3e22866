/**
 * One place that decides how properties run, so `npm run test:properties` (mocha, a fixed seed, runs sized to finish
 * in well under a minute) and `npm run fuzz` (the same properties for minutes, fresh seeds) test the same invariants.
 * A property file declares its properties here; under mocha each becomes one test named by its invariant, and the fuzz
 * runner reads the same list without mocha.
 */
import fc from 'fast-check';

export interface PropertyDefinition {
  /** The invariant, as the test name says it. */
  readonly name: string;
  /** A fresh property each time: fast-check properties keep state between runs of one `assert`. */
  readonly property: () => fc.IRawProperty<unknown>;
  /**
   * Runs under `npm run test:properties`. Sized per property: a run over a megabyte of text costs what a thousand
   * short strings do, and the whole suite must stay under a minute on two cores.
   */
  readonly runs: number;
}

export interface PropertySuite {
  readonly title: string;
  readonly properties: readonly PropertyDefinition[];
}

/** Every suite declared so far, for the fuzz runner. */
export const suites: PropertySuite[] = [];

/** The default seed: fixed, so a run that passed yesterday passes today and a failure reproduces. */
export const DEFAULT_SEED = 25;

function positiveInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') {
    return undefined;
  }
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** fast-check parameters for the mocha run: FC_RUNS replaces every property's own count, FC_SEED the seed. */
export function assertParameters(definition: PropertyDefinition): fc.Parameters<unknown> {
  return {
    numRuns: positiveInteger('FC_RUNS') ?? definition.runs,
    seed: positiveInteger('FC_SEED') ?? DEFAULT_SEED,
  };
}

/** Milliseconds a test may take: generous, as the slowest properties build megabytes of text per run. */
const TEST_TIMEOUT_MS = 120_000;

/**
 * Declares a suite. Under mocha (its globals present) each property is one test, `fc.assert` throwing with the
 * seed, the path and the shrunk counterexample when it fails.
 */
export function propertySuite(title: string, properties: readonly PropertyDefinition[]): void {
  suites.push({ title, properties });
  if (typeof describe !== 'function' || typeof it !== 'function') {
    return;
  }
  describe(title, () => {
    for (const definition of properties) {
      it(definition.name, async function () {
        this.timeout(TEST_TIMEOUT_MS);
        await fc.assert(definition.property(), assertParameters(definition));
      });
    }
  });
}
