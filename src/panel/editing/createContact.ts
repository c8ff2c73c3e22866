/**
 * "Quo: Create Contact": from the palette, the sidebar's title bar, or a hover card on a phone number or email that no
 * contact has (prefilled with it). Contacts that already have that number or address are offered first; the new
 * contact opens in its panel. One request, sent once: a 429 or a 500 is said, never retried on its own.
 */
import * as vscode from 'vscode';
import { contactDisplayName } from '../../contacts/contactName.js';
import { normalizeEmail, normalizePhone } from '../../contacts/phone.js';
import type { Contact } from '../../quo/types.js';
import { escapeIcons } from '../../render/icons.js';
import type { WorkspaceSessions } from '../../session/workspaceSessions.js';

export interface CreateContactDeps {
  readonly sessions: WorkspaceSessions;
  readonly defaultCountry: () => string;
  readonly readOnly: () => boolean;
  /** Opens a contact's panel. */
  readonly open: (id: string) => Promise<void> | void;
}

/** What a hover link or a caller may prefill. */
export interface CreatePrefill {
  readonly phone?: string;
  readonly email?: string;
}

function prefillOf(argument: unknown): CreatePrefill {
  const record = typeof argument === 'object' && argument !== null ? (argument as Record<string, unknown>) : {};
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length <= 256 ? value : undefined);
  const phone = text(record['phone']);
  const email = text(record['email']);
  return { ...(phone === undefined ? {} : { phone }), ...(email === undefined ? {} : { email }) };
}

/** Numbers and emails are read the way the contact list reads them, so a duplicate is found however it was written. */
function duplicatesOf(deps: CreateContactDeps, prefill: CreatePrefill): Contact[] {
  const contacts = deps.sessions.active.contacts;
  const found = new Map<string, Contact>();
  const phone = prefill.phone === undefined ? undefined : normalizePhone(prefill.phone, deps.defaultCountry());
  for (const contact of [
    ...(phone === undefined ? [] : contacts.byPhone(phone)),
    ...(prefill.email === undefined ? [] : contacts.byEmail(normalizeEmail(prefill.email))),
  ]) {
    found.set(contact.id, contact);
  }
  return [...found.values()];
}

type Picked = { readonly open: string } | 'create' | undefined;

interface Typed {
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
  readonly phone: string;
  readonly email: string;
}

/** What the user typed for a contact Quo did not create: the next run starts from it, so nothing typed is lost. */
let unsent: Typed | undefined;

async function offerDuplicates(duplicates: readonly Contact[], prefill: CreatePrefill): Promise<Picked> {
  const items: (vscode.QuickPickItem & { readonly id?: string })[] = [
    ...duplicates.map((contact) => ({ label: `$(person) ${escapeIcons(contactDisplayName(contact))}`, description: vscode.l10n.t('Open'), id: contact.id })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(add) ${vscode.l10n.t('Create a new contact anyway')}` },
  ];
  const title =
    prefill.phone !== undefined
      ? vscode.l10n.t('{0} contacts already have this number: open one, or create anyway', duplicates.length)
      : vscode.l10n.t('{0} contacts already have this address: open one, or create anyway', duplicates.length);
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: title });
  if (!picked) {
    return undefined;
  }
  return picked.id === undefined ? 'create' : { open: picked.id };
}

async function ask(prompt: string, value: string | undefined, validate?: (text: string) => string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Quo: Create Contact'),
    prompt,
    ...(value === undefined ? {} : { value }),
    ignoreFocusOut: true,
    ...(validate ? { validateInput: validate } : {}),
  });
}

export async function createContact(deps: CreateContactDeps, argument?: unknown): Promise<string | undefined> {
  if (deps.readOnly()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Quo Contacts is read-only here (the quo.readOnly setting).'));
    return undefined;
  }
  await deps.sessions.ready;
  const session = deps.sessions.active;
  if (!session.canRequest) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Quo: {0}', session.unavailableLine()));
    return undefined;
  }
  const prefill = prefillOf(argument);
  const duplicates = duplicatesOf(deps, prefill);
  if (duplicates.length > 0) {
    const picked = await offerDuplicates(duplicates, prefill);
    if (picked === undefined) {
      return undefined;
    }
    if (picked !== 'create') {
      await deps.open(picked.open);
      return picked.open;
    }
  }
  const country = deps.defaultCountry();
  const before = unsent;
  const firstName = await ask(vscode.l10n.t('First name (required)'), before?.firstName, (text) =>
    text.trim() === '' ? vscode.l10n.t('A contact needs a first name.') : undefined,
  );
  if (firstName === undefined) {
    return undefined;
  }
  const lastName = await ask(vscode.l10n.t('Last name (optional)'), before?.lastName ?? '');
  const company = lastName === undefined ? undefined : await ask(vscode.l10n.t('Company (optional)'), before?.company ?? '');
  const phone =
    company === undefined
      ? undefined
      : await ask(vscode.l10n.t('Phone number (optional)'), prefill.phone ?? before?.phone ?? '', (text) =>
          text.trim() === '' || normalizePhone(text, country) !== undefined ? undefined : vscode.l10n.t('Not a phone number in {0}.', country),
        );
  const email = phone === undefined ? undefined : await ask(vscode.l10n.t('Email (optional)'), prefill.email ?? before?.email ?? '');
  if (email === undefined || phone === undefined || company === undefined || lastName === undefined) {
    return undefined;
  }
  const e164 = phone.trim() === '' ? undefined : normalizePhone(phone, country);
  const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
  try {
    const contact = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Quo: creating {0}…', firstName.trim()) },
      () =>
        session.contacts.writes.create({
          defaultFields: {
            firstName: firstName.trim(),
            lastName: orNull(lastName),
            company: orNull(company),
            ...(e164 === undefined ? {} : { phoneNumbers: [{ name: vscode.l10n.t('mobile'), value: e164 }] }),
            ...(email.trim() === '' ? {} : { emails: [{ name: vscode.l10n.t('work'), value: email.trim() }] }),
          },
        }),
    );
    unsent = undefined;
    await deps.open(contact.id);
    return contact.id;
  } catch (error) {
    unsent = { firstName, lastName, company, phone, email };
    // Nothing is retried: the user sees why and runs the command again when it makes sense.
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Quo: the contact was not created: {0} What you typed is kept for the next try.', session.describeFailure(error)),
    );
    return undefined;
  }
}
