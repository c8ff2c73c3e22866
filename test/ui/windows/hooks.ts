// Mocha root hooks for the two-window run (test/ui/windows/.mocharc.json): one code-server whose environment holds
// the sandbox's key, so every window it opens uses the same key without the palette, and a file naming hundreds of
// contacts on screen: each window then lists the workspace for them (src/contacts/nameFill.ts), 200 pages of 10,000
// contacts, more than two windows sharing 10 requests a second can send while the test lasts. Run after the other UI
// runs: two VS Codes never run at once.
import { uiRootHooks } from '../hooks.js';
import { SHARED_BUDGET_FILE, sharedBudgetFile } from './fixtures.js';

export const mochaHooks = uiRootHooks({
  environmentKey: true,
  contacts: 10_000,
  files: (contacts) => new Map([[SHARED_BUDGET_FILE, sharedBudgetFile(contacts.slice(0, 900))]]),
});
