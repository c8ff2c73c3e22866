/**
 * What each v1 path answers when nothing goes wrong in front of it: routing, query validation and the workspace's
 * data. Authentication, rate limiting and faults belong to the server, not here.
 */

import type { Resource } from './errors.js';
import { decodePageToken, encodePageToken, fingerprint, selectPage } from './pagination.js';
import type { ApiCall, ApiContact, ApiErrorDetail, ApiMessage, Workspace } from './wire.js';

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
  'unknown',
];

export interface Route {
  readonly kind: RouteKind;
  readonly resource: Resource;
  /** The decoded path parameter of a `get…` route; null when its percent-encoding is broken. */
  readonly id?: string | null;
}

const MAX_RESULTS = 50;
/** The call and message lists take up to 100 a page. */
const MAX_CONVERSATION_RESULTS = 100;

/** Routes of one item by id, with the family that answers for them. */
const ITEM_ROUTES: ReadonlyMap<string, Pick<Route, 'kind' | 'resource'>> = new Map<string, Pick<Route, 'kind' | 'resource'>>([
  ['contacts', { kind: 'getContact', resource: 'contacts' }],
  ['users', { kind: 'getUser', resource: 'users' }],
  ['calls', { kind: 'getCall', resource: 'calls' }],
  ['messages', { kind: 'getMessage', resource: 'messages' }],
  ['call-summaries', { kind: 'getCallSummary', resource: 'callSummaries' }],
  ['call-transcripts', { kind: 'getCallTranscript', resource: 'callTranscripts' }],
]);

/**
 * Routes a raw request path (still percent-encoded, query removed). The path is split before decoding so an id
 * holding `/` or `..` stays one segment, as the spec's `{id}` is.
 */
export function matchRoute(rawPath: string): Route {
  const segments = rawPath.split('/');
  if (segments[0] !== '' || segments[1] !== 'v1') {
    return { kind: 'unknown', resource: 'gateway' };
  }
  const [collection, id, ...rest] = segments.slice(2);
  if (rest.length > 0) {
    return { kind: 'unknown', resource: 'gateway' };
  }
  if (id === undefined) {
    switch (collection) {
      case 'contacts':
        return { kind: 'listContacts', resource: 'contacts' };
      case 'contact-custom-fields':
        return { kind: 'listCustomFields', resource: 'customFields' };
      case 'phone-numbers':
        return { kind: 'listPhoneNumbers', resource: 'phoneNumbers' };
      case 'users':
        return { kind: 'listUsers', resource: 'users' };
      case 'calls':
        return { kind: 'listCalls', resource: 'calls' };
      case 'messages':
        return { kind: 'listMessages', resource: 'messages' };
      default:
        return { kind: 'unknown', resource: 'gateway' };
    }
  }
  if (id === '') {
    return { kind: 'unknown', resource: 'gateway' };
  }
  const item = collection === undefined ? undefined : ITEM_ROUTES.get(collection);
  return item ? { ...item, id: decodeSegment(id) } : { kind: 'unknown', resource: 'gateway' };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export type Outcome =
  | { readonly status: 200; readonly body: unknown }
  | { readonly status: 400 | 403 | 404; readonly message: string; readonly errors?: readonly ApiErrorDetail[] };

/** How a contact goes on the wire; the server swaps it to serve malformed records on demand. */
export type PresentContact = (contact: ApiContact) => unknown;

export type Handler = (route: Route, query: URLSearchParams, present: PresentContact) => Outcome;

/** Indexes the workspace once; every answer afterwards is a lookup or a page walk. */
export function createHandler(workspace: Workspace): Handler {
  const { contacts, users } = workspace;
  const contactPosition = new Map<string, number>();
  const byExternalId = new Map<string, number[]>();
  const bySource = new Map<string, number[]>();
  contacts.forEach((contact, position) => {
    contactPosition.set(contact.id, position);
    if (contact.externalId !== null) {
      append(byExternalId, contact.externalId, position);
    }
    if (contact.source !== null) {
      append(bySource, contact.source, position);
    }
  });
  const userById = new Map(users.map((member) => [member.id, member]));
  const { activity } = workspace;
  const lineById = new Map(workspace.phoneNumbers.map((line) => [line.id, line]));
  const callById = new Map(activity.calls.map((call) => [call.id, call]));
  const messageById = new Map(activity.messages.map((message) => [message.id, message]));
  // "Defaults to the workspace owner": what `GET /v1/calls` lists without a userId.
  const ownerId = users.find((member) => member.role === 'owner')?.id;

  const listContacts = (query: URLSearchParams, present: PresentContact): Outcome => {
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
            externalIds.map((id) => byExternalId.get(id) ?? []),
            contacts.length,
            paging.start,
            paging.size,
            sources.length > 0 ? (p) => sourceSet.has(contacts[p]?.source ?? '') : undefined,
          )
        : selectPage(
            sources.length > 0 ? sources.map((source) => bySource.get(source) ?? []) : 'all',
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

  return (route, query, present) => {
    switch (route.kind) {
      case 'getContact': {
        const position = route.id == null ? undefined : contactPosition.get(route.id);
        return position === undefined
          ? { status: 404, message: 'Contact not found' }
          : { status: 200, body: { data: present(contacts[position]) } };
      }
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
      case 'unknown':
        return { status: 404, message: 'Not found' };
    }
  };
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

function append(index: Map<string, number[]>, key: string, position: number): void {
  const list = index.get(key);
  if (list) {
    list.push(position);
  } else {
    index.set(key, [position]);
  }
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
