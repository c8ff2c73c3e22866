import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossWindowBudgets, type KeyBudget } from '../../src/session/crossWindowBudget.js';
import { silentLogger } from '../../src/quo/log.js';

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
    budget('window-a', 'key1', 'a');
    await until(() => ceilings.a === 10, 'a alone took 10');
    const b = budget('window-b', 'key1', 'b');
    budget('window-b', 'key2', 'other');
    await until(() => ceilings.a === 5 && ceilings.b === 5, 'split 5 and 5');
    assert.equal(ceilings.other, 10, 'another key has its own budget');
    b.noteRefused();
    assert.equal(ceilings.b, 2, 'a 429 halves the window\'s share');
    b.dispose();
    open.splice(open.indexOf(b), 1);
    await until(() => ceilings.a === 10, 'a took the whole limit back');
  });
});
