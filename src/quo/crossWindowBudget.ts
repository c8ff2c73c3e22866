/**
 * One Quo rate budget per key across VS Code windows: each window that uses a key beats in global storage
 * (`WindowHeartbeats`) and its limiter takes `floor(limit / live windows)` requests a second, halved on a 429 and
 * recovering gradually (`SharedRateBudget`). Without this, three windows with one key would send 30 requests a second
 * to an API that allows 10. A window counts for a key only while it sends with it: from the first request, until
 * 30 s pass without one.
 */
import { systemClock } from './clock.js';
import type { Logger } from './log.js';
import { SharedRateBudget } from './sharedRateBudget.js';
import { WindowHeartbeats, type WindowHeartbeatsOptions } from './windowHeartbeats.js';

/** What a session holds for its key. */
export interface KeyBudget {
  /**
   * A request with the key is about to be sent: a promise to wait for when the window is not counted for the key yet
   * (its beat is then written and the share recomputed before it settles), else undefined.
   */
  use(): Promise<unknown> | undefined;
  /** Quo answered 429 (every attempt counts). */
  noteRefused(): void;
  /** `quo.maxRequestsPerSecond` changed. */
  setMaxPerSecond(value: number): void;
  dispose(): void;
}

/** Starts a key's budget; `apply` sets the session's limiter ceiling. */
export type KeyBudgets = (fingerprint: string, maxPerSecond: number, apply: (ceiling: number) => void) => KeyBudget;

/** For tests: the heartbeats' timing and clock. */
export type CrossWindowBudgetOptions = Pick<WindowHeartbeatsOptions, 'clock' | 'intervalMs' | 'idleAfterMs' | 'staleAfterMs'>;

/** Quo's window: a joining window lets one pass before its first request when others use the key. */
export const JOIN_WAIT_MS = 1_000;

export function crossWindowBudgets(directory: string, windowId: string, log: Logger, options: CrossWindowBudgetOptions = {}): KeyBudgets {
  const clock = options.clock ?? systemClock;
  return (fingerprint, maxPerSecond, apply) => {
    const budget = new SharedRateBudget({
      maxPerSecond,
      apply: (ceiling) => {
        log.debug(`Rate budget for this key: ${ceiling} requests a second.`);
        apply(ceiling);
      },
    });
    const beats = new WindowHeartbeats({
      directory,
      fingerprint,
      windowId,
      ...options,
      onError: (error) => log.debug(`Rate budget heartbeat: ${error instanceof Error ? error.message : String(error)}`),
    });
    const subscription = beats.onDidChangeLiveWindows((count) => budget.setLiveWindows(count));
    // Nothing is written before the first request: holding a key is not using it.
    /** Set while a joining window waits its second out: every request of that second waits with the first. */
    let joining: Promise<void> | undefined;
    const join = (count: number): Promise<void> => {
      budget.setLiveWindows(count);
      if (count <= 1) {
        return Promise.resolve();
      }
      // The other windows may have sent the whole limit in the last second, and take their smaller share only once
      // they read this beat: a window joining a key in use waits one second of their old pace out before its first
      // request (seen: 5 answered 429 when the second window sent at once).
      const waiting = new Promise<void>((resolve) => clock.setTimeout(resolve, JOIN_WAIT_MS)).finally(() => {
        if (joining === waiting) {
          joining = undefined;
        }
      });
      joining = waiting;
      return waiting;
    };
    /** The start of the current period of use, and what its requests wait for. */
    let started: { readonly beat: Promise<number>; readonly joined: Promise<void> } | undefined;
    return {
      use: () => {
        const beat = beats.use();
        if (beat === undefined) {
          return joining;
        }
        if (started?.beat !== beat) {
          started = { beat, joined: beat.then(join) };
        }
        return started.joined;
      },
      noteRefused: () => budget.noteRefused(),
      setMaxPerSecond: (value) => budget.setMaxPerSecond(value),
      dispose: () => {
        subscription.dispose();
        budget.dispose();
        void beats.dispose();
      },
    };
  };
}
