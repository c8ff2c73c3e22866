// `npm run test:desktop`: the same integration suite in desktop VS Code, downloaded by @vscode/test-electron as
// usual. For contributors with internet access and a display (on a headless Linux: `xvfb-run -a npm run test:desktop`).
// QUO_VSCODE_VERSION picks another version ("stable", "insiders", "1.140.0"); the default matches the offline path.
import { VSCODE_VERSION } from './paths.js';
import { main } from './run-integration.js';

main({ kind: 'desktop', version: process.env['QUO_VSCODE_VERSION'] ?? VSCODE_VERSION });
