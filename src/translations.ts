/**
 * The plain modules (rendering, error descriptions, the connection copy) translate with `@vscode/l10n`, which cannot
 * see VS Code: this hands it the bundle VS Code loaded for the display language. English needs no bundle.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export function configureTranslations(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle !== undefined) {
    l10n.config({ contents: bundle });
  }
}
