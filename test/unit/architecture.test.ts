import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findImports, resolveImport, type FoundImport } from './importGraph.js';

/**
 * The layers of src/. A file belongs to the first folder under src/ (`src/contacts/search/x.ts` is in `contacts`),
 * except the few files named here.
 *
 * Plain layers, lowest first: they never import vscode (they load in Node, so unit tests and a future web or CLI
 * build can use them), and a plain module imports only its own layer or a lower one, never upwards. The webview's
 * own bundle is the top plain layer; the settings policy (`src/settings/settingsPolicy.ts`) ranks with `common`.
 */
const PLAIN_LAYERS: readonly (readonly string[])[] = [
  ['common', 'settings/settingsPolicy.ts'],
  ['quo'],
  ['auth'],
  ['contacts'],
  ['detect'],
  ['mentions'],
  ['connection'],
  ['activity'],
  ['session'],
  ['render'],
  ['panel/webview'],
];
/** Shared VS Code-facing modules: they may import plain modules and each other, never a surface. */
const SHARED = ['commands', 'documents', 'storage', 'settings/settings.ts', 'logging.ts', 'translations.ts'];
/** The surfaces: each may import plain and shared modules and its own folder, never another surface. */
const SURFACES = ['editor', 'panel', 'sidebar', 'workspaces', 'statusBar', 'chat', 'references'];
/** The wiring: may import anything, and nothing imports it. */
const WIRING = ['extension.ts', 'testApi.ts'];

/** Plain files inside the folders of shared modules and surfaces (the plain folders are all plain). */
const PLAIN_FILES = [
  'src/sidebar/treeModel.ts',
  'src/chat/toolInput.ts',
  'src/chat/lookupInText.ts',
  'src/sidebar/inFile.ts',
  'src/sidebar/contactGroups.ts',
  'src/sidebar/listStatus.ts',
  'src/commands/commandIds.ts',
  'src/commands/commandUris.ts',
  'src/settings/settingsPolicy.ts',
  'src/editor/inlineRedraws.ts',
];
const PLAIN_FOLDERS = PLAIN_LAYERS.flat()
  .filter((name) => !name.endsWith('.ts'))
  .map((name) => `src/${name}`);

/** The surfaces, for the session's door: they reach Quo through the session only. */
const SURFACE_FOLDERS = [...SURFACES, 'commands', 'documents', 'storage', 'auth', 'render'].map((name) => `src/${name}`);
const SURFACE_FILES = [...WIRING, 'settings/settings.ts', 'logging.ts', 'translations.ts'].map((name) => `src/${name}`);
/**
 * What only the session may hold: the client, the cache, the limiter and the lookup behind them, and the activity
 * loader and cache (a surface that ran a plan itself would spend a budget the session does not know of), and the
 * resolver of call and message ids (one per session, so an id that is neither costs its two requests once a period).
 */
const SESSION_PRIVATE = [
  'src/quo/client.ts',
  'src/quo/transport.ts',
  'src/quo/rateLimiter.ts',
  'src/contacts/contactCache.ts',
  'src/contacts/contactLookup.ts',
  'src/activity/activityLoader.ts',
  'src/activity/activityCache.ts',
  'src/activity/activityIdResolver.ts',
  'src/activity/workspaceResources.ts',
];

/** A file's length limit: past it, split it by what its parts do. */
const MAX_LINES = 450;

function tsFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? tsFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
    )
    .map((file) => file.split('\\').join('/'));
}

const importsOf = (() => {
  const cache = new Map<string, FoundImport[]>();
  return (file: string): FoundImport[] => {
    let found = cache.get(file);
    if (!found) {
      found = findImports(readFileSync(file, 'utf8'), file);
      cache.set(file, found);
    }
    return found;
  };
})();

type Layer =
  | { readonly kind: 'plain'; readonly name: string; readonly rank: number }
  | { readonly kind: 'shared'; readonly name: string }
  | { readonly kind: 'surface'; readonly name: string }
  | { readonly kind: 'wiring'; readonly name: string };

/** The layer of a file under src/ (a path with `/`), undefined when it is in none. */
function layerOf(file: string): Layer | undefined {
  if (!file.startsWith('src/')) {
    return undefined;
  }
  const path = file.slice('src/'.length);
  const folder = path.includes('/') ? path.slice(0, path.indexOf('/')) : undefined;
  const named = (name: string): boolean => (name.endsWith('.ts') ? path === name : path.startsWith(`${name}/`));
  // The most specific name first: `settings/settingsPolicy.ts` before `settings`, `panel/webview` before `panel`.
  const rank = PLAIN_LAYERS.findIndex((names) => names.some((name) => name.includes('/') && named(name)));
  if (rank >= 0) {
    return { kind: 'plain', name: PLAIN_LAYERS[rank]?.find(named) ?? path, rank };
  }
  if (WIRING.includes(path)) {
    return { kind: 'wiring', name: path };
  }
  const shared = SHARED.find(named);
  if (shared !== undefined) {
    return { kind: 'shared', name: shared };
  }
  if (folder === undefined) {
    return undefined;
  }
  const plainRank = PLAIN_LAYERS.findIndex((names) => names.includes(folder));
  if (plainRank >= 0) {
    return { kind: 'plain', name: folder, rank: plainRank };
  }
  return SURFACES.includes(folder) ? { kind: 'surface', name: folder } : undefined;
}

const describeLayer = (layer: Layer): string =>
  layer.kind === 'plain'
    ? `the plain layer ${layer.name}`
    : layer.kind === 'shared'
      ? `the shared module ${layer.name}`
      : layer.kind === 'surface'
        ? `the surface ${layer.name}`
        : `the wiring (${layer.name})`;

/** Why `importer` may not import `target`, or undefined when it may. */
function brokenRule(importer: Layer, target: Layer): string | undefined {
  if (importer.kind === 'wiring') {
    return undefined;
  }
  if (target.kind === 'wiring') {
    return `nothing imports the wiring (${WIRING.join(', ')}); it imports the rest`;
  }
  switch (importer.kind) {
    case 'plain': {
      if (target.kind === 'plain' && target.rank <= importer.rank) {
        return undefined;
      }
      const allowed = PLAIN_LAYERS.slice(0, importer.rank + 1).flat().join(', ');
      return (
        `a plain module (${importer.name}) imports only plain layers up to its own (${allowed}), ` +
        `but ${describeLayer(target)} is ${target.kind === 'plain' ? 'above it' : 'not plain'}`
      );
    }
    case 'shared':
      return target.kind === 'plain' || target.kind === 'shared'
        ? undefined
        : `a shared module (${importer.name}) imports plain and shared modules only, never a surface (${target.name})`;
    case 'surface':
      return target.kind === 'plain' || target.kind === 'shared' || (target.kind === 'surface' && target.name === importer.name)
        ? undefined
        : `a surface (${importer.name}) imports plain and shared modules and its own folder, never another surface (${target.name})`;
  }
}

/** Every import of `file` that breaks the layers, one line each naming the import and the rule. */
function layerViolations(file: string): string[] {
  const importer = layerOf(file);
  if (!importer) {
    return [`${file} is in no layer: add its folder (or the file) to the layers at the top of test/unit/architecture.test.ts`];
  }
  return importsOf(file).flatMap((found) => {
    const where = `${file}:${found.line} \`${found.text}\``;
    if (found.specifier === undefined) {
      return [`${where}: the module is computed, so the layer rule cannot check it; name it in a string`];
    }
    const target = resolveImport(file, found.specifier);
    if (target === undefined) {
      return []; // A package: only vscode matters, and the plain rule below checks it.
    }
    const targetLayer = layerOf(target);
    if (!targetLayer) {
      return [`${where}: ${target} is in no layer (outside src/, or a folder the layers do not name)`];
    }
    const broken = brokenRule(importer, targetLayer);
    return broken === undefined ? [] : [`${where} imports ${target}: ${broken}`];
  });
}

/** Fails with one line per finding (and no actual/expected diff repeating them). */
function failWith(findings: readonly string[], what: string): void {
  if (findings.length > 0) {
    assert.fail(`${findings.length} ${what}:\n${findings.join('\n')}`);
  }
}

describe('Layers', () => {
  const sources = tsFiles('src');

  it('reads the imports of every source (the rule is not reading nothing)', () => {
    assert.ok(sources.length > 100, `only ${sources.length} files found`);
    const relative = sources.flatMap((file) => importsOf(file).filter((found) => found.specifier?.startsWith('.')));
    assert.ok(relative.length > 400, `only ${relative.length} relative imports found`);
    // The forms past a line-start `import`: re-exports and a require inside a function.
    assert.ok(importsOf('src/contacts/phoneParser.ts').some((found) => found.form === 'require' && found.specifier === './phoneLibrary.js'));
    assert.ok(sources.some((file) => importsOf(file).some((found) => found.form === 'export-from' && found.specifier?.startsWith('.'))));
  });

  it('places each layer name where it is meant to be', () => {
    assert.deepEqual(layerOf('src/contacts/search/corpus.ts'), { kind: 'plain', name: 'contacts', rank: 3 });
    assert.deepEqual(layerOf('src/settings/settingsPolicy.ts'), { kind: 'plain', name: 'settings/settingsPolicy.ts', rank: 0 });
    assert.deepEqual(layerOf('src/panel/webview/main.ts'), { kind: 'plain', name: 'panel/webview', rank: PLAIN_LAYERS.length - 1 });
    assert.deepEqual(layerOf('src/panel/contactPanel.ts'), { kind: 'surface', name: 'panel' });
    assert.deepEqual(layerOf('src/settings/settings.ts'), { kind: 'shared', name: 'settings/settings.ts' });
    assert.deepEqual(layerOf('src/commands/registry.ts'), { kind: 'shared', name: 'commands' });
    assert.deepEqual(layerOf('src/extension.ts'), { kind: 'wiring', name: 'extension.ts' });
    assert.equal(layerOf('src/settings/somethingNew.ts'), undefined);
  });

  for (const file of sources) {
    it(`${file} imports along the layers`, () => {
      failWith(layerViolations(file), 'import(s) across the layers');
    });
  }
});

describe('Module boundaries', () => {
  const files = [...PLAIN_FOLDERS.flatMap(tsFiles), ...PLAIN_FILES];

  it('finds the plain modules', () => {
    assert.ok(files.length > 20, `only ${files.length} files found`);
    for (const file of PLAIN_FILES) {
      assert.ok(existsSync(file), `${file} is listed in PLAIN_FILES but does not exist`);
    }
  });

  for (const file of files.filter((name) => existsSync(name))) {
    it(`${file} does not import vscode`, () => {
      const vscode = importsOf(file)
        .filter((found) => found.specifier === 'vscode')
        .map((found) => `${file}:${found.line} \`${found.text}\``);
      failWith(vscode, 'import(s) of vscode in a plain module, which must load in Node without VS Code');
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
      // A type-only import of a plain type (e.g. RequestOptions) is allowed; one that loads the module is not.
      const loads = importsOf(file)
        .filter((found) => !found.typeOnly && found.specifier !== undefined)
        .filter((found) => SESSION_PRIVATE.includes(resolveImport(file, found.specifier ?? '') ?? ''))
        .map((found) => `${file}:${found.line} \`${found.text}\``);
      failWith(loads, 'import(s) of what only the session holds');
    });
  }

  it('keeps each workspace session\'s client, limiter, cache, lookup and activity caches private', () => {
    const privateMembers: Readonly<Record<string, readonly string[]>> = {
      'src/session/workspaceSession.ts': ['limiter', 'currentClient'],
      // The workspace's store: surfaces read what it knows through know() and the list, never its parts.
      'src/contacts/workspaceContacts.ts': ['cache', 'lookup', 'list', 'schedule'],
      'src/activity/workspaceActivity.ts': ['lineCache', 'activityCache', 'activityIds'],
    };
    for (const [file, members] of Object.entries(privateMembers)) {
      const source = readFileSync(file, 'utf8');
      for (const member of members) {
        assert.match(source, new RegExp(`private (readonly )?${member}\\b`), `${file}: ${member}`);
      }
    }
  });
});

describe(`Every source file has at most ${MAX_LINES} lines`, () => {
  for (const file of tsFiles('src')) {
    it(file, () => {
      const text = readFileSync(file, 'utf8');
      const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      if (lines > MAX_LINES) {
        assert.fail(`${file} has ${lines} lines, over the limit of ${MAX_LINES}: split it by what its parts do`);
      }
    });
  }
});

describe('libphonenumber stays out of the activation bundle', () => {
  const sources = tsFiles('src');

  it('is imported by src/contacts/phoneLibrary.ts only (built on its own into dist/phone.js)', () => {
    const importers = sources.filter((file) => /from ['"]libphonenumber-js|require\(['"]libphonenumber-js/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(importers, ['src/contacts/phoneLibrary.ts']);
  });

  it('whose values only phoneParser.ts loads, on first use', () => {
    for (const file of sources) {
      const source = readFileSync(file, 'utf8');
      // Any import of it but `import type` (also spread over several lines, or a side-effect import).
      const valueImports = source.match(/^import\s+(?!type\s)[^;]*?['"][./]*(?:contacts\/)?phoneLibrary\.js['"]/gm) ?? [];
      assert.deepEqual(valueImports, [], file);
      const loads = /require\(['"]\.\/phoneLibrary\.js['"]\)/.test(source);
      assert.equal(loads, file === 'src/contacts/phoneParser.ts', file);
    }
  });
});

describe('The ranked search stays out of the activation bundle', () => {
  // The query side, built into dist/search.js; the corpus it reads is kept up to date by the index, in the bundle.
  const QUERY_SIDE = ['contactSearch', 'queryPlan', 'scan', 'topHits', 'typoMarks', 'typoMatch', 'matchedField', 'scoring'].map(
    (name) => `src/contacts/search/${name}.ts`,
  );

  it('is imported for its values by itself and searchChunk.ts only', () => {
    const importers = tsFiles('src').filter((file) => {
      const source = readFileSync(file, 'utf8');
      // An import or a re-export, but not of types only (they leave nothing in the bundle).
      const valueImports = source.match(/^(?:import|export)\s+(?!type\s)[^;]*?['"][^'"]*\/\w+\.js['"]/gm) ?? [];
      return valueImports.some((line) => QUERY_SIDE.some((module) => line.includes(`/${module.slice(module.lastIndexOf('/') + 1, -3)}.js'`)));
    });
    assert.ok(importers.includes('src/contacts/search/searchChunk.ts'), 'the rule reads the chunk entry');
    assert.deepEqual(
      importers.filter((file) => !QUERY_SIDE.includes(file) && file !== 'src/contacts/search/searchChunk.ts'),
      [],
    );
  });

  it('is required by src/contacts/contactIndex.ts only, on the first search', () => {
    const loaders = tsFiles('src').filter((file) => /require\(['"][./\w]*searchChunk\.js['"]\)/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(loaders, ['src/contacts/contactIndex.ts']);
  });
});
