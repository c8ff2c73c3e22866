/**
 * The extension's settings in one place, read through VS Code's configuration with the rules that keep the key safe:
 * the base URL is read from user (application) settings only, and in an untrusted workspace the workspace's id
 * patterns are ignored.
 */
import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from './quo/baseUrl.js';

export const SECTION = 'quo';

export interface Settings {
  readonly apiBaseUrl: string;
  readonly maxRequestsPerSecond: number;
  readonly requestTimeoutMs: number;
  readonly cacheTtlMs: number;
  readonly hoverEnabled: boolean;
  readonly inlineNamesEnabled: boolean;
  readonly idPatterns: readonly string[];
  readonly languages: readonly string[];
  readonly exclude: readonly string[];
}

function finiteOr(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  // Application-scoped in the manifest; reading only the global value also guards against older VS Code versions
  // that let a workspace override such a setting.
  const baseUrl = config.inspect<string>('apiBaseUrl');
  const patterns = config.inspect<string[]>('idPatterns');
  const idPatterns = vscode.workspace.isTrusted
    ? strings(config.get('idPatterns'))
    : strings(patterns?.globalValue ?? patterns?.defaultValue);
  return {
    apiBaseUrl: baseUrl?.globalValue ?? baseUrl?.defaultValue ?? DEFAULT_BASE_URL,
    maxRequestsPerSecond: finiteOr(config.get('maxRequestsPerSecond'), 10, 1, 10),
    requestTimeoutMs: finiteOr(config.get('requestTimeoutSeconds'), 10, 1, 120) * 1000,
    cacheTtlMs: finiteOr(config.get('cache.ttlMinutes'), 10, 0, 24 * 60) * 60_000,
    hoverEnabled: config.get<boolean>('hover.enabled') !== false,
    inlineNamesEnabled: config.get<boolean>('inlineNames.enabled') !== false,
    idPatterns,
    languages: strings(config.get('languages')),
    exclude: strings(config.get('exclude')),
  };
}

/** Fires with fresh settings whenever one of ours changes, and when workspace trust is granted. */
export function onDidChangeSettings(listener: (settings: Settings) => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) {
        listener(readSettings());
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => listener(readSettings())),
  );
}
