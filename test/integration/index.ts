// Runs inside the extension host: VS Code loads out/integration/index.js (--extensionTestsPath) and calls run().
// build-integration.ts bundles this file with every test/integration/*.test.ts and hands them to runSuites as
// lazy loaders, because mocha's globals (describe, it, ...) must exist before a test file is evaluated.
import Mocha from 'mocha';

/** Suites whose name holds this run only in the harness's second pass, with workspace trust on. */
export const UNTRUSTED_SUITE = 'in an untrusted workspace';

export type TestModule = readonly [file: string, load: () => unknown];

export function runSuites(modules: readonly TestModule[]): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 20_000,
    forbidOnly: true,
    forbidPending: true,
  });
  const grep = process.env['QUO_TEST_GREP'];
  if (grep) mocha.grep(grep);
  // The harness runs the suite twice: once as usual, once with workspace trust on for the suites made for it.
  const untrusted = process.env['QUO_HARNESS_WORKSPACE_TRUST'] === '1';
  if (untrusted) mocha.grep(UNTRUSTED_SUITE);
  else if (!grep) mocha.grep(UNTRUSTED_SUITE).invert();
  for (const [file, load] of modules) {
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    mocha.suite.emit('require', load(), file, mocha);
    mocha.suite.emit('post-require', globalThis, file, mocha);
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, tests = 0 } = runner.stats ?? {};
      // A closing line CI can read whatever the reporter.
      console.log(`integration: ${passes} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else if (tests === 0) reject(new Error('no integration test ran'));
      else resolve();
    });
  });
}
