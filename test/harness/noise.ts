// Lines VS Code and code-server print on every offline run that say nothing about the extension under test.
// Only hosts the harness knows it cannot reach are filtered, so a failing request of the extension stays visible.
const UNREACHABLE_HOSTS = [
  'marketplace.visualstudio.com',
  'open-vsx.org',
  'vscode-cdn.net',
  'vscode-unpkg.net',
  'exp-tas.com',
  'events.data.microsoft.com',
  'dc.services.visualstudio.com',
  'update.code.visualstudio.com',
  'api.github.com',
];

const PATTERNS: RegExp[] = [
  // code-server's session socket: harmless when the user-data path is long or the folder is fresh.
  /Could not create socket at .*code-server-ipc\.sock/,
];

export function isNoise(line: string): boolean {
  if (/ENOTFOUND|EAI_AGAIN/.test(line) && UNREACHABLE_HOSTS.some((host) => line.includes(host))) return true;
  return PATTERNS.some((pattern) => pattern.test(line));
}

/**
 * What the web workbench logs on runs of VS Code 1.139.1 (connection set-up, service worker, agent host, the
 * GitHub auth provider it cannot reach, start-up work cancelled by an early exit). The extension host's output arrives through the same logger, so
 * only these exact lines are dropped; QUO_HARNESS_VERBOSE=1 shows them, and workbench.log keeps them all.
 */
const WORKBENCH_CHATTER: RegExp[] = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^\[Service Worker\]/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /^Timed out waiting for authentication provider '(github|microsoft)'/,
  // The workbench's own start-up work, cut short when a quick suite ends the extension host early.
  /^Canceled: Canceled[\s\S]*\/vs\/code\/browser\/workbench\/workbench\.js/,
];

export function isWorkbenchChatter(type: string, text: string): boolean {
  if (type === 'trace' || type === 'debug') return true;
  return WORKBENCH_CHATTER.some((pattern) => pattern.test(text));
}
