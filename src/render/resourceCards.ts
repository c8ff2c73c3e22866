/**
 * Hover cards for the workspace's other ids (issue 29): a line (`PN…`), a teammate (`US…`), a webhook (`WH…`), as
 * markdown. Every value from Quo goes through escapeMarkdown and is bounded; the cards hold no link, so a webhook's
 * URL (often carrying a token of its receiver) is shown as text, and its signing key is never decoded at all.
 */
import * as l10n from '@vscode/l10n';
import { cleanLine, truncate } from '../common/text.js';
import { userDisplayName } from '../contacts/contactName.js';
import { displayPhone } from '../contacts/phone.js';
import type { Teammate, Webhook } from '../quo/resourceTypes.js';
import type { PhoneNumber } from '../quo/types.js';
import { createFormatter } from './format.js';
import { escapeMarkdown } from './markdown.js';

/** Teammates named on a line's card; the rest are counted. */
export const MAX_CARD_TEAMMATES = 5;
/** Events and watched lines named on a webhook's card. */
export const MAX_CARD_ITEMS = 6;
const MAX_VALUE = 120;
const MAX_URL = 200;

export interface CardOptions {
  readonly defaultCountry: string;
  readonly locale?: string;
  /** The workspace's lines, when known: a webhook's watched lines are named from them. */
  readonly lines?: readonly PhoneNumber[];
}

function text(value: string, max = MAX_VALUE): string {
  return escapeMarkdown(truncate(cleanLine(value), max));
}

function listed(items: readonly string[], more: number): string {
  return more > 0 ? l10n.t('{0} and {1} more', items.join(', '), more) : items.join(', ');
}

function roleText(role: string): string {
  switch (role) {
    case 'owner':
      return l10n.t('Owner');
    case 'admin':
      return l10n.t('Admin');
    case 'member':
      return l10n.t('Member');
    default:
      return text(role);
  }
}

export function renderLineCard(line: PhoneNumber, options: CardOptions): string {
  const name = line.name === null || cleanLine(line.name) === '' ? l10n.t('Quo line') : text(line.name);
  const rows = [`**${name}**`, `${l10n.t('Quo line')} · ${escapeMarkdown(displayPhone(line.number, options.defaultCountry))}`];
  if (line.users.length > 0) {
    const names = line.users.slice(0, MAX_CARD_TEAMMATES).map((user) => text(userDisplayName(user)));
    rows.push(l10n.t('Teammates: {0}', listed(names, line.users.length - MAX_CARD_TEAMMATES)));
  }
  rows.push(`\`${escapeMarkdown(line.id)}\``);
  return rows.join('  \n');
}

export function renderTeammateCard(teammate: Teammate): string {
  const rows = [`**${text(userDisplayName(teammate) || teammate.id)}**`, `${l10n.t('Teammate')} · ${roleText(teammate.role)}`];
  if (teammate.email !== null && teammate.email !== '') {
    rows.push(l10n.t('Email: {0}', text(teammate.email)));
  }
  rows.push(`\`${escapeMarkdown(teammate.id)}\``);
  return rows.join('  \n');
}

export function renderWebhookCard(webhook: Webhook, options: CardOptions): string {
  const label = webhook.label === null || cleanLine(webhook.label) === '' ? l10n.t('Webhook without a label') : text(webhook.label);
  const status = webhook.status === 'enabled' ? l10n.t('enabled') : webhook.status === 'disabled' ? l10n.t('disabled') : text(webhook.status);
  const rows = [`**${label}**`, `${l10n.t('Webhook')} · ${status}`];
  if (webhook.deletedAt !== null) {
    rows.push(l10n.t('Deleted on {0}', text(createFormatter(options.locale).dateTime(webhook.deletedAt))));
  }
  rows.push(l10n.t('Sends to: {0}', text(webhook.url, MAX_URL)));
  if (webhook.events.length > 0) {
    const events = webhook.events.slice(0, MAX_CARD_ITEMS).map((event) => text(event));
    rows.push(l10n.t('Events: {0}', listed(events, webhook.events.length - MAX_CARD_ITEMS)));
  }
  rows.push(l10n.t('Watches: {0}', watched(webhook.resourceIds, options)));
  rows.push(`\`${escapeMarkdown(webhook.id)}\``);
  return rows.join('  \n');
}

function watched(resourceIds: readonly string[], options: CardOptions): string {
  if (resourceIds.length === 0 || resourceIds.includes('*')) {
    return l10n.t('every line');
  }
  const names = resourceIds.slice(0, MAX_CARD_ITEMS).map((id) => {
    const line = options.lines?.find((candidate) => candidate.id === id);
    return line ? text(line.name ?? displayPhone(line.number, options.defaultCountry)) : escapeMarkdown(truncate(cleanLine(id), 40));
  });
  return listed(names, resourceIds.length - MAX_CARD_ITEMS);
}
