/**
 * The contact's name after each id on screen. Only the visible range VS Code asks for is read; unknown ids are asked
 * for in the background, at most once per session, and the hints redraw when answers arrive (batched, so a screen
 * full of ids redraws once, not once per id).
 */
import * as vscode from 'vscode';
import { contactDisplayName } from '../render/contactName.js';
import type { QuoSession } from '../quoSession.js';
import type { Settings } from '../settings.js';
import type { DetectorHolder } from './detectorHolder.js';
import { idsInRange } from './documentIds.js';
import { isInScope } from './documentScope.js';

const REDRAW_DELAY_MS = 150;
/** Ids asked for in one pass; the rest wait for the next pass, so scrolling a huge file does not queue thousands. */
const MAX_NEW_IDS_PER_PASS = 50;

export class InlineNamesProvider implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  readonly onDidChangeInlayHints = this.changed.event;

  constructor(
    private readonly session: QuoSession,
    private readonly detectors: DetectorHolder,
    private readonly settings: () => Settings,
  ) {
    this.subscriptions = [
      session.lookup.onDidResolve(() => this.scheduleRedraw()),
      session.onDidChangeKey(() => this.scheduleRedraw()),
    ];
  }

  provideInlayHints(
    document: vscode.TextDocument,
    range: vscode.Range,
    token: vscode.CancellationToken,
  ): vscode.InlayHint[] {
    const settings = this.settings();
    if (!settings.inlineNamesEnabled || !isInScope(document, settings)) {
      return [];
    }
    const hints: vscode.InlayHint[] = [];
    let asked = 0;
    for (const found of idsInRange(document, range, this.detectors.detector)) {
      if (token.isCancellationRequested) {
        break;
      }
      const known =
        asked < MAX_NEW_IDS_PER_PASS
          ? this.session.lookup.peekOrFetchInBackground(found.id)
          : this.session.lookup.peek(found.id);
      if (!known) {
        asked++;
        continue;
      }
      if (known.kind !== 'found') {
        continue;
      }
      const name = contactDisplayName(known.contact);
      const label = new vscode.InlayHintLabelPart(name);
      label.command = { title: 'Open Contact', command: 'quo.openContact', arguments: [found.id] };
      label.tooltip = `Open ${name} in Quo Contacts`;
      const hint = new vscode.InlayHint(found.range.end, [label]);
      hint.paddingLeft = true;
      hints.push(hint);
    }
    return hints;
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    if (this.redrawTimer) {
      clearTimeout(this.redrawTimer);
    }
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.changed.dispose();
  }

  private scheduleRedraw(): void {
    if (this.redrawTimer) {
      return;
    }
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.changed.fire();
    }, REDRAW_DELAY_MS);
  }
}
