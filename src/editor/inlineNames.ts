/**
 * The contact's name after each id on screen. Only the visible range VS Code asks for is read; unknown ids are asked
 * for in the background, at most once per session, and the hints redraw when answers arrive (batched, so a screen
 * full of ids redraws once, not once per id), and only when they could change (inlineRedraws.ts).
 */
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle.js';
import { Commands } from '../commands/commandIds.js';
import type { Contact } from '../quo/types.js';
import { contactDisplayName } from '../contacts/contactName.js';
import { forInline, forTitle } from '../render/nameLengths.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { Settings } from '../settings/settingsPolicy.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import { isContactReference } from '../detect/match.js';
import { findInRange } from '../documents/documentIds.js';
import { isInScope } from '../documents/documentScope.js';
import { InlineRedraws } from './inlineRedraws.js';
import { knownContact } from '../contacts/known.js';
import { NameFiller } from '../contacts/nameFill.js';

const REDRAW_DELAY_MS = 150;
/** Ids asked for in one pass; the rest wait for the next pass, so scrolling a huge file does not queue thousands. */
const MAX_NEW_IDS_PER_PASS = 50;

export class InlineNamesProvider extends Disposable implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly redraws = new InlineRedraws();
  /** Whether each pass asks its unknown ids or lists the workspace (issue 30). */
  private readonly names = new NameFiller();

  readonly onDidChangeInlayHints = this.changed.event;

  constructor(
    private readonly sessions: WorkspaceSessions,
    private readonly detectors: Pick<ConfiguredDetector, 'detector'>,
    private readonly settings: () => Settings,
  ) {
    super();
    [
      this.changed,
      { dispose: () => clearTimeout(this.redrawTimer) },
      sessions.onDidResolve((contact) => {
        if (this.redraws.onContact(contact.id)) {
          this.scheduleRedraw();
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.redraws.closed(document.uri.toString())),
      sessions.onDidChangeAccount(() => this.scheduleRedraw()),
      // Back online: ids whose background ask failed are asked again on the redraw.
      sessions.onDidChangeAvailability(() => this.scheduleRedraw()),
    ].forEach((owned) => this.register(owned));
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
    const found = findInRange(document, range, this.detectors.detector, settings.defaultCountry);
    const contacts = this.sessions.active.contacts;
    // A call, message, line, teammate or webhook id names no contact by itself, and finding out costs requests: a log
    // full of them costs nothing until one is hovered.
    const ids = found.ids.filter(isContactReference);
    // Each unknown id asked, or the workspace listed when that costs fewer requests (nameFill.ts).
    const fill = this.names.fill(contacts, ids.map((id) => id.id), MAX_NEW_IDS_PER_PASS);
    for (const id of ids) {
      if (token.isCancellationRequested) {
        return hints;
      }
      const contact = knownContact(fill.known.get(id.id) ?? { kind: 'unknown', notFoundBefore: false });
      if (contact) {
        hints.push(nameHint(id.range.end, [contact]));
      }
    }
    const waiting = fill.waiting;
    // Numbers and addresses are named only from what the index already holds: they never cause a request.
    for (const point of found.points) {
      const reached = contacts.reachedAt(point);
      if (reached.length > 0) {
        hints.push(nameHint(point.range.end, reached));
      }
    }
    this.redraws.noted(document.uri.toString(), {
      ids: ids.map((id) => id.id),
      points: found.points.length > 0,
      waiting,
    });
    return hints;
  }

  /** Redraws soon, whatever is on screen (the cache was dropped, the settings changed). */
  refresh(): void {
    this.scheduleRedraw();
  }

  /**
   * The contact list changed (`completed`: a listing was completed and shown): redraws only what it could name
   * (several pages in a row make one redraw).
   */
  contactListChanged(completed: boolean): void {
    if (this.redraws.onContactList(completed)) {
      this.scheduleRedraw();
    }
  }

  private scheduleRedraw(): void {
    if (this.redrawTimer) {
      return;
    }
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.redraws.redrawn();
      this.changed.fire();
    }, REDRAW_DELAY_MS);
  }
}

/** "Ada Lovelace", or "Ada Lovelace +2" for a number several contacts share; clicking opens the contact (or asks which). */
function nameHint(position: vscode.Position, contacts: readonly Contact[]): vscode.InlayHint {
  const first = contacts[0];
  const name = contactDisplayName(first);
  const shown = forInline(name);
  const label = new vscode.InlayHintLabelPart(contacts.length > 1 ? `${shown} +${contacts.length - 1}` : shown);
  label.command = {
    title: vscode.l10n.t('Open Contact'),
    command: Commands.openContact,
    arguments: [contacts.length > 1 ? { ids: contacts.map((contact) => contact.id) } : first.id],
  };
  label.tooltip =
    contacts.length > 1 ? vscode.l10n.t('{0} Quo contacts', contacts.length) : vscode.l10n.t('Open {0} in Quo Contacts', forTitle(name));
  const hint = new vscode.InlayHint(position, [label]);
  hint.paddingLeft = true;
  return hint;
}
