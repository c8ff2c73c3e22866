import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossWindowBudgets, JOIN_WAIT_MS, type KeyBudget } from '../../src/quo/crossWindowBudget.js';
import { RateLimiter } from '../../src/quo/rateLimiter.js';
import { silentLogger } from '../../src/quo/log.js';
import { FakeClock } from './fakeClock.js';

/** Waits until `probe` holds, checking every 10 ms for at most 5 s. */
async function until(probe: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 10) {
    if (probe()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`never ${what}`);
}

/** Awaits a use() that may wait on the fake clock (a window joining a key in use waits JOIN_WAIT_MS), moving it on. */
async function used(clock: FakeClock, promise: Promise<unknown> | undefined): Promise<void> {
  let done = false;
  void promise?.then(() => (done = true));
  for (let step = 0; promise && !done && step < 100; step++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await clock.advance(100);
  }
  await promise;
}

describe('crossWindowBudgets', () => {
  let directory: string;
  const open: KeyBudget[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'quo-budget-'));
  });

  afterEach(async () => {
    for (const budget of open.splice(0)) budget.dispose();
    await rm(directory, { recursive: true, force: true });
  });

  it('splits one key\'s limit between the windows that hold it, gives it back when one closes, and leaves other keys alone', async () => {
    const ceilings = { a: 0, b: 0, other: 0 };
    const budget = (window: string, fingerprint: string, into: keyof typeof ceilings): KeyBudget => {
      const started = crossWindowBudgets(directory, window, silentLogger)(fingerprint, 10, (ceiling) => (ceilings[into] = ceiling));
      open.push(started);
      return started;
    };
    await budget('window-a', 'key1', 'a').use();
    await until(() => ceilings.a === 10, 'a alone took 10');
    const b = budget('window-b', 'key1', 'b');
    await b.use();
    await budget('window-b', 'key2', 'other').use();
    await until(() => ceilings.a === 5 && ceilings.b === 5, 'split 5 and 5');
    assert.equal(ceilings.other, 10, 'another key has its own budget');
    b.noteRefused();
    assert.equal(ceilings.b, 2, 'a 429 halves the window\'s share');
    b.dispose();
    open.splice(open.indexOf(b), 1);
    await until(() => ceilings.a === 10, 'a took the whole limit back');
  });

  it('lets a window joining a key in use wait one second before its first request, and a window alone not at all', async () => {
    const clock = new FakeClock();
    await clock.advance(Date.now());
    const options = { clock, staleAfterMs: 10 * 60_000 };
    const first = crossWindowBudgets(directory, 'window-a', silentLogger, options)('key1', 10, () => undefined);
    const second = crossWindowBudgets(directory, 'window-b', silentLogger, options)('key1', 10, () => undefined);
    open.push(first, second);
    let alone = false;
    await first.use()?.then(() => (alone = true));
    assert.equal(alone, true, 'nobody else uses the key: no wait');
    // The fake clock moves on in steps of 100 ms while the beat is written: the joining window's first request
    // goes only once a whole second of it has passed.
    const before = clock.now();
    const firstOfSecond = second.use();
    // Once its beat is written the window is counted, yet a request asked then must wait out the same second.
    await until(() => existsSync(join(directory, 'key1', 'window-b')), 'the beat written');
    const later = second.use();
    assert.ok(later, 'a request asked while the window waits its second out waits too');
    await used(clock, later);
    assert.ok(clock.now() - before >= JOIN_WAIT_MS, `went after ${clock.now() - before} ms`);
    await firstOfSecond;
    assert.equal(second.use(), undefined, 'once counted, a request waits for nothing');
  });

  it('keeps counting a window while its queue drains for longer than the idle time, at a share of one a second', async () => {
    const clock = new FakeClock();
    await clock.advance(Date.now());
    const options = { clock, staleAfterMs: 10 * 60_000 };
    let limiter: RateLimiter | undefined;
    const budget = crossWindowBudgets(directory, 'window-a', silentLogger, options)('key1', 1, (ceiling) => limiter?.setMaxPerWindow(ceiling));
    open.push(budget);
    limiter = new RateLimiter({ maxPerWindow: 1, clock, admit: () => budget.use(), onTake: () => void budget.use() });
    const file = join(directory, 'key1', 'window-a');
    // 45 requests queued at once, each answered at once: at one a second the last leaves 45 s after it joined.
    const sent = Array.from({ length: 45 }, () => limiter.acquire('background').then((release) => release()));
    for (let second = 0; second < 45; second++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      await clock.advance(1_000);
      if (second >= 32 && second < 44) {
        assert.equal(existsSync(file), true, `the window stopped counting itself at ${second} s with requests still queued`);
      }
    }
    await Promise.all(sent);
    limiter.dispose();
  });

  it('gives a workspace\'s whole limit back to the other window 30 s after this one switched to another workspace', async () => {
    const clock = new FakeClock();
    await clock.advance(Date.now());
    const options = { clock, staleAfterMs: 10 * 60_000 };
    const ceilings = { hereA: 0, hereB: 0, thereA: 0 };
    const budget = (window: string, fingerprint: string, into: keyof typeof ceilings): KeyBudget => {
      const started = crossWindowBudgets(directory, window, silentLogger, options)(fingerprint, 10, (ceiling) => (ceilings[into] = ceiling));
      open.push(started);
      return started;
    };
    const hereA = budget('here', 'keyA', 'hereA');
    const hereB = budget('here', 'keyB', 'hereB');
    const thereA = budget('there', 'keyA', 'thereA');
    const hereInA = join(directory, 'keyA', 'here');
    await hereA.use();
    await used(clock, thereA.use());
    await until(() => ceilings.hereA === 5 && ceilings.thereA === 5, 'split 5 and 5');
    // The switch: this window now sends with B only, the other window goes on with A.
    for (let second = 0; second < 30; second++) {
      await Promise.all([hereB.use(), thereA.use()]);
      await clock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    assert.equal(existsSync(hereInA), false, 'this window left A\'s folder');
    assert.equal(existsSync(join(directory, 'keyB', 'here')), true, 'and beats for B, which it uses');
    await until(() => ceilings.thereA === 10, 'the other window took back all of A');
    // A request with A again: this window is counted, and its share recomputed, before the request leaves.
    const back = hereA.use();
    assert.ok(back);
    await used(clock, back);
    assert.equal(existsSync(hereInA), true);
    assert.equal(ceilings.hereA, 5);
    await until(() => ceilings.thereA === 5, 'split again');
  });
});
