/** A sessions whose start failed (a locked keychain) tries again by itself: nothing else announces the unlock. */
import './vscodeStub.js';
import assert from 'node:assert/strict';
import type { ApiKey, KeyProvider } from '../../src/auth/apiKey.js';
import type { RedactingLogger } from '../../src/logging.js';
import { silentLogger } from '../../src/quo/log.js';
import { WorkspaceSessions } from '../../src/session/workspaceSessions.js';
import type { Settings } from '../../src/settings/settingsPolicy.js';
import { flushPromises } from './fakeClock.js';

const KEY: ApiKey = { value: 'unlocked-key-value', source: 'secret' as ApiKey['source'], fingerprint: 'fp_unlocked', workspaceId: 'w1' };
const LOG = { ...silentLogger, redact: (text: string) => text, setSecrets: () => undefined } as unknown as RedactingLogger;
const SETTINGS = { apiBaseUrl: 'https://api.quo.com', maxRequestsPerSecond: 10, requestTimeoutMs: 10_000, cacheTtlMs: 600_000, activityMaxItems: 10 } as Settings;

/** The sessions's timers, run only when the test says so. */
function captureTimers(): { readonly delays: number[]; runNext(): void; readonly pending: number; restore(): void } {
  const original = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  const timers = new Map<number, { delay: number; callback: () => void }>();
  const delays: number[] = [];
  let next = 1;
  globalThis.setTimeout = ((callback: () => void, delay = 0) => {
    timers.set(next, { delay, callback });
    delays.push(delay);
    return next++;
  }) as unknown as typeof setTimeout;
  globalThis.clearTimeout = ((handle: number | undefined) => void timers.delete(handle ?? 0)) as typeof clearTimeout;
  return {
    delays,
    get pending() {
      return timers.size;
    },
    runNext() {
      const [handle, timer] = [...timers][0] ?? assert.fail('no timer');
      timers.delete(handle);
      timer.callback();
    },
    restore: () => Object.assign(globalThis, original),
  };
}

describe('WorkspaceSessions after a failed start', () => {
  let timers: ReturnType<typeof captureTimers> | undefined;
  afterEach(() => timers?.restore());

  it('tries again, 5 s then doubling to 5 min, until the key can be read; stops on dispose', async () => {
    timers = captureTimers();
    let failures = 9;
    const keys: KeyProvider = {
      get: () => (failures-- > 0 ? Promise.reject(new Error('keychain locked')) : Promise.resolve(KEY)),
      keyOfWorkspace: () => Promise.resolve(KEY),
      onDidChange: () => ({ dispose: () => undefined }),
    };
    const sessions = new WorkspaceSessions(keys, SETTINGS, LOG);
    const accounts: (string | undefined)[] = [];
    sessions.onDidChangeAccount((key) => accounts.push(key?.workspaceId));
    const activeKey = () => sessions.active.key;
    await sessions.ready;
    assert.equal(activeKey(), undefined);
    for (let tries = 0; activeKey() === undefined && tries < 20; tries++) {
      timers.runNext();
      await sessions.whenSwitched();
      await flushPromises();
    }
    assert.deepEqual(timers.delays, [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    assert.equal(activeKey()?.fingerprint, KEY.fingerprint);
    assert.deepEqual(accounts, ['w1'], 'the window comes up with its key, without a reload');
    assert.equal(timers.pending, 0, 'no more tries once it succeeded');

    failures = 1;
    const later = new WorkspaceSessions(keys, SETTINGS, LOG);
    await later.ready;
    assert.equal(timers.pending, 1);
    later.dispose();
    assert.equal(timers.pending, 0, 'disposed: no more tries');
    sessions.dispose();
  });
});
