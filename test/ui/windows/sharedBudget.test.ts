/**
 * Two VS Code windows on one key share Quo's limit of 10 requests a second. Each window has its own extension host
 * and rate limiter; they find each other through heartbeats in global storage and take half each. Counted at the
 * sandbox: two workbench pages, the second started after the first, both naming the ids of one log for 30 s (by
 * listing the workspace: see hooks.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ui } from '../session.js';
import { openFile, waitForCommand, waitForWorkbench } from '../workbench.js';
import { SHARED_BUDGET_FILE } from './fixtures.js';

const FILE = SHARED_BUDGET_FILE;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The windows beating for the sandbox's key, read from the extension's global storage. */
function beatingWindows(): number {
  const root = path.join(ui().userDataDir, 'User', 'globalStorage', 'quo-contacts.quo-contacts', 'rate-budget');
  try {
    return readdirSync(root).reduce((sum, key) => sum + readdirSync(path.join(root, key)).filter((name) => !name.includes('.')).length, 0);
  } catch {
    return 0;
  }
}

describe('Two windows on one key', function () {
  this.timeout(180_000);
  let second: Page | undefined;

  after(async () => {
    await second?.close();
  });

  it('stay under 10 requests in any second together, with at most 3 answered 429', async () => {
    const { page, context, quo, server } = ui();
    await openFile(page, FILE);
    await sleep(2_000);
    second = await context.newPage();
    await second.goto(server.url);
    await waitForWorkbench(second);
    await waitForCommand(second, 'Quo: Refresh');
    await openFile(second, FILE);

    quo.resetStats();
    await sleep(5_000);
    const refusedAtFirst = quo.stats.byStatus[429] ?? 0;
    const beating = beatingWindows();
    quo.resetStats();
    await sleep(25_000);
    const { maxInWindow, total, byStatus } = quo.stats;
    const refused = refusedAtFirst + (byStatus[429] ?? 0);
    console.log(`      two windows, 25 s: ${total} requests, at most ${maxInWindow} in a second, ${refused} answered 429`);
    assert.ok(total >= 150, `both windows kept asking (${total} requests in 25 s)`);
    assert.ok(maxInWindow <= 10, `${maxInWindow} requests in one second`);
    assert.ok(refused <= 3, `${refused} answered 429`);
    assert.equal(beating, 2, 'both windows announced themselves for the key');
  });
});
