// Mocha root hooks of the French UI suite (test/ui/french/.mocharc.json): the same single VS Code as the English
// suite, with the test-only French language pack installed and code-server started with `--locale fr`. `npm run
// test:ui` runs this suite after the English one has finished, in its own mocha process.
import { uiRootHooks } from '../hooks.js';

export const mochaHooks = uiRootHooks({ locale: 'fr' });
