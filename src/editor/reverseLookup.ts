/**
 * Phone numbers and emails resolve to contacts only through the local index: Quo's API cannot search, so asking it
 * per number is impossible. Nothing here makes a request; `startIndexIfNeeded` starts the one background listing that
 * fills the index, when a surface needs it.
 */
import type { ContactIndex } from '../contacts/contactIndex.js';
import { waitForListing, type ListingWait } from '../contacts/listingWait.js';
import type { ContactPoint } from '../detect/contactPoints.js';
import type { Contact } from '../quo/types.js';

export interface ReverseLookup {
  /** The contacts that have this number or address (several can share a number), as far as the index knows. */
  contactsFor(point: ContactPoint): readonly Contact[];
  /** The contacts that have this E.164 number (a call's or message's participant), as far as the index knows. */
  contactsForPhone(e164: string): readonly Contact[];
  /** Starts filling the index if nothing has yet. */
  startIndexIfNeeded(): void;
  /** Starts filling the index if needed and waits, a few seconds at most, for a whole listing. */
  whenListed(signal?: AbortSignal): Promise<ListingWait>;
  /** `quo.defaultCountry`, for reading national numbers. */
  defaultCountry(): string;
}

export function reverseLookupThrough(source: {
  readonly index: Pick<ContactIndex, 'byPhone' | 'byEmail' | 'state' | 'onDidChange'>;
  startIndexIfNeeded(): void;
  readonly defaultCountry: string;
}): ReverseLookup {
  return {
    contactsFor: (point) => (point.kind === 'phone' ? source.index.byPhone(point.normalized) : source.index.byEmail(point.normalized)),
    contactsForPhone: (e164) => source.index.byPhone(e164),
    startIndexIfNeeded: () => source.startIndexIfNeeded(),
    whenListed: (signal) => {
      source.startIndexIfNeeded();
      return waitForListing(source.index, signal ? { signal } : {});
    },
    defaultCountry: () => source.defaultCountry,
  };
}
