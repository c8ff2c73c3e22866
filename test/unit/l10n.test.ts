/**
 * Translations stay in step with the code: the English bundle is what the sources ask for, every manifest key has
 * its English text, and every translation (package.nls.<lang>.json, l10n/bundle.l10n.<lang>.json) has exactly the
 * English keys with the same {n} placeholders.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = path.resolve(__dirname, '..', '..');
type Messages = Record<string, string | { message: string; comment: string[] }>;

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(path.join(ROOT, ...parts), 'utf8')) as T;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function text(message: Messages[string]): string {
  return typeof message === 'string' ? message : message.message;
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\d+)\}/g)].map((match) => match[1]).sort();
}

/** What is wrong with a translation of `english`, one line per problem; empty when it matches. */
export function translationProblems(english: Messages, translated: Messages): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    const theirs = translated[key];
    if (theirs === undefined) {
      problems.push(`missing: ${key}`);
    } else if (placeholders(text(theirs)).join() !== placeholders(text(english[key])).join()) {
      problems.push(`placeholders differ: ${key}`);
    }
  }
  for (const key of Object.keys(translated)) {
    if (!(key in english)) problems.push(`not in English: ${key}`);
  }
  return problems;
}

/** What a translation must keep as it is: markdown links' targets, `code spans` and `$(icon)`s, sorted. */
function untranslatable(message: string): string[] {
  return [
    ...[...message.matchAll(/\]\(([^)\s]+)/g)].map((match) => `link ${match[1]}`),
    ...[...message.matchAll(/`[^`]*`/g)].map((match) => `code ${match[0]}`),
    ...[...message.matchAll(/\$\([\w-]+(?:~[\w-]+)?\)/g)].map((match) => `icon ${match[0]}`),
  ].sort();
}

/** Keys whose translation changed a link target, a code span or an icon. */
export function untranslatableProblems(english: Messages, translated: Messages): string[] {
  return Object.keys(english)
    .filter((key) => translated[key] !== undefined && untranslatable(text(translated[key])).join('\n') !== untranslatable(text(english[key])).join('\n'))
    .map((key) => `links, code or icons differ: ${key}`);
}

/** Every `%key%` a manifest value refers to. */
function manifestKeys(value: unknown): string[] {
  if (typeof value === 'string') {
    const match = /^%([^%]+)%$/.exec(value);
    return match ? [match[1]] : [];
  }
  if (Array.isArray(value)) return value.flatMap(manifestKeys);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(manifestKeys);
  return [];
}

/** Every translation file, with the English messages it translates and its path parts under the root. */
function translationFiles(): { readonly name: string; readonly english: Messages; readonly parts: readonly string[] }[] {
  const english = { manifest: readJson<Messages>('package.nls.json'), bundle: readJson<Messages>('l10n', 'bundle.l10n.json') };
  return [
    ...readdirSync(ROOT).filter((name) => /^package\.nls\.[\w-]+\.json$/.test(name)).map((name) => ({ name, english: english.manifest, parts: [name] })),
    ...readdirSync(path.join(ROOT, 'l10n'))
      .filter((name) => /^bundle\.l10n\.[\w-]+\.json$/.test(name))
      .map((name) => ({ name, english: english.bundle, parts: ['l10n', name] })),
  ];
}

describe('translations', () => {
  it('l10n/bundle.l10n.json is exactly what the sources ask l10n.t() for (run `npm run l10n` after changing a message)', async () => {
    const files = sourceFiles(path.join(ROOT, 'src')).map((file) => ({ extension: '.ts', contents: readFileSync(file, 'utf8') }));
    const extracted = await getL10nJson(files);
    assert.ok(Object.keys(extracted).length > 50, 'the extraction found the messages');
    assert.deepEqual(readJson<Messages>('l10n', 'bundle.l10n.json'), extracted);
  });

  it('every %key% of package.json has its English text in package.nls.json, and no English text is unused', () => {
    const manifest = readJson<Record<string, unknown>>('package.json');
    const nls = readJson<Messages>('package.nls.json');
    const used = new Set(manifestKeys(manifest));
    assert.ok(used.size > 30, 'the manifest uses translated strings');
    assert.deepEqual([...used].filter((key) => !(key in nls)), [], 'keys without English text');
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'English text no manifest value uses');
  });

  it('every translation has exactly the English keys with the same placeholders', () => {
    const translations = translationFiles();
    for (const translation of translations) {
      assert.deepEqual(translationProblems(translation.english, readJson<Messages>(...translation.parts)), [], translation.name);
    }
  });

  it('every translation keeps the links\' targets, the `code spans` and the $(icons) of the English text', () => {
    const translations = translationFiles();
    assert.ok(translations.some((translation) => translation.name === 'package.nls.fr.json'), 'the French translation is there');
    for (const translation of translations) {
      assert.deepEqual(untranslatableProblems(translation.english, readJson<Messages>(...translation.parts)), [], translation.name);
    }
  });

  it('finds a changed link target, code span or icon in a translation', () => {
    const english: Messages = { a: 'See [docs](https://x.test/a) and `quo.languages`', b: '$(key) Set Key' };
    assert.deepEqual(untranslatableProblems(english, { a: 'Voir `quo.languages` et la [doc](https://x.test/a)', b: '$(key) Définir' }), []);
    assert.deepEqual(untranslatableProblems(english, { a: 'Voir [doc](https://x.test/fr) et `quo.langages`', b: '$(clé) Définir' }), [
      'links, code or icons differ: a',
      'links, code or icons differ: b',
    ]);
  });

  it('finds a missing key, an extra key and a lost placeholder in a translation', () => {
    const english: Messages = { 'Open {0}': 'Open {0}', Copied: 'Copied', 'a.b': { message: '{0} of {1}', comment: [] } };
    assert.deepEqual(translationProblems(english, { 'Open {0}': 'Ouvrir {0}', Copied: 'Copié', 'a.b': '{1} sur {0}' }), []);
    assert.deepEqual(translationProblems(english, { 'Open {0}': 'Ouvrir', 'a.b': '{0} sur {1}', Extra: 'x' }), [
      'placeholders differ: Open {0}',
      'missing: Copied',
      'not in English: Extra',
    ]);
  });
});
