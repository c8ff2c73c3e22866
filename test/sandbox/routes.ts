/**
 * What each v1 path answers when nothing goes wrong in front of it: routing, query and body validation, the
 * workspace's data and the contact writes. Authentication, rate limiting and faults belong to the server, not here.
 */

import { ContactStore } from './contactStore.js';
import {
  buildContact,
  describeErrors,
  patchContact,
  readBody,
  type Checked,
  type RequestBody,
  type WriteContext,
} from './contactWrites.js';
import type { Resource } from './errors.js';
import { decodePageToken, encodePageToken, fingerprint, selectPage } from './pagination.js';
import { createRandom, hash32 } from './random.js';
import { createResourceHandler, RESOURCE_ROUTE_KINDS, type ResourceRouteKind } from './resourceRoutes.js';
import { WELL_KNOWN } from './special.js';
import type { ApiCall, ApiContact, ApiContactCreate, ApiContactPatch, ApiErrorDetail, ApiMessage, Workspace } from './wire.js';

export type { RequestBody } from './contactWrites.js';

export type RouteKind =
  | 'getContact'
  | 'listContacts'
  | 'listCustomFields'
  | 'listPhoneNumbers'
  | 'listUsers'
  | 'getUser'
  | 'listCalls'
  | 'getCall'
  | 'listMessages'
  | 'getMessage'
  | 'getCallSummary'
  | 'getCallTranscript'
  | ResourceRouteKind
  | 'createContact'
  | 'updateContact'
  | 'deleteContact'
  /** A file of the storage host the recordings' urls point at, served under `/media/` (see resources.ts). */
  | 'media'
  | 'unknown';

export const ROUTE_KINDS: readonly RouteKind[] = [
  'getContact',
  'listContacts',
  'listCustomFields',
  'listPhoneNumbers',
  'listUsers',
  'getUser',
  'listCalls',
  'getCall',
  'listMessages',
  'getMessage',
  'getCallSummary',
  'getCallTranscript',
  ...RESOURCE_ROUTE_KINDS,
  'createContact',
  'updateContact',
  'deleteContact',
  'media',
  'unknown',
];

/** The kinds of request that change data: `setFaults({ routes: WRITE_ROUTES, ... })` aims faults at them alone. */
export const WRITE_ROUTES: readonly RouteKind[] = ['createContact', 'updateContact', 'deleteContact'];

export interface Route {
  readonly kind: RouteKind;
  readonly resource: Resource;
  /** The decoded path parameter of a route on one item; null when its percent-encoding is broken. */
  readonly id?: string | null;
  /** On a path the API has, asked with a method it does not serve there (kind `unknown`): the methods it does. */
  readonly allow?: readonly string[];
}

const MAX_RESULTS = 50;
/** The call and message lists take up to 100 a page. */
const MAX_CONVERSATION_RESULTS = 100;

interface PathRoutes {
  readonly resource: Resource;
  /** The kind of request each method makes there. */
  readonly methods: Readonly<Partial<Record<string, RouteKind>>>;
}

/** Collections, with the family that answers for them. */
const COLLECTION_ROUTES: ReadonlyMap<string, PathRoutes> = new Map<string, PathRoutes>([
  ['contacts', { resource: 'contacts', methods: { GET: 'listContacts', POST: 'createContact' } }],
  ['contact-custom-fields', { resource: 'customFields', methods: { GET: 'listCustomFields' } }],
  ['phone-numbers', { resource: 'phoneNumbers', methods: { GET: 'listPhoneNumbers' } }],
  ['users', { resource: 'users', methods: { GET: 'listUsers' } }],
  ['calls', { resource: 'calls', methods: { GET: 'listCalls' } }],
  ['messages', { resource: 'messages', methods: { GET: 'listMessages' } }],
  ['webhooks', { resource: 'webhooks', methods: { GET: 'listWebhooks' } }],
]);

/** Routes of one item by id, with the family that answers for them. */
const ITEM_ROUTES: ReadonlyMap<string, PathRoutes> = new Map<string, PathRoutes>([
  ['contacts', { resource: 'contacts', methods: { GET: 'getContact', PATCH: 'updateContact', DELETE: 'deleteContact' } }],
  ['users', { resource: 'users', methods: { GET: 'getUser' } }],
  ['calls', { resource: 'calls', methods: { GET: 'getCall' } }],
  ['messages', { resource: 'messages', methods: { GET: 'getMessage' } }],
  ['call-summaries', { resource: 'callSummaries', methods: { GET: 'getCallSummary' } }],
  ['call-transcripts', { resource: 'callTranscripts', methods: { GET: 'getCallTranscript' } }],
  ['phone-numbers', { resource: 'phoneNumbers', methods: { GET: 'getPhoneNumber' } }],
  ['webhooks', { resource: 'webhooks', methods: { GET: 'getWebhook' } }],
  ['call-recordings', { resource: 'callRecordings', methods: { GET: 'getCallRecordings' } }],
  ['call-voicemails', { resource: 'callVoicemails', methods: { GET: 'getCallVoicemail' } }],
]);

/** Where the sandbox serves the storage host's files: `/media/<file>`, any number of segments. */
const MEDIA_PREFIX = '/media/';

/**
 * Routes a request by its method and raw path (still percent-encoded, query removed). The path is split before
 * decoding so an id holding `/` or `..` stays one segment, as the spec's `{id}` is. A path the API has, asked with
 * another method, is `unknown` with the methods it `allow`s (a 405).
 */
export function matchRoute(rawPath: string, method = 'GET'): Route {
  if (rawPath.startsWith(MEDIA_PREFIX)) {
    return method === 'GET'
      ? { kind: 'media', resource: 'gateway', id: decodeSegment(rawPath.slice(MEDIA_PREFIX.length)) }
      : { kind: 'unknown', resource: 'gateway', allow: ['GET'] };
  }
  const segments = rawPath.split('/');
  if (segments[0] !== '' || segments[1] !== 'v1') {
    return { kind: 'unknown', resource: 'gateway' };
  }
  const [collection, id, ...rest] = segments.slice(2);
  if (rest.length > 0 || id === '' || collection === undefined) {
    return { kind: 'unknown', resource: 'gateway' };
  }
  const routes = (id === undefined ? COLLECTION_ROUTES : ITEM_ROUTES).get(collection);
  if (!routes) {
    return { kind: 'unknown', resource: 'gateway' };
  }
  const kind = Object.hasOwn(routes.methods, method) ? routes.methods[method] : undefined;
  if (kind === undefined) {
    return { kind: 'unknown', resource: routes.resource, allow: Object.keys(routes.methods) };
  }
  return id === undefined ? { kind, resource: routes.resource } : { kind, resource: routes.resource, id: decodeSegment(id) };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export type Outcome =
  | { readonly status: 200 | 201; readonly body: unknown }
  | { readonly status: 204 }
  | { readonly status: 400 | 403 | 404; readonly message: string; readonly errors?: readonly ApiErrorDetail[] };

/** How a contact goes on the wire; the server swaps it to serve malformed records on demand. */
export type PresentContact = (contact: ApiContact) => unknown;

export interface HandlerRequest {
  readonly route: Route;
  readonly query: URLSearchParams;
  /** What a `POST` or `PATCH` sent. */
  readonly body?: RequestBody;
}

export interface Serving {
  readonly present: PresentContact;
  /** Contacts that refuse writes besides the workspace's own read-only ones (the `readOnlyContactIds` fault). */
  readonly refusesWrites?: (id: string) => boolean;
  /** Where the recordings' and voicemails' urls point (default DEFAULT_RECORDINGS_BASE_URL of resources.ts). */
  readonly recordingsBaseUrl?: string;
}

export type Handler = (request: HandlerRequest, serving: Serving) => Outcome;

export interface HandlerOptions {
  /** Epoch milliseconds for the writes' `createdAt` and `updatedAt` (default Date.now). */
  readonly clock?: () => number;
  /** Seeds the new ids a workspace's writes hand out. */
  readonly seed?: number;
}

/** One workspace's API: its answers, the contacts as they are now, and a teammate's way to change one. */
export interface WorkspaceApi {
  readonly handle: Handler;
  readonly store: ContactStore;
  /**
   * A `PATCH` body applied to contact `id` as the update route applies it, without a request: what a teammate does
   * in the Quo app. Ignores read-only contacts' refusal. A 400 or 404 outcome when it cannot.
   */
  change(id: string, patch: unknown): Outcome;
}

/** Indexes the workspace; every read afterwards is a lookup or a page walk, every write a copy of the list. */
export function createHandler(workspace: Workspace, options: HandlerOptions = {}): WorkspaceApi {
  const { users } = workspace;
  const store = new ContactStore(workspace.contacts, [WELL_KNOWN.missingContactId]);
  const writeContext: WriteContext = {
    definitions: workspace.customFields,
    users,
    // The key's owner creates what the API creates, unless the body names someone.
    defaultCreatorId: users.find((member) => member.role === 'owner')?.id ?? users[0]?.id ?? 'US0000000000',
    clock: options.clock ?? Date.now,
    random: createRandom(hash32(`writes:${options.seed ?? 0}`)),
  };
  const userById = new Map(users.map((member) => [member.id, member]));
  const { activity } = workspace;
  const resourceHandler = createResourceHandler(workspace);
  const lineById = new Map(workspace.phoneNumbers.map((line) => [line.id, line]));
  const callById = new Map(activity.calls.map((call) => [call.id, call]));
  const messageById = new Map(activity.messages.map((message) => [message.id, message]));
  // "Defaults to the workspace owner": what `GET /v1/calls` lists without a userId.
  const ownerId = users.find((member) => member.role === 'owner')?.id;

  const listContacts = (query: URLSearchParams, present: PresentContact): Outcome => {
    const contacts = store.contacts;
    const externalIds = query.getAll('externalIds');
    const sources = query.getAll('sources');
    const queryFingerprint = fingerprint([externalIds, sources]);
    const errors = [
      ...stringItemErrors('externalIds', externalIds),
      ...stringItemErrors('sources', sources),
    ];
    const paging = readPaging(query, queryFingerprint, contacts.length);
    const failed = [...errors, ...paging.errors];
    if (failed.length > 0) {
      return invalid(failed);
    }
    const sourceSet = new Set(sources);
    // Both filters narrow: a contact must match one of the external ids and one of the sources.
    const page =
      externalIds.length > 0
        ? selectPage(
            externalIds.map((id) => store.externalIdPositions(id)),
            contacts.length,
            paging.start,
            paging.size,
            sources.length > 0 ? (p) => sourceSet.has(contacts[p]?.source ?? '') : undefined,
          )
        : selectPage(
            sources.length > 0 ? sources.map((source) => store.sourcePositions(source)) : 'all',
            contacts.length,
            paging.start,
            paging.size,
          );
    return {
      status: 200,
      body: {
        data: page.positions.map((p) => present(contacts[p])),
        // Quo documents totalItems as inaccurate. Answering with the page's own length, a classic way such counts
        // go wrong, keeps any client from passing tests while trusting it.
        totalItems: page.positions.length,
        nextPageToken: page.next === null ? null : encodePageToken(page.next, queryFingerprint),
      },
    };
  };

  const listUsers = (query: URLSearchParams): Outcome => {
    const paging = readPaging(query, fingerprint([]), users.length);
    if (paging.errors.length > 0) {
      return invalid(paging.errors);
    }
    const page = selectPage('all', users.length, paging.start, paging.size);
    return {
      status: 200,
      body: {
        data: page.positions.map((p) => users[p]),
        totalItems: users.length,
        nextPageToken: page.next === null ? null : encodePageToken(page.next, fingerprint([])),
      },
    };
  };

  const listPhoneNumbers = (query: URLSearchParams): Outcome => {
    const userId = query.get('userId');
    if (userId !== null && !userId.startsWith('US')) {
      return invalid([detail('/userId', "Expected string to match '^US(.*)$'", userId, 'string')]);
    }
    const data = workspace.phoneNumbers.filter(
      (line) => userId === null || line.users.some((member) => member.id === userId),
    );
    return { status: 200, body: { data } };
  };

  /**
   * `GET /v1/calls` and `GET /v1/messages`: the spec's required parameters enforced, each family's documented 400
   * for any query error (the server picks the body), then the line's access, then its items, newest first.
   */
  const listConversation = (family: 'calls' | 'messages', query: URLSearchParams): Outcome => {
    const read = readConversationQuery(family, query);
    const { phoneNumberId, participants, userId, after, before } = read;
    const line = read.errors.length > 0 ? undefined : lineById.get(phoneNumberId);
    const visible = line !== undefined && !activity.hiddenLineIds.has(line.id);
    const inRange = (createdAt: string): boolean =>
      (after === undefined || Date.parse(createdAt) > after) && (before === undefined || Date.parse(createdAt) < before);
    const callMatches = (call: ApiCall): boolean =>
      call.phoneNumberId === phoneNumberId &&
      call.participants.includes(participants[0]) &&
      call.userId === (userId ?? ownerId) &&
      inRange(call.createdAt);
    const wanted = new Set(participants);
    const messageMatches = (message: ApiMessage, lineNumber: string): boolean => {
      if (message.phoneNumberId !== phoneNumberId || !inRange(message.createdAt)) {
        return false;
      }
      // The conversation's other numbers are exactly the ones asked for.
      const others = new Set([message.from, ...message.to].filter((number) => number !== lineNumber));
      if (others.size !== wanted.size || [...others].some((number) => !wanted.has(number))) {
        return false;
      }
      // On messages, userId is the sender: incoming messages never match it.
      return userId === undefined || (message.direction === 'outgoing' && message.userId === userId);
    };
    const items: readonly (ApiCall | ApiMessage)[] =
      !line || !visible
        ? []
        : family === 'calls'
          ? activity.calls.filter(callMatches)
          : activity.messages.filter((message) => messageMatches(message, line.number));
    const newestFirst = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? -1 : 1));
    const queryFingerprint = fingerprint([
      [family],
      [phoneNumberId],
      participants,
      [userId ?? ''],
      [String(after ?? '')],
      [String(before ?? '')],
    ]);
    const paging = readPaging(query, queryFingerprint, newestFirst.length, MAX_CONVERSATION_RESULTS);
    // Every query error first, as a validator in front of the handler would; then whether the line is there to see.
    if (read.errors.length > 0 || paging.errors.length > 0) {
      return invalid([...read.errors, ...paging.errors]);
    }
    if (!line) {
      return { status: 404, message: 'Phone number not found' };
    }
    if (!visible) {
      return { status: 403, message: 'The API key is not a user of this phone number' };
    }
    const page = selectPage('all', newestFirst.length, paging.start, paging.size);
    return {
      status: 200,
      body: {
        data: page.positions.map((p) => newestFirst[p]),
        // As for contacts: the page's length, so a client that trusts totalItems shows a wrong count in tests.
        totalItems: page.positions.length,
        nextPageToken: page.next === null ? null : encodePageToken(page.next, queryFingerprint),
      },
    };
  };

  const callSummary = (id: string | null | undefined): Outcome => {
    const call = id == null ? undefined : callById.get(id);
    if (!call) {
      return { status: 404, message: 'Call not found' };
    }
    const summary = activity.callSummaries.get(call.id);
    if (summary === 'forbidden') {
      return { status: 403, message: 'Call summaries are only available on business and scale plans' };
    }
    return {
      status: 200,
      body: { data: summary ?? { callId: call.id, status: 'absent', summary: null, nextSteps: null } },
    };
  };

  const callTranscript = (id: string | null | undefined): Outcome => {
    const call = id == null ? undefined : callById.get(id);
    if (!call) {
      return { status: 404, message: 'Call not found' };
    }
    const transcript = activity.callTranscripts.get(call.id);
    if (transcript === 'forbidden') {
      return { status: 403, message: 'Call transcripts are only available on business and scale plans' };
    }
    return {
      status: 200,
      body: {
        data: transcript ?? {
          callId: call.id,
          status: 'absent',
          dialogue: null,
          duration: call.duration,
          createdAt: call.createdAt,
        },
      },
    };
  };

  const byId = <T>(items: ReadonlyMap<string, T>, id: string | null | undefined, missing: string): Outcome => {
    const found = id == null ? undefined : items.get(id);
    return found === undefined ? { status: 404, message: missing } : { status: 200, body: { data: found } };
  };

  const contactOf = (id: string | null | undefined): ApiContact | undefined => (id == null ? undefined : store.get(id));

  const createContact = (body: RequestBody | undefined, present: PresentContact): Outcome => {
    const read = readBody<ApiContactCreate>('createContact_v1', body);
    const built = read.ok ? buildContact(read.value, (createdMs) => store.newContactId(createdMs, writeContext.random), writeContext) : read;
    if (!built.ok) {
      return invalidBody(built);
    }
    store.add(built.value);
    return { status: 201, body: { data: present(built.value) } };
  };

  /** Body, then existence, then the right to change it: the order a validator in front of the handler gives. */
  const updateContact = (route: Route, body: RequestBody | undefined, serving: Serving): Outcome => {
    const read = readBody<ApiContactPatch>('updateContactById_v1', body);
    if (!read.ok) {
      return invalidBody(read);
    }
    const contact = contactOf(route.id);
    if (!contact) {
      return { status: 404, message: 'Contact not found' };
    }
    if (refuses(contact.id, serving)) {
      return readOnly();
    }
    return patched(contact, read.value, serving.present);
  };

  const patched = (contact: ApiContact, patch: ApiContactPatch, present: PresentContact): Outcome => {
    const changed = patchContact(contact, patch, writeContext);
    if (!changed.ok) {
      return invalidBody(changed);
    }
    store.replace(changed.value);
    return { status: 200, body: { data: present(changed.value) } };
  };

  const deleteContact = (route: Route, serving: Serving): Outcome => {
    const contact = contactOf(route.id);
    if (!contact) {
      return { status: 404, message: 'Contact not found' };
    }
    if (refuses(contact.id, serving)) {
      return readOnly();
    }
    store.remove(contact.id);
    return { status: 204 };
  };

  const refuses = (id: string, serving: Serving): boolean =>
    workspace.readOnlyContactIds.has(id) || (serving.refusesWrites?.(id) ?? false);

  const handle: Handler = ({ route, query, body }, serving) => {
    const { present } = serving;
    switch (route.kind) {
      case 'getContact': {
        const contact = contactOf(route.id);
        return contact === undefined
          ? { status: 404, message: 'Contact not found' }
          : { status: 200, body: { data: present(contact) } };
      }
      case 'createContact':
        return createContact(body, present);
      case 'updateContact':
        return updateContact(route, body, serving);
      case 'deleteContact':
        return deleteContact(route, serving);
      case 'listContacts':
        return listContacts(query, present);
      case 'listCustomFields':
        return { status: 200, body: { data: workspace.customFields } };
      case 'listPhoneNumbers':
        return listPhoneNumbers(query);
      case 'listUsers':
        return listUsers(query);
      case 'getUser': {
        const found = route.id == null ? undefined : userById.get(route.id);
        return found === undefined
          ? { status: 404, message: 'User not found' }
          : { status: 200, body: { data: found } };
      }
      case 'listCalls':
        return listConversation('calls', query);
      case 'getCall':
        return byId(callById, route.id, 'Call not found');
      case 'listMessages':
        return listConversation('messages', query);
      case 'getMessage':
        return byId(messageById, route.id, 'Message not found');
      case 'getCallSummary':
        return callSummary(route.id);
      case 'getCallTranscript':
        return callTranscript(route.id);
      case 'getPhoneNumber':
      case 'listWebhooks':
      case 'getWebhook':
      case 'getCallRecordings':
      case 'getCallVoicemail':
        return resourceHandler({ ...route, kind: route.kind }, query, serving);
      // The server answers media before any handler; here, as on any path the API does not have, a 404.
      case 'media':
      case 'unknown':
        return { status: 404, message: 'Not found' };
    }
  };

  return {
    handle,
    store,
    change: (id, patch) => {
      const read = readBody<ApiContactPatch>('updateContactById_v1', {
        contentType: 'application/json',
        text: JSON.stringify(patch) ?? '',
      });
      if (!read.ok) {
        return invalidBody(read);
      }
      const contact = contactOf(id);
      return contact ? patched(contact, read.value, (changed) => changed) : { status: 404, message: 'Contact not found' };
    },
  };
}

function invalidBody(refused: Extract<Checked<unknown>, { ok: false }>): Outcome {
  return { status: 400, message: describeErrors(refused.errors), errors: refused.errors };
}

/** A contact an integration owns. The spec's only 403 for these operations is "Not Phone Number User". */
function readOnly(): Outcome {
  return { status: 403, message: 'This contact is managed by an integration and cannot be changed through the API' };
}

interface ConversationQuery {
  readonly phoneNumberId: string;
  readonly participants: readonly string[];
  readonly userId: string | undefined;
  /** Epoch ms, exclusive. */
  readonly after: number | undefined;
  readonly before: number | undefined;
  readonly errors: readonly ApiErrorDetail[];
}

const E164 = /^\+[1-9]\d{1,14}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** The parameters `listCalls_v1` and `listMessages_v1` document, as the spec types them; paging is read later. */
function readConversationQuery(family: 'calls' | 'messages', query: URLSearchParams): ConversationQuery {
  const errors: ApiErrorDetail[] = [];
  const single = (name: string, required: boolean, pattern?: RegExp, patternText?: string): string | undefined => {
    const values = query.getAll(name);
    if (values.length === 0) {
      if (required) {
        errors.push(detail(`/${name}`, 'Expected required property', undefined, 'string'));
      }
      return undefined;
    }
    if (values.length > 1) {
      errors.push(detail(`/${name}`, 'Expected string', values, 'string'));
      return undefined;
    }
    const value = values[0];
    if (pattern && !pattern.test(value)) {
      errors.push(detail(`/${name}`, `Expected string to match '${patternText ?? pattern.source}'`, value, 'string'));
      return undefined;
    }
    return value;
  };
  const phoneNumberId = single('phoneNumberId', true, /^PN/, '^PN(.*)$');
  const userId = single('userId', false, /^US/, '^US(.*)$');
  const instant = (name: string): number | undefined => {
    const value = single(name, false, DATE_TIME, 'date-time');
    return value === undefined ? undefined : Date.parse(value);
  };
  const after = instant('createdAfter');
  // "since" is deprecated and, as Quo documents, behaves as createdBefore.
  const before = instant('createdBefore') ?? instant('since');
  const participants = query.getAll('participants');
  if (participants.length === 0) {
    errors.push(detail('/participants', 'Expected required property', undefined, 'array'));
  } else if (family === 'calls' && participants.length > 1) {
    errors.push(detail('/participants', 'Expected array length to be less or equal to 1', participants, 'array'));
  }
  participants.forEach((participant, i) => {
    if (family === 'calls' ? participant.length < 1 : !E164.test(participant)) {
      const message =
        family === 'calls' ? 'Expected string length greater or equal to 1' : `Expected string to match '${E164.source}'`;
      errors.push(detail(`/participants/${i}`, message, participant, 'string'));
    }
  });
  return { phoneNumberId: phoneNumberId ?? '', participants, userId, after, before, errors };
}

function invalid(errors: readonly ApiErrorDetail[]): Outcome {
  return {
    status: 400,
    message: errors.map((error) => `${error.path.slice(1)}: ${error.message}`).join('; '),
    errors,
  };
}

/** Error texts follow TypeBox, the validator whose `{path, message, value, schema}` shape the spec's `errors` has. */
function detail(path: string, message: string, value: unknown, type: string): ApiErrorDetail {
  return value === undefined ? { path, message, schema: { type } } : { path, message, value, schema: { type } };
}

function stringItemErrors(name: string, values: readonly string[]): ApiErrorDetail[] {
  const errors: ApiErrorDetail[] = [];
  values.forEach((value, i) => {
    if (value.length < 1) {
      errors.push(detail(`/${name}/${i}`, 'Expected string length greater or equal to 1', value, 'string'));
    } else if (value.length > 75) {
      errors.push(detail(`/${name}/${i}`, 'Expected string length less or equal to 75', value, 'string'));
    }
  });
  return errors;
}

interface Paging {
  readonly start: number;
  readonly size: number;
  readonly errors: readonly ApiErrorDetail[];
}

function readPaging(query: URLSearchParams, queryFingerprint: string, total: number, max = MAX_RESULTS): Paging {
  const errors: ApiErrorDetail[] = [];
  const sizes = query.getAll('maxResults');
  let size = 0;
  if (sizes.length === 0) {
    errors.push(detail('/maxResults', 'Expected required property', undefined, 'integer'));
  } else if (sizes.length > 1 || !/^[+-]?\d+$/.test(sizes[0])) {
    errors.push(detail('/maxResults', 'Expected integer', sizes.length > 1 ? sizes : sizes[0], 'integer'));
  } else {
    size = Number(sizes[0]);
    if (size < 1) {
      errors.push(detail('/maxResults', 'Expected integer to be greater or equal to 1', size, 'integer'));
    } else if (size > max) {
      errors.push(detail('/maxResults', `Expected integer to be less or equal to ${max}`, size, 'integer'));
    }
  }
  const tokens = query.getAll('pageToken');
  let start = 0;
  if (tokens.length > 0) {
    const position = tokens.length === 1 ? decodePageToken(tokens[0], queryFingerprint, total) : undefined;
    if (position === undefined) {
      errors.push(detail('/pageToken', 'Invalid page token', tokens.length > 1 ? tokens : tokens[0], 'string'));
    } else {
      start = position;
    }
  }
  return { start, size, errors };
}
