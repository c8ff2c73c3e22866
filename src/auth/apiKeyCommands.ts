/**
 * "Quo: Set API Key" and "Quo: Clear API Key". A new key is checked with one cheap request before it is stored, so
 * a typo is caught at once with Quo's own message, and nothing is stored for a key Quo refused.
 */
import * as vscode from 'vscode';
import { describeError, QuoError } from '../quo/errors.js';
import type { QuoSession } from '../session/quoSession.js';
import type { ApiKeyStore } from './apiKeyStore.js';
import { keyFormatProblem } from './keyFormat.js';

export async function setApiKey(keys: ApiKeyStore, session: QuoSession): Promise<boolean> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Quo: Set API Key'),
    prompt: vscode.l10n.t("Paste an API key from Quo (Settings → API). It is kept in VS Code's secret storage."),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim().length === 0 ? vscode.l10n.t('Enter the API key.') : keyFormatProblem(text.trim())),
  });
  const key = value?.trim();
  if (!key) {
    return false;
  }
  try {
    // Cancellable: a slow or rate-limited Quo must never hold the user in a progress notification.
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the Quo API key…'), cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          await session.checkKey(key, controller.signal);
        } finally {
          subscription.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof QuoError && error.kind === 'cancelled') {
      return false;
    }
    if (error instanceof QuoError && error.isTransient) {
      const storeAnyway = vscode.l10n.t('Store Anyway');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Could not check the key: {0} Store it anyway?', describeError(error)),
        storeAnyway,
      );
      if (choice !== storeAnyway) {
        return false;
      }
    } else {
      void vscode.window.showErrorMessage(
        error instanceof QuoError && error.isUnauthorized
          ? vscode.l10n.t('Quo refused this API key: {0}', error.message)
          : vscode.l10n.t('Could not check the API key: {0}', describeError(error)),
      );
      return false;
    }
  }
  await keys.store(key);
  void vscode.window.showInformationMessage(vscode.l10n.t('Quo API key saved.'));
  return true;
}

export async function clearApiKey(keys: ApiKeyStore): Promise<void> {
  await keys.clear();
  const stillSet = await keys.get();
  void vscode.window.showInformationMessage(
    stillSet?.source === 'environment'
      ? vscode.l10n.t('Quo API key removed from secret storage. The QUO_API_KEY environment variable still provides one.')
      : vscode.l10n.t('Quo API key removed.'),
  );
}
