/**
 * What every benchmark reports, and the small statistics they share. A figure is compared with its target by the
 * runner, never inside a test: timings vary between runs and machines.
 */

export interface Target {
  /** `<`: the value must stay below `limit`; `<=`: at most `limit`; `=`: it must equal it; `reported`: no target. */
  readonly op: '<' | '<=' | '=' | 'reported';
  readonly limit?: number;
}

export interface Figure {
  readonly name: string;
  /** null when the benchmark could not run; `note` says why. */
  readonly value: number | null;
  readonly unit: string;
  readonly target: Target;
  readonly note?: string;
}

export function below(limit: number): Target {
  return { op: '<', limit };
}

export function atMost(limit: number): Target {
  return { op: '<=', limit };
}

export function exactly(limit: number): Target {
  return { op: '=', limit };
}

export const REPORTED: Target = { op: 'reported' };

export function targetText(target: Target): string {
  return target.op === 'reported' ? 'reported' : `${target.op} ${target.limit}`;
}

/** undefined when there is nothing to judge (no target, or no value). */
export function meets(figure: Figure): boolean | undefined {
  const { value, target } = figure;
  if (value === null || target.op === 'reported' || target.limit === undefined) {
    return undefined;
  }
  switch (target.op) {
    case '<':
      return value < target.limit;
    case '<=':
      return value <= target.limit;
    case '=':
      return value === target.limit;
  }
}

export function notMeasured(name: string, unit: string, target: Target, why: string): Figure {
  return { name, value: null, unit, target, note: why };
}

/** The value at quantile `q` (0..1) of `samples`, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) {
    return Number.NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Collects garbage twice (weak references and finalizers can hold memory through the first). */
/**
 * What the process holds in memory for JavaScript: the V8 heap and the array buffers, whose bytes live outside it
 * (typed arrays: the index's key tables, the search's masks and lists), which heapUsed alone misses.
 */
export function heldBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * A full collection, then another once V8 has swept: array buffers are freed by a sweeper that runs beside the
 * program, so right after gc() the buffers it found dead may still be counted (index_mb_10k read 7.5 and 8.6 MB).
 */
export async function settledHeldBytes(): Promise<number> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 50));
  collectGarbage();
  return heldBytes();
}

export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error('run with --expose-gc (npm run bench does)');
  }
  gc();
  gc();
}

export function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
