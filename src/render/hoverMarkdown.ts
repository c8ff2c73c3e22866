/**
 * The hover card for a contact id, as markdown text. Pure, so it is tested without VS Code. The caller wraps it in
 * a MarkdownString trusted for the extension's own commands only (`TRUSTED_COMMANDS`: Open Contact and Set API Key)
 * with `supportHtml: false`; every value from the API goes through escapeMarkdown, so the only links in the card are
 * the ones built here (open the contact, open it in Quo, and its http(s) URLs).
 */
import * as l10n from '@vscode/l10n';
import type { Contact, LabelledValue } from '../quo/types.js';
import { contactDisplayName, firstLabelled } from './contactName.js';
import { createFormatter, customFieldText } from './format.js';
import { escapeMarkdown, markdownLinkTarget } from './markdown.js';
import { cleanLine, truncate } from './text.js';
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
}

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
  const phone = labelled(firstLabelled(fields.phoneNumbers), (value) => l10n.t('Phone: {0}', value));
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

  const links = [`[${escapeMarkdown(l10n.t('Open Contact'))}](${markdownLinkTarget(options.openCommandUri)})`];
  const web = options.quoWebUrl === null ? undefined : safeHttpUrl(options.quoWebUrl ?? quoContactWebUrl(contact.id));
  if (web) {
    links.push(`[${escapeMarkdown(l10n.t('Open in Quo'))}](${markdownLinkTarget(web)})`);
  }
  // Two trailing spaces make a line break inside one paragraph: a compact card without blank lines.
  return `${lines.join('  \n')}\n\n${links.join(' · ')}`;
}

/** One short line for a hover when the contact could not be shown. */
export function renderHoverError(message: string): string {
  return l10n.t('Quo: {0}', escapeMarkdown(truncate(cleanLine(message), MAX_HOVER_ERROR)));
}

/** `line` puts the value (and its label, in parentheses) into the translated "Phone: {0}" line. */
function labelled(entry: LabelledValue | undefined, line: (value: string) => string): string | undefined {
  if (!entry || entry.value === null) {
    return undefined;
  }
  const label = cleanLine(entry.name);
  return line(`${text(entry.value)}${label === '' ? '' : ` (${text(label)})`}`);
}

function text(value: string): string {
  return escapeMarkdown(truncate(cleanLine(value), MAX_HOVER_VALUE));
}
