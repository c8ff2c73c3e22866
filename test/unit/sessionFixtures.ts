/** What a test or a benchmark needs to run a real WorkspaceSession against the sandbox. */
import type { ApiKey } from '../../src/auth/apiKey.js';
import { silentLogger, type RedactingLog } from '../../src/quo/log.js';
import type { Settings } from '../../src/settings/settingsPolicy.js';
import type { Sandbox } from '../sandbox/server.js';

export const LOG: RedactingLog = { ...silentLogger, redact: (text) => text, setSecrets: () => undefined };

/** The settings a session reads, pointed at the sandbox; the rest as a fresh installation has them. */
export function settingsFor(sandbox: Sandbox, overrides: Partial<Settings> = {}): Settings {
  return {
    apiBaseUrl: sandbox.url,
    maxRequestsPerSecond: 10,
    requestTimeoutMs: 10_000,
    cacheTtlMs: 10 * 60_000,
    indexRefreshMs: 30 * 60_000,
    indexPersist: false,
    defaultCountry: 'US',
    activityMaxItems: 10,
    ...overrides,
  } as Settings;
}

export function apiKey(value: string, workspaceId: string): ApiKey {
  return { value, source: 'secret-storage', fingerprint: `fp_${workspaceId}`, workspaceId };
}
