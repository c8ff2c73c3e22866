// The launcher's command line (what runTests passes to "VS Code") and the workbench URL it turns into.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LauncherArgs {
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  /** Folder or .code-workspace file to open. */
  open?: string;
  disableExtensions: boolean;
  /** VS Code's display language (`--locale fr`), passed on to code-server; it needs a language pack for it. */
  locale?: string;
}

/** Flags with a value that VS Code's CLI knows and this launcher ignores (the sandbox decides these). */
const IGNORED_WITH_VALUE = new Set(['--user-data-dir', '--extensions-dir', '--log']);

export function parseArgs(argv: readonly string[]): LauncherArgs {
  const result: LauncherArgs = { extensionDevelopmentPaths: [], disableExtensions: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq > 0 && arg.startsWith('--')) return arg.slice(eq + 1);
      const value = argv[++i];
      if (value === undefined) throw new Error(`${name} needs a value`);
      return value;
    };
    if (name === '--extensionDevelopmentPath') result.extensionDevelopmentPaths.push(path.resolve(takeValue()));
    else if (name === '--extensionTestsPath') result.extensionTestsPath = path.resolve(takeValue());
    else if (name === '--disable-extensions') result.disableExtensions = true;
    else if (name === '--locale') result.locale = takeValue();
    else if (IGNORED_WITH_VALUE.has(name)) takeValue();
    else if (arg.startsWith('-')) continue; // --no-sandbox, --skip-welcome and the rest mean nothing here
    else result.open = path.resolve(arg);
  }
  return result;
}

function remoteUri(authority: string, fsPath: string): string {
  return `vscode-remote://${authority}${pathToFileURL(fsPath).pathname}`;
}

/** The workbench URL with the test paths in the `payload` query parameter. */
export function workbenchUrl(serverUrl: string, args: LauncherArgs): string {
  const url = new URL(serverUrl);
  const payload: [string, string][] = [];
  for (const devPath of args.extensionDevelopmentPaths) payload.push(['extensionDevelopmentPath', remoteUri(url.host, devPath)]);
  if (args.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(url.host, args.extensionTestsPath)]);
  if (args.disableExtensions) payload.push(['disableExtensions', 'true']);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
  if (args.open === undefined) url.searchParams.set('ew', 'true');
  else if (args.open.endsWith('.code-workspace')) url.searchParams.set('workspace', args.open);
  else url.searchParams.set('folder', args.open);
  url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}
