// Mocha root hooks for the two-window run (test/ui/windows/.mocharc.json): one code-server whose environment holds
// the sandbox's key, so every window it opens uses the same key without the palette, and a file naming more contacts
// than two windows can ask for while the test lasts. Run after the other UI runs: two VS Codes never run at once.
import { uiRootHooks } from '../hooks.js';
import { SHARED_BUDGET_FILE, sharedBudgetFile } from './fixtures.js';

export const mochaHooks = uiRootHooks({
  environmentKey: true,
  contacts: 900,
  files: (contacts) => new Map([[SHARED_BUDGET_FILE, sharedBudgetFile(contacts)]]),
});
