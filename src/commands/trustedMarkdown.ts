/**
 * Markdown for hovers and tooltips (the hover card, a tree item's tooltip): only the extension's own command links are
 * trusted, and nothing from Quo can become HTML or an icon.
 */
import * as vscode from 'vscode';
import { TRUSTED_COMMANDS } from './commandUris.js';

export function hoverMarkdown(value: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(value);
  markdown.isTrusted = { enabledCommands: [...TRUSTED_COMMANDS] };
  markdown.supportHtml = false;
  // Off: the markdown renderer unescapes `\$\(x\)` before icons are drawn, so any value from Quo could become an
  // icon. The card uses none of its own.
  markdown.supportThemeIcons = false;
  return markdown;
}
