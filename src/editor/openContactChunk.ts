/**
 * Quo: Open Contact's choice of contact (openContactCommand.ts), built into dist/openContact.js by esbuild.mjs and
 * required by extension.ts on first use: the session, the detector and the recent list come from the activation
 * bundle, so nothing that holds state is bundled twice.
 */
import { configureTranslations } from '../translations.js';

configureTranslations();

export { pickContactId } from './openContactCommand.js';
