// Bundles the integration suite into out/integration/index.js, the file VS Code loads as --extensionTestsPath.
// Every test/integration/*.test.ts is included through a generated entry, so a new test file needs no wiring.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { INTEGRATION_BUNDLE, REPO_ROOT } from './paths.js';

export const INTEGRATION_DIR = path.join(REPO_ROOT, 'test', 'integration');

/** The harness's own smoke test runs first: if it fails, the other failures say nothing about the extension. */
const FIRST = 'smoke.test.ts';

export function integrationTestFiles(): string[] {
  const files = readdirSync(INTEGRATION_DIR).filter((name) => name.endsWith('.test.ts')).sort();
  return [...files.filter((name) => name === FIRST), ...files.filter((name) => name !== FIRST)];
}

export async function buildIntegration(): Promise<string> {
  const files = integrationTestFiles();
  if (files.length === 0) throw new Error(`no *.test.ts in ${INTEGRATION_DIR}`);
  // esbuild turns each require() below into a lazy initialiser, evaluated when runSuites calls it.
  const contents = [
    `import { runSuites } from './index.ts';`,
    `export function run() {`,
    `  return runSuites([`,
    ...files.map((file) => `    [${JSON.stringify(file)}, () => require(${JSON.stringify(`./${file}`)})],`),
    `  ]);`,
    `}`,
  ].join('\n');
  await esbuild.build({
    stdin: { contents, resolveDir: INTEGRATION_DIR, sourcefile: 'integration-entry.ts', loader: 'ts' },
    bundle: true,
    outfile: INTEGRATION_BUNDLE,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    // vscode comes from the extension host; mocha resolves from the repository's node_modules at run time.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return INTEGRATION_BUNDLE;
}

if (require.main === module) {
  buildIntegration().then(
    (file) => console.log(`[harness] built ${path.relative(process.cwd(), file)}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
