// Bundles the extension (Node, CommonJS) and the webview script (browser) into dist/.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
};

/** The extension host bundle. `vscode` is provided by the host at run time. */
const extension = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  // The activation time is measured from the bundle's first line, before any module of it is evaluated.
  banner: { js: 'const __quoBundleStart = performance.now();' },
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

function copyCodicons() {
  // The panel uses codicons; shipping only the font and its stylesheet keeps the .vsix small.
  mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    cpSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
  }
}

const configs = [extension, webview];
copyCodicons();
if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
}
