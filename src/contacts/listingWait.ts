/**
 * Numbers and emails resolve to contacts only through the index, so a hover in a fresh window would find nothing
 * until the first listing is done and name the contact only on a second hover. A surface that has just started the
 * listing waits for it here, up to a bound: thousands of contacts list in a few seconds at Quo's pace, and a hover
 * cannot wait for a call centre's tens of thousands.
 */
import type { IndexState } from './contactIndex.js';
import type { Event } from '../common/emitter.js';

/** How long a hover waits for the first listing before it says it is still looking. */
export const LISTING_WAIT_MS = 5_000;

export type ListingWait =
  /** A whole listing is shown (or was, while a refresh runs): what the index says now is its answer. */
  | 'listed'
  /** The listing stopped (a failure, no key): waiting longer would not help. */
  | 'stopped'
  /** Still listing when the bound was reached, or the caller went away: a miss may be found later. */
  | 'listing';

export interface ListingSource {
  readonly state: IndexState;
  readonly onDidChange: Event<unknown>;
}

export interface ListingWaitOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
}

function settled(state: IndexState): ListingWait | undefined {
  if (state.complete) {
    return 'listed';
  }
  return state.status === 'error' ? 'stopped' : undefined;
}

export function waitForListing(index: ListingSource, options: ListingWaitOptions = {}): Promise<ListingWait> {
  const now = settled(index.state);
  if (now !== undefined) {
    return Promise.resolve(now);
  }
  if (options.signal?.aborted) {
    return Promise.resolve('listing');
  }
  const set = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
  const clear = options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  return new Promise<ListingWait>((resolve) => {
    const finish = (result: ListingWait): void => {
      subscription.dispose();
      clear(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => finish('listing');
    const subscription = index.onDidChange(() => {
      const result = settled(index.state);
      if (result !== undefined) {
        finish(result);
      }
    });
    const timer = set(() => finish('listing'), options.timeoutMs ?? LISTING_WAIT_MS);
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
