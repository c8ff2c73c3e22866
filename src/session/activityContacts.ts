/**
 * From an `AC…` id in a file to the contacts it was with: the session says whether it is a call or a message (at
 * most two requests, remembered for the cache period), and since Quo's calls and messages carry numbers, not a
 * contact id, the contacts come from the local index, as for a phone number in a file (the listing that fills the
 * index is started if nothing has, and waited for up to a few seconds). Shared by the hover and "Quo: Open Contact".
 */
import type { ActivityNames } from '../activity/participants.js';
import { messageSender, otherNumbers } from '../activity/participants.js';
import type { RequestOptions } from '../quo/client.js';
import type { Call, Contact, Message } from '../quo/types.js';
import type { WorkspaceSession } from './workspaceSession.js';
import type { ListingWait } from '../contacts/listingWait.js';

export type ActivityContacts =
  | {
      readonly kind: 'found';
      readonly record: { readonly kind: 'call'; readonly call: Call } | { readonly kind: 'message'; readonly message: Message };
      /** The other side's numbers (the workspace's own lines left out). */
      readonly numbers: readonly string[];
      /** Every contact the index has for those numbers, each once. */
      readonly contacts: readonly Contact[];
      /** Line and teammate names known without a further request (the lines may cost one, once per cache period). */
      readonly names: ActivityNames;
      /** Whether the contact list was complete when the contacts were looked up ('listing': it was still coming). */
      readonly listing: ListingWait;
    }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'not-found' };

/** Throws what the session threw (no key, offline…); a `cancelled` QuoError when the signal aborts. */
export async function contactsOfActivity(
  session: Pick<WorkspaceSession, 'activity' | 'contacts'>,
  id: string,
  options: Pick<RequestOptions, 'signal'> = {},
): Promise<ActivityContacts> {
  const { activity, contacts: known } = session;
  const record = await activity.record(id, options.signal ? { signal: options.signal } : {});
  if (record.kind === 'forbidden' || record.kind === 'not-found') {
    return record;
  }
  // The lines name the line and the teammate, and tell the workspace's own numbers from the contact's. Costs a
  // request once per cache period; a call or message is still shown without them.
  let lines = activity.peekLines();
  if (!lines) {
    try {
      lines = await activity.lines({ priority: 'interactive', ...(options.signal ? { signal: options.signal } : {}) });
    } catch {
      lines = undefined;
    }
  }
  const participants = record.kind === 'call' ? record.call.participants : [record.message.from, ...record.message.to];
  const numbers = otherNumbers(participants, lines);
  // In a fresh window the listing has only just started: the first hover waits for it (a few seconds at most)
  // rather than show the call without its contact.
  const listing = numbers.length === 0 ? 'listed' : await known.whenListed(options.signal);
  const contacts = new Map<string, Contact>();
  for (const number of numbers) {
    for (const contact of known.byPhone(number)) {
      if (!contacts.has(contact.id)) {
        contacts.set(contact.id, contact);
      }
    }
  }
  const userId = record.kind === 'call' ? record.call.userId : messageSender(record.message);
  const userName = userId === null ? undefined : known.peekUserName(userId);
  return {
    kind: 'found',
    record,
    numbers,
    contacts: [...contacts.values()],
    listing,
    names: { ...(lines ? { lines } : {}), ...(userId === null || userName === undefined ? {} : { userNames: new Map([[userId, userName]]) }) },
  };
}
