/**
 * The extension's one settings reader, with the rules that keep the key and the customer data safe: the base URL,
 * the on-disk index and whether the chat tools send conversations are decided in user (application) settings only, a repository cannot make the index
 * refresh or the cache expire often enough to eat the key's request budget, nor look at files and ids the user left
 * out (settingsPolicy.ts), and in an untrusted workspace the workspace's id patterns are ignored.
 */
import * as vscode from 'vscode';
import { DEFAULT_COUNTRY } from '../contacts/phone.js';
import { isPhoneRegion } from '../contacts/phoneRegions.js';
import { DEFAULT_BASE_URL } from '../quo/baseUrl.js';
import { allOn, cacheMinutes, excludeGlobs, languageIds, type Settings } from './settingsPolicy.js';



/** A refresh pages through every contact (200 requests for 10,000): not more often than this. */
export const MIN_REFRESH_MINUTES = 5;
const MAX_REFRESH_MINUTES = 7 * 24 * 60;

export const SECTION = 'quo';
/** VS Code's setting that turns its AI features off (recent versions; absent in older ones). */
const DISABLE_AI_FEATURES = 'chat.disableAIFeatures';


/** "User value only": what the user set (or the default), never a workspace's value. */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

function refreshMinutes(value: unknown): number {
  if (value === 0) {
    return 0;
  }
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? Math.min(MAX_REFRESH_MINUTES, Math.max(MIN_REFRESH_MINUTES, value))
    : 30;
}

function finiteOr(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  // The manifest gives no scope, so the setting is window-scoped: in a trusted workspace the workspace's list applies
  // (it replaces the user's). Untrusted, only the user's list (or the default) counts: the manifest lists the setting
  // under restrictedConfigurations, and reading the global value here keeps a repository's regexes off its own files
  // whatever VS Code does with the workspace's value.
  const idPatterns = vscode.workspace.isTrusted
    ? strings(config.get('idPatterns'))
    : strings(userValue<string[]>(config, 'idPatterns'));
  const country = config.get<unknown>('defaultCountry');
  const countryCode = typeof country === 'string' ? country.trim().toUpperCase() : '';
  return {
    apiBaseUrl: userValue<string>(config, 'apiBaseUrl') ?? DEFAULT_BASE_URL,
    maxRequestsPerSecond: finiteOr(config.get('maxRequestsPerSecond'), 10, 1, 10),
    requestTimeoutMs: finiteOr(config.get('requestTimeoutSeconds'), 10, 1, 120) * 1000,
    cacheTtlMs: cacheMinutes(config.inspect('cache.ttlMinutes')) * 60_000,
    hoverEnabled: config.get<boolean>('hover.enabled') !== false,
    inlineNamesEnabled: config.get<boolean>('inlineNames.enabled') !== false,
    idPatterns,
    languages: languageIds(config.inspect('languages')),
    exclude: excludeGlobs(config.inspect('exclude')),
    groupBy: config.get<unknown>('sidebar.groupBy') === 'company' ? 'company' : 'letter',
    indexRefreshMs: refreshMinutes(config.get<unknown>('index.refreshMinutes')) * 60_000,
    indexPersist: userValue<boolean>(config, 'index.persist') === true,
    defaultCountry: isPhoneRegion(countryCode) ? countryCode : DEFAULT_COUNTRY,
    activityEnabled: config.get<boolean>('activity.enabled') !== false,
    activityDetectIds: config.get<boolean>('activity.enabled') !== false && allOn(config.inspect('activity.detectIds')),
    // Quo refuses a fractional maxResults.
    activityMaxItems: Math.round(finiteOr(config.get('activity.maxItems'), 20, 1, 100)),
    chatEnabled: config.get<boolean>('chat.enabled') !== false,
    chatShareConversations: userValue<boolean>(config, 'chat.shareConversations') === true,
    readOnly: userValue<boolean>(config, 'readOnly') === true,
    mentionsEnabled: config.get<boolean>('mentions.enabled') !== false,
    aiFeaturesDisabled: vscode.workspace.getConfiguration().get<unknown>(DISABLE_AI_FEATURES) === true,
  };
}

/**
 * Fires with fresh settings whenever one of ours changes, or VS Code's `chat.disableAIFeatures`, and when workspace
 * trust is granted.
 */
export function onDidChangeSettings(listener: (settings: Settings) => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION) || event.affectsConfiguration(DISABLE_AI_FEATURES)) {
        listener(readSettings());
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => listener(readSettings())),
  );
}
