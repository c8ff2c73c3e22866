import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WindowHeartbeats, type WindowHeartbeatsOptions } from '../../src/quo/windowHeartbeats.js';

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
});
