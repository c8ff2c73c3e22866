/**
 * The words a surface shows about a contact's activity as a whole: how much was checked and why a line could not
 * be. Each is one template with named placeholders, filled once, so a later translation step can replace the
 * templates without touching the values (which come from Quo and are never part of a template).
 */
import { QuoError } from '../quo/errors.js';
import type { ActivityCoverage, LineError } from './activityLoader.js';

type Values = Readonly<Record<string, string | number>>;

/** `{name}` replaced by its value; a value is inserted as it is and never read as a template itself. */
export function fillTemplate(template: string, values: Values): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** "4 of 9 lines checked", or undefined once every line has been. */
export function coverageText(coverage: ActivityCoverage): string | undefined {
  if (coverage.linesChecked >= coverage.linesTotal) {
    return undefined;
  }
  return fillTemplate('{checked} of {total} lines checked', {
    checked: coverage.linesChecked,
    total: coverage.linesTotal,
  });
}

/** Why a contact has nothing to check at all. */
export function noNumbersText(): string {
  return 'This contact has no phone number in international format (+1…) to look up calls and messages with.';
}

/**
 * Why one line's calls or messages are missing, `line` being its name as the surface shows it. A 400's title is
 * never the reason: each Quo family documents one 400 title ("Too Many Participants", "A2P Registration Not
 * Approved") that it answers for any bad request.
 */
export function lineErrorText(error: LineError, line: string): string {
  const cause = error.error;
  const list = error.list === 'messages' ? 'Messages' : 'Calls';
  if (!(cause instanceof QuoError)) {
    return fillTemplate('{list} on {line} could not be loaded.', { list, line });
  }
  const trace = cause.trace;
  const withTrace = (template: string, values: Values): string =>
    trace === undefined ? fillTemplate(template, values) : fillTemplate(`${template} Trace: {trace}.`, { ...values, trace });
  switch (cause.kind) {
    case 'decode':
      return fillTemplate('{list} on {line}: Quo sent data the extension does not understand.', { list, line });
    case 'too-large':
      return fillTemplate('{list} on {line}: Quo’s answer was too large to read.', { list, line });
    default:
      break;
  }
  switch (cause.status) {
    case 402:
      return withTrace('{list} on {line}: the workspace has no prepaid credits left.', { list, line });
    case 403:
      return withTrace('{list} on {line}: this API key may not see this line.', { list, line });
    case 400:
      return withTrace('{list} on {line}: Quo did not accept the request (error 400).', { list, line });
    case 404:
      return withTrace('{list} on {line}: Quo no longer has this line.', { list, line });
    default:
      return cause.status !== undefined && cause.status >= 500
        ? withTrace('{list} on {line}: Quo failed to answer (error {status}).', { list, line, status: cause.status })
        : withTrace('{list} on {line} could not be loaded.', { list, line });
  }
}
