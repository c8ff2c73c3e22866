import assert from 'node:assert/strict';
import { findImports, resolveImport } from './importGraph.js';

/** One of each form the layer rules must see, where a line-start pattern would miss most of them. */
const SAMPLE = `
import * as vscode from 'vscode';
import {
  first,
  type Second,
} from '../render/html.js';
import type { Third } from "../quo/types.js";
import { type OnlyAType } from '../quo/errors.js';
import Default, { named } from './both.js';
import './sideEffect.js';
export { escapeMarkdown } from './markdown.js';
export type { Shape } from './shape.js';
export * from './everything.js';
export * as grouped from './grouped.js';
import legacy = require('./legacy.js');
// import { commented } from './comment.js';
/* require('./blockComment.js') */
const text = "import { inString } from './string.js'";

export function later(): void {
  const library = require('./phoneLibrary.js') as unknown;
  void import('./lazy.js').then(() => library);
  const name = './computed.js';
  void require(name);
}

let shape: typeof import('./typeQuery.js').value;
  `;

describe('The import reader behind the layer rules', () => {
  const found = findImports(SAMPLE);
  const bySpecifier = new Map(found.map((entry) => [entry.specifier, entry]));

  it('finds every import form, multi-line ones and ones inside a function included', () => {
    assert.deepEqual(
      found.map(({ specifier, form }) => `${form} ${specifier}`),
      [
        'import vscode',
        'import ../render/html.js',
        'import ../quo/types.js',
        'import ../quo/errors.js',
        'import ./both.js',
        'side-effect ./sideEffect.js',
        'export-from ./markdown.js',
        'export-from ./shape.js',
        'export-from ./everything.js',
        'export-from ./grouped.js',
        'import-equals ./legacy.js',
        'require ./phoneLibrary.js',
        'dynamic ./lazy.js',
        'require undefined',
        'type-query ./typeQuery.js',
      ],
    );
  });

  it('ignores what only looks like an import: comments and strings', () => {
    for (const decoy of ['./comment.js', './blockComment.js', './string.js']) {
      assert.equal(bySpecifier.has(decoy), false, decoy);
    }
  });

  it('tells imports erased from the JavaScript from the ones that load a module', () => {
    const typeOnly = found.filter((entry) => entry.typeOnly).map((entry) => entry.specifier);
    assert.deepEqual(typeOnly, ['../quo/types.js', '../quo/errors.js', './shape.js', './typeQuery.js']);
  });

  it('gives the line where each starts and its text on one line', () => {
    const html = bySpecifier.get('../render/html.js');
    assert.equal(html?.line, 3);
    assert.equal(html.text, "import { first, type Second, } from '../render/html.js';");
    assert.equal(bySpecifier.get('./lazy.js')?.line, 22);
  });

  it('reads the real sources: an import of a file under src/ is found', () => {
    assert.ok(findImports("import { Emitter } from '../common/emitter.js';\n").some((entry) => entry.specifier === '../common/emitter.js'));
  });
});

describe('Resolving an import to a file', () => {
  const exists = (path: string): boolean => ['src/render/html.ts', 'src/contacts/search/index.ts'].includes(path);

  it('maps a relative .js specifier to the .ts file beside or above the importer', () => {
    assert.equal(resolveImport('src/contacts/contactCache.ts', '../render/html.js', exists), 'src/render/html.ts');
    assert.equal(resolveImport('src/contacts/search/corpus.ts', '../../quo/types.js', exists), 'src/quo/types.ts');
    assert.equal(resolveImport('src/render/panelHtml.ts', './html.js', exists), 'src/render/html.ts');
  });

  it('maps a folder to its index.ts, and works with Windows separators', () => {
    assert.equal(resolveImport('src/contacts/contactIndex.ts', './search', exists), 'src/contacts/search/index.ts');
    assert.equal(resolveImport('src\\contacts\\contactCache.ts', '../render/html.js', exists), 'src/render/html.ts');
  });

  it('leaves packages alone', () => {
    for (const specifier of ['vscode', 'node:fs', '@vscode/l10n', 'libphonenumber-js/min']) {
      assert.equal(resolveImport('src/contacts/phone.ts', specifier, exists), undefined, specifier);
    }
  });
});
