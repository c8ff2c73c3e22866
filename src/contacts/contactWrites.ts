/**
 * Creating, changing and deleting a workspace's contacts. Each write is one request the user asked for, never retried
 * on its own (a 429 or a 500 comes back to the user, who decides), refused while `quo.readOnly` is on, and its answer
 * goes into the workspace's store at once (the cache, the contact list), so every surface shows it with no listing
 * and no further request.
 */
import * as l10n from '@vscode/l10n';
import { Emitter } from '../common/emitter.js';
import type { QuoClient, RequestOptions } from '../quo/client.js';
import { isQuoError, QuoError } from '../quo/errors.js';
import type { Contact } from '../quo/types.js';
import type { IndexWrite } from './contactIndex.js';

/** A write body as the client sends it. */
export type CreateBody = Parameters<QuoClient['createContact']>[0];
export type UpdateBody = Parameters<QuoClient['updateContact']>[1];

export interface ContactWritesOptions {
  readonly client: () => QuoClient | undefined;
  /** Why there is no client now: what a write then fails with. */
  readonly unavailable: () => QuoError;
  /** `quo.readOnly`: every write is refused. */
  readonly readOnly: () => boolean;
  /** Puts what a write answered into the store. */
  readonly apply: (write: IndexWrite) => void;
}

export function readOnlyError(): QuoError {
  return new QuoError({ kind: 'config', message: l10n.t('Quo Contacts is read-only here (the quo.readOnly setting): nothing was sent.') });
}

export class ContactWrites {
  private readonly written = new Emitter<IndexWrite>();

  /** This window created, changed or deleted a contact (open panels of it redraw; a deleted one leaves the lists). */
  readonly onDidWrite = this.written.event;

  constructor(private readonly options: ContactWritesOptions) {}

  get readOnly(): boolean {
    return this.options.readOnly();
  }

  async create(body: CreateBody, options: RequestOptions = {}): Promise<Contact> {
    const contact = await this.client().createContact(body, { priority: 'interactive', ...options });
    this.done({ kind: 'saved', contact });
    return contact;
  }

  async update(id: string, body: UpdateBody, options: RequestOptions = {}): Promise<Contact> {
    const contact = await this.client().updateContact(id, body, { priority: 'interactive', ...options });
    this.done({ kind: 'saved', contact });
    return contact;
  }

  /** A contact Quo no longer has (a teammate deleted it first) is deleted here too: what the user wanted is done. */
  async delete(id: string, options: RequestOptions = {}): Promise<void> {
    try {
      await this.client().deleteContact(id, { priority: 'interactive', ...options });
    } catch (error) {
      if (!(isQuoError(error) && error.isNotFound)) {
        throw error;
      }
    }
    this.done({ kind: 'deleted', id });
  }

  dispose(): void {
    this.written.dispose();
  }

  private client(): QuoClient {
    if (this.options.readOnly()) {
      throw readOnlyError();
    }
    const client = this.options.client();
    if (!client) {
      throw this.options.unavailable();
    }
    return client;
  }

  private done(write: IndexWrite): void {
    this.options.apply(write);
    this.written.fire(write);
  }
}
