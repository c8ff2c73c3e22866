/**
 * What the extension already knows about contacts, so a hover on a known id costs no request. Not-found answers are
 * remembered too, for a shorter time: a commit hash that happens to be 24 hex digits must not cost a request on
 * every hover. Expired entries are kept (bounded, least recently used first out) because inline names may show a
 * slightly old name rather than ask Quo again.
 */
import type { Clock } from '../quo/clock.js';
import { isFresh, systemClock } from '../quo/clock.js';
import type { Contact } from '../quo/types.js';

export type CacheEntry =
  | { readonly kind: 'contact'; readonly contact: Contact; readonly fresh: boolean }
  | { readonly kind: 'not-found'; readonly fresh: boolean };

interface Stored {
  readonly contact: Contact | undefined;
  readonly storedAt: number;
}

export interface ContactCacheOptions {
  readonly ttlMs: number;
  readonly notFoundTtlMs: number;
  readonly maxEntries?: number;
  readonly clock?: Clock;
}

export class ContactCache {
  private readonly entries = new Map<string, Stored>();
  private ttlMs: number;
  private notFoundTtlMs: number;
  private readonly maxEntries: number;
  private readonly clock: Clock;

  constructor(options: ContactCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.notFoundTtlMs = options.notFoundTtlMs;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.clock = options.clock ?? systemClock;
  }

  setTtl(ttlMs: number, notFoundTtlMs: number): void {
    this.ttlMs = ttlMs;
    this.notFoundTtlMs = notFoundTtlMs;
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): CacheEntry | undefined {
    const stored = this.entries.get(id);
    if (!stored) {
      return undefined;
    }
    // Re-insert to mark as recently used: Map iteration order is insertion order.
    this.entries.delete(id);
    this.entries.set(id, stored);
    const now = this.clock.now();
    const fresh = (ttlMs: number): boolean => isFresh(stored.storedAt, now, ttlMs);
    if (stored.contact) {
      return { kind: 'contact', contact: stored.contact, fresh: fresh(this.ttlMs) };
    }
    return { kind: 'not-found', fresh: fresh(this.notFoundTtlMs) };
  }

  setContact(contact: Contact): void {
    this.store(contact.id, contact);
  }

  setNotFound(id: string): void {
    this.store(id, undefined);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }

  private store(id: string, contact: Contact | undefined): void {
    this.entries.delete(id);
    this.entries.set(id, { contact, storedAt: this.clock.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.entries.delete(oldest);
    }
  }
}
