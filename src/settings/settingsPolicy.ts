/**
 * What a folder's `.vscode/settings.json` may do to the settings that guard the key's request budget and what the
 * extension reads: a cloned repository may make the extension do less, never more than its user asked. Plain
 * TypeScript over VS Code's `inspect()` layers, so unit tests run it.
 *
 * - `quo.cache.ttlMinutes`: the user's value only, at least one minute (0 made every panel open spend an activity
 *   budget of 24 requests).
 * - `quo.exclude`: every layer's globs together: a workspace may exclude more files, never bring back one the user
 *   excluded.
 * - `quo.languages`: a workspace's list applies only while the user has none (every language): it may narrow the
 *   languages looked at, never widen the user's list.
 * - `quo.activity.detectIds`: off when any layer turns it off.
 */

/** How "All contacts" is grouped in the sidebar. */
export type GroupBy = 'letter' | 'company';

/** The settings as the extension reads them, after this policy (settings.ts reads them from VS Code). */
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
  /** How "All contacts" is grouped in the sidebar. */
  readonly groupBy: GroupBy;
  /** How often the index lists every contact again while the sidebar is visible; 0: never on a schedule. */
  readonly indexRefreshMs: number;
  /** Whether the index is kept on disk (user settings only). */
  readonly indexPersist: boolean;
  /** The country national phone numbers are read in: upper case, one of PHONE_REGIONS. */
  readonly defaultCountry: string;
  /** Whether surfaces show a contact's calls and messages. */
  readonly activityEnabled: boolean;
  /** Whether `AC…` call and message ids are recognised in files (only while activity is enabled). */
  readonly activityDetectIds: boolean;
  /** `maxResults` of each call and message list: how many items one line and number gives at a time (1..100). */
  readonly activityMaxItems: number;
  /** Whether the Quo language model tools are offered to Copilot and other agents (`quo.chat.enabled`). */
  readonly chatEnabled: boolean;
  /**
   * Whether the tools may send message text, call summaries and transcripts to the language model
   * (`quo.chat.shareConversations`, user settings only: a cloned repository cannot turn it on).
   */
  readonly chatShareConversations: boolean;
  /** `quo.readOnly` (user settings only): no write is offered or sent. */
  readonly readOnly: boolean;
  /** `quo.mentions.enabled`: whether the workspace's files are scanned for mentions of contacts (on first use). */
  readonly mentionsEnabled: boolean;
  /** VS Code's own `chat.disableAIFeatures` (false where this VS Code has no such setting): the tools refuse while on. */
  readonly aiFeaturesDisabled: boolean;
}

/** The layers of `WorkspaceConfiguration.inspect()` this policy reads. */
export interface Layers<T> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

export const MIN_CACHE_MINUTES = 1;
export const MAX_CACHE_MINUTES = 24 * 60;
const DEFAULT_CACHE_MINUTES = 10;

export function cacheMinutes(layers: Layers<unknown> | undefined): number {
  const value = layers?.globalValue ?? layers?.defaultValue;
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(MAX_CACHE_MINUTES, Math.max(MIN_CACHE_MINUTES, value))
    : DEFAULT_CACHE_MINUTES;
}

export function excludeGlobs(layers: Layers<unknown> | undefined): string[] {
  const all = [layers?.globalValue ?? layers?.defaultValue, layers?.workspaceValue, layers?.workspaceFolderValue].flatMap(strings);
  return [...new Set(all)];
}

export function languageIds(layers: Layers<unknown> | undefined): string[] {
  const user = strings(layers?.globalValue ?? layers?.defaultValue);
  if (user.length > 0) {
    return user;
  }
  const folder = strings(layers?.workspaceFolderValue);
  return folder.length > 0 ? folder : strings(layers?.workspaceValue);
}

export function allOn(layers: Layers<unknown> | undefined): boolean {
  return [layers?.defaultValue, layers?.globalValue, layers?.workspaceValue, layers?.workspaceFolderValue].every(
    (value) => value !== false,
  );
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
