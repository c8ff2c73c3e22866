/**
 * Adding, switching and removing workspaces, loaded on the first of those commands from a chunk of its own
 * (dist/workspaceCommands.js): a window that never runs one does not parse them.
 */
import { configureTranslations } from '../translations.js';

// This chunk has its own copy of @vscode/l10n: hand it the display language's bundle too.
configureTranslations();

export { WorkspaceCommands } from './workspaceCommands.js';
