/**
 * A 400's `errors[]` at the form's fields. Quo names a field by its place in the request body, spelled either way
 * (`defaultFields.emails[1].value`, `defaultFields.emails.1.value`, or a JSON pointer `/defaultFields/emails/1/value`);
 * the body's lists are not the form's rows (empty rows are not sent, removed items are appended), so the body's item
 * is traced back to its row through the origins kept with the request. A custom field is named by its index in the
 * body, and marked by the key sent there. What names no field of the form is a general problem, in Quo's words.
 */
import type { CreateContactBody, UpdateContactBody } from '../../quo/client.js';
import { isQuoError } from '../../quo/errors.js';
import type { DraftPath, DraftProblem } from './contactDraft.js';
import { customFieldPath, isItemField, isTextField } from './draftFields.js';
import type { SentBody } from './requestBody.js';

export interface ErrorProblems {
  /** At the fields Quo named. */
  readonly fields: readonly DraftProblem[];
  /** What names no field of the form: a path it does not know, or a 400 without `errors[]`. */
  readonly general: readonly string[];
}

const NONE: ErrorProblems = { fields: [], general: [] };

/** Where a 400 marks the form; nothing for any other failure (the connection state and the panel say those). */
export function problemsOfError(error: unknown, sent: SentBody<UpdateContactBody | CreateContactBody>): ErrorProblems {
  if (!isQuoError(error) || error.kind !== 'http' || error.status !== 400) {
    return NONE;
  }
  const fields: DraftProblem[] = [];
  const general: string[] = [];
  for (const detail of error.details) {
    const message = detail.message ?? error.message;
    const path = detail.path === undefined ? undefined : draftPathOf(detail.path, sent);
    if (path !== undefined) {
      fields.push({ path, message });
    } else {
      general.push(detail.path === undefined ? message : `${message} (${detail.path})`);
    }
  }
  if (fields.length === 0 && general.length === 0) {
    general.push(error.message);
  }
  return { fields, general };
}

/** The draft path a body path names, or undefined when it names no field of the form. */
export function draftPathOf(bodyPath: string, sent: SentBody<UpdateContactBody | CreateContactBody>): DraftPath | undefined {
  const parts = bodyPath
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((part) => part !== '' && part !== '#');
  if (parts[0] === 'body' || parts[0] === 'requestBody') {
    parts.shift();
  }
  if (parts[0] === 'defaultFields') {
    parts.shift();
  }
  const [head, index, leaf] = parts;
  if (head === undefined) {
    return undefined;
  }
  if (isTextField(head)) {
    return head;
  }
  if (isItemField(head)) {
    if (index === undefined || !/^\d+$/.test(index)) {
      return head;
    }
    const row = sent.origins[`defaultFields.${head}.${index}`];
    // An item with no row (one the user removed, a teammate's) marks the list; an item never sent marks nothing.
    if (row === undefined || row === head) {
      return row;
    }
    return `${row}.${leaf === 'name' ? 'name' : 'value'}`;
  }
  if (head === 'customFields' && index !== undefined && /^\d+$/.test(index)) {
    const origin = sent.origins[`customFields.${index}`];
    const key = sent.body.customFields?.[Number(index)]?.key;
    return origin ?? (key === undefined ? undefined : customFieldPath(key));
  }
  return undefined;
}
