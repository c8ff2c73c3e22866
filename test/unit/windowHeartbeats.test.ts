import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WindowHeartbeats, type WindowHeartbeatsOptions } from '../../src/quo/windowHeartbeats.js';
import { FakeClock } from './fakeClock.js';

const INTERVAL = 50;
const KEY = 'fp_key-1';

/** Resolves once `heartbeats` counts `expected` windows; fails the test if that takes longer than `ms`. */
function countReaches(heartbeats: WindowHeartbeats, expected: number, ms = 2_000): Promise<void> {
  if (heartbeats.liveWindows === expected) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`still ${heartbeats.liveWindows} live windows after ${ms} ms, expected ${expected}`));
    }, ms);
    const subscription = heartbeats.onDidChangeLiveWindows((count) => {
      if (count === expected) {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('WindowHeartbeats', () => {
  let root: string;
  let directory: string;
  const made: WindowHeartbeats[] = [];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'quo-heartbeats-'));
    directory = join(root, 'rate-budget');
  });

  afterEach(async () => {
    await Promise.all(made.splice(0).map((heartbeats) => heartbeats.dispose()));
    await rm(root, { recursive: true, force: true });
  });

  function window(windowId: string, options: Partial<WindowHeartbeatsOptions> = {}): WindowHeartbeats {
    const heartbeats = new WindowHeartbeats({ directory, fingerprint: KEY, windowId, intervalMs: INTERVAL, ...options });
    made.push(heartbeats);
    return heartbeats;
  }

  /** A beat file as another window (alive or dead) would have left it. */
  async function beatFile(windowId: string, beat: number, fingerprint = KEY): Promise<string> {
    await mkdir(join(directory, fingerprint), { recursive: true });
    const path = join(directory, fingerprint, windowId);
    await writeFile(path, String(beat));
    return path;
  }

  it('counts itself once started, having written its beat first', async () => {
    const before = Date.now();
    assert.equal(await window('w1').start(), 1);
    const beat = Number(await readFile(join(directory, KEY, 'w1'), 'utf8'));
    assert.ok(beat >= before && beat <= Date.now(), `beat ${beat}`);
  });

  it('counts the windows of one key, each new one seeing the others from its first request', async () => {
    const [a, b, c] = [window('a'), window('b'), window('c')];
    assert.equal(await a.start(), 1);
    assert.equal(await b.start(), 2);
    assert.equal(await c.start(), 3);
    await Promise.all([countReaches(a, 3), countReaches(b, 3)]);
  });

  it('sees a new window through fs.watch within moments, long before its own next beat', async () => {
    const a = window('a', { intervalMs: 60_000 });
    await a.start();
    await window('b', { intervalMs: 60_000 }).start();
    await countReaches(a, 2, 1_000);
  });

  it('fires only when the count changes, not on every beat', async () => {
    const a = window('a');
    const counts: number[] = [];
    a.onDidChangeLiveWindows((count) => counts.push(count));
    await a.start();
    const b = window('b');
    await b.start();
    await countReaches(a, 2);
    await sleep(5 * INTERVAL);
    assert.deepEqual(counts, [2]);
    await b.dispose();
    await countReaches(a, 1);
    assert.deepEqual(counts, [2, 1]);
  });

  it('gives a closed window\'s share back at once: dispose deletes its file', async () => {
    // Beats that stay live for a minute: only the deleted file can lower the count within the test.
    const options = { liveForMs: 60_000 };
    const [a, b] = [window('a', options), window('b', options)];
    // No beat of its own under way when it closes, so the file must be gone the moment dispose returns.
    const c = window('c', { ...options, intervalMs: 60_000 });
    await a.start();
    await b.start();
    await c.start();
    await Promise.all([countReaches(a, 3), countReaches(b, 3)]);
    const closing = c.dispose();
    assert.equal(existsSync(join(directory, KEY, 'c')), false, 'deleted before dispose returns: the host may exit without waiting');
    await closing;
    await Promise.all([countReaches(a, 2, 1_000), countReaches(b, 2, 1_000)]);
  });

  it('drops a window that stopped beating without closing once its beat is older than liveForMs', async () => {
    await beatFile('crashed', Date.now());
    const a = window('a');
    assert.equal(await a.start(), 2);
    await countReaches(a, 1);
  });

  it('ignores an old beat, and deletes a stale one, also one from a clock since set back', async () => {
    const now = Date.now();
    const old = await beatFile('old', now - 5_000);
    const stale = await beatFile('stale', now - 10 * 60_000);
    const future = await beatFile('future', now + 10 * 60_000);
    const a = window('a', { liveForMs: 1_000, staleAfterMs: 60_000 });
    assert.equal(await a.start(), 1);
    assert.equal(existsSync(old), true, 'not live, not stale yet');
    assert.equal(existsSync(stale), false);
    assert.equal(existsSync(future), false);
  });

  it('does not count the windows of another key', async () => {
    const a = window('a');
    await a.start();
    assert.equal(await window('b').start(), 2);
    const other = window('c', { fingerprint: 'another_key' });
    const counts: number[] = [];
    other.onDidChangeLiveWindows((count) => counts.push(count));
    assert.equal(await other.start(), 1);
    await sleep(5 * INTERVAL);
    assert.deepEqual(counts, []);
    assert.equal(a.liveWindows, 2);
  });

  it('keeps a fingerprint or window id that is no safe file name inside its directory', async () => {
    const a = window('../../w', { fingerprint: '../../escape/key' });
    await a.start();
    assert.deepEqual(await readdir(root), ['rate-budget']);
    const [folder, ...others] = await readdir(directory);
    assert.deepEqual(others, []);
    assert.match(folder ?? '', /^[A-Za-z0-9_-]+$/);
    assert.equal(await window('../../w2', { fingerprint: '../../escape/key' }).start(), 2);
  });

  it('counts 1 and reports the error, once, when the directory cannot be written', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, '');
    const errors: unknown[] = [];
    const a = window('a', { directory: join(file, 'rate-budget'), onError: (error) => errors.push(error) });
    assert.equal(await a.start(), 1);
    assert.ok(errors.length > 0, 'no error reported');
    assert.ok(errors.every((error) => (error as { code?: unknown }).code === 'ENOTDIR'), String(errors));
    const reported = errors.length;
    await sleep(5 * INTERVAL);
    assert.equal(errors.length, reported, 'the same failures reported again on every beat');
    assert.equal(a.liveWindows, 1);
    await a.dispose();
  });

  it('leaves no file behind when disposed while its first beat is being written', async () => {
    const a = window('a');
    const started = a.start();
    await a.dispose();
    await started;
    await sleep(2 * INTERVAL);
    assert.deepEqual(await readdir(join(directory, KEY)).catch(() => []), []);
  });

  describe('only while it uses the key', () => {
    const SECOND = 1_000;
    let clock: FakeClock;

    beforeEach(async () => {
      clock = new FakeClock();
      // From now on, as the temporary files' modification times are real.
      await clock.advance(Date.now());
    });

    /**
     * On the fake clock, with the default interval (2 s) and idle time (30 s). The fake time runs a minute or so ahead
     * of the files' real modification times: a reader must not take a temporary file being renamed for a stale one.
     */
    function onClock(windowId: string): WindowHeartbeats {
      return window(windowId, { clock, intervalMs: 2_000, staleAfterMs: 10 * 60_000 });
    }

    /** `seconds` of fake time, one second at a time, `using` sending a request at the start of each. */
    async function pass(seconds: number, ...using: WindowHeartbeats[]): Promise<void> {
      for (let i = 0; i < seconds; i++) {
        await Promise.all(using.map((heartbeats) => heartbeats.start()));
        await clock.advance(SECOND);
        // Real time for the file system: the beats' writes and reads are real I/O, only their timers are fake.
        await sleep(2);
      }
    }

    it('writes nothing until its first request', async () => {
      const a = onClock('a');
      await pass(5);
      assert.equal(existsSync(join(directory, KEY, 'a')), false);
      assert.equal(a.counting, false);
    });

    it('leaves the key\'s folder 30 s after its last request, so the window still using it takes back the whole limit', async () => {
      const [a, b] = [onClock('a'), onClock('b')];
      await a.start();
      await b.start();
      await countReaches(a, 2);
      await pass(29, b);
      assert.equal(existsSync(join(directory, KEY, 'a')), true, 'still counted 29 s after its request');
      await pass(1, b);
      assert.equal(existsSync(join(directory, KEY, 'a')), false, 'gone at 30 s');
      assert.equal(a.counting, false);
      await countReaches(b, 1);
      // No beat comes back on its own: the folder holds only the window that uses the key.
      await pass(10, b);
      await sleep(50);
      assert.deepEqual(await readdir(join(directory, KEY)), ['b']);
    });

    it('comes back before a request after a rest: its beat is written, and the others read, when use() resolves', async () => {
      const [a, b] = [onClock('a'), onClock('b')];
      await a.start();
      await pass(31, b);
      assert.equal(existsSync(join(directory, KEY, 'a')), false);
      const back = a.use();
      assert.ok(back, 'a rested window has a beat to write first');
      assert.equal(await back, 2, 'counts the window that kept using the key');
      assert.equal(existsSync(join(directory, KEY, 'a')), true);
      assert.equal(a.use(), undefined, 'counted already: nothing to wait for');
      await countReaches(b, 2);
    });

    it('leaves no file when it rests while its first beat is being written, and writes one at its next request', async () => {
      const a = onClock('a');
      const first = a.use();
      await clock.advance(30 * SECOND);
      await first;
      await sleep(50);
      assert.equal(existsSync(join(directory, KEY, 'a')), false, 'a beat that landed during the rest was deleted after it');
      await a.use();
      assert.equal(existsSync(join(directory, KEY, 'a')), true);
    });
  });
});
