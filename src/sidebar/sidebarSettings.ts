/**
 * The settings of the sidebar and the contact index, read with the same care as the extension's others: writing
 * customer data to disk is decided in user settings only, and a repository cannot make the index refresh often enough
 * to eat the key's request budget.
 */
import * as vscode from 'vscode';
import { DEFAULT_COUNTRY } from '../contacts/phone.js';
import type { GroupBy } from './treeModel.js';

export interface SidebarSettings {
  readonly groupBy: GroupBy;
  /** 0: never refresh on a schedule. */
  readonly refreshMs: number;
  readonly persist: boolean;
  readonly defaultCountry: string;
}

/** A refresh pages through every contact (200 requests for 10,000): not more often than this. */
export const MIN_REFRESH_MINUTES = 5;
const MAX_REFRESH_MINUTES = 7 * 24 * 60;

export const SIDEBAR_SETTING_KEYS = [
  'quo.sidebar.groupBy',
  'quo.index.refreshMinutes',
  'quo.index.persist',
  'quo.defaultCountry',
];

export function readSidebarSettings(): SidebarSettings {
  const config = vscode.workspace.getConfiguration('quo');
  const minutes = config.get<unknown>('index.refreshMinutes');
  const refreshMinutes =
    typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0
      ? Math.min(MAX_REFRESH_MINUTES, Math.max(MIN_REFRESH_MINUTES, minutes))
      : minutes === 0
        ? 0
        : 30;
  // Application-scoped in the manifest; only the user's own value counts, as for the base URL.
  const persist = config.inspect<boolean>('index.persist');
  const country = config.get<unknown>('defaultCountry');
  const countryCode = typeof country === 'string' ? country.trim().toUpperCase() : '';
  return {
    groupBy: config.get<unknown>('sidebar.groupBy') === 'company' ? 'company' : 'letter',
    refreshMs: refreshMinutes * 60_000,
    persist: (persist?.globalValue ?? persist?.defaultValue) === true,
    defaultCountry: /^[A-Z]{2}$/.test(countryCode) ? countryCode : DEFAULT_COUNTRY,
  };
}

export function onDidChangeSidebarSettings(listener: (settings: SidebarSettings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (SIDEBAR_SETTING_KEYS.some((key) => event.affectsConfiguration(key))) {
      listener(readSidebarSettings());
    }
  });
}
