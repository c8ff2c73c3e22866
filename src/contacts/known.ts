/** What a workspace knows of a contact id without asking Quo, as one value every surface reads the same way. */
import type { Contact } from '../quo/types.js';

/**
 * What is known of an id without a request: a cached answer within its lifetime (`fresh`, or `not-found`), a cached
 * contact past it (`stale`), the contact list's copy (`from-index`), or nothing (`unknown`, which may also mean "not
 * found, a while ago": `notFoundBefore`).
 */
export type Known =
  | { readonly kind: 'fresh'; readonly contact: Contact }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'stale'; readonly contact: Contact }
  | { readonly kind: 'from-index'; readonly contact: Contact }
  | { readonly kind: 'unknown'; readonly notFoundBefore: boolean };

/** A known contact, whatever its age; undefined when Quo said there is none or nothing is known. */
export function knownContact(known: Known): Contact | undefined {
  return known.kind === 'fresh' || known.kind === 'stale' || known.kind === 'from-index' ? known.contact : undefined;
}

/** Whether what is known answers without a request: a fresh cached answer, or the contact list's copy. */
export function isAnswer(known: Known): known is Extract<Known, { kind: 'fresh' | 'not-found' | 'from-index' }> {
  return known.kind === 'fresh' || known.kind === 'not-found' || known.kind === 'from-index';
}
