// The pure parts of the VS Code harness (test/harness): what runTests' command line becomes, which output lines
// are dropped, and the demo workspace the UI tests and `npm start` open.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { demoFiles, positionOf } from '../harness/demoWorkspace.js';
import { FRENCH_LANGUAGE_PACK, languagePackEntries, type LanguagePackManifest } from '../harness/languagePack.js';
import { parseArgs, workbenchUrl } from '../harness/launcherArgs.js';
import { isNoise, isWorkbenchChatter } from '../harness/noise.js';
import { generateContacts, HOSTILE_IDS, WELL_KNOWN } from '../sandbox/generate.js';

describe('harness: launcher command line', () => {
  // What @vscode/test-electron 2.5 passes to the VS Code executable, in its order.
  const RUN_TESTS_ARGV = [
    '/repo/test/fixtures/workspace',
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--disable-updates',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-workspace-trust',
    '--extensionTestsPath=/repo/out/integration/index.js',
    '--extensionDevelopmentPath=/repo',
    '--extensions-dir=/repo/.vscode-test/extensions',
    '--user-data-dir=/repo/.vscode-test/user-data',
  ];

  it('takes the test paths and the folder from runTests\' arguments and ignores the rest', () => {
    assert.deepEqual(parseArgs(RUN_TESTS_ARGV), {
      extensionDevelopmentPaths: ['/repo'],
      extensionTestsPath: '/repo/out/integration/index.js',
      open: '/repo/test/fixtures/workspace',
      disableExtensions: false,
    });
  });

  it('accepts values as separate arguments and several development paths', () => {
    const args = parseArgs(['--extensionDevelopmentPath', '/a', '--extensionDevelopmentPath=/b', '--user-data-dir', '/x', '--disable-extensions']);
    assert.deepEqual(args.extensionDevelopmentPaths, ['/a', '/b']);
    assert.equal(args.open, undefined, 'the value of --user-data-dir is not a folder to open');
    assert.equal(args.disableExtensions, true);
  });

  it('passes --locale on to code-server, in both spellings', () => {
    assert.equal(parseArgs(['--locale', 'fr', '/repo/ws']).locale, 'fr');
    assert.equal(parseArgs(['--locale=fr-CA']).locale, 'fr-CA');
    assert.equal(parseArgs(['--locale', 'fr', '/repo/ws']).open, '/repo/ws', 'the value of --locale is not a folder to open');
    assert.equal(parseArgs(RUN_TESTS_ARGV).locale, undefined);
  });

  it('fails on a flag whose value is missing', () => {
    assert.throws(() => parseArgs(['--extensionTestsPath']), /needs a value/);
  });

  it('puts the paths into the payload as vscode-remote URIs of the server\'s authority', () => {
    const url = new URL(workbenchUrl('http://127.0.0.1:41234/', parseArgs(RUN_TESTS_ARGV)));
    assert.equal(url.searchParams.get('folder'), '/repo/test/fixtures/workspace');
    assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? 'null'), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:41234/repo'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:41234/repo/out/integration/index.js'],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
  });

  it('percent-encodes paths with spaces, opens workspaces files as workspaces and nothing as an empty window', () => {
    const spaced = new URL(workbenchUrl('http://127.0.0.1:1/', parseArgs(['--extensionTestsPath=/my repo/t.js', '/my repo/x.code-workspace'])));
    assert.equal(spaced.searchParams.get('workspace'), '/my repo/x.code-workspace');
    assert.equal(spaced.searchParams.get('folder'), null);
    assert.deepEqual((JSON.parse(spaced.searchParams.get('payload') ?? 'null') as unknown[])[0], ['extensionTestsPath', 'vscode-remote://127.0.0.1:1/my%20repo/t.js']);
    const empty = new URL(workbenchUrl('http://127.0.0.1:1/', parseArgs(['--extensionTestsPath=/t.js'])));
    assert.equal(empty.searchParams.get('ew'), 'true');
  });
});

describe('harness: noise filter', () => {
  it('drops unreachable marketplace and telemetry hosts and the IPC socket warning', () => {
    assert.equal(isNoise('[22:06:53] #1: https://open-vsx.org/vscode/gallery/extensionquery - error POST getaddrinfo ENOTFOUND open-vsx.org'), true);
    assert.equal(isNoise('[2026-11-26T22:02:29.072Z] warn  Could not create socket at /tmp/x/user-data/code-server-ipc.sock'), true);
  });

  it('keeps a failed lookup of any other host, such as the Quo API the extension might wrongly call', () => {
    assert.equal(isNoise('Error: getaddrinfo ENOTFOUND api.quo.com'), false);
    assert.equal(isNoise('    ✔ shows a hover card'), false);
  });

  it('drops the workbench\'s start-up chatter but never the extension host\'s output', () => {
    assert.equal(isWorkbenchChatter('info', 'Creating a socket (renderer-Management-7243b360) was successful after 37 ms.'), true);
    assert.equal(isWorkbenchChatter('debug', 'anything'), true);
    assert.equal(isWorkbenchChatter('info', '  3 passing (459ms)'), false);
    assert.equal(isWorkbenchChatter('error', 'Error: renderPanelHtml: invalid cspSource'), false);
    const workbenchStack = '\n    at upt.initializeExtensionUsageCache (http://127.0.0.1:1/stable-x/static/out/vs/code/browser/workbench/workbench.js:840:60957)';
    assert.equal(isWorkbenchChatter('error', `Canceled: Canceled: Canceled${workbenchStack}`), true);
    assert.equal(isWorkbenchChatter('error', 'Canceled: Canceled\n    at lookup (/repo/dist/extension.js:10:1)'), false, 'the extension\'s own cancellations stay visible');
  });
});

describe('harness: demo workspace', () => {
  const contacts = generateContacts();
  const files = demoFiles(contacts);
  const text = [...files.values()].join('\n');

  it('mentions only ids the sandbox serves, besides the one meant to be missing', () => {
    const served = new Set(contacts.map((c) => c.id));
    const mentioned = new Set(text.match(/\b[0-9a-f]{24}\b/g));
    assert.ok(mentioned.size >= 10, `only ${mentioned.size} ids`);
    for (const id of mentioned) {
      if (id !== WELL_KNOWN.missingContactId) assert.ok(served.has(id), `${id} is not a sandbox contact`);
    }
    assert.ok(mentioned.has(WELL_KNOWN.contactId));
    assert.ok(mentioned.has(HOSTILE_IDS.imgTag));
  });

  it('mixes code, notes and logs, with phone numbers and emails of sandbox contacts', () => {
    assert.deepEqual([...files.keys()].map((f) => f.slice(f.lastIndexOf('.'))).sort(), ['.log', '.md', '.md', '.md', '.py', '.ts']);
    const phones = new Set(contacts.flatMap((c) => c.defaultFields.phoneNumbers.map((p) => p.value)));
    const emails = new Set(contacts.flatMap((c) => c.defaultFields.emails.map((e) => e.value)));
    assert.ok((text.match(/\+1\d{10}/g) ?? []).every((phone) => phones.has(phone)));
    assert.ok((text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []).some((email) => emails.has(email)));
  });

  it('locates text as "Go to Line/Column" counts it', () => {
    const workspace = { dir: '/nowhere', files: new Map([['a.md', 'first\nsecond 5ff2d910a1f623871380caa6\n']]) };
    assert.deepEqual(positionOf(workspace, 'a.md', '5ff2d910a1f623871380caa6'), { line: 2, column: 8 });
    assert.deepEqual(positionOf(workspace, 'a.md', 'first'), { line: 1, column: 1 });
    assert.throws(() => positionOf(workspace, 'a.md', 'absent'), /does not occur/);
  });
});

describe('harness: the test-only French language pack', () => {
  const manifest = JSON.parse(readFileSync(path.join(FRENCH_LANGUAGE_PACK, 'package.json'), 'utf8')) as LanguagePackManifest;

  it('contributes fr with a translation of VS Code that translates nothing', () => {
    const [localization] = manifest.contributes.localizations;
    assert.equal(localization.languageId, 'fr');
    const core = localization.translations.find((translation) => translation.id === 'vscode');
    assert.ok(core);
    const translation = JSON.parse(readFileSync(path.join(FRENCH_LANGUAGE_PACK, core.path), 'utf8')) as { contents: object };
    assert.deepEqual(translation.contents, {}, 'VS Code\'s own text stays English: only the extension is in French');
  });

  it('registers it in languagepacks.json as VS Code reads it: a hash, the extension and the core translation\'s path', () => {
    const entries = languagePackEntries(manifest, FRENCH_LANGUAGE_PACK);
    assert.deepEqual(Object.keys(entries), ['fr']);
    const fr = entries['fr'];
    assert.match(fr.hash, /^[0-9a-f]{32}$/);
    assert.deepEqual(fr.extensions, [{ extensionIdentifier: { id: 'quo-contacts-tests.quo-test-language-pack-fr' }, version: manifest.version }]);
    assert.ok(existsSync(fr.translations['vscode']), fr.translations['vscode']);
    assert.equal(fr.label, 'Français');
  });
});
