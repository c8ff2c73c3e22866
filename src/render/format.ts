/**
 * Locale-aware text for contact values (dates, numbers, booleans, custom fields), shared by the hover and the panel
 * so both show a value the same way. Invalid input is shown as written rather than as "Invalid Date" or NaN.
 */
import * as l10n from '@vscode/l10n';
import type { CustomField } from '../quo/types.js';
import { cleanLine } from '../common/text.js';

export interface Formatter {
  /** The canonical locale in use, or undefined for the runtime's default. */
  readonly locale: string | undefined;
  /** A timestamp such as createdAt, with date and time, in the formatter's time zone. */
  dateTime(iso: string): string;
  /**
   * A date custom field. Quo stores a date-only value as midnight UTC; that is shown as a date alone (in UTC, so it
   * does not move to the previous day west of Greenwich). Any other time is shown with date and time.
   */
  date(iso: string): string;
  number(value: number): string;
  boolean(value: boolean): string;
  /**
   * How long ago (or ahead) a timestamp is from `now` (epoch ms), in words: "3 days ago", "yesterday", "in 2 hours".
   * An unreadable timestamp is shown as written.
   */
  relative(iso: string, now: number): string;
}

/** ISO 8601 date or date-time. `Date.parse` also accepts things like "1" (the year 2001), which are not dates. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The canonical form of a BCP 47 tag, or undefined if it is not one. */
export function normalizeLocale(locale: string | undefined): string | undefined {
  if (!locale) {
    return undefined;
  }
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

function validTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) {
    return undefined;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Building Intl formatters costs far more than using them (about 0.2 ms each, most of a hover's budget), and a
 * window uses one or two locales in its life: keep the formatters made.
 */
const formatters = new Map<string, Formatter>();
const MAX_CACHED_FORMATTERS = 16;

/** `timeZone` defaults to the runtime's (the user's) zone; tests pass one to be deterministic. */
export function createFormatter(locale?: string, timeZone?: string): Formatter {
  const key = `${locale ?? ''}\0${timeZone ?? ''}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    if (formatters.size >= MAX_CACHED_FORMATTERS) {
      formatters.clear();
    }
    formatter = buildFormatter(locale, timeZone);
    formatters.set(key, formatter);
  }
  return formatter;
}

function buildFormatter(locale?: string, timeZone?: string): Formatter {
  const canonical = normalizeLocale(locale);
  const zone = validTimeZone(timeZone);
  const dateTimeFormat = new Intl.DateTimeFormat(canonical, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const dateOnlyFormat = new Intl.DateTimeFormat(canonical, { dateStyle: 'medium', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(canonical, { maximumFractionDigits: 20 });
  // Made on first use: most hovers never show a relative time.
  let relativeFormat: Intl.RelativeTimeFormat | undefined;

  const parse = (iso: string): Date | undefined => {
    const trimmed = iso.trim();
    if (!ISO_DATE.test(trimmed)) {
      return undefined;
    }
    const date = new Date(trimmed);
    return Number.isNaN(date.getTime()) ? undefined : date;
  };

  return {
    locale: canonical,
    dateTime(iso) {
      const date = parse(iso);
      return date ? dateTimeFormat.format(date) : cleanLine(iso);
    },
    date(iso) {
      const date = parse(iso);
      if (!date) {
        return cleanLine(iso);
      }
      const midnightUtc =
        date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0;
      return (midnightUtc ? dateOnlyFormat : dateTimeFormat).format(date);
    },
    number(value) {
      return Number.isFinite(value) ? numberFormat.format(value) : String(value);
    },
    relative(iso, now) {
      const date = parse(iso);
      if (!date) {
        return cleanLine(iso);
      }
      relativeFormat ??= new Intl.RelativeTimeFormat(canonical, { numeric: 'auto' });
      const [amount, unit] = relativeAmount(date.getTime() - now);
      return relativeFormat.format(amount, unit);
    },
    boolean(value) {
      return value
        ? l10n.t({ message: 'Yes', comment: ['The value of a yes/no custom field'] })
        : l10n.t({ message: 'No', comment: ['The value of a yes/no custom field'] });
    },
  };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The largest unit that makes a whole number of a difference in ms: 90 s is "2 minutes", 36 hours "2 days". */
export function relativeAmount(differenceMs: number): [number, Intl.RelativeTimeFormatUnit] {
  const size = Math.abs(differenceMs);
  const amount = (unitMs: number): number => Math.round(differenceMs / unitMs) || 0;
  if (size < MINUTE) return [amount(SECOND), 'second'];
  if (size < HOUR) return [amount(MINUTE), 'minute'];
  if (size < DAY) return [amount(HOUR), 'hour'];
  if (size < 7 * DAY) return [amount(DAY), 'day'];
  if (size < 30 * DAY) return [amount(7 * DAY), 'week'];
  if (size < 365 * DAY) return [amount(30 * DAY), 'month'];
  return [amount(365 * DAY), 'year'];
}

/**
 * A custom field's value as one line of plain text, or undefined when it has none (null, blank, empty list).
 * Values whose runtime type does not match the declared type are shown as text rather than dropped.
 */
export function customFieldText(field: CustomField, format: Formatter): string | undefined {
  const value: unknown = field.value;
  if (value === null || value === undefined) {
    return undefined;
  }
  let text: string;
  if (Array.isArray(value)) {
    text = value
      .filter((item): item is string => typeof item === 'string')
      .map(cleanLine)
      .filter((item) => item !== '')
      .join(', ');
  } else if (typeof value === 'boolean') {
    text = format.boolean(value);
  } else if (typeof value === 'number') {
    text = format.number(value);
  } else if (typeof value === 'string') {
    text = field.type === 'date' ? format.date(value) : cleanLine(value);
  } else {
    text = cleanLine(JSON.stringify(value) ?? '');
  }
  return text === '' ? undefined : text;
}
