import './vscodeStub.js';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiKey } from '../../src/auth/apiKey.js';
import type { RedactingLogger } from '../../src/logging.js';
import type { Settings } from '../../src/settings/settingsPolicy.js';
import { crossWindowBudgets, type KeyBudgets } from '../../src/quo/crossWindowBudget.js';
import { WorkspaceSession } from '../../src/session/workspaceSession.js';
import { silentLogger } from '../../src/quo/log.js';
import { FakeClock } from './fakeClock.js';
import { rejection } from './rejection.js';

const KEY: ApiKey = { value: 'removed-key-value', source: 'secret' as ApiKey['source'], fingerprint: 'fp_removed', workspaceId: 'ws-1' };

const SETTINGS = {
  apiBaseUrl: 'https://api.quo.com',
  maxRequestsPerSecond: 10,
  requestTimeoutMs: 10_000,
  cacheTtlMs: 600_000,
  activityMaxItems: 10,
} as Settings;

const LOG = { ...silentLogger, redact: (text: string) => text } as unknown as RedactingLogger;

function errorJson(status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ message: 'Unavailable', code: `0800${status}`, status, title: 'Unavailable', trace: 't-1' }), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(probe: () => boolean, what: string, ms = 5_000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 5) {
    if (probe()) {
      return;
    }
    await sleep(5);
  }
  assert.fail(`never ${what}`);
}

/**
 * The session builds its client on the global fetch (VS Code's, in the extension): scripted here, one answer per call,
 * each call recorded with the key it carried.
 */
function scriptFetch(answer: (call: number) => Response): { readonly keys: string[]; restore(): void } {
  const original = globalThis.fetch;
  const keys: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    keys.push(input instanceof Request ? (input.headers.get('authorization') ?? '') : '');
    return answer(keys.length);
  });
  return { keys, restore: () => (globalThis.fetch = original) };
}

describe('WorkspaceSession', () => {
  let script: ReturnType<typeof scriptFetch> | undefined;
  const sessions: WorkspaceSession[] = [];

  afterEach(() => {
    for (const session of sessions.splice(0)) session.dispose();
    script?.restore();
    script = undefined;
  });

  function open(budgets?: KeyBudgets): WorkspaceSession {
    const session = new WorkspaceSession(KEY, SETTINGS, LOG, budgets);
    sessions.push(session);
    session.open();
    return session;
  }

  describe('dispose (its workspace removed)', () => {
    it('ends a summary request started before it, with a signal of its own that outlives it, and sends none of its retries', async () => {
      // Quo asks to come back in a second: without the dispose, ky retries at 1 s, 2 s and 3 s with the removed key.
      script = scriptFetch(() => errorJson(503, { 'Retry-After': '1' }));
      const session = open();
      const panelLifetime = new AbortController();
      const summary = session.activity.callSummary('AC123', { signal: panelLifetime.signal });
      await until(() => script!.keys.length === 1, 'sent the first attempt');
      session.dispose();
      const started = Date.now();
      const error = await rejection(summary);
      assert.equal(error.kind, 'cancelled');
      assert.ok(Date.now() - started < 500, 'ended at once, not after the retries');
      await sleep(1_500);
      assert.deepEqual(script.keys, [KEY.value], 'the scripted fetch is called no more after dispose');
      assert.equal(panelLifetime.signal.aborted, false, "the caller's own signal is the caller's business");
    });

    it('ends a transcript request waiting for a slot, and sends nothing asked after it', async () => {
      script = scriptFetch(() => errorJson(503, { 'Retry-After': '1' }));
      const session = open();
      const transcript = session.activity.callTranscript('AC123');
      await until(() => script!.keys.length === 1, 'sent the first attempt');
      session.dispose();
      assert.equal((await rejection(transcript)).kind, 'cancelled');
      await rejection(session.activity.callSummary('AC456'));
      await rejection(session.checkKey('another-key'));
      await session.retry();
      await sleep(1_200);
      assert.equal(script.keys.length, 1);
    });
  });

  describe('its window in the key\'s shared budget', () => {
    let directory: string;

    beforeEach(async () => {
      directory = await mkdtemp(join(tmpdir(), 'quo-session-budget-'));
    });

    afterEach(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    it('writes no beat before its first request, its beat before each request of a window idle for 30 s, and none while idle', async () => {
      const clock = new FakeClock();
      const ownFile = join(directory, KEY.fingerprint, 'window-1');
      const seenAtSend: boolean[] = [];
      script = scriptFetch(() => errorJson(404));
      const fetch = globalThis.fetch;
      globalThis.fetch = ((input: RequestInfo | URL) => {
        seenAtSend.push(existsSync(ownFile));
        return fetch(input);
      });
      const session = open(crossWindowBudgets(directory, 'window-1', silentLogger, { clock }));
      assert.equal(existsSync(ownFile), false, 'holding a key is not using it');
      assert.deepEqual(await session.activity.call('AC1'), { kind: 'not-found' });
      await clock.advance(29_000);
      assert.equal(existsSync(ownFile), true, 'still counted 29 s after a request');
      await clock.advance(1_000);
      await until(() => !existsSync(ownFile), 'left the key\'s folder after 30 s idle');
      assert.deepEqual(await session.activity.call('AC2'), { kind: 'not-found' });
      assert.deepEqual(seenAtSend, [true, true], 'each request left with the window counted');
      assert.equal(script.keys.length, 2);
    });
  });
});
