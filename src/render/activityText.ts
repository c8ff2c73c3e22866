/**
 * The words for one call or message, shared by the panel's Activity section and the hover, so both say it the same
 * way: its direction, the Quo line it was on, the teammate, a call's status and duration. Plain text, cleaned of
 * controls and bidi overrides; each surface escapes it for its own format. Names come from what is already known
 * (the lines' users, users looked up before): naming never costs a request here.
 */
import * as l10n from '@vscode/l10n';
import type { CallStatus, Direction, Unknown } from '../quo/types.js';
import { cleanLine } from '../common/text.js';
import { userDisplayName } from '../contacts/contactName.js';
import { displayPhone } from '../contacts/phone.js';
import type { ActivityNames } from '../activity/participants.js';


/**
 * The line's name as Quo shows it ("Main line"), else its number, else its id. With `defaultCountry`, the number is
 * shown as on every other surface (displayPhone); without, as Quo formats it.
 */
export function lineLabel(names: ActivityNames, lineId: string | null, defaultCountry?: string): string {
  if (lineId === null) {
    return l10n.t('an unknown line');
  }
  const line = names.lines?.find((candidate) => candidate.id === lineId);
  const number = defaultCountry !== undefined && line?.number ? displayPhone(line.number, defaultCountry) : undefined;
  const label = [line?.name, number, line?.formattedNumber, line?.number].map((value) => (value ? cleanLine(value) : '')).find(Boolean);
  return label ?? cleanLine(lineId);
}

/**
 * The teammate's name: from the line's users first, then other known users; undefined when not known, or when no
 * teammate took part (a null `userId`).
 */
export function teammateName(names: ActivityNames, lineId: string | null, userId: string | null): string | undefined {
  if (userId === null) {
    return undefined;
  }
  const lines = names.lines ?? [];
  const onLine = lines.find((line) => line.id === lineId)?.users.find((user) => user.id === userId);
  const member = onLine ?? lines.flatMap((line) => line.users).find((user) => user.id === userId);
  const fromLines = member ? cleanLine(userDisplayName(member)) : '';
  if (fromLines !== '') {
    return fromLines;
  }
  const known = names.userNames?.get(userId);
  return known === undefined || cleanLine(known) === '' ? undefined : cleanLine(known);
}

export function callTitle(direction: Direction | Unknown): string {
  switch (direction) {
    case 'incoming':
      return l10n.t('Incoming call');
    case 'outgoing':
      return l10n.t('Outgoing call');
    default:
      return l10n.t('Call');
  }
}

export function messageTitle(direction: Direction | Unknown): string {
  switch (direction) {
    case 'incoming':
      return l10n.t('Incoming message');
    case 'outgoing':
      return l10n.t('Outgoing message');
    default:
      return l10n.t('Message');
  }
}

/** A call's status as a person reads it. */
export function callStatusText(status: CallStatus | Unknown): string {
  switch (status) {
    case 'queued':
      return l10n.t({ message: 'Queued', comment: ['A call status'] });
    case 'initiated':
      return l10n.t({ message: 'Started', comment: ['A call status: the call was placed'] });
    case 'ringing':
      return l10n.t({ message: 'Ringing', comment: ['A call status'] });
    case 'in-progress':
      return l10n.t({ message: 'In progress', comment: ['A call status'] });
    case 'completed':
      return l10n.t({ message: 'Completed', comment: ['A call status'] });
    case 'busy':
      return l10n.t({ message: 'Busy', comment: ['A call status'] });
    case 'failed':
      return l10n.t({ message: 'Failed', comment: ['A call status'] });
    case 'no-answer':
      return l10n.t({ message: 'No answer', comment: ['A call status'] });
    case 'canceled':
      return l10n.t({ message: 'Canceled', comment: ['A call status'] });
    case 'missed':
      return l10n.t({ message: 'Missed', comment: ['A call status'] });
    case 'answered':
      return l10n.t({ message: 'Answered', comment: ['A call status'] });
    case 'forwarded':
      return l10n.t({ message: 'Forwarded', comment: ['A call status'] });
    case 'abandoned':
      return l10n.t({ message: 'Abandoned', comment: ['A call status: the caller hung up while waiting'] });
    default:
      return l10n.t({ message: 'Unknown status', comment: ['A call status Quo sent that this version does not know'] });
  }
}

/** Seconds as `m:ss`, or `h:mm:ss` from an hour: the same in every language. */
export function durationText(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
