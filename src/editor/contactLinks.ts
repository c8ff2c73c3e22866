/**
 * Ctrl+click on an id opens the contact. VS Code asks for the links of a whole document (on open and after edits),
 * which for a 20 MB log would mean reading all of it; only the visible lines and a margin around them are read.
 * Ids further away still open through the hover card and the context menu.
 */
import * as vscode from 'vscode';
import type { Settings } from '../settings/settingsPolicy.js';
import { openContactCommandUri } from '../commands/commandUris.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import { isContactReference } from '../detect/match.js';
import { idsInRange } from '../documents/documentIds.js';
import { isInScope } from '../documents/documentScope.js';

/** Lines read around the visible ones, so links are there just before they scroll into view. */
const MARGIN_LINES = 50;

export class ContactLinkProvider implements vscode.DocumentLinkProvider {
  constructor(
    private readonly detectors: Pick<ConfiguredDetector, 'detector'>,
    private readonly settings: () => Settings,
  ) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    if (!isInScope(document, this.settings())) {
      return [];
    }
    const links: vscode.DocumentLink[] = [];
    for (const range of visibleRanges(document)) {
      for (const found of idsInRange(document, range, this.detectors.detector)) {
        if (!isContactReference(found)) {
          // Not a contact id: a call's hover and Open Contact find the contact, at the cost of a request or two.
          continue;
        }
        const link = new vscode.DocumentLink(found.range, vscode.Uri.parse(openContactCommandUri(found.id)));
        link.tooltip = vscode.l10n.t('Open Quo contact');
        links.push(link);
      }
    }
    return links;
  }
}

function visibleRanges(document: vscode.TextDocument): vscode.Range[] {
  const ranges: vscode.Range[] = [];
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document !== document) {
      continue;
    }
    for (const visible of editor.visibleRanges) {
      const start = Math.max(0, visible.start.line - MARGIN_LINES);
      const end = Math.min(document.lineCount - 1, visible.end.line + MARGIN_LINES);
      ranges.push(new vscode.Range(start, 0, end, document.lineAt(end).range.end.character));
    }
  }
  if (ranges.length === 0) {
    // Asked for a document no editor shows (e.g. through the API): its start stands in for what would be visible.
    const end = Math.min(document.lineCount - 1, 2 * MARGIN_LINES);
    ranges.push(new vscode.Range(0, 0, end, document.lineAt(end).range.end.character));
  }
  return mergeOverlapping(ranges);
}

function mergeOverlapping(ranges: vscode.Range[]): vscode.Range[] {
  const sorted = [...ranges].sort((a, b) => a.start.line - b.start.line);
  const merged: vscode.Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start.line <= last.end.line + 1) {
      merged[merged.length - 1] = last.union(range);
    } else {
      merged.push(range);
    }
  }
  return merged;
}
