/**
 * The words a surface shows about a contact's activity as a whole: how much was checked and why a line could not
 * be. Whole sentences per list (a translation cannot assemble "Calls" + " on " + a line), values from Quo only as
 * placeholders, and `l10n.t` called when the text is needed, never at load.
 */
import * as l10n from '@vscode/l10n';
import { isQuoError } from '../quo/errors.js';
import type { ActivityCoverage, LineError } from './activityLoader.js';

/** "4 of 9 lines checked", or undefined once every line has been. */
export function coverageText(coverage: ActivityCoverage): string | undefined {
  if (coverage.linesChecked >= coverage.linesTotal) {
    return undefined;
  }
  return l10n.t('{0} of {1} lines checked', coverage.linesChecked, coverage.linesTotal);
}

/** Why a contact has nothing to check at all. */
export function noNumbersText(): string {
  return l10n.t('This contact has no phone number in international format (+1…) to look up calls and messages with.');
}

type Reason = 'unknown' | 'decode' | 'too-large' | 'no-credits' | 'forbidden' | 'refused' | 'gone' | 'failed';

function reasonOf(cause: unknown): Reason {
  if (!isQuoError(cause)) return 'unknown';
  if (cause.kind === 'decode' || cause.kind === 'too-large') return cause.kind;
  switch (cause.status) {
    case 402:
      return 'no-credits';
    case 403:
      return 'forbidden';
    case 400:
      return 'refused';
    case 404:
      return 'gone';
    default:
      return cause.status !== undefined && cause.status >= 500 ? 'failed' : 'unknown';
  }
}

function messagesReason(reason: Reason, line: string, status: string): string {
  switch (reason) {
    case 'decode':
      return l10n.t('Messages on {0}: Quo sent data the extension does not understand.', line);
    case 'too-large':
      return l10n.t('Messages on {0}: Quo’s answer was too large to read.', line);
    case 'no-credits':
      return l10n.t('Messages on {0}: the workspace has no prepaid credits left.', line);
    case 'forbidden':
      return l10n.t('Messages on {0}: this API key may not see this line.', line);
    case 'refused':
      return l10n.t('Messages on {0}: Quo did not accept the request (error 400).', line);
    case 'gone':
      return l10n.t('Messages on {0}: Quo no longer has this line.', line);
    case 'failed':
      return l10n.t('Messages on {0}: Quo failed to answer (error {1}).', line, status);
    case 'unknown':
      return l10n.t('Messages on {0} could not be loaded.', line);
  }
}

function callsReason(reason: Reason, line: string, status: string): string {
  switch (reason) {
    case 'decode':
      return l10n.t('Calls on {0}: Quo sent data the extension does not understand.', line);
    case 'too-large':
      return l10n.t('Calls on {0}: Quo’s answer was too large to read.', line);
    case 'no-credits':
      return l10n.t('Calls on {0}: the workspace has no prepaid credits left.', line);
    case 'forbidden':
      return l10n.t('Calls on {0}: this API key may not see this line.', line);
    case 'refused':
      return l10n.t('Calls on {0}: Quo did not accept the request (error 400).', line);
    case 'gone':
      return l10n.t('Calls on {0}: Quo no longer has this line.', line);
    case 'failed':
      return l10n.t('Calls on {0}: Quo failed to answer (error {1}).', line, status);
    case 'unknown':
      return l10n.t('Calls on {0} could not be loaded.', line);
  }
}

/**
 * Why one line's calls or messages are missing, `line` being its name as the surface shows it. A 400's title is
 * never the reason: each Quo family documents one 400 title ("Too Many Participants", "A2P Registration Not
 * Approved") that it answers for any bad request.
 */
export function lineErrorText(error: LineError, line: string): string {
  const cause = error.error;
  const reason = reasonOf(cause);
  const status = isQuoError(cause) && cause.status !== undefined ? String(cause.status) : '';
  const text = error.list === 'messages' ? messagesReason(reason, line, status) : callsReason(reason, line, status);
  const trace = isQuoError(cause) && reason !== 'decode' && reason !== 'too-large' ? cause.trace : undefined;
  return trace === undefined ? text : `${text} ${l10n.t('Trace: {0}.', trace)}`;
}
