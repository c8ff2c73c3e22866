// Bundles the extension (Node, CommonJS), its phone number parser (Node, CommonJS, loaded on first use) and the
// webview script (browser) into dist/.
import * as esbuild from 'esbuild';
import fontEditor from 'fonteditor-core';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
  // Written as UTF-8 rather than \uXXXX escapes: the copy is full of "…", "·" and "’", six bytes each escaped.
  charset: 'utf8',
  // A built-in's stand-in (hostModules) has its functions only: using anything else of it must fail the build.
  logOverride: { 'import-is-undefined': 'error' },
};

/**
 * libphonenumber and its metadata (about 120 KB) stay out of the activation bundle: src/contacts/phoneParser.ts
 * requires './phoneLibrary.js' on the first number it needs to parse, and in the bundle that becomes a plain
 * `require('./phone.js')` of the second entry point below, beside dist/extension.js.
 */
const phoneLibraryOutside = {
  name: 'phone-library-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/phoneLibrary\.js$/ }, (args) => {
      if (!args.importer.replaceAll('\\', '/').endsWith('/src/contacts/phoneParser.ts')) {
        return { errors: [{ text: `only src/contacts/phoneParser.ts may load phoneLibrary.js, not ${args.importer}` }] };
      }
      return { path: './phone.js', external: true };
    });
  },
};

/**
 * ky too (about 15 KB) is its own file, `dist/ky.js`: src/quo/transport.ts requires it when the first client is made, so
 * activation neither parses it nor pays for what its module probes at load (see loadKy there).
 */
const kyOutside = {
  name: 'ky-outside',
  setup(build) {
    build.onResolve({ filter: /^ky$/ }, (args) => {
      if (!args.importer.replaceAll('\\', '/').endsWith('/src/quo/transport.ts')) {
        return { errors: [{ text: `only src/quo/transport.ts may load ky, not ${args.importer}` }] };
      }
      return { path: './ky.js', external: true };
    });
  },
};

/**
 * The language model tools' code is its own file too, `dist/chatTools.js`: src/chat/registerChatTools.ts requires
 * it on the first invocation. It gets the sessions and the detector from the activation bundle (chatToolDeps.ts), so
 * nothing that holds state is bundled twice.
 */
const chatToolsOutside = {
  name: 'chat-tools-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/chatTools\.js$/ }, (args) => {
      if (!args.importer.replaceAll('\\', '/').endsWith('/src/chat/registerChatTools.ts')) {
        return { errors: [{ text: `only src/chat/registerChatTools.ts may load chatTools.js, not ${args.importer}` }] };
      }
      return { path: './chatTools.js', external: true };
    });
  },
};

/**
 * Editing, creating and deleting contacts is its own file as well, `dist/editing.js`: src/panel/editingLoader.ts
 * requires it on the first edit, create or delete.
 */
const editingOutside = {
  name: 'editing-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/editing\/editing\.js$/ }, (args) => {
      if (!args.importer.replaceAll('\\', '/').endsWith('/src/panel/editingLoader.ts')) {
        return { errors: [{ text: `only src/panel/editingLoader.ts may load editing.js, not ${args.importer}` }] };
      }
      return { path: './editing.js', external: true };
    });
  },
};

/** The workspace commands (add, switch, remove, set and clear a key) are `dist/workspaceCommands.js`. */
const workspaceCommandsOutside = {
  name: 'workspace-commands-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/workspaceCommandsChunk\.js$/ }, (args) => {
      if (!args.importer.replaceAll('\\', '/').endsWith('/src/workspaces/workspaceCommandsLoader.ts')) {
        return { errors: [{ text: `only src/workspaces/workspaceCommandsLoader.ts may load workspaceCommandsChunk.js, not ${args.importer}` }] };
      }
      return { path: './workspaceCommands.js', external: true };
    });
  },
};

/**
 * Every mention of a contact across the workspace (the scanner, Find All References, Find Mentions) is
 * `dist/mentions.js`: src/references/mentionsLoader.ts requires it on first use.
 */
const mentionsOutside = {
  name: 'mentions-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/mentionsChunk\.js$/ }, (args) => {
      if (!args.importer.replaceAll('\\', '/').endsWith('/src/references/mentionsLoader.ts')) {
        return { errors: [{ text: `only src/references/mentionsLoader.ts may load mentionsChunk.js, not ${args.importer}` }] };
      }
      return { path: './mentions.js', external: true };
    });
  },
};

/**
 * The other ids' hover cards (`PN…`, `US…`, `WH…`) are `dist/resourceHover.js`; what the session asks of Quo about
 * contacts' calls and messages, about those ids, recordings and voicemails, with their decoders, `dist/activity.js`;
 * the recording rows and their download `dist/recordings.js`; the contact panel's view `dist/panelView.js`; the
 * Contacts view's contents `dist/sidebar.js`; the rate budget that windows using one key share `dist/rateBudget.js`;
 * which contact Open Contact means `dist/openContact.js`; the ranked search over a workspace's contacts
 * `dist/search.js`. Each is required on first use.
 */
const resourcesOutside = {
  name: 'resources-outside',
  setup(build) {
    const chunks = [
      { filter: /^\.\/resourceHover\.js$/, importer: '/src/editor/contactHoverProvider.ts', path: './resourceHover.js' },
      { filter: /^\.\.\/activity\/activityChunk\.js$/, importer: '/src/session/workspaceSession.ts', path: './activity.js' },
      { filter: /^\.\/recordings\/recordingsChunk\.js$/, importer: '/src/panel/callDetails.ts', path: './recordings.js' },
      { filter: /^\.\/contactViewChunk\.js$/, importer: '/src/panel/contactPanel.ts', path: './panelView.js' },
      { filter: /^\.\/sidebarChunk\.js$/, importer: '/src/sidebar/sidebar.ts', path: './sidebar.js' },
      { filter: /^\.\/quo\/crossWindowBudget\.js$/, importer: '/src/extension.ts', path: './rateBudget.js' },
      { filter: /^\.\/editor\/openContactChunk\.js$/, importer: '/src/extension.ts', path: './openContact.js' },
      { filter: /^\.\/search\/searchChunk\.js$/, importer: '/src/contacts/contactIndex.ts', path: './search.js' },
    ];
    for (const chunk of chunks) {
      build.onResolve({ filter: chunk.filter }, (args) => {
        if (args.kind !== 'require-call') {
          return undefined;
        }
        if (!args.importer.replaceAll('\\', '/').endsWith(chunk.importer)) {
          return { errors: [{ text: `only ${chunk.importer} may require ${chunk.path}, not ${args.importer}` }] };
        }
        return { path: chunk.path, external: true };
      });
    }
  },
};

/**
 * What the host provides, required as late and as seldom as possible. esbuild writes a `require("vscode")` and a copy
 * of the API object's 200-odd properties into a fresh object (`__toESM`) for every module that imports vscode: each
 * require goes through the extension host's module interceptor (0.05 to 0.3 ms), and the copies cost more (26 of
 * them measured 5 to 9 ms in plain Node), all while the bundle is evaluated. Here every module shares one require and
 * one copy (`export *` of the external). Node's built-ins that modules import become stand-ins that require the
 * module on the first call of one of its functions: `node:vm` (the user patterns' sandbox) was loaded fresh at each
 * start, 0.3 to 6 ms, for windows that mostly have no user pattern. A stand-in's class makes real instances with `new`,
 * but `instanceof` against it is false. A CommonJS require of a built-in (in a package) stays as it is: a stand-in
 * would keep a wrapper for each of the module's functions.
 */
const hostModules = {
  name: 'host-modules',
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'quo-host' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'quo-host' },
    );
    build.onLoad({ filter: /^vscode$/, namespace: 'quo-host' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (args.namespace === 'quo-host' || args.kind !== 'import-statement' || !builtins.has(name)) {
        return undefined;
      }
      return { path: `node:${name}`, namespace: 'quo-host' };
    });
    build.onResolve({ filter: /^node:/, namespace: 'quo-host' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /^node:/, namespace: 'quo-host' }, async (args) => {
      const loaded = await import(args.path);
      // Functions only: anything else a module imports fails the build (import-is-undefined is an error below).
      const names = Object.keys(loaded).filter((name) => typeof loaded[name] === 'function' && /^[A-Za-z_$][\w$]*$/.test(name));
      const lines = [`let loaded;`, `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`];
      for (const name of names) {
        lines.push(`export function ${name}(...args) { return new.target ? new (load().${name})(...args) : load().${name}(...args); }`);
      }
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

/**
 * Plain modules that the activation bundle and chunks both use. A chunk takes them from the bundle, which exports
 * them as `quoShared`, instead of bundling a copy of its own: each is held once (its state too: a formatter's cache,
 * the translations), and the .vsix carries it once (the copies came to 85 KB). A chunk is required by the bundle, after
 * the bundle was evaluated, so its `require('./extension.js')` is the bundle already loaded (Node keeps one module per
 * file). Each costs the bundle its exports' names and whatever exports it did not use (2.6 KB for the first list):
 * only modules the bundle holds about whole, and that chunks would copy more than once or at length, belong here.
 */
const SHARED = [
  '@vscode/l10n',
  'src/translations.ts',
  'src/common/text.ts',
  'src/common/lifecycle.ts',
  'src/quo/errors.ts',
  'src/contacts/phone.ts',
  'src/contacts/contactName.ts',
  'src/contacts/search/folding.ts',
  'src/detect/contactPoints.ts',
  'src/connection/availabilityCopy.ts',
  'src/render/format.ts',
  'src/render/activityText.ts',
  'src/render/hoverMarkdown.ts',
  'src/commands/commandIds.ts',
];

/** The bundle's entry: the extension, and the shared modules for the chunks. */
const extensionEntry = [
  "export * from './src/extension.ts';",
  ...SHARED.map((module, i) => `import * as shared${i} from '${module.startsWith('src/') ? `./${module}` : module}';`),
  // By position in SHARED: names would cost the bundle their length.
  `export const quoShared = [${SHARED.map((_, i) => `shared${i}`).join(', ')}];`,
].join('\n');

/** In a chunk, an import of a shared module is the bundle's. */
const sharedFromBundle = {
  name: 'shared-from-bundle',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'import-statement' || args.namespace !== 'file') {
        return undefined;
      }
      const module = args.path.startsWith('.')
        ? relative(process.cwd(), resolve(args.resolveDir, args.path)).split(sep).join('/').replace(/\.js$/, '.ts')
        : args.path;
      return SHARED.includes(module) ? { path: module, namespace: 'quo-shared' } : undefined;
    });
    build.onResolve({ filter: /^\.\/extension\.js$/, namespace: 'quo-shared' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'quo-shared' }, (args) => ({
      contents: `module.exports = require('./extension.js').quoShared[${SHARED.indexOf(args.path)}];`,
      loader: 'js',
    }));
  },
};

/** The extension host bundle. `vscode` is provided by the host at run time. */
const extension = {
  ...common,
  stdin: { contents: extensionEntry, resolveDir: process.cwd(), sourcefile: 'extension-entry.ts', loader: 'ts' },
  outfile: 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  plugins: [hostModules, phoneLibraryOutside, kyOutside, chatToolsOutside, editingOutside, workspaceCommandsOutside, mentionsOutside, resourcesOutside],
  // Only development builds (what the integration tests run) carry the test API; see src/extension.ts.
  define: { QUO_TEST_API_BUNDLED: String(!production) },
  // The activation time is measured from the bundle's first line, before any module of it is evaluated.
  banner: { js: 'const __quoBundleStart = performance.now();' },
};

/** libphonenumber with its `min` metadata, as `dist/phone.js`. */
const phone = {
  ...common,
  entryPoints: ['src/contacts/phoneLibrary.ts'],
  outfile: 'dist/phone.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
};

/** The language model tools, as `dist/chatTools.js`; phone numbers and ky stay out of it as they do of the bundle. */
const chatTools = {
  ...common,
  entryPoints: ['src/chat/chatTools.ts'],
  outfile: 'dist/chatTools.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  plugins: [hostModules, sharedFromBundle, phoneLibraryOutside, kyOutside],
};

/** Editing, creating and deleting contacts, as `dist/editing.js`. */
const editing = {
  ...chatTools,
  entryPoints: ['src/panel/editing/editing.ts'],
  outfile: 'dist/editing.js',
};

/** The workspace commands, as `dist/workspaceCommands.js`. */
const workspaceCommands = {
  ...chatTools,
  entryPoints: ['src/workspaces/workspaceCommandsChunk.ts'],
  outfile: 'dist/workspaceCommands.js',
};

/** Mentions across the workspace, as `dist/mentions.js`. */
const mentions = {
  ...chatTools,
  entryPoints: ['src/references/mentionsChunk.ts'],
  outfile: 'dist/mentions.js',
};

/** The other ids' hover cards, as `dist/resourceHover.js`. */
const resourceHover = {
  ...chatTools,
  entryPoints: ['src/editor/resourceHover.ts'],
  outfile: 'dist/resourceHover.js',
};

/**
 * The contact panel's view, as `dist/panelView.js`: it requires the editing and recordings chunks itself, so their
 * plugins apply here too (the resources plugin only maps what each importer may require).
 */
const panelView = {
  ...chatTools,
  entryPoints: ['src/panel/contactViewChunk.ts'],
  outfile: 'dist/panelView.js',
  plugins: [hostModules, sharedFromBundle, phoneLibraryOutside, kyOutside, editingOutside, resourcesOutside],
};

/** The Contacts view's contents ("In this file", the search, the items' commands), as `dist/sidebar.js`. */
const sidebar = {
  ...chatTools,
  entryPoints: ['src/sidebar/sidebarChunk.ts'],
  outfile: 'dist/sidebar.js',
};

/** The rate budget windows using one key share (their heartbeats in global storage), as `dist/rateBudget.js`. */
const rateBudget = {
  ...chatTools,
  entryPoints: ['src/quo/crossWindowBudget.ts'],
  outfile: 'dist/rateBudget.js',
};

/** Which contact Quo: Open Contact means (the cursor, the selection, the clipboard, a box), as `dist/openContact.js`. */
const openContact = {
  ...chatTools,
  entryPoints: ['src/editor/openContactChunk.ts'],
  outfile: 'dist/openContact.js',
};

/** The ranked search (a query's plan, the scan, the top hits), as `dist/search.js`; the corpus stays in the bundle. */
const search = {
  ...chatTools,
  entryPoints: ['src/contacts/search/searchChunk.ts'],
  outfile: 'dist/search.js',
};

/** A call's recording and voicemail rows and their download, as `dist/recordings.js`. */
const recordings = {
  ...chatTools,
  entryPoints: ['src/panel/recordings/recordingsChunk.ts'],
  outfile: 'dist/recordings.js',
};

/**
 * A workspace's calls and messages, its lines, teammates and webhooks by id, calls' recordings and voicemails, as
 * `dist/activity.js`.
 */
const activity = {
  ...chatTools,
  entryPoints: ['src/activity/activityChunk.ts'],
  outfile: 'dist/activity.js',
};

/** ky, as `dist/ky.js` (CommonJS: `require('./ky.js').default` is ky). */
const ky = {
  ...common,
  entryPoints: ['node_modules/ky/distribution/index.js'],
  outfile: 'dist/ky.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
};

/** Scripts that run inside webviews (browser, no Node, no vscode module). */
const webview = {
  ...common,
  entryPoints: ['src/panel/webview/main.ts'],
  outfile: 'dist/webview/panel.js',
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
};

/**
 * The panel's codicons as `dist/codicons/`, cut down to the icons the extension names: the whole font is 126 KB, the
 * largest file of the .vsix. An icon is kept when its name is written anywhere in src/ or media/ (a quoted
 * 'call-outgoing', a class="codicon-copy", a word of a comment), so an icon's name must be written whole, never built
 * from parts: test/unit/render-panel.test.ts renders the panel's states and checks that each icon they use is kept.
 */
function writeCodicons(directory) {
  const stylesheet = readFileSync('node_modules/@vscode/codicons/dist/codicon.css', 'utf8');
  const words = new Set();
  const sources = ['src', 'media'].flatMap((folder) =>
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ts|css)$/.test(entry.name))
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name)),
  );
  for (const file of sources) {
    for (const [word] of readFileSync(file, 'utf8').matchAll(/[a-z0-9]+(?:-[a-z0-9]+)*/g)) {
      words.add(word.replace(/^codicon-/, ''));
    }
  }
  const codePoints = new Set();
  const kept = stylesheet.split('\n').filter((line) => {
    const glyph = /^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}$/.exec(line);
    if (!glyph) {
      return true;
    }
    if (!words.has(glyph[1])) {
      return false;
    }
    codePoints.add(Number.parseInt(glyph[2], 16));
    return true;
  });
  const font = fontEditor.Font.create(readFileSync('node_modules/@vscode/codicons/dist/codicon.ttf'), {
    type: 'ttf',
    subset: [...codePoints],
    hinting: false,
  });
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'codicon.css'), kept.join('\n'));
  writeFileSync(join(directory, 'codicon.ttf'), font.write({ type: 'ttf', toBuffer: true }));
}

// `--codicons <dir>`: only the codicons, for the test that checks the panel's icons are kept.
const codiconsOnly = process.argv.indexOf('--codicons');
if (codiconsOnly >= 0) {
  writeCodicons(process.argv[codiconsOnly + 1]);
  process.exit(0);
}

const configs = [extension, chatTools, editing, workspaceCommands, mentions, resourceHover, activity, recordings, panelView, sidebar, rateBudget, openContact, search, phone, ky, webview];
writeCodicons('dist/codicons');
if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
}
