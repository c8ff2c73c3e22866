// `npm run test:integration`: the integration suite inside a real VS Code (code-server 4.139.1 = VS Code 1.139.1)
// with only the npm registry and Debian's archive. Runs on the system Node 20.
//
// It prepares the cache (test/harness/prepare.ts), builds the extension and the suite, starts the sandbox Quo API
// here, and hands everything to @vscode/test-electron's runTests with the code-server launcher as "VS Code".
// QUO_TEST_GREP=<pattern> runs only matching tests; QUO_HARNESS_VERBOSE=1 shows what VS Code logs.
import { randomBytes } from 'node:crypto';
import { runTests } from '@vscode/test-electron';
import { startSandbox } from '../sandbox/server.js';
import { buildExtension } from './build.js';
import { buildIntegration } from './build-integration.js';
import { createSandbox, removeSandbox, writeUserSettings } from './codeServer.js';
import { FIXTURE_WORKSPACE, LAUNCHER, REPO_ROOT } from './paths.js';
import { prepare } from './prepare.js';

export type Target =
  /** code-server from the cache, through the launcher: works offline. */
  | { kind: 'offline' }
  /** Desktop VS Code that runTests downloads (needs internet and a display, or xvfb-run). */
  | { kind: 'desktop'; version: string };

/** Runs the suite and resolves to the exit code. */
export async function runIntegration(target: Target, workspaceTrust = false): Promise<number> {
  buildExtension();
  const extensionTestsPath = await buildIntegration();
  // A fresh key per run: nothing may depend on the sandbox's default one.
  const key = `quo-harness-${randomBytes(8).toString('hex')}`;
  const sandbox = await startSandbox({ key });
  const settings: Record<string, unknown> = {
    'quo.apiBaseUrl': sandbox.url,
    // On in BASE_SETTINGS (no AI in the UI tests); off here: the chat tools' tests call vscode.lm.invokeTool as
    // another extension would (VS Code 1.139 needs no chat model for it), and the Quo tools refuse while it is on.
    'chat.disableAIFeatures': false,
  };
  if (workspaceTrust) {
    settings['security.workspace.trust.enabled'] = true;
    settings['security.workspace.trust.startupPrompt'] = 'never';
  }
  // The launcher seals code-server in its own temporary folder; desktop VS Code gets one here.
  const profile = target.kind === 'desktop' ? createSandbox('quo-desktop-') : undefined;
  if (profile) writeUserSettings(profile, settings);
  try {
    await runTests({
      ...(target.kind === 'offline' ? { vscodeExecutablePath: LAUNCHER } : { version: target.version }),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath,
      launchArgs: [
        FIXTURE_WORKSPACE,
        ...(profile ? [`--user-data-dir=${profile.userDataDir}`, `--extensions-dir=${profile.extensionsDir}`] : []),
      ],
      extensionTestsEnv: {
        QUO_TEST_API: '1',
        QUO_API_KEY: key,
        QUO_TEST_SANDBOX_URL: sandbox.url,
        QUO_TEST_SANDBOX_KEY: key,
        QUO_TEST_SETTINGS: JSON.stringify(settings),
        ...(workspaceTrust ? { QUO_HARNESS_WORKSPACE_TRUST: '1' } : {}),
      },
    });
    return 0;
  } catch (error) {
    console.error(`[harness] ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await sandbox.close();
    if (profile) removeSandbox(profile);
  }
}

/** Command-line entry shared by both runners. */
export function main(target: Target): void {
  const started = Date.now();
  Promise.resolve()
    .then(() => {
      if (target.kind === 'offline') prepare();
      return runIntegration(target);
    })
    // A second, short pass with workspace trust on, for the suites that test restricted mode (offline only: the
    // desktop run keeps VS Code's own trust prompt out of the way).
    .then((code) => (code !== 0 || target.kind !== 'offline' || process.env['QUO_TEST_GREP'] ? code : runIntegration(target, true)))
    .then(
      (code) => {
        console.log(`[harness] integration suite ${code === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
        process.exit(code);
      },
      (error: unknown) => {
        console.error(`[harness] ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
      },
    );
}

if (require.main === module) main({ kind: 'offline' });
