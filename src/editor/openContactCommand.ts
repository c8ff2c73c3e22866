/**
 * "Quo: Open Contact": the id comes from the argument, else the id (or a contact's phone number or email) at the
 * cursor, else the selection, else the clipboard when it holds one, else a box that validates as you type and offers
 * recently opened contacts. On a Quo call or message id (`AC…`) it opens the contact the call or message was with,
 * found by number in the local index (asking which when several share it). Built into dist/openContact.js
 * (openContactChunk.ts), required on the first Open Contact or Find Mentions that asks which contact.
 */
import * as vscode from 'vscode';
import type { WorkspaceSession } from '../session/workspaceSession.js';
import type { RecentContacts } from '../contacts/recentContacts.js';
import type { Contact } from '../quo/types.js';
import { sharedNumberPicks } from '../render/contactPicks.js';
import { escapeIcons } from '../render/icons.js';
import { displayPhone } from '../contacts/phone.js';
import { isQuoError } from '../quo/errors.js';
import { knownContact } from '../contacts/known.js';
import { contactsOfActivity } from '../session/activityContacts.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import { idAtPosition, pointAtPosition } from '../documents/documentIds.js';
import { isContactReference } from '../detect/match.js';

/** The longest selection or clipboard text looked at; anything longer is not a pasted id. */
const MAX_CANDIDATE_TEXT = 2_000;

export function idFromArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string') {
    return argument.trim() || undefined;
  }
  if (typeof argument === 'object' && argument !== null && typeof (argument as { id?: unknown }).id === 'string') {
    return (argument as { id: string }).id;
  }
  return undefined;
}

/** The one contact id in a short text (a selection, the clipboard), or undefined if there is none or several. */
export function singleIdIn(text: string, detectors: Pick<ConfiguredDetector, 'detector'>): string | undefined {
  const match = singleMatchIn(text, detectors);
  return match?.kind === 'contact' ? match.id : undefined;
}

/** The one id in a short text, a contact's or a call's or message's (`AC…`), with which it is. */
function singleMatchIn(text: string, detectors: Pick<ConfiguredDetector, 'detector'>): { readonly kind: 'contact' | 'activity'; readonly id: string } | undefined {
  if (text.length === 0 || text.length > MAX_CANDIDATE_TEXT) {
    return undefined;
  }
  // A line, teammate or webhook id opens no contact.
  const matches = detectors.detector.findAll(text).filter((match) => match.kind === 'activity' || isContactReference(match));
  const ids = new Set(matches.map((match) => `${match.kind === 'activity' ? 'activity' : 'contact'} ${match.id}`));
  if (ids.size !== 1) {
    return undefined;
  }
  const [only] = matches;
  return only ? { kind: only.kind === 'activity' ? 'activity' : 'contact', id: only.id } : undefined;
}

export interface OpenContactSources {
  readonly detectors: Pick<ConfiguredDetector, 'detector'>;
  readonly recent: RecentContacts;
  /** The active workspace's session. */
  readonly session: WorkspaceSession;
  /** `quo.defaultCountry`, for reading national numbers. */
  readonly defaultCountry: string;
}

/** `{ ids: [...] }`: the contacts sharing a number, from an inline name. */
function idsFromArgument(argument: unknown): string[] | undefined {
  const ids = (argument as { ids?: unknown } | undefined)?.ids;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') && ids.length > 0 ? (ids) : undefined;
}

export async function pickContactId(argument: unknown, sources: OpenContactSources): Promise<string | undefined> {
  const { detectors, recent, session } = sources;
  const fromArgument = idFromArgument(argument);
  if (fromArgument) {
    return fromArgument;
  }
  const shared = idsFromArgument(argument);
  if (shared) {
    const contacts = shared.flatMap((id) => {
      const contact = knownContact(session.contacts.know(id));
      return contact ? [contact] : [];
    });
    return chooseAmong(contacts.length > 0 ? contacts : [], shared[0]);
  }
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const found = idAtPosition(editor.document, editor.selection.active, detectors.detector);
    const atCursor = found && (found.kind === 'activity' || isContactReference(found)) ? found : undefined;
    if (atCursor) {
      return atCursor.kind === 'activity' ? contactOfActivity(atCursor.id, sources) : atCursor.id;
    }
    const point = pointAtPosition(editor.document, editor.selection.active, sources.defaultCountry);
    if (point) {
      // Numbers and addresses resolve only through the contact list: in a fresh window it is listed first (and
      // waited for a few seconds at most, as a hover does) rather than answering "no contact" before it is there.
      if (!session.contacts.listState.complete) {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Quo: loading the contact list…') },
          () => session.contacts.whenListed(),
        );
      }
      const contacts = session.contacts.reachedAt(point);
      if (contacts.length > 0) {
        return chooseAmong(contacts, undefined);
      }
    }
    if (!editor.selection.isEmpty) {
      const selected = editor.document.getText(editor.selection);
      const match = singleMatchIn(selected, detectors);
      if (match?.kind === 'activity') {
        return contactOfActivity(match.id, sources);
      }
      const fromSelection = match?.id ?? (selected.length <= 256 ? selected.trim() : undefined);
      if (fromSelection) {
        return fromSelection;
      }
    }
  }
  const fromClipboard = singleIdIn((await vscode.env.clipboard.readText()).trim(), detectors);
  if (fromClipboard) {
    return fromClipboard;
  }
  return askForId(detectors, recent);
}

/**
 * The contact a call or message was with: resolved through the session (at most two requests per cache period),
 * then found by number in the index. What stands in the way is said in a message; nothing opens then.
 */
async function contactOfActivity(id: string, sources: OpenContactSources): Promise<string | undefined> {
  let result: Awaited<ReturnType<typeof contactsOfActivity>>;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Quo: looking up {0}', id) },
      () => contactsOfActivity(sources.session, id),
    );
  } catch (error) {
    if (!(isQuoError(error) && error.kind === 'cancelled')) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Quo: {0}', sources.session.describeFailure(error)));
    }
    return undefined;
  }
  switch (result.kind) {
    case 'not-found':
      void vscode.window.showInformationMessage(vscode.l10n.t('Quo has no call or message {0} that this API key can see.', id));
      return undefined;
    case 'forbidden':
      void vscode.window.showInformationMessage(vscode.l10n.t('Quo: this API key may not see the call or message {0}.', id));
      return undefined;
    case 'found':
      break;
  }
  if (result.contacts.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Quo: no contact has {0}, the number of this call or message.', result.numbers.map((number) => displayPhone(number, sources.defaultCountry)).join(', ')),
    );
    return undefined;
  }
  return chooseAmong(result.contacts, undefined);
}

/** One contact: that one. Several (a shared number): the user picks. */
async function chooseAmong(contacts: readonly Contact[], fallback: string | undefined): Promise<string | undefined> {
  if (contacts.length <= 1) {
    return contacts[0]?.id ?? fallback;
  }
  const picked = await vscode.window.showQuickPick(
    sharedNumberPicks(contacts),
    { title: vscode.l10n.t('Quo: Open Contact'), placeHolder: vscode.l10n.t('{0} contacts share this number or address', contacts.length) },
  );
  return picked?.contactId;
}

interface IdItem extends vscode.QuickPickItem {
  readonly contactId: string;
}

function askForId(detectors: Pick<ConfiguredDetector, 'detector'>, recent: RecentContacts): Promise<string | undefined> {
  const recentItems: IdItem[] = recent.list().map((contact) => ({
    label: `$(history) ${escapeIcons(contact.name)}`,
    description: contact.id,
    contactId: contact.id,
  }));
  const pick = vscode.window.createQuickPick<IdItem>();
  pick.title = vscode.l10n.t('Quo: Open Contact');
  pick.placeholder =
    recentItems.length > 0
      ? vscode.l10n.t('Type or paste a contact id or link, or pick a recent contact')
      : vscode.l10n.t('Type or paste a contact id or link');
  pick.matchOnDescription = true;
  pick.items = recentItems;
  // QuickPick has no validation message in the stable API: an item that cannot be accepted says what is wrong.
  const invalid: IdItem = {
    label: `$(error) ${vscode.l10n.t('Not a Quo contact id or contact link')}`,
    contactId: '',
    alwaysShow: true,
  };
  const update = (): void => {
    const value = pick.value.trim();
    const id = value.length > 0 ? singleIdIn(value, detectors) : undefined;
    if (id) {
      pick.items = [{ label: `$(person) ${vscode.l10n.t('Open {0}', escapeIcons(id))}`, contactId: id, alwaysShow: true }, ...recentItems];
      return;
    }
    const lower = value.toLowerCase();
    const matchesRecent = recentItems.some((item) => `${item.label} ${item.description}`.toLowerCase().includes(lower));
    pick.items = value.length === 0 || matchesRecent ? recentItems : [invalid];
  };
  return new Promise<string | undefined>((resolve) => {
    let chosen: string | undefined;
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      // A typed id first: Enter right after typing can come before the list caught up with the text, and the
      // selection then names a place in the old list, another contact (seen in the UI run: Percival for Ada).
      chosen = singleIdIn(pick.value.trim(), detectors) || pick.selectedItems[0]?.contactId;
      if (chosen) {
        pick.hide();
      }
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}
