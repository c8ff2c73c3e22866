/**
 * The hover card for a contact id, as markdown text. Pure, so it is tested without VS Code. The caller wraps it in
 * a MarkdownString trusted for the extension's own commands only (`TRUSTED_COMMANDS`: Open Contact and Set API Key)
 * with `supportHtml: false`; every value from the API goes through escapeMarkdown, so the only links in the card are
 * the ones built here (open the contact, open it in Quo, and its http(s) URLs).
 */
import * as l10n from '@vscode/l10n';
import type { Call, Contact, LabelledValue, Message } from '../quo/types.js';
import {
  callStatusText,
  callTitle,
  durationText,
  lineLabel,
  messageTitle,
  teammateName,
} from './activityText.js';
import type { ActivityNames } from '../activity/participants.js';
import { contactDisplayName, firstLabelled } from '../contacts/contactName.js';
import { displayPhone } from '../contacts/phone.js';
import { createFormatter, customFieldText } from './format.js';
import { escapeMarkdown, markdownLinkTarget } from './markdown.js';
import { cleanLine, truncate } from '../common/text.js';
import { quoContactWebUrl, safeHttpUrl } from './urls.js';

export { escapeMarkdown } from './markdown.js';

export const DEFAULT_HOVER_CUSTOM_FIELDS = 3;
/** Longest value shown in a hover; the panel shows everything. */
const MAX_HOVER_VALUE = 120;
const MAX_HOVER_ERROR = 200;

export interface HoverOptions {
  /** A ready `command:quo.openContact?...` URI. */
  readonly openCommandUri: string;
  /**
   * Where "Open in Quo" points. Omitted or undefined: the contact's page in the Quo web app (quoContactWebUrl).
   * null: no such link. Any other value must be an http(s) URL or the link is left out.
   */
  readonly quoWebUrl?: string | null;
  readonly maxCustomFields?: number;
  readonly locale?: string;
  readonly timeZone?: string;
  /** `quo.defaultCountry`: a number of it is shown in national format, any other internationally (US by default). */
  readonly defaultCountry?: string;
  /** The contact's latest call or message, when this window has loaded its activity within the cache period. */
  readonly lastContact?: LastContact;
  /** Epoch ms the last contact's time counts from; now by default. */
  readonly now?: number;
}

/** What "Last contact: 3 days ago, call with Alice" is made of. */
export interface LastContact {
  readonly kind: 'call' | 'message';
  /** ISO date-time. */
  readonly at: string;
  /** The teammate's name, when known. */
  readonly teammate?: string;
}

/** Longest message text in a hover for a message id; the panel shows it whole. */
const MAX_HOVER_MESSAGE = 200;
/** Contacts listed for a call or message whose number several share. */
const MAX_ACTIVITY_CONTACTS = 5;

/**
 * A compact card: bold name; company · role; the first phone and email with their labels; up to three custom
 * fields that have values; then "Open Contact" and "Open in Quo" links.
 */
export function renderHoverMarkdown(contact: Contact, options: HoverOptions): string {
  const fields = contact.defaultFields;
  const format = createFormatter(options.locale, options.timeZone);
  const lines = [`**${text(contactDisplayName(contact))}**`];

  const company = [fields.company, fields.role]
    .map((value) => (value === null ? '' : text(value)))
    .filter((value) => value !== '')
    .join(' · ');
  if (company !== '') {
    lines.push(company);
  }
  const phone = labelled(firstLabelled(fields.phoneNumbers), (value) => l10n.t('Phone: {0}', value), (value) => displayPhone(value, options.defaultCountry));
  const email = labelled(firstLabelled(fields.emails), (value) => l10n.t('Email: {0}', value));
  for (const line of [phone, email]) {
    if (line) {
      lines.push(line);
    }
  }

  const maxCustom = Math.max(0, Math.trunc(options.maxCustomFields ?? DEFAULT_HOVER_CUSTOM_FIELDS));
  let shown = 0;
  for (const field of contact.customFields) {
    if (shown >= maxCustom) {
      break;
    }
    const value = customFieldText(field, format);
    if (value !== undefined) {
      lines.push(`${text(field.name)}: ${text(value)}`);
      shown++;
    }
  }

  if (options.lastContact) {
    lines.push(lastContactLine(options.lastContact, format.relative(options.lastContact.at, options.now ?? Date.now())));
  }

  const links = [`[${escapeMarkdown(l10n.t('Open Contact'))}](${markdownLinkTarget(options.openCommandUri)})`];
  const web = options.quoWebUrl === null ? undefined : safeHttpUrl(options.quoWebUrl ?? quoContactWebUrl(contact.id));
  if (web) {
    links.push(`[${escapeMarkdown(l10n.t('Open in Quo'))}](${markdownLinkTarget(web)})`);
  }
  // Two trailing spaces make a line break inside one paragraph: a compact card without blank lines.
  return `${lines.join('  \n')}\n\n${links.join(' · ')}`;
}

function lastContactLine(last: LastContact, when: string): string {
  const teammate = last.teammate === undefined ? '' : text(last.teammate);
  const ago = text(when);
  if (teammate === '') {
    return last.kind === 'call' ? l10n.t('Last contact: {0}, call', ago) : l10n.t('Last contact: {0}, message', ago);
  }
  return last.kind === 'call'
    ? l10n.t('Last contact: {0}, call with {1}', ago, teammate)
    : l10n.t('Last contact: {0}, message with {1}', ago, teammate);
}

export interface ActivityHoverInput {
  readonly record: { readonly kind: 'call'; readonly call: Call } | { readonly kind: 'message'; readonly message: Message };
  readonly names: ActivityNames;
  /** The other side's numbers. */
  readonly numbers: readonly string[];
  /** The contacts with those numbers, each with its ready `command:quo.openContact?...` URI. */
  readonly contacts: readonly { readonly contact: Contact; readonly openCommandUri: string }[];
  /** The contact list was still being listed when the hover stopped waiting: a number without a contact may have one. */
  readonly stillListing?: boolean;
  readonly locale?: string;
  readonly timeZone?: string;
  /** As in HoverOptions: how numbers are shown. */
  readonly defaultCountry?: string;
  readonly now?: number;
}

/**
 * The card for a call or message id: what it was (direction, line, teammate, time, a call's status and duration or
 * a message's text), then the contact it was with, linked to Open Contact; all of them when several share the
 * number, the number itself when none has it.
 */
export function renderActivityHoverMarkdown(input: ActivityHoverInput): string {
  const format = createFormatter(input.locale, input.timeZone);
  const { record, names } = input;
  const lineId = record.kind === 'call' ? record.call.phoneNumberId : record.message.phoneNumberId;
  const userId = record.kind === 'call' ? record.call.userId : record.message.userId;
  const createdAt = record.kind === 'call' ? record.call.createdAt : record.message.createdAt;
  const title = record.kind === 'call' ? callTitle(record.call.direction) : messageTitle(record.message.direction);
  const lines = [`**${text(title)}**`];
  lines.push([lineLabel(names, lineId, input.defaultCountry), teammateName(names, lineId, userId)].filter((part): part is string => Boolean(part)).map(text).join(' · '));
  lines.push(`${text(format.dateTime(createdAt))} · ${text(format.relative(createdAt, input.now ?? Date.now()))}`);
  if (record.kind === 'call') {
    const facts = [callStatusText(record.call.status)];
    if (record.call.duration > 0) {
      facts.push(durationText(record.call.duration));
    }
    lines.push(facts.map(text).join(' · '));
  } else {
    const body = escapeMarkdown(truncate(cleanLine(record.message.text), MAX_HOVER_MESSAGE));
    lines.push(body === '' ? `_${escapeMarkdown(l10n.t('No text'))}_` : body);
  }
  const withLines: string[] = [];
  for (const { contact, openCommandUri } of input.contacts.slice(0, MAX_ACTIVITY_CONTACTS)) {
    const link = `[${text(contactDisplayName(contact))}](${markdownLinkTarget(openCommandUri)})`;
    withLines.push(l10n.t('With {0}', link));
  }
  const more = input.contacts.length - MAX_ACTIVITY_CONTACTS;
  if (more > 0) {
    withLines.push(escapeMarkdown(l10n.t('and {0} more contacts with this number', more)));
  }
  if (input.contacts.length === 0 && input.stillListing === true) {
    withLines.push(escapeMarkdown(l10n.t('Still looking for the contact: the contact list is being loaded. Hover again in a moment.')));
  } else if (input.contacts.length === 0) {
    for (const number of input.numbers.length > 0 ? input.numbers : ['']) {
      withLines.push(
        number === '' ? escapeMarkdown(l10n.t('No contact has this number')) : l10n.t('{0}: No contact has this number', text(displayPhone(number, input.defaultCountry))),
      );
    }
  }
  return `${lines.join('  \n')}\n\n${withLines.join('  \n')}`;
}

/** One short line for a hover when the contact could not be shown. */
export function renderHoverError(message: string): string {
  return l10n.t('Quo: {0}', escapeMarkdown(truncate(cleanLine(message), MAX_HOVER_ERROR)));
}

/**
 * `line` puts the value (and its label, in parentheses) into the translated "Phone: {0}" line; `shown` is how the
 * value reads (a phone number formatted).
 */
function labelled(
  entry: LabelledValue | undefined,
  line: (value: string) => string,
  shown: (value: string) => string = (value) => value,
): string | undefined {
  if (!entry || entry.value === null) {
    return undefined;
  }
  const label = cleanLine(entry.name);
  return line(`${text(shown(entry.value))}${label === '' ? '' : ` (${text(label)})`}`);
}

function text(value: string): string {
  return escapeMarkdown(truncate(cleanLine(value), MAX_HOVER_VALUE));
}
