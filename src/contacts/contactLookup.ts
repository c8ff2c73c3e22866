/**
 * The one way surfaces ask "who is this id?". It answers from what is known first (the cache, then the contact
 * index once one exists) and asks Quo only on a miss, through the shared client so concurrent asks share a request.
 * It also reports what the answers say about the key and the network, so the editor can react once (prompt for a
 * new key, show offline) instead of every surface reacting on its own.
 */
import type { QuoClient, RequestOptions } from '../quo/client.js';
import { noKeyError, QuoError } from '../quo/errors.js';
import type { Contact } from '../quo/types.js';
import type { ContactCache } from './contactCache.js';
import { Emitter } from './emitter.js';

/** Anything else that may already hold a contact (the sidebar's index). */
export interface KnownContacts {
  byId(id: string): Contact | undefined;
}

export type LookupResult = { readonly kind: 'found'; readonly contact: Contact } | { readonly kind: 'not-found' };

export class ContactLookup {
  private readonly failures = new Emitter<QuoError>();
  private readonly resolved = new Emitter<Contact>();
  private readonly known: KnownContacts[] = [];
  /** Ids asked for by background surfaces this session; they ask at most once until the cache is dropped. */
  private readonly askedInBackground = new Set<string>();
  /** Background asks that failed for a passing reason; asked again once Quo answers something else. */
  private readonly failedInBackground = new Set<string>();

  /** A failure that is not about one contact: no key, a refused key, offline, rate limited. */
  readonly onDidFail = this.failures.event;
  /** A contact arrived from Quo (inline names use this to redraw). */
  readonly onDidResolve = this.resolved.event;

  constructor(
    private readonly cache: ContactCache,
    private readonly client: () => QuoClient | undefined,
  ) {}

  addKnownContacts(source: KnownContacts): void {
    this.known.push(source);
  }

  /** What is known without a request, fresh or not. */
  peek(id: string): LookupResult | undefined {
    const entry = this.cache.get(id);
    if (entry?.kind === 'contact') {
      return { kind: 'found', contact: entry.contact };
    }
    const indexed = this.fromKnown(id);
    if (indexed) {
      return { kind: 'found', contact: indexed };
    }
    return entry ? { kind: 'not-found' } : undefined;
  }

  /**
   * A fresh answer: from the cache if fresh, else from Quo. Throws a QuoError for anything but found / not found
   * (a `config` error when there is no key).
   */
  async resolve(id: string, options: RequestOptions = {}): Promise<LookupResult> {
    const entry = this.cache.get(id);
    if (entry?.fresh) {
      return entry.kind === 'contact' ? { kind: 'found', contact: entry.contact } : { kind: 'not-found' };
    }
    if (!entry) {
      const indexed = this.fromKnown(id);
      if (indexed) {
        return { kind: 'found', contact: indexed };
      }
    }
    const client = this.client();
    if (!client) {
      throw noKeyError();
    }
    try {
      const contact = await client.getContact(id, options);
      this.recovered();
      this.cache.setContact(contact);
      this.resolved.fire(contact);
      return { kind: 'found', contact };
    } catch (error) {
      if (error instanceof QuoError && error.isNotFound) {
        this.recovered();
        this.cache.setNotFound(id);
        return { kind: 'not-found' };
      }
      if (error instanceof QuoError && (error.isUnauthorized || error.isTransient)) {
        this.failures.fire(error);
      }
      throw error;
    }
  }

  /**
   * For surfaces that show many ids at once (inline names): answers from what is known, and asks Quo for an unknown
   * id at most once per session, in the background. The answer arrives through onDidResolve.
   */
  peekOrFetchInBackground(id: string): LookupResult | undefined {
    const known = this.peek(id);
    if (known || this.askedInBackground.has(id) || !this.client()) {
      return known;
    }
    this.askedInBackground.add(id);
    this.resolve(id, { priority: 'background' }).catch((error: unknown) => {
      // Not asked again on every redraw while offline (that would be a request storm), but once Quo answers again.
      // A decode error would fail the same way again: that id stays asked.
      if (error instanceof QuoError && (error.isTransient || error.isUnauthorized || error.kind === 'config')) {
        this.failedInBackground.add(id);
      }
    });
    return undefined;
  }

  /** Drops everything known, e.g. when the key changes or the user asks for a refresh. */
  clear(): void {
    this.cache.clear();
    this.askedInBackground.clear();
    this.failedInBackground.clear();
  }

  private recovered(): void {
    for (const id of this.failedInBackground) {
      this.askedInBackground.delete(id);
    }
    this.failedInBackground.clear();
  }

  forget(id: string): void {
    this.cache.delete(id);
    this.askedInBackground.delete(id);
  }

  dispose(): void {
    this.failures.dispose();
    this.resolved.dispose();
  }

  private fromKnown(id: string): Contact | undefined {
    for (const source of this.known) {
      const contact = source.byId(id);
      if (contact) {
        return contact;
      }
    }
    return undefined;
  }
}
