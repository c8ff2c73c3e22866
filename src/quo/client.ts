/**
 * The Quo v1 API as typed operations: each endpoint's path, query and decoder, and what the spec requires checked
 * before any request. How a request travels (the key, the limiter, the timeout, retries, errors) is transport.ts.
 * GETs by id are shared: concurrent calls for one id send one request.
 */
import * as l10n from '@vscode/l10n';
import {
  decodeCallPage,
  decodeCallResponse,
  decodeCallSummaryResponse,
  decodeCallTranscriptResponse,
  decodeMessagePage,
  decodeMessageResponse,
} from './decodeActivity.js';
import { decodeContactPage, decodeContactResponse, decodeCustomFieldDefinitions } from './decodeContacts.js';
import { decodePhoneNumbers, decodeUserResponse } from './decodeWorkspace.js';
import { QuoError } from './errors.js';
import { silentLogger, type Logger } from './log.js';
import { SharedLoads } from './sharedLoads.js';
import { QuoTransport, type QuoTransportOptions, type RequestOptions, type WriteMethod } from './transport.js';
import type {
  Call,
  CallPage,
  CallSummary,
  CallTranscript,
  Contact,
  ContactPage,
  CustomFieldDefinition,
  Message,
  MessagePage,
  PhoneNumber,
  User,
} from './types.js';

/** The collections getResource reads one item of. */
export type ResourceCollection = 'v1/users' | 'v1/webhooks' | 'v1/call-recordings' | 'v1/call-voicemails';

/** Defined with the transport, which reads it; other modules import it from here, with the endpoints' options. */
export type { RequestOptions };

export interface ListContactsOptions extends RequestOptions {
  /** 1..50 */
  readonly maxResults?: number;
  readonly pageToken?: string;
  readonly externalIds?: readonly string[];
  readonly sources?: readonly string[];
}

export interface ListPhoneNumbersOptions extends RequestOptions {
  /** Only the lines this user (`US…`) is a member of. */
  readonly userId?: string;
}

/** What `GET /v1/calls` and `GET /v1/messages` share. */
interface ListConversationOptions extends RequestOptions {
  /** The Quo line, `PN…`. */
  readonly phoneNumberId: string;
  /** 1..100; the spec requires it. */
  readonly maxResults: number;
  readonly userId?: string;
  /** ISO date-times. */
  readonly createdAfter?: string;
  readonly createdBefore?: string;
  readonly pageToken?: string;
}

export interface ListCallsOptions extends ListConversationOptions {
  /**
   * The one other number (E.164): Quo lists 1:1 calls only, and two participants are a 400. Without `userId`, Quo
   * lists the workspace owner's calls only.
   */
  readonly participant: string;
}

export interface ListMessagesOptions extends ListConversationOptions {
  /** The conversation's other numbers (E.164). `userId` here filters by sender, dropping incoming messages. */
  readonly participants: readonly string[];
}

/**
 * One email or phone number of a write (the spec's request bodies). On PATCH, `id` names an item the contact has and
 * a `value` of null removes it; an item without `id` is a new one. POST takes no ids.
 */
export interface LabelledValueWrite {
  readonly id?: string;
  readonly name: string;
  readonly value: string | null;
}

/** A custom field's value by its definition's type: text, a number, a boolean, an ISO date-time, a list, or none. */
export type CustomFieldWriteValue = string | number | boolean | readonly string[] | null;

export interface CustomFieldWrite {
  /** The definition's key. */
  readonly key: string;
  /** PATCH only: the contact's own item, when it has one. */
  readonly id?: string;
  readonly value: CustomFieldWriteValue;
}

/** Each field left out is left as it is; a string field sent as null is emptied. */
export interface DefaultFieldsWrite {
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly company?: string | null;
  readonly role?: string | null;
  readonly emails?: readonly LabelledValueWrite[];
  readonly phoneNumbers?: readonly LabelledValueWrite[];
}

/** `POST /v1/contacts`: the spec requires `defaultFields.firstName` (a string or null). */
export interface CreateContactBody {
  readonly defaultFields: DefaultFieldsWrite & { readonly firstName: string | null };
  readonly customFields?: readonly CustomFieldWrite[];
}

/** `PATCH /v1/contacts/{id}`: only what changes. */
export interface UpdateContactBody {
  readonly defaultFields?: DefaultFieldsWrite;
  readonly customFields?: readonly CustomFieldWrite[];
}

/** The largest `maxResults` of the call and message lists. */
export const MAX_CONVERSATION_RESULTS = 100;

/** Longer than any real id; a longer "id" is junk from a file, not something to send to Quo. */
export const MAX_ID_LENGTH = 256;

/**
 * Makes an id one path segment whatever it holds. `encodeURIComponent` handles `/`, `?`, `#` and `%`; dot segments
 * need a rule of their own because URL parsing resolves `..` (and `%2e%2e`) even when encoded.
 */
export function encodeIdSegment(id: string): string {
  if (id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new QuoError({ kind: 'config', message: l10n.t('Not a valid Quo id: it must be 1 to {0} characters long.', MAX_ID_LENGTH) });
  }
  if (/^\.{1,2}$/.test(id)) {
    throw new QuoError({ kind: 'config', message: l10n.t('Not a valid Quo id.') });
  }
  try {
    return encodeURIComponent(id);
  } catch {
    // A lone surrogate cannot be encoded.
    throw new QuoError({ kind: 'config', message: l10n.t('Not a valid Quo id: it contains invalid characters.') });
  }
}

export class QuoClient {
  private readonly transport: QuoTransport;
  private readonly log: Logger;
  private readonly contactsInFlight = new SharedLoads<Contact>();
  private readonly usersInFlight = new SharedLoads<User>();
  private readonly callsInFlight = new SharedLoads<Call>();
  private readonly messagesInFlight = new SharedLoads<Message>();
  private readonly summariesInFlight = new SharedLoads<CallSummary>();
  private readonly transcriptsInFlight = new SharedLoads<CallTranscript>();
  private readonly resourcesInFlight = new SharedLoads<unknown>();

  /** Throws a `config` QuoError for a base URL it will not send the key to. */
  constructor(options: QuoTransportOptions) {
    this.transport = new QuoTransport(options);
    this.log = options.log ?? silentLogger;
  }

  /** Concurrent calls for the same id share one request; it is cancelled only when every caller has gone. */
  getContact(id: string, options: RequestOptions = {}): Promise<Contact> {
    return this.getOne('v1/contacts', id, this.contactsInFlight, decodeContactResponse, options);
  }

  listContacts(options: ListContactsOptions = {}): Promise<ContactPage> {
    const maxResults = options.maxResults ?? 50;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
      return Promise.reject(new QuoError({ kind: 'config', message: 'maxResults must be an integer from 1 to 50.' }));
    }
    const searchParams = new URLSearchParams({ maxResults: String(maxResults) });
    if (options.pageToken) {
      searchParams.set('pageToken', options.pageToken);
    }
    for (const externalId of options.externalIds ?? []) {
      searchParams.append('externalIds', externalId);
    }
    for (const source of options.sources ?? []) {
      searchParams.append('sources', source);
    }
    return this.transport.getJson('v1/contacts', decodeContactPage, options, searchParams);
  }

  /** Every page, in order, until Quo says there is no next page. */
  async *listAllContacts(options: Omit<ListContactsOptions, 'pageToken'> = {}): AsyncGenerator<ContactPage> {
    let pageToken: string | undefined;
    const seenTokens = new Set<string>();
    do {
      const page = await this.listContacts({ ...options, pageToken });
      yield page;
      pageToken = page.nextPageToken ?? undefined;
      if (pageToken !== undefined) {
        // A token handed out twice would loop forever; treat it as the end rather than hammer the API.
        if (seenTokens.has(pageToken)) {
          this.log.warn('Quo returned a page token it had already returned; stopping the listing there.');
          return;
        }
        seenTokens.add(pageToken);
      }
    } while (pageToken !== undefined);
  }

  /**
   * `POST /v1/contacts`; Quo answers 201 with the new contact. Like every write, sent once: a 429, a 500 or a
   * timeout comes back to the caller, who decides whether to send it again (it may have been created).
   */
  createContact(body: CreateContactBody, options: RequestOptions = {}): Promise<Contact> {
    return this.transport.writeJson('post', 'v1/contacts', body, decodeContactResponse, options);
  }

  /** `PATCH /v1/contacts/{id}` with only what changes; Quo answers with the contact as it now is. Sent once. */
  updateContact(id: string, body: UpdateContactBody, options: RequestOptions = {}): Promise<Contact> {
    return this.write('patch', id, body, decodeContactResponse, options);
  }

  /** `DELETE /v1/contacts/{id}`; Quo answers 204. Sent once. */
  deleteContact(id: string, options: RequestOptions = {}): Promise<void> {
    return this.write('delete', id, undefined, () => undefined, options);
  }

  listCustomFields(options: RequestOptions = {}): Promise<CustomFieldDefinition[]> {
    return this.transport.getJson('v1/contact-custom-fields', decodeCustomFieldDefinitions, options);
  }

  /** The workspace's lines and their users; not paginated. */
  listPhoneNumbers(options: ListPhoneNumbersOptions = {}): Promise<PhoneNumber[]> {
    const searchParams = options.userId === undefined ? undefined : new URLSearchParams({ userId: options.userId });
    return this.transport.getJson('v1/phone-numbers', decodePhoneNumbers, options, searchParams);
  }

  getUser(id: string, options: RequestOptions = {}): Promise<User> {
    return this.getOne('v1/users', id, this.usersInFlight, decodeUserResponse, options);
  }

  /**
   * A teammate with their role, a webhook, a call's recordings or voicemail (issue 29): one GET by id, shared by
   * concurrent callers. The decoder comes with the call, from dist/resources.js, so the activation bundle carries
   * none of them.
   */
  getResource<T>(collection: ResourceCollection, id: string, decode: (body: unknown) => T, options: RequestOptions = {}): Promise<T> {
    return this.getOne(collection, id, this.resourcesInFlight, decode, options) as Promise<T>;
  }

  /** One page of a line's calls with one number, newest first as Quo sends them. */
  listCalls(options: ListCallsOptions): Promise<CallPage> {
    if (options.participant.length === 0) {
      return Promise.reject(new QuoError({ kind: 'config', message: 'A call list needs the other number.' }));
    }
    return this.listConversation('v1/calls', [options.participant], options, decodeCallPage);
  }

  /** One page of a line's messages with the given numbers. */
  listMessages(options: ListMessagesOptions): Promise<MessagePage> {
    if (options.participants.length === 0 || options.participants.some((participant) => participant.length === 0)) {
      return Promise.reject(new QuoError({ kind: 'config', message: 'A message list needs the other numbers.' }));
    }
    return this.listConversation('v1/messages', options.participants, options, decodeMessagePage);
  }

  getCall(id: string, options: RequestOptions = {}): Promise<Call> {
    return this.getOne('v1/calls', id, this.callsInFlight, decodeCallResponse, options);
  }

  getMessage(id: string, options: RequestOptions = {}): Promise<Message> {
    return this.getOne('v1/messages', id, this.messagesInFlight, decodeMessageResponse, options);
  }

  /** Only some plans have summaries: expect a 403, or a summary whose status is `absent`. */
  getCallSummary(callId: string, options: RequestOptions = {}): Promise<CallSummary> {
    return this.getOne('v1/call-summaries', callId, this.summariesInFlight, decodeCallSummaryResponse, options);
  }

  /** Only some plans have transcripts: expect a 403, or a transcript whose status is `absent`. */
  getCallTranscript(callId: string, options: RequestOptions = {}): Promise<CallTranscript> {
    return this.getOne('v1/call-transcripts', callId, this.transcriptsInFlight, decodeCallTranscriptResponse, options);
  }

  /** `GET <collection>/<id>`, the id as one path segment, concurrent calls for one id sharing one request. */
  private getOne<T>(
    collection: string,
    id: string,
    inFlight: SharedLoads<T>,
    decode: (body: unknown) => T,
    options: RequestOptions,
  ): Promise<T> {
    let path: string;
    try {
      path = `${collection}/${encodeIdSegment(id)}`;
    } catch (error) {
      return Promise.reject(error);
    }
    // Keyed by path: a call's recordings and its voicemail share the call's id, and one map serves getResource.
    return inFlight.join(path, (signal) => this.transport.getJson(path, decode, { signal, priority: options.priority }), options.signal);
  }

  /** A write to one contact, its id as one path segment; a bad id is refused before any request. */
  private write<T>(method: WriteMethod, id: string, body: unknown, decode: (body: unknown) => T, options: RequestOptions): Promise<T> {
    let path: string;
    try {
      path = `v1/contacts/${encodeIdSegment(id)}`;
    } catch (error) {
      return Promise.reject(error);
    }
    return this.transport.writeJson(method, path, body, decode, options);
  }

  /** The query both conversation lists take; what the spec requires is checked here, before any request. */
  private listConversation<T>(
    path: string,
    participants: readonly string[],
    options: ListConversationOptions,
    decode: (body: unknown) => T,
  ): Promise<T> {
    const { phoneNumberId, maxResults } = options;
    if (phoneNumberId.length === 0) {
      return Promise.reject(new QuoError({ kind: 'config', message: 'A call or message list needs a Quo line.' }));
    }
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_CONVERSATION_RESULTS) {
      return Promise.reject(
        new QuoError({ kind: 'config', message: `maxResults must be an integer from 1 to ${MAX_CONVERSATION_RESULTS}.` }),
      );
    }
    const searchParams = new URLSearchParams({ phoneNumberId });
    for (const participant of participants) {
      searchParams.append('participants', participant);
    }
    const optional = { userId: options.userId, createdAfter: options.createdAfter, createdBefore: options.createdBefore };
    for (const [name, value] of Object.entries(optional)) {
      if (value !== undefined) {
        searchParams.set(name, value);
      }
    }
    searchParams.set('maxResults', String(maxResults));
    if (options.pageToken) {
      searchParams.set('pageToken', options.pageToken);
    }
    return this.transport.getJson(path, decode, options, searchParams);
  }
}
