/**
 * Editing, creating and deleting contacts, loaded on first use from a chunk of its own (dist/editing.js, required by
 * src/panel/editingLoader.ts): a window that only reads contacts never parses it. It gets the sessions from the
 * activation bundle, so nothing that holds state is bundled twice.
 */
import { configureTranslations } from '../../translations.js';

// This chunk has its own copy of @vscode/l10n: hand it the display language's bundle too.
configureTranslations();

export { createContact, type CreateContactDeps } from './createContact.js';
export { confirmAndDelete } from './deleteContact.js';
export { createPanelEditor, type PanelEditor, type PanelEditorHost } from './panelEditor.js';
