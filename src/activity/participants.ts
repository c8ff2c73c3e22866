/** Who took part in a call or message, as far as the workspace's own lines tell. */
import type { Message, PhoneNumber } from '../quo/types.js';

/**
 * The teammate who sent a message: none for an incoming one, which the contact sent. Quo says its `userId` is null;
 * a server that fills it in anyway (the sandbox once did) must not turn the contact's words into a teammate's.
 */
export function messageSender(message: Pick<Message, 'direction' | 'userId'>): string | null {
  return message.direction === 'incoming' ? null : message.userId;
}

/** The contact's numbers in a call or message: every participant that is not one of the workspace's own lines. */
export function otherNumbers(numbers: readonly string[], lines: readonly Pick<PhoneNumber, 'number'>[] | undefined): string[] {
  const own = new Set((lines ?? []).map((line) => line.number));
  return [...new Set(numbers)].filter((number) => number !== '' && !own.has(number));
}

/** What a call's or message's words are made from: the workspace's lines (with their users) and any other users' names known. */
export interface ActivityNames {
  readonly lines?: readonly PhoneNumber[];
  /** Display names by user id, for teammates not (or no longer) on the line. */
  readonly userNames?: ReadonlyMap<string, string>;
}
