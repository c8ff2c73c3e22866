import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The plain modules must load in Node without VS Code, so unit tests (and a future web or CLI build) can use them. */
const PLAIN_FOLDERS = ['src/quo', 'src/detect', 'src/contacts', 'src/render', 'src/panel/webview', 'src/activity'];
const PLAIN_FILES = [
  'src/panel/messages.ts',
  'src/auth/keyFingerprint.ts',
  'src/sidebar/treeModel.ts',
  'src/sidebar/inFile.ts',
  'src/sidebar/indexController.ts',
  'src/session/availability.ts',
  'src/session/availabilityCopy.ts',
  'src/session/crossWindowBudget.ts',
  'src/commands/commandIds.ts',
  'src/settingsPolicy.ts',
  'src/editor/inlineRedraws.ts',
];

/** The surfaces: they reach Quo through the session only. */
const SURFACE_FOLDERS = ['src/editor', 'src/panel', 'src/sidebar', 'src/auth', 'src/render', 'src/workspaces'];
const SURFACE_FILES = ['src/extension.ts', 'src/testApi.ts'];
/**
 * What only the session may hold: the client, the cache, the limiter and the lookup behind them, and the activity
 * loader and cache (a surface that ran a plan itself would spend a budget the session does not know of), and the
 * resolver of call and message ids (one per session, so an id that is neither costs its two requests once a period).
 */
const SESSION_PRIVATE =
  /from ['"][./]*(quo\/client|quo\/rateLimiter|contacts\/contactCache|contacts\/contactLookup|activity\/activityLoader|activity\/activityCache|activity\/activityIdResolver)\.js['"]/;

function tsFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

describe('Module boundaries', () => {
  const files = [...PLAIN_FOLDERS.flatMap(tsFiles), ...PLAIN_FILES];

  it('finds the plain modules', () => {
    assert.ok(files.length > 20, `only ${files.length} files found`);
  });

  for (const file of files) {
    it(`${file} does not import vscode`, () => {
      assert.doesNotMatch(readFileSync(file, 'utf8'), /from ['"]vscode['"]|require\(['"]vscode['"]\)/);
    });
  }
});

describe('The session is the only door to Quo', () => {
  const surfaces = [...SURFACE_FOLDERS.flatMap(tsFiles), ...SURFACE_FILES];

  it('finds the surface modules', () => {
    assert.ok(surfaces.length > 20, `only ${surfaces.length} files found`);
  });

  for (const file of surfaces) {
    it(`${file} imports neither the client, the cache, the limiter nor the lookup`, () => {
      // `import type` of a plain type (e.g. RequestOptions) is allowed; a value import is not.
      const imports = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /^import\s/.test(line) && !/^import type\s/.test(line));
      for (const line of imports) {
        assert.doesNotMatch(line, SESSION_PRIVATE, line);
      }
    });
  }

  it('keeps each workspace session\'s client, cache, limiter and lookup private', () => {
    const source = readFileSync('src/session/workspaceSession.ts', 'utf8');
    for (const member of ['limiter', 'cache', 'lookup', 'currentClient', 'lineCache', 'activityCache', 'activityIds']) {
      assert.match(source, new RegExp(`private (readonly )?${member}\\b`), member);
    }
  });
});

describe('libphonenumber stays out of the activation bundle', () => {
  const sources = tsFiles('src');

  it('is imported by src/contacts/phoneLibrary.ts only (built on its own into dist/phone.js)', () => {
    const importers = sources.filter((file) => /from ['"]libphonenumber-js|require\(['"]libphonenumber-js/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(importers.map((file) => file.split('\\').join('/')), ['src/contacts/phoneLibrary.ts']);
  });

  it('whose values only phoneParser.ts loads, on first use', () => {
    for (const file of sources) {
      const source = readFileSync(file, 'utf8');
      // Any import of it but `import type` (also spread over several lines, or a side-effect import).
      const valueImports = source.match(/^import\s+(?!type\s)[^;]*?['"][./]*(?:contacts\/)?phoneLibrary\.js['"]/gm) ?? [];
      assert.deepEqual(valueImports, [], file);
      const loads = /require\(['"]\.\/phoneLibrary\.js['"]\)/.test(source);
      assert.equal(loads, file.split('\\').join('/') === 'src/contacts/phoneParser.ts', file);
    }
  });
});
