import assert from 'node:assert/strict';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import { FakeClock, flushPromises } from './fakeClock.js';

/** Largest number of grants in any window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0; i < times.length; i++) {
    let count = 0;
    for (let j = i; j < times.length && (times[j] ?? 0) < (times[i] ?? 0) + windowMs; j++) {
      count++;
    }
    max = Math.max(max, count);
  }
  return max;
}

describe('RateLimiter', () => {
  it('grants the first N at once and holds the rest until the window slides', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 10, clock, marginMs: 0 });
    const granted: number[] = [];
    const all = Array.from({ length: 25 }, () => limiter.acquire('interactive').then(() => granted.push(clock.now())));
    await flushPromises();
    assert.equal(granted.length, 10);
    await clock.advance(999);
    assert.equal(granted.length, 10);
    await clock.advance(1);
    assert.equal(granted.length, 20);
    await clock.advance(1000);
    await Promise.all(all);
    assert.equal(granted.length, 25);
    assert.equal(maxInWindow(granted, 1000), 10);
  });

  it('never grants more than N in any sliding window under a steady trickle', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 10, clock, marginMs: 0 });
    const granted: number[] = [];
    const all: Promise<unknown>[] = [];
    for (let step = 0; step < 60; step++) {
      for (let k = 0; k < 3; k++) {
        all.push(limiter.acquire('background').then(() => granted.push(clock.now())));
      }
      // Record immediate grants at the time they were made, before the clock moves on.
      await flushPromises();
      await clock.advance(70);
    }
    await clock.advance(20_000);
    await Promise.all(all);
    assert.equal(granted.length, 180);
    assert.equal(maxInWindow(granted, 1000), 10);
  });

  it('serves interactive requests before queued background ones', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 2, clock, marginMs: 0 });
    const order: string[] = [];
    await limiter.acquire('background');
    await limiter.acquire('background');
    const waits = [
      limiter.acquire('background').then(() => order.push('b1')),
      limiter.acquire('background').then(() => order.push('b2')),
      limiter.acquire('interactive').then(() => order.push('i1')),
    ];
    await clock.advance(1000);
    await clock.advance(1000);
    await Promise.all(waits);
    assert.deepEqual(order, ['i1', 'b1', 'b2']);
  });

  it('drops a waiter whose signal aborts, without using its slot', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 1, clock, marginMs: 0 });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire('interactive', controller.signal);
    let laterGranted = false;
    const later = limiter.acquire('interactive').then(() => (laterGranted = true));
    controller.abort(new Error('hover gone'));
    await assert.rejects(aborted, /hover gone/);
    assert.equal(limiter.pending, 1);
    await clock.advance(1000);
    await later;
    assert.equal(laterGranted, true);
    assert.equal(limiter.pending, 0);
  });

  it('keeps a safety margin past the window edge', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 1, clock, marginMs: 20 });
    await limiter.acquire();
    let granted = false;
    const next = limiter.acquire().then(() => (granted = true));
    await clock.advance(1000);
    assert.equal(granted, false);
    await clock.advance(20);
    await next;
    assert.equal(granted, true);
  });

  it('rejects everything waiting on dispose and leaves no timer behind', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 1, clock });
    await limiter.acquire();
    const waiting = limiter.acquire();
    limiter.dispose(new Error('key changed'));
    await assert.rejects(waiting, /key changed/);
    assert.equal(clock.pendingTimers, 0);
  });

  it('applies a lower ceiling set later', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 10, clock, marginMs: 0 });
    limiter.setMaxPerWindow(3);
    const granted: number[] = [];
    const all = Array.from({ length: 6 }, () => limiter.acquire().then(() => granted.push(clock.now())));
    await flushPromises();
    assert.equal(granted.length, 3);
    await clock.advance(1000);
    await Promise.all(all);
    assert.deepEqual(granted, [0, 0, 0, 1000, 1000, 1000]);
  });
});
