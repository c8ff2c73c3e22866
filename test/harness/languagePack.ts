// A display language for code-server without Microsoft's language packs, which cannot be downloaded here.
//
// code-server resolves `--locale fr` only through an installed extension that contributes `localizations` for `fr`,
// and only once that pack is listed in `<user-data-dir>/languagepacks.json`. VS Code writes that file when it
// installs a language pack itself, but not when the command line does (`--install-extension`,
// coder/code-server#4735): so after installing the pack this writes the entry the way VS Code's language pack
// service would. The pack (test/fixtures/language-pack-fr) translates nothing of VS Code, so the workbench stays
// English and only the extension's own package.nls.fr.json and l10n/bundle.l10n.fr.json show in French.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createVSIX } from '@vscode/vsce';
import { installExtension, type Sandbox } from './codeServer.js';
import { REPO_ROOT } from './paths.js';

export const FRENCH_LANGUAGE_PACK = path.join(REPO_ROOT, 'test', 'fixtures', 'language-pack-fr');

interface Localization {
  readonly languageId: string;
  readonly languageName: string;
  readonly localizedLanguageName?: string;
  readonly translations: readonly { readonly id: string; readonly path: string }[];
}

export interface LanguagePackManifest {
  readonly publisher: string;
  readonly name: string;
  readonly version: string;
  readonly contributes: { readonly localizations: readonly Localization[] };
}

/** One entry of languagepacks.json, as VS Code's NativeLanguagePackService writes it. */
export interface LanguagePackEntry {
  hash: string;
  extensions: { extensionIdentifier: { id: string }; version: string }[];
  translations: Record<string, string>;
  label: string;
}

/** Packages the language pack in `folder` into the sandbox, installs it with `--install-extension` and registers it. */
export async function installLanguagePack(sandbox: Sandbox, folder: string = FRENCH_LANGUAGE_PACK): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as LanguagePackManifest;
  const vsix = path.join(sandbox.root, `${manifest.name}-${manifest.version}.vsix`);
  await createVSIX({ cwd: folder, packagePath: vsix, dependencies: false, allowMissingRepository: true, skipLicense: true });
  installExtension(sandbox, vsix);
  registerLanguagePack(sandbox, manifest);
}

/** Adds the installed pack's languages to `<user-data-dir>/languagepacks.json`. */
function registerLanguagePack(sandbox: Sandbox, manifest: LanguagePackManifest): void {
  const id = `${manifest.publisher}.${manifest.name}`;
  const prefix = `${id}-${manifest.version}`.toLowerCase();
  const installed = readdirSync(sandbox.extensionsDir).find((name) => name.toLowerCase().startsWith(prefix));
  if (installed === undefined) {
    throw new Error(`${id} is not in ${sandbox.extensionsDir} after installing it`);
  }
  const location = path.join(sandbox.extensionsDir, installed);
  const file = path.join(sandbox.userDataDir, 'languagepacks.json');
  let packs: Record<string, LanguagePackEntry> = {};
  try {
    packs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, LanguagePackEntry>;
  } catch {
    // None yet.
  }
  Object.assign(packs, languagePackEntries(manifest, location));
  writeFileSync(file, JSON.stringify(packs));
}

/** The languagepacks.json entries of a pack installed at `location`, keyed by language id. */
export function languagePackEntries(manifest: LanguagePackManifest, location: string): Record<string, LanguagePackEntry> {
  const id = `${manifest.publisher}.${manifest.name}`;
  return Object.fromEntries(
    manifest.contributes.localizations.map((localization) => [
      localization.languageId,
      {
        // VS Code hashes the ids and versions of the pack's extensions; the hash names the folder of generated messages.
        hash: createHash('md5').update(id).update(manifest.version).digest('hex'),
        extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
        translations: Object.fromEntries(localization.translations.map((translation) => [translation.id, path.join(location, translation.path)])),
        label: localization.localizedLanguageName ?? localization.languageName,
      },
    ]),
  );
}
