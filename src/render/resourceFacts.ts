/**
 * What the lookup tool answers about a line, a teammate or a webhook (issue 29): the card's facts as data, each value
 * cleaned and bounded like a contact's (toolText). A webhook's signing key is never decoded, so it cannot be here; its
 * URL is, since the user's own receiver is what they ask about.
 */
import { userDisplayName } from '../contacts/contactName.js';
import type { Teammate, Webhook } from '../quo/resourceTypes.js';
import type { PhoneNumber } from '../quo/types.js';
import { MAX_VALUES, toolText } from './toolAnswer.js';

export type ResourceFacts =
  | { readonly type: 'line'; readonly id: string; readonly name: string; readonly number: string; readonly teammates: readonly string[] }
  | { readonly type: 'teammate'; readonly id: string; readonly name: string; readonly email: string; readonly role: string }
  | {
      readonly type: 'webhook';
      readonly id: string;
      readonly label: string;
      readonly url: string;
      readonly status: string;
      readonly events: readonly string[];
      /** Line ids, or `*` for every line. */
      readonly watches: readonly string[];
      readonly deletedAt?: string;
    };

/**
 * A webhook's receiver without what often carries its secret: the query, the fragment and any user info. The path
 * stays: it tells receivers apart.
 */
function receiverAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '';
  }
}

export function lineFacts(line: PhoneNumber): ResourceFacts {
  return {
    type: 'line',
    id: toolText(line.id, 64),
    name: toolText(line.name),
    number: toolText(line.number, 32),
    teammates: line.users.slice(0, MAX_VALUES).map((user) => toolText(userDisplayName(user))),
  };
}

export function teammateFacts(teammate: Teammate): ResourceFacts {
  return {
    type: 'teammate',
    id: toolText(teammate.id, 64),
    name: toolText(userDisplayName(teammate)),
    email: toolText(teammate.email),
    role: toolText(teammate.role, 32),
  };
}

export function webhookFacts(webhook: Webhook): ResourceFacts {
  return {
    type: 'webhook',
    id: toolText(webhook.id, 64),
    label: toolText(webhook.label),
    url: toolText(receiverAddress(webhook.url), 300),
    status: toolText(webhook.status, 32),
    events: webhook.events.slice(0, MAX_VALUES).map((event) => toolText(event, 64)),
    watches: webhook.resourceIds.slice(0, MAX_VALUES).map((id) => toolText(id, 64)),
    ...(webhook.deletedAt === null ? {} : { deletedAt: toolText(webhook.deletedAt, 40) }),
  };
}
