/**
 * What the language model tools answer: a short summary line, then the facts as JSON. Every value comes from Quo and
 * was written by outsiders (a contact's name, a message), so it reaches the model as data that cannot pass for
 * markup, a link or a layout: one clean line (no controls, bidi overrides or invisible characters), bounded in
 * length, HTML tags replaced, markdown link syntax escaped. Nothing here builds markdown or a link from API text; the
 * one link is the Quo web address made from the contact id. Plain: unit tests run it.
 */
import { cleanLine, cleanMultiline, truncate } from '../common/text.js';
import { contactDisplayName } from '../contacts/contactName.js';
import type { ActivityItem, ContactActivity } from '../activity/activityLoader.js';
import { messageSender, type ActivityNames } from '../activity/participants.js';
import type { Contact, CustomField, LabelledValue } from '../quo/types.js';
import { lineLabel, teammateName } from './activityText.js';
import { quoContactWebUrl } from './urls.js';

/** The longest value a field keeps; a message's text keeps MAX_TEXT. */
export const MAX_VALUE = 200;
export const MAX_TEXT = 1_000;
/** Values of one list kept per contact (phones, emails, custom fields). */
export const MAX_VALUES = 10;

/** A tag, a comment or a doctype opening: `<b`, `</script`, `<!--`, `<?xml`. */
const MARKUP = /<\/?[A-Za-z!?][^<>]*>?/g;
/** An event handler attribute left outside a tag (`x onerror=…`): its `=` goes. */
const HANDLER = /\bon([a-z]+)\s*=/gi;
/** `[`, `]`, `(` and `)` would let a value read as a markdown link or image; a backslash keeps each literal. */
const LINK_SYNTAX = /[[\]()\\]/g;

/** One value as the model may see it; '' when nothing is left. */
export function toolText(value: string | null | undefined, max = MAX_VALUE, multiline = false): string {
  if (value === null || value === undefined) {
    return '';
  }
  const clean = multiline ? cleanMultiline(value) : cleanLine(value);
  // Link syntax first, so the placeholder's own brackets stay as written.
  const neutral = clean.replace(LINK_SYNTAX, '\\$&').replace(MARKUP, '[markup removed]').replace(HANDLER, 'on$1 =');
  return truncate(neutral, max);
}

export interface ToolValue {
  readonly label?: string;
  readonly value: string;
}

export interface ContactFacts {
  readonly id: string;
  readonly name: string;
  readonly company?: string;
  readonly role?: string;
  readonly phones: readonly ToolValue[];
  readonly emails: readonly ToolValue[];
  readonly customFields: readonly ToolValue[];
  /** The contact in Quo's web app, made from its id. */
  readonly link: string;
}

function values(list: readonly LabelledValue[]): ToolValue[] {
  return list
    .slice(0, MAX_VALUES)
    .map((item) => ({ label: toolText(item.name, 60), value: toolText(item.value) }))
    .filter((item) => item.value !== '')
    .map((item) => (item.label === '' ? { value: item.value } : item));
}

function customValue(field: CustomField): string {
  const value: unknown = field.value;
  if (Array.isArray(value)) {
    return toolText(value.filter((item): item is string => typeof item === 'string').join(', '));
  }
  if (typeof value === 'string') {
    return toolText(value);
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** A contact's fields, each cleaned and bounded; lists cut at MAX_VALUES. */
export function contactFacts(contact: Contact): ContactFacts {
  const fields = contact.defaultFields;
  const company = toolText(fields.company);
  const role = toolText(fields.role);
  return {
    id: toolText(contact.id, 64),
    name: toolText(contactDisplayName(contact)),
    ...(company === '' ? {} : { company }),
    ...(role === '' ? {} : { role }),
    phones: values(fields.phoneNumbers),
    emails: values(fields.emails),
    customFields: contact.customFields
      .slice(0, MAX_VALUES)
      .map((field) => ({ label: toolText(field.name, 60), value: customValue(field) }))
      .filter((field) => field.value !== ''),
    link: quoContactWebUrl(contact.id),
  };
}

export interface ActivityFacts {
  readonly kind: 'call' | 'message';
  readonly direction: string;
  /** ISO date-time, as Quo gave it. */
  readonly at: string;
  readonly line: string;
  readonly teammate?: string;
  readonly status?: string;
  readonly durationSeconds?: number;
  /** Only when the user lets the tools share conversations. */
  readonly text?: string;
}

/** One call or message's metadata; its text only when `share` is on. */
export function activityItemFacts(item: ActivityItem, names: ActivityNames, share: boolean): ActivityFacts {
  if (item.kind === 'call') {
    const call = item.call;
    const teammate = teammateName(names, item.lineId, call.userId);
    return {
      kind: 'call',
      direction: toolText(call.direction, 20),
      at: toolText(call.createdAt, 40),
      line: toolText(lineLabel(names, item.lineId), 80),
      ...(teammate === undefined ? {} : { teammate: toolText(teammate, 80) }),
      status: toolText(call.status, 30),
      ...(typeof call.duration === 'number' ? { durationSeconds: call.duration } : {}),
    };
  }
  const message = item.message;
  const teammate = teammateName(names, item.lineId, messageSender(message));
  const text = share ? toolText(message.text, MAX_TEXT, true) : '';
  return {
    kind: 'message',
    direction: toolText(message.direction, 20),
    at: toolText(message.createdAt, 40),
    line: toolText(lineLabel(names, item.lineId), 80),
    ...(teammate === undefined ? {} : { teammate: toolText(teammate, 80) }),
    ...(text === '' ? {} : { text }),
  };
}

export interface ActivityAnswer {
  readonly items: readonly ActivityFacts[];
  /** How much of the workspace was checked: lines and requests, as the panel says it. */
  readonly checked: {
    readonly linesChecked: number;
    readonly linesTotal: number;
    readonly requestsSent: number;
    readonly more: boolean;
  };
  /** Lines whose list failed, by name, and the contact's numbers that could not be asked about. */
  readonly linesFailed: readonly string[];
  readonly numbersSkipped: readonly string[];
}

export function activityAnswer(activity: ContactActivity, names: ActivityNames, options: { limit: number; share: boolean }): ActivityAnswer {
  return {
    items: activity.items.slice(0, options.limit).map((item) => activityItemFacts(item, names, options.share)),
    checked: {
      linesChecked: activity.coverage.linesChecked,
      linesTotal: activity.coverage.linesTotal,
      requestsSent: activity.coverage.requestsSent,
      more: activity.hasMore,
    },
    linesFailed: [...new Set(activity.lineErrors.map((error) => toolText(lineLabel(names, error.lineId), 80)))],
    numbersSkipped: activity.skippedNumbers.slice(0, MAX_VALUES).map((number) => toolText(number, 40)),
  };
}

/** The answer's text: a summary line the model can relay, then the data as JSON (one value per key, no markup). */
export function toolAnswerText(summary: string, data: unknown): string {
  return `${truncate(cleanLine(summary), 500)}\n${JSON.stringify(data)}`;
}
