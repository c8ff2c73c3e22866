/**
 * What a workspace's other ids are (issue 29): a line (`PN…`) from the one cached list of lines, so any number of line
 * ids costs one request per cache period; a teammate (`US…`) and a webhook (`WH…`) one request per id per period,
 * found or not; a call's recordings and voicemail when a panel asks for them (never cached: their audio URLs may be
 * signed for a short while).
 *
 * Built into dist/resources.js with the decoders of these answers (esbuild.mjs), and made by the session on the first
 * such question: errors are told by shape (fetched() uses isQuoError), since this chunk has its own copy of QuoError.
 */
import type { QuoClient, RequestOptions } from '../quo/client.js';
import { decodeCallRecordingsResponse, decodeCallVoicemailResponse, decodeTeammateResponse, decodeWebhookResponse } from '../quo/decodeResources.js';
import type { CallRecording, CallVoicemail, Teammate, Webhook } from '../quo/resourceTypes.js';
import type { PhoneNumber } from '../quo/types.js';
import { ActivityCache } from './activityCache.js';
import { fetched, type Fetched } from './activityIdResolver.js';

export interface WorkspaceResourcesOptions {
  /** The workspace's client; throws why there is none. */
  readonly client: () => QuoClient;
  readonly cacheTtlMs: () => number;
  /** The workspace's lines, from the activity's cache (one list per period for everything that needs them). */
  readonly lines: (options: RequestOptions) => Promise<readonly PhoneNumber[]>;
}

export class WorkspaceResources {
  private readonly teammates: ActivityCache<Fetched<Teammate>>;
  private readonly webhooks: ActivityCache<Fetched<Webhook>>;

  constructor(private readonly options: WorkspaceResourcesOptions) {
    this.teammates = new ActivityCache({ ttlMs: options.cacheTtlMs, maxEntries: 200 });
    this.webhooks = new ActivityCache({ ttlMs: options.cacheTtlMs, maxEntries: 200 });
  }

  /** A line of the workspace, or `not-found` when none has this id ("not a Quo line"). */
  async line(id: string, options: RequestOptions = {}): Promise<Fetched<PhoneNumber>> {
    const lines = await this.options.lines({ priority: 'interactive', ...options });
    const line = lines.find((candidate) => candidate.id === id);
    return line ? { kind: 'found', value: line } : { kind: 'not-found' };
  }

  teammate(id: string, options: RequestOptions = {}): Promise<Fetched<Teammate>> {
    return this.cached(this.teammates, id, (client, sent) => client.getResource('v1/users', id, decodeTeammateResponse, sent), options);
  }

  webhook(id: string, options: RequestOptions = {}): Promise<Fetched<Webhook>> {
    return this.cached(this.webhooks, id, (client, sent) => client.getResource('v1/webhooks', id, decodeWebhookResponse, sent), options);
  }

  /** `forbidden` on plans without recordings. */
  recordings(callId: string, options: RequestOptions = {}): Promise<Fetched<CallRecording[]>> {
    return this.fetchOne((client, sent) => client.getResource('v1/call-recordings', callId, decodeCallRecordingsResponse, sent), options);
  }

  voicemail(callId: string, options: RequestOptions = {}): Promise<Fetched<CallVoicemail>> {
    return this.fetchOne((client, sent) => client.getResource('v1/call-voicemails', callId, decodeCallVoicemailResponse, sent), options);
  }

  clear(): void {
    this.teammates.clear();
    this.webhooks.clear();
  }

  private cached<T>(
    cache: ActivityCache<Fetched<T>>,
    id: string,
    send: (client: QuoClient, options: RequestOptions) => Promise<T>,
    options: RequestOptions,
  ): Promise<Fetched<T>> {
    const stored = cache.fresh(id);
    if (stored) {
      return Promise.resolve(stored.value);
    }
    return cache.run(id, (signal) => this.fetchOne(send, { ...options, signal }), options.signal ? { signal: options.signal } : {});
  }

  /** Async, so that no client (no key) is a rejection like any failure, never a throw. */
  private async fetchOne<T>(send: (client: QuoClient, options: RequestOptions) => Promise<T>, options: RequestOptions): Promise<Fetched<T>> {
    const client = this.options.client();
    return fetched(send(client, { priority: 'interactive', ...options }));
  }
}
