import assert from 'node:assert/strict';
import type { IndexState } from '../../src/contacts/contactIndex.js';
import { Emitter, type Event } from '../../src/common/emitter.js';
import { LISTING_WAIT_MS, waitForListing, type ListingWait } from '../../src/contacts/listingWait.js';

/** An index whose state the test sets; counts the listeners still attached. */
class FakeIndex {
  state: IndexState = { status: 'empty', loadedCount: 0, complete: false };
  listeners = 0;
  private readonly changes = new Emitter<unknown>();

  readonly onDidChange: Event<unknown> = (listener) => {
    this.listeners++;
    const subscription = this.changes.event(listener);
    return {
      dispose: () => {
        this.listeners--;
        subscription.dispose();
      },
    };
  };

  set(state: IndexState): void {
    this.state = state;
    this.changes.fire(undefined);
  }
}

/** Timers that run only when told. */
class ManualTimers {
  private readonly pending = new Map<number, { readonly callback: () => void; readonly ms: number }>();
  private next = 0;
  readonly setTimeout = (callback: () => void, ms: number): unknown => {
    this.pending.set(++this.next, { callback, ms });
    return this.next;
  };
  readonly clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  get count(): number {
    return this.pending.size;
  }
  delays(): number[] {
    return [...this.pending.values()].map((timer) => timer.ms);
  }
  fireAll(): void {
    for (const [id, timer] of [...this.pending]) {
      this.pending.delete(id);
      timer.callback();
    }
  }
}

describe('waiting for the first listing', () => {
  it('answers at once when a whole listing is shown, also while a refresh runs over it', async () => {
    const index = new FakeIndex();
    index.state = { status: 'loading', loadedCount: 10, complete: true };
    assert.equal(await waitForListing(index), 'listed');
    assert.equal(index.listeners, 0);
  });

  it('waits while the first listing runs, and answers when it completes, leaving no timer or listener', async () => {
    const index = new FakeIndex();
    const timers = new ManualTimers();
    let answer: ListingWait | undefined;
    void waitForListing(index, timers).then((result) => (answer = result));
    assert.deepEqual(timers.delays(), [LISTING_WAIT_MS]);
    index.set({ status: 'loading', loadedCount: 50, complete: false });
    await Promise.resolve();
    assert.equal(answer, undefined, 'a partial listing is not an answer');
    index.set({ status: 'complete', loadedCount: 180, complete: true });
    await Promise.resolve();
    assert.equal(answer, 'listed');
    assert.equal(timers.count, 0);
    assert.equal(index.listeners, 0);
  });

  it('stops waiting when the listing fails', async () => {
    const index = new FakeIndex();
    const timers = new ManualTimers();
    const waiting = waitForListing(index, timers);
    index.set({ status: 'error', loadedCount: 0, complete: false });
    assert.equal(await waiting, 'stopped');
    assert.equal(timers.count, 0);
  });

  it('says it is still listing once the bound is reached, or when the caller goes', async () => {
    const index = new FakeIndex();
    const timers = new ManualTimers();
    const waiting = waitForListing(index, timers);
    timers.fireAll();
    assert.equal(await waiting, 'listing');
    assert.equal(index.listeners, 0);
    const controller = new AbortController();
    const cancelled = waitForListing(index, { ...timers, signal: controller.signal });
    controller.abort();
    assert.equal(await cancelled, 'listing');
    assert.equal(timers.count, 0);
    assert.equal(index.listeners, 0);
  });
});
