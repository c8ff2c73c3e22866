import assert from 'node:assert/strict';
import { RateLimiter, type RequestPriority } from '../../src/quo/rateLimiter.js';
import { FakeClock, flushPromises } from './fakeClock.js';

/** Largest number of times in any window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) {
      j++;
    }
    max = Math.max(max, i - j + 1);
  }
  return max;
}

/** A request that is answered at once. */
async function instant(limiter: RateLimiter, priority: RequestPriority = 'interactive'): Promise<void> {
  (await limiter.acquire(priority))();
}

describe('RateLimiter', () => {
  it('grants the first N at once and holds the rest until answered slots age out', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 10, clock, marginMs: 0 });
    const granted: number[] = [];
    const all = Array.from({ length: 25 }, () =>
      limiter.acquire('interactive').then((release) => {
        granted.push(clock.now());
        release();
      }),
    );
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

  it('counts a slot from the answer, so a slow request keeps its slot until a second after it is answered', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 1, clock, marginMs: 0 });
    const release = await limiter.acquire();
    let granted = false;
    const next = limiter.acquire().then((r) => {
      granted = true;
      r();
    });
    await clock.advance(5_000);
    assert.equal(granted, false, 'still under way: the slot is held');
    release();
    await clock.advance(999);
    assert.equal(granted, false, 'answered less than a second ago');
    await clock.advance(1);
    await next;
    assert.equal(granted, true);
  });

  it('never lets more than N answers-or-sends fall in any window under a steady trickle with latency', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 10, clock, marginMs: 0 });
    // Each request "arrives" at the server at a random point between its send and its answer.
    const arrivals: number[] = [];
    const all: Promise<unknown>[] = [];
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let step = 0; step < 40; step++) {
      for (let k = 0; k < 3; k++) {
        all.push(
          limiter.acquire('background').then((release) => {
            const sent = clock.now();
            const latency = Math.floor(random() * 300);
            clock.setTimeout(() => {
              arrivals.push(sent + Math.floor(random() * latency));
              release();
            }, latency);
          }),
        );
      }
      await flushPromises();
      await clock.advance(70);
    }
    await clock.advance(60_000);
    await Promise.all(all);
    assert.equal(arrivals.length, 120);
    assert.ok(maxInWindow(arrivals, 1000) <= 10, `max ${maxInWindow(arrivals, 1000)}`);
  });

  it('serves interactive requests before queued background ones', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 2, clock, marginMs: 0 });
    const order: string[] = [];
    await instant(limiter, 'background');
    await instant(limiter, 'background');
    const waits = [
      limiter.acquire('background').then((release) => (order.push('b1'), release())),
      limiter.acquire('background').then((release) => (order.push('b2'), release())),
      limiter.acquire('interactive').then((release) => (order.push('i1'), release())),
    ];
    await clock.advance(1000);
    await clock.advance(1000);
    await Promise.all(waits);
    assert.deepEqual(order, ['i1', 'b1', 'b2']);
  });

  it('serves activity between interactive and background, each in its own arrival order', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 1, clock, marginMs: 0 });
    const order: string[] = [];
    await instant(limiter, 'activity');
    const wait = (priority: 'interactive' | 'activity' | 'background', name: string): Promise<void> =>
      limiter.acquire(priority).then((release) => (order.push(name), release()));
    // An activity load queued first, then a sync page, then a hover arriving in the middle of both.
    const waits = [wait('activity', 'a1'), wait('background', 'b1'), wait('activity', 'a2'), wait('interactive', 'i1')];
    assert.equal(limiter.pending, 4);
    for (let second = 0; second < 4; second++) {
      await clock.advance(1000);
    }
    await Promise.all(waits);
    assert.deepEqual(order, ['i1', 'a1', 'a2', 'b1']);
  });

  it('rejects waiters of every priority on dispose', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 1, clock });
    await instant(limiter);
    const waiting = (['interactive', 'activity', 'background'] as const).map((priority) => limiter.acquire(priority));
    limiter.dispose(new Error('gone'));
    for (const wait of waiting) {
      await assert.rejects(wait, /gone/);
    }
    assert.equal(limiter.pending, 0);
  });

  it('drops a waiter whose signal aborts, without using its slot', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 1, clock, marginMs: 0 });
    await instant(limiter);
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
    await instant(limiter);
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
    await instant(limiter);
    const waiting = limiter.acquire();
    limiter.dispose(new Error('key changed'));
    await assert.rejects(waiting, /key changed/);
    assert.equal(clock.pendingTimers, 0);
  });

  it('refuses every acquire after dispose, a retry of a request sent before it included, and grants nothing on a release', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 10, clock });
    const release = await limiter.acquire('interactive');
    limiter.dispose(new Error('workspace removed'));
    // The request under way comes back for its retry: a disposed limiter sends nothing more, with any key.
    for (const priority of ['interactive', 'activity', 'background'] as const) {
      await assert.rejects(limiter.acquire(priority), /workspace removed/);
    }
    release();
    limiter.setMaxPerWindow(5);
    await clock.advance(5_000);
    await assert.rejects(limiter.acquire(), /workspace removed/);
    assert.equal(limiter.disposed, true);
    assert.equal(limiter.pending, 0);
    assert.equal(clock.pendingTimers, 0);
  });

  it('waits for admit before queueing a request, and asks it again for each request', async () => {
    const clock = new FakeClock();
    let admitted = 0;
    let opening: (() => void) | undefined;
    const limiter = new RateLimiter({
      maxPerWindow: 10,
      clock,
      admit: () => {
        admitted++;
        // The window's first request waits for its beat; once counted, nothing to wait for.
        return admitted === 1 ? new Promise<void>((resolve) => (opening = resolve)) : undefined;
      },
    });
    let granted = false;
    const first = limiter.acquire().then((release) => ((granted = true), release));
    await flushPromises();
    assert.equal(granted, false, 'not sent before its window is counted');
    opening?.();
    (await first)();
    assert.equal(granted, true);
    // Undefined from admit: nothing to wait for.
    (await limiter.acquire())();
    assert.equal(admitted, 2);
    limiter.dispose();
    await assert.rejects(limiter.acquire());
    assert.equal(admitted, 2, 'a disposed limiter admits nothing');
  });

  it('applies a lower ceiling set later', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxPerWindow: 10, clock, marginMs: 0 });
    limiter.setMaxPerWindow(3);
    const granted: number[] = [];
    const all = Array.from({ length: 6 }, () => limiter.acquire().then((release) => (granted.push(clock.now()), release())));
    await flushPromises();
    assert.equal(granted.length, 3);
    await clock.advance(1000);
    await Promise.all(all);
    assert.deepEqual(granted, [0, 0, 0, 1000, 1000, 1000]);
  });

  it('runs on a monotonic clock by default: the wall clock stepped back an hour holds nothing back', async () => {
    const limiter = new RateLimiter({ maxPerWindow: 1, windowMs: 50, marginMs: 0 });
    (await limiter.acquire())();
    const realNow = Date.now;
    // The wall clock goes back an hour (NTP, a user fixing the time, a VM resuming) right after the first answer.
    Date.now = () => realNow.call(Date) - 3_600_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const granted = await Promise.race([
        limiter.acquire(),
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 1_000))),
      ]);
      assert.ok(granted, 'the second request was still held a second later');
      granted();
    } finally {
      Date.now = realNow;
      clearTimeout(timer);
      limiter.dispose();
    }
  });

  it('uses an injected clock for every decision', async () => {
    const clock = new FakeClock();
    await clock.advance(1_000_000);
    const limiter = new RateLimiter({ maxPerWindow: 1, clock, marginMs: 0 });
    await instant(limiter);
    let granted = false;
    const next = limiter.acquire().then((release) => ((granted = true), release()));
    await clock.advance(999);
    assert.equal(granted, false);
    await clock.advance(1);
    await next;
    assert.equal(granted, true);
  });
});
