/** Which documents the editor surfaces look at: `quo.languages` (empty = all) minus `quo.exclude` globs. */
import * as vscode from 'vscode';
import type { Settings } from '../settings/settingsPolicy.js';

export function isInScope(document: vscode.TextDocument, settings: Settings): boolean {
  if (settings.languages.length > 0 && !settings.languages.includes(document.languageId)) {
    return false;
  }
  for (const pattern of settings.exclude) {
    if (vscode.languages.match({ pattern }, document) > 0) {
      return false;
    }
  }
  return true;
}
