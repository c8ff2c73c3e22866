/**
 * Editing one panel's contact: the form, Save without losing a teammate's change, and Delete. Quo has no ETag, so
 * Save reads the contact again first; when its `updatedAt` moved since the form opened, the panel shows what changed
 * on each side and the user chooses (Overwrite sends only the fields the user changed; Keep theirs reloads the form).
 * A write is sent only on a click and never retried on its own; whatever goes wrong, the form and what was typed stay.
 */
import * as vscode from 'vscode';
import type { ContactDraft, EditSession, FieldDefinition } from '../../contacts/edit/contactDraft.js';
import { compareVersions, overwriteBody } from '../../contacts/edit/compareVersions.js';
import type { DraftFieldValue } from '../../contacts/edit/draftFields.js';
import { draftOf as draftOfContact } from '../../contacts/edit/draftOf.js';
import { displayPhone } from '../../contacts/phone.js';
import { problemsOfError } from '../../contacts/edit/errorPaths.js';
import { notTaken } from '../../contacts/edit/notTaken.js';
import { patchBody, type BuiltBody } from '../../contacts/edit/requestBody.js';
import type { UpdateContactBody } from '../../quo/client.js';
import { isQuoError } from '../../quo/errors.js';
import type { Contact } from '../../quo/types.js';
import { renderComparison } from '../../render/comparisonHtml.js';
import { renderContactForm } from '../../render/contactFormHtml.js';
import { editedMessage, type HostMessage, type PanelMessage } from '../../render/panelMessages.js';
import type { WorkspaceSession } from '../../session/workspaceSession.js';
import { confirmAndDelete } from './deleteContact.js';

export interface PanelEditorHost {
  readonly contactId: string;
  /** The session of the panel's workspace. */
  session(): WorkspaceSession;
  /** The contact the panel shows, once loaded. */
  contact(): Contact | undefined;
  post(message: HostMessage): void;
  /** The form is shown (true) or gone (false): the panel keeps its contact's own redraws away from a form. */
  editing(shown: boolean): void;
  /** Saved: the panel shows Quo's answer. */
  saved(contact: Contact): void;
  defaultCountry(): string;
  readOnly(): boolean;
  workspaceName(): string | undefined;
}

export interface PanelEditor {
  /** Handles an edit message of the page; false when the message is not about editing. */
  handle(message: PanelMessage): Promise<boolean>;
}

/** A teammate's version found on Save, waiting for the user's choice. */
interface Conflict {
  readonly theirs: Contact;
  readonly theirsDraft: ContactDraft;
  readonly mine: ContactDraft;
}

/** What the last click sent, for "Try again" after a 429. */
type Attempt = { readonly kind: 'save'; readonly draft: ContactDraft } | { readonly kind: 'overwrite' };

const BACKOFF_SECONDS = 5;

export function createPanelEditor(host: PanelEditorHost): PanelEditor {
  let edit: EditSession | undefined;
  let definitions: readonly FieldDefinition[] = [];
  let conflict: Conflict | undefined;
  let attempt: Attempt | undefined;
  /** A save is under way: a second click (a page drawn again mid-save has Save enabled) must not send it twice. */
  let writing = false;
  /**
   * Edits that ended (saved, cancelled): the page drawn again right after a save may still hold one in its state and
   * ask to resume it before it read `closeForm`.
   */
  const ended = new Set<string>();
  const country = (): string => host.defaultCountry();
  /** The form's starting values, with phone numbers as people read them; a save sends them as E.164 again. */
  const draftOf = (contact: Contact, fields: readonly FieldDefinition[]): ContactDraft => {
    const draft = draftOfContact(contact, fields);
    return { ...draft, phoneNumbers: draft.phoneNumbers.map((item) => ({ ...item, value: displayPhone(item.value, country()) })) };
  };
  const keyOf = (session: EditSession): string => `${session.contactId}\n${session.baseUpdatedAt}`;

  /** The session the page was last given (it keeps it in its state). */
  let shown: EditSession | undefined;

  /** The edit is over (saved, cancelled): nothing of it is resumed or retried. */
  const end = (): void => {
    for (const session of [edit, shown]) {
      if (session) {
        ended.add(keyOf(session));
      }
    }
    edit = undefined;
    conflict = undefined;
    attempt = undefined;
    host.editing(false);
  };

  const close = (): void => {
    end();
    host.post({ type: 'closeForm' });
  };

  const showForm = (session: EditSession, draft: ContactDraft): void => {
    edit = session;
    shown = session;
    ended.delete(keyOf(session));
    conflict = undefined;
    host.post({ type: 'form', html: renderContactForm({ session, draft, definitions }), session });
    host.editing(true);
  };

  const loadDefinitions = async (): Promise<void> => {
    try {
      definitions = await host.session().contacts.fieldDefinitions();
    } catch {
      // The contact's own custom fields are still in the form; only empty ones are missing.
      definitions = [];
    }
  };

  const start = async (): Promise<void> => {
    const contact = host.contact();
    if (host.readOnly()) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Quo Contacts is read-only here (the quo.readOnly setting).'));
      close();
      return;
    }
    if (!contact) {
      return;
    }
    await loadDefinitions();
    const base = draftOf(contact, definitions);
    showForm({ contactId: contact.id, baseUpdatedAt: contact.updatedAt, base, draft: base }, base);
  };

  const problems = (problemsOrGeneral: { fields?: readonly { path: string; message: string }[]; general?: string }): void => {
    host.post({ type: 'formProblems', problems: problemsOrGeneral.fields ?? [], ...(problemsOrGeneral.general === undefined ? {} : { general: problemsOrGeneral.general }) });
  };

  /** Sends one PATCH; on success the panel shows the answer and any field Quo did not take is named. */
  const send = async (built: BuiltBody<UpdateContactBody>, draft: ContactDraft, theirs?: Contact): Promise<void> => {
    if (!built.ok) {
      problems({ fields: built.problems });
      return;
    }
    if (Object.keys(built.body).length === 0) {
      close();
      if (theirs) {
        // Nothing of the user's to write over the teammate's version: the panel shows that version.
        host.saved(theirs);
      }
      return;
    }
    const session = host.session();
    try {
      const answer = await session.contacts.writes.update(host.contactId, built.body);
      const missed = notTaken(built.body, answer, { country: country(), draft });
      close();
      host.saved(answer);
      if (missed.length > 0) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Quo saved the contact but did not take: {0}.', missed.map((field) => field.label).join(', ')),
        );
      }
    } catch (error) {
      failed(error, built);
    }
  };

  const failed = (error: unknown, built: BuiltBody<UpdateContactBody>): void => {
    // By shape (isQuoError): this chunk's QuoError class is not the one the activation bundle's client throws.
    const status = isQuoError(error) && error.kind === 'http' ? error.status : undefined;
    if (status === 429) {
      const retryAt = isQuoError(error) ? error.retryAt : undefined;
      const seconds = retryAt === undefined ? BACKOFF_SECONDS : Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
      host.post({ type: 'retryAfter', seconds });
      return;
    }
    if (status === 400 && built.ok) {
      const found = problemsOfError(error, built);
      problems({ fields: found.fields, ...(found.general.length > 0 ? { general: found.general.join(' ') } : {}) });
      return;
    }
    if (status === 409) {
      // Quo says the contact changed: the same comparison as a changed `updatedAt`.
      const mine = attempt?.kind === 'save' ? attempt.draft : conflict?.mine;
      if (mine) {
        void save(mine, true);
        return;
      }
    }
    // describeFailure names Quo's trace when there is one.
    problems({ general: host.session().describeFailure(error) });
  };

  /** Reads the contact again; a changed `updatedAt` (or a 409) shows the comparison instead of writing. */
  const save = async (draft: ContactDraft, changedInQuo = false): Promise<void> => {
    if (!edit) {
      return;
    }
    if (host.readOnly()) {
      problems({ general: vscode.l10n.t('Quo Contacts is read-only here (the quo.readOnly setting): nothing was sent.') });
      return;
    }
    attempt = { kind: 'save', draft };
    host.post({ type: 'saving', busy: true });
    try {
      const session = host.session();
      let current: Awaited<ReturnType<typeof session.contacts.ask>>;
      try {
        current = await session.contacts.ask(host.contactId, { priority: 'interactive' });
      } catch (error) {
        problems({ general: session.describeFailure(error) });
        return;
      }
      if (current.kind === 'not-found') {
        problems({ general: vscode.l10n.t('This contact was deleted in Quo: nothing was saved. What you typed is still here.') });
        return;
      }
      if (changedInQuo || current.contact.updatedAt !== edit.baseUpdatedAt) {
        const theirsDraft = draftOf(current.contact, definitions);
        conflict = { theirs: current.contact, theirsDraft, mine: draft };
        const fields = compareVersions(edit.base, theirsDraft, draft, country()).map((field) => ({
          label: field.label,
          base: valueText(field.base),
          theirs: valueText(field.theirs),
          mine: valueText(field.mine),
          changedBy: field.changedBy === 'theirs' ? ('them' as const) : field.changedBy === 'mine' ? ('me' as const) : ('both' as const),
        }));
        host.post({ type: 'conflict', html: renderComparison({ fields }) });
        return;
      }
      await send(patchBody(edit.base, draft, { country: country() }), draft);
    } finally {
      host.post({ type: 'saving', busy: false });
    }
  };

  const overwrite = async (): Promise<void> => {
    if (!edit || !conflict) {
      return;
    }
    attempt = { kind: 'overwrite' };
    host.post({ type: 'saving', busy: true });
    try {
      // The comparison showed Quo's version: the user's changes go over it, the teammate's others stay.
      // The form keeps its base until the write succeeds: a Try again or a Save after a failed Overwrite must still
      // tell the user's changes from the teammate's.
      const { theirs, theirsDraft, mine } = conflict;
      await send(overwriteBody(edit.base, theirsDraft, mine, { country: country() }), mine, theirs);
    } finally {
      host.post({ type: 'saving', busy: false });
    }
  };

  const once = async (work: () => Promise<void>): Promise<void> => {
    if (writing) {
      return;
    }
    writing = true;
    try {
      await work();
    } finally {
      writing = false;
    }
  };

  return {
    async handle(message) {
      if (!editedMessage(message)) {
        // A draft that is not one (the page is not trusted to have built it right): nothing is read from it.
        return true;
      }
      switch (message.type) {
        case 'edit':
          await start();
          return true;
        case 'resumeEdit':
          if (host.readOnly() || message.session.contactId !== host.contactId || ended.has(keyOf(message.session))) {
            close();
            return true;
          }
          await loadDefinitions();
          showForm(message.session, message.draft);
          return true;
        case 'save':
          await once(() => save(message.draft));
          return true;
        case 'overwrite':
          await once(overwrite);
          return true;
        case 'keepTheirs':
          if (edit && conflict) {
            const { theirs, theirsDraft } = conflict;
            showForm({ contactId: edit.contactId, baseUpdatedAt: theirs.updatedAt, base: theirsDraft, draft: theirsDraft }, theirsDraft);
          }
          return true;
        case 'cancelSave':
          conflict = undefined;
          return true;
        case 'tryAgain': {
          const last = attempt;
          await once(() => (last?.kind === 'overwrite' ? overwrite() : last?.kind === 'save' ? save(last.draft) : Promise.resolve()));
          return true;
        }
        case 'cancelEdit':
          // The page has closed its form itself.
          end();
          return true;
        case 'delete': {
          const contact = host.contact();
          if (contact && !host.readOnly()) {
            // A deleted contact's panels close through the store's write event.
            await confirmAndDelete(host.session(), contact, host.workspaceName());
          }
          return true;
        }
        default:
          return false;
      }
    },
  };
}

/** A field's value as the comparison shows it: one line of text. */
function valueText(value: DraftFieldValue): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return (value as readonly { name: string; value: string }[]).map((item) => (item.name === '' ? item.value : `${item.name}: ${item.value}`)).join(', ');
  }
  const custom = value as { type: string; value: string | number | boolean | null | readonly string[] };
  if (Array.isArray(custom.value)) {
    return custom.value.join(', ');
  }
  return custom.value === null ? '' : String(custom.value);
}
