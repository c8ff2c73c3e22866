/**
 * A draft's values as the request bodies carry them (the spec's types): an emptied text is null, a custom field's
 * value is typed by its definition (a number parsed, a date as an ISO date-time at midnight UTC, a checkbox as a
 * boolean, choices as a list), a phone number in E.164. What cannot be converted is a problem for the user, and the
 * request is not sent: half a save is worse than none.
 */
import * as l10n from '@vscode/l10n';
import type { CustomFieldWriteValue } from '../../quo/client.js';
import type { DraftCustomValue } from './contactDraft.js';
import type { ItemField } from './draftFields.js';
import { e164Of, phoneProblem } from './phoneProblem.js';

export type Converted<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Trimmed, or null when nothing is left: Quo's way of saying "none". */
export function textWriteValue(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** An email's or phone number's value; an empty one is null, which on PATCH removes the item. */
export function itemWriteValue(kind: ItemField, value: string, country: string): Converted<string | null> {
  const text = textWriteValue(value);
  if (text === null || kind === 'emails') {
    return { ok: true, value: text };
  }
  const e164 = e164Of(text, country);
  return e164 === undefined ? { ok: false, problem: phoneProblem(text, country) ?? '' } : { ok: true, value: e164 };
}

export function customWriteValue(field: DraftCustomValue): Converted<CustomFieldWriteValue> {
  switch (field.type) {
    case 'address':
    case 'string':
    case 'url':
      return { ok: true, value: textWriteValue(field.value) };
    case 'boolean':
      return { ok: true, value: field.value };
    case 'multi-select': {
      const choices = [...new Set(field.value.map((choice) => choice.trim()).filter((choice) => choice !== ''))];
      // No choice left is no value, as for an emptied text.
      return { ok: true, value: choices.length === 0 ? null : choices };
    }
    case 'number': {
      const text = field.value.trim();
      if (text === '') {
        return { ok: true, value: null };
      }
      const number = Number(text);
      return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, problem: l10n.t('Enter a number, such as 42 or 3.5.') };
    }
    case 'date': {
      const text = field.value.trim();
      if (text === '') {
        return { ok: true, value: null };
      }
      return isDay(text) ? { ok: true, value: `${text}T00:00:00.000Z` } : { ok: false, problem: l10n.t('Enter a date as year-month-day, such as 2026-05-04.') };
    }
  }
}

/** A real calendar day written `YYYY-MM-DD` (not 2026-02-30). */
function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
