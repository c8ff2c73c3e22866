/**
 * The Contacts view's contents (sidebarView.ts), built into dist/sidebar.js by esbuild.mjs and required by sidebar.ts
 * on first use. The scan observer and the search's items are here for the test API, which must reach this chunk's
 * copies of them, not the activation bundle's.
 */
import { configureTranslations } from '../translations.js';

configureTranslations();

export { SidebarView } from './sidebarView.js';
export { observeScans } from './inFileScanner.js';
export { searchItems } from './searchContacts.js';
