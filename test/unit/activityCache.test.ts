import assert from 'node:assert/strict';
import { ActivityCache } from '../../src/activity/activityCache.js';
import { QuoError } from '../../src/quo/errors.js';
import { FakeClock, flushPromises } from './fakeClock.js';

/** A load the test finishes by hand, recording the signal it was given. */
function deferred<T>(): { load: (signal: AbortSignal) => Promise<T>; resolve: (value: T) => void; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => (resolve = done));
  return {
    load: (signal) => {
      signals.push(signal);
      return promise;
    },
    resolve: (value) => resolve(value),
    signals,
  };
}

const isCancelled = (error: unknown): boolean => error instanceof QuoError && error.kind === 'cancelled';

describe('ActivityCache', () => {
  it('keeps a value for the lifetime read at each use, by the wall clock', async () => {
    const clock = new FakeClock();
    await clock.advance(1_000_000);
    let ttl = 10_000;
    const cache = new ActivityCache<string>({ ttlMs: () => ttl, clock });
    assert.equal(await cache.run('a', async () => 'one'), 'one');
    assert.equal(cache.fresh('a')?.value, 'one');
    await clock.advance(9_999);
    assert.equal(cache.fresh('a')?.value, 'one');
    await clock.advance(1);
    assert.equal(cache.fresh('a'), undefined, 'expired');
    ttl = 20_000;
    assert.equal(cache.fresh('a')?.value, 'one', 'a longer lifetime applies at once');
    ttl = 0;
    assert.equal(cache.fresh('a'), undefined, 'a lifetime of 0 keeps nothing');
  });

  it('counts a value stored "in the future" (the clock set back) as stale', async () => {
    const clock = new FakeClock();
    await clock.advance(50_000);
    const cache = new ActivityCache<string>({ ttlMs: () => 60_000, clock });
    await cache.run('a', async () => 'one', { storedAt: 90_000 });
    assert.equal(cache.fresh('a'), undefined);
  });

  it('keeps the age it is given: more added to an answer does not make it younger', async () => {
    const clock = new FakeClock();
    const cache = new ActivityCache<string>({ ttlMs: () => 10_000, clock });
    await cache.run('a', async () => 'first');
    await clock.advance(8_000);
    const stored = cache.fresh('a');
    assert.ok(stored);
    await cache.run('a', async () => 'more', { storedAt: stored.storedAt });
    await clock.advance(2_000);
    assert.equal(cache.fresh('a'), undefined);
  });

  it('shares one load among concurrent callers of a key, not of other keys', async () => {
    const cache = new ActivityCache<string>({ ttlMs: () => 60_000 });
    const pending = deferred<string>();
    const first = cache.run('a', pending.load);
    const second = cache.run('a', () => Promise.resolve('not asked'));
    const other = cache.run('b', async () => 'b');
    assert.deepEqual(
      pending.signals.map((signal) => signal.aborted),
      [false],
      'one load of the key is under way',
    );
    pending.resolve('shared');
    assert.deepEqual(await Promise.all([first, second, other]), ['shared', 'shared', 'b']);
    assert.equal(pending.signals.length, 1);
    assert.equal(await cache.run('a', async () => 'asked again'), 'asked again', 'a finished load is not joined');
  });

  it('cancels a load only when its last caller goes', async () => {
    const cache = new ActivityCache<string>({ ttlMs: () => 60_000 });
    const pending = deferred<string>();
    const one = new AbortController();
    const two = new AbortController();
    const first = cache.run('a', pending.load, { signal: one.signal });
    const second = cache.run('a', pending.load, { signal: two.signal });
    one.abort();
    await assert.rejects(first, isCancelled);
    assert.equal(pending.signals[0]?.aborted, false, 'the second caller still waits');
    two.abort();
    await assert.rejects(second, isCancelled);
    assert.equal(pending.signals[0]?.aborted, true);
    assert.equal(await cache.run('a', async () => 'its own'), 'its own', 'the next ask starts a load of its own');
  });

  it('does not store a failed load, and the next ask tries again', async () => {
    const cache = new ActivityCache<string>({ ttlMs: () => 60_000 });
    await assert.rejects(cache.run('a', () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(cache.fresh('a'), undefined);
    assert.equal(await cache.run('a', async () => 'ok'), 'ok');
  });

  it('drops what a load brings after a clear, and cancels it', async () => {
    const cache = new ActivityCache<string>({ ttlMs: () => 60_000 });
    await cache.run('old', async () => 'kept until clear');
    const pending = deferred<string>();
    const running = cache.run('a', pending.load);
    cache.clear();
    assert.equal(pending.signals[0]?.aborted, true);
    pending.resolve('late');
    await assert.rejects(running, isCancelled);
    await flushPromises();
    assert.equal(cache.fresh('a'), undefined);
    assert.equal(cache.fresh('old'), undefined);
    assert.equal(cache.size, 0);
  });

  it('forgets the least recently stored past its size', async () => {
    const cache = new ActivityCache<number>({ ttlMs: () => 60_000, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) {
      await cache.run(key, async () => key.charCodeAt(0));
    }
    assert.deepEqual([cache.fresh('a'), cache.fresh('b')?.value, cache.fresh('c')?.value], [undefined, 98, 99]);
  });
});
