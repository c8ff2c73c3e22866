/**
 * The contact panel's view and everything only it uses (the page's HTML, the Activity and Mentioned in sections,
 * call details, the protocol's checks), built into dist/panelView.js by esbuild.mjs and required by contactPanel.ts
 * when the first panel opens or is restored: a window that never opens a contact pays nothing for it. The sessions,
 * the lists and the settings come from the manager (PanelContext), so nothing that holds state is bundled twice.
 */
import { configureTranslations } from '../translations.js';
import { ContactView } from './contactView.js';

configureTranslations();

export { ContactView };
