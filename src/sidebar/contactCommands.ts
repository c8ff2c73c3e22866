/**
 * The commands of the Contacts view's items: pin, unpin, copy id / phone / email, open in Quo. Each takes the tree
 * node it was invoked on, or a contact id (so they also work from keybindings and other extensions).
 */
import * as vscode from 'vscode';
import { MAX_PINNED, type PinnedContacts } from '../contacts/pinnedContacts.js';
import { knownContact } from '../contacts/known.js';
import { describeError } from '../quo/errors.js';
import type { Contact, LabelledValue } from '../quo/types.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import { contactDisplayName } from '../contacts/contactName.js';
import { cleanLine } from '../common/text.js';
import { quoContactWebUrl } from '../render/urls.js';
import { escapeIcons } from '../render/icons.js';
import { displayPhone } from '../contacts/phone.js';
import type { CommandHandlers } from '../commands/registry.js';

export interface ContactTarget {
  readonly id: string;
  readonly name?: string;
  readonly contact?: Contact;
}

/** A tree node (ContactNode or MentionNode), `{ id }`, or an id string; anything else is ignored. */
export function targetOf(argument: unknown): ContactTarget | undefined {
  if (typeof argument === 'string') {
    const id = argument.trim();
    return id === '' ? undefined : { id };
  }
  if (typeof argument !== 'object' || argument === null) {
    return undefined;
  }
  const value = argument as { id?: unknown; name?: unknown; contact?: unknown };
  if (typeof value.id !== 'string' || value.id === '') {
    return undefined;
  }
  return {
    id: value.id,
    ...(typeof value.name === 'string' ? { name: value.name } : {}),
    ...(isContact(value.contact) ? { contact: value.contact } : {}),
  };
}

function isContact(value: unknown): value is Contact {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    'defaultFields' in value
  );
}

export class ContactCommands {
  constructor(
    private readonly sessions: WorkspaceSessions,
    private readonly pinned: PinnedContacts,
    /** `quo.defaultCountry`, for how the picker shows numbers (what is copied stays as Quo stores it). */
    private readonly defaultCountry: () => string,
  ) {}

  handlers(): Pick<
    CommandHandlers,
    'pinContact' | 'unpinContact' | 'copyContactId' | 'copyContactPhone' | 'copyContactEmail' | 'openContactInQuo'
  > {
    const command =
      (run: (target: ContactTarget) => Promise<void>) =>
      async (argument: unknown): Promise<void> => {
        const target = targetOf(argument);
        if (target) {
          await run(target);
        }
      };
    return {
      pinContact: command((target) => this.pin(target)),
      unpinContact: command((target) => this.pinned.unpin(target.id)),
      copyContactId: command((target) => copy(target.id, vscode.l10n.t('Copied the contact id'))),
      copyContactPhone: command((target) => this.copyValue(target, 'phone')),
      copyContactEmail: command((target) => this.copyValue(target, 'email')),
      openContactInQuo: command(async (target) => {
        await vscode.env.openExternal(vscode.Uri.parse(quoContactWebUrl(target.id), true));
      }),
    };
  }

  private async pin(target: ContactTarget): Promise<void> {
    const contact = target.contact ?? this.known(target.id);
    const name = contact ? contactDisplayName(contact) : cleanLine(target.name ?? '') || target.id;
    if (!(await this.pinned.pin({ id: target.id, name }))) {
      void vscode.window.showWarningMessage(
        this.sessions.active.key
          ? vscode.l10n.t('Quo: at most {0} contacts can be pinned. Unpin one first.', MAX_PINNED)
          : vscode.l10n.t('Quo: set an API key first.'),
      );
    }
  }

  private async copyValue(target: ContactTarget, kind: 'phone' | 'email'): Promise<void> {
    const contact = target.contact ?? (await this.fetch(target.id));
    if (!contact) {
      return;
    }
    const name = contactDisplayName(contact);
    const list = kind === 'phone' ? contact.defaultFields.phoneNumbers : contact.defaultFields.emails;
    const values = list.filter(
      (entry): entry is LabelledValue & { value: string } => entry.value !== null && entry.value.trim() !== '',
    );
    const phone = kind === 'phone';
    if (values.length === 0) {
      const none = phone ? vscode.l10n.t('{0} has no phone number', escapeIcons(name)) : vscode.l10n.t('{0} has no email address', escapeIcons(name));
      vscode.window.setStatusBarMessage(`$(info) ${none}`, 3000);
      return;
    }
    let value: string | undefined = values[0]?.value;
    if (values.length > 1) {
      const picked = await vscode.window.showQuickPick(
        values.map((entry) => ({
          label: escapeIcons(cleanLine(phone ? displayPhone(entry.value, this.defaultCountry()) : entry.value)),
          description: escapeIcons(cleanLine(entry.name)),
          value: entry.value,
        })),
        phone
          ? { title: vscode.l10n.t('Copy phone number of {0}', escapeIcons(name)), placeHolder: vscode.l10n.t('Which phone number?') }
          : { title: vscode.l10n.t('Copy email address of {0}', escapeIcons(name)), placeHolder: vscode.l10n.t('Which email address?') },
      );
      value = picked?.value;
    }
    if (value !== undefined) {
      await copy(value.trim(), phone ? vscode.l10n.t('Copied the phone number') : vscode.l10n.t('Copied the email address'));
    }
  }

  private known(id: string): Contact | undefined {
    return knownContact(this.sessions.active.contacts.know(id));
  }

  private async fetch(id: string): Promise<Contact | undefined> {
    const known = this.known(id);
    if (known) {
      return known;
    }
    try {
      const result = await this.sessions.active.contacts.resolve(id, { priority: 'interactive' });
      if (result.kind === 'found') {
        return result.contact;
      }
      vscode.window.setStatusBarMessage(`$(warning) ${vscode.l10n.t('No Quo contact has this id')}`, 3000);
    } catch (error) {
      vscode.window.setStatusBarMessage(`$(warning) ${escapeIcons(describeError(error))}`, 5000);
    }
    return undefined;
  }
}

async function copy(text: string, message: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) ${message}`, 2000);
}
