/**
 * One Quo workspace's calls and messages: its lines (the list every activity plan starts from), each contact's
 * activity as far as it was loaded, and what `AC…` ids in files are. Nothing here is persisted; everything is kept
 * for the cache period and dropped with the workspace's other answers on "Quo: Refresh".
 */
import type { QuoClient, RequestOptions } from '../quo/client.js';
import type { Call, CallSummary, CallTranscript, Contact, Message, PhoneNumber } from '../quo/types.js';
import { ActivityCache } from './activityCache.js';
import { ActivityIdResolver, fetched, isActivityId, type ActivityRecord, type Fetched } from './activityIdResolver.js';
import { activityResult, spendBudget, startActivity, type ActivityProgress, type ContactActivity } from './activityLoader.js';
import { planActivity } from './activityPlan.js';

export interface ActivityOptions {
  readonly signal?: AbortSignal;
}

export interface WorkspaceActivityOptions {
  /** The workspace's client; throws why there is none (no key, settings that forbid one). */
  readonly client: () => QuoClient;
  readonly cacheTtlMs: () => number;
  /** `maxResults` of each call and message list. */
  readonly maxItems: () => number;
}

const LINES = 'lines';

/** A contact's numbers are part of the key: a number added or removed is another plan. */
export function activityKey(contact: Contact): string {
  return JSON.stringify([contact.id, contact.defaultFields.phoneNumbers.map((phone) => phone.value)]);
}

export class WorkspaceActivity {
  /** The workspace's lines and their users, under the one key LINES. */
  private readonly lineCache: ActivityCache<readonly PhoneNumber[]>;
  /** Each contact's activity so far, per contact. */
  private readonly activityCache: ActivityCache<ActivityProgress>;
  /** What `AC…` ids in files are (a call, a message, neither). */
  private readonly activityIds: ActivityIdResolver;

  constructor(private readonly options: WorkspaceActivityOptions) {
    this.lineCache = new ActivityCache({ ttlMs: options.cacheTtlMs, maxEntries: 1 });
    this.activityCache = new ActivityCache({ ttlMs: options.cacheTtlMs });
    this.activityIds = new ActivityIdResolver(
      {
        call: (id, sent) => this.call(id, { ...sent, priority: 'interactive' }),
        message: (id, sent) => this.message(id, { ...sent, priority: 'interactive' }),
      },
      { ttlMs: options.cacheTtlMs },
    );
  }

  /** The workspace's Quo lines with their users, in the API's order; kept for the contact cache's lifetime. */
  async lines(options: RequestOptions = {}): Promise<readonly PhoneNumber[]> {
    const stored = this.lineCache.fresh(LINES);
    if (stored) {
      return stored.value;
    }
    const client = this.options.client();
    return this.lineCache.run(
      LINES,
      (signal) => client.listPhoneNumbers({ priority: options.priority ?? 'activity', signal }),
      options.signal ? { signal: options.signal } : {},
    );
  }

  /** The workspace's lines when known within the cache period, without a request. */
  peekLines(): readonly PhoneNumber[] | undefined {
    return this.lineCache.fresh(LINES)?.value;
  }

  /** A contact's activity as far as this window has loaded it within the cache period: what a hover may show for free. */
  peek(contact: Contact): ContactActivity | undefined {
    const stored = this.activityCache.fresh(activityKey(contact));
    return stored ? activityResult(stored.value) : undefined;
  }

  /** Drops what is known of one contact's activity (the panel's Refresh); the next ask spends a budget again. */
  forget(contact: Contact): void {
    this.activityCache.forget(activityKey(contact));
  }

  /**
   * A contact's calls and messages, newest first: from memory while fresh, else one budget of the request plan
   * (the lines' list is not part of it). Concurrent asks share one load. Throws the QuoError that stopped it when
   * the failure is about the connection; a line that fails is reported in the result instead.
   */
  async load(contact: Contact, options: ActivityOptions = {}): Promise<ContactActivity> {
    const key = activityKey(contact);
    const stored = this.activityCache.fresh(key);
    if (stored) {
      return activityResult(stored.value);
    }
    const client = this.options.client();
    const progress = await this.activityCache.run(
      key,
      async (signal) => {
        const lines = await this.lines({ signal });
        const plan = planActivity(lines, contact.defaultFields.phoneNumbers.map((phone) => phone.value));
        return spendBudget(client, startActivity(plan), { maxResults: this.options.maxItems(), signal });
      },
      options.signal ? { signal: options.signal } : {},
    );
    return activityResult(progress);
  }

  /**
   * "Check more": another budget for the same contact, on the lines not checked yet and then older pages. Without
   * a fresh answer to add to, it is the first ask. The answer keeps the age of the first one.
   */
  async loadMore(contact: Contact, options: ActivityOptions = {}): Promise<ContactActivity> {
    const key = activityKey(contact);
    const stored = this.activityCache.fresh(key);
    if (!stored) {
      return this.load(contact, options);
    }
    if (!activityResult(stored.value).hasMore) {
      return activityResult(stored.value);
    }
    const client = this.options.client();
    const progress = await this.activityCache.run(
      key,
      (signal) => spendBudget(client, stored.value, { maxResults: this.options.maxItems(), signal }),
      { storedAt: stored.storedAt, ...(options.signal ? { signal: options.signal } : {}) },
    );
    return activityResult(progress);
  }

  /**
   * What an `AC…` id is: a call, else a message (at most those two requests, the kind that answered remembered), or
   * neither; kept for the cache period, so an id that is neither costs at most two requests per period.
   */
  async record(id: string, options: ActivityOptions = {}): Promise<ActivityRecord> {
    this.options.client();
    if (!isActivityId(id)) {
      return { kind: 'not-found' };
    }
    return this.activityIds.resolve(id, options);
  }

  call(id: string, options: RequestOptions = {}): Promise<Fetched<Call>> {
    return this.fetchOne((client, sent) => client.getCall(id, sent), options);
  }

  message(id: string, options: RequestOptions = {}): Promise<Fetched<Message>> {
    return this.fetchOne((client, sent) => client.getMessage(id, sent), options);
  }

  /** `forbidden` on plans without summaries; a found summary may still be `absent` or `in-progress`. */
  callSummary(callId: string, options: RequestOptions = {}): Promise<Fetched<CallSummary>> {
    return this.fetchOne((client, sent) => client.getCallSummary(callId, sent), options);
  }

  /** `forbidden` on plans without transcripts; a found transcript may still be `absent` or `in-progress`. */
  callTranscript(callId: string, options: RequestOptions = {}): Promise<Fetched<CallTranscript>> {
    return this.fetchOne((client, sent) => client.getCallTranscript(callId, sent), options);
  }

  clear(): void {
    this.lineCache.clear();
    this.activityCache.clear();
    this.activityIds.clear();
  }

  /** Async, so that no client (no key) is a rejection like any failure, never a throw. */
  private async fetchOne<T>(send: (client: QuoClient, options: RequestOptions) => Promise<T>, options: RequestOptions): Promise<Fetched<T>> {
    const client = this.options.client();
    return fetched(send(client, { priority: 'interactive', ...options }));
  }
}
