/**
 * What each v1 path answers when nothing goes wrong in front of it: routing, query validation and the workspace's
 * data. Authentication, rate limiting and faults belong to the server, not here.
 */

import type { Resource } from './errors.js';
import { decodePageToken, encodePageToken, fingerprint, selectPage } from './pagination.js';
import type { ApiContact, ApiErrorDetail, Workspace } from './wire.js';

export type RouteKind =
  | 'getContact'
  | 'listContacts'
  | 'listCustomFields'
  | 'listPhoneNumbers'
  | 'listUsers'
  | 'getUser'
  | 'unknown';

export const ROUTE_KINDS: readonly RouteKind[] = [
  'getContact',
  'listContacts',
  'listCustomFields',
  'listPhoneNumbers',
  'listUsers',
  'getUser',
  'unknown',
];

export interface Route {
  readonly kind: RouteKind;
  readonly resource: Resource;
  /** The decoded path parameter of `getContact`/`getUser`; null when its percent-encoding is broken. */
  readonly id?: string | null;
}

const MAX_RESULTS = 50;

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
      default:
        return { kind: 'unknown', resource: 'gateway' };
    }
  }
  if (id === '') {
    return { kind: 'unknown', resource: 'gateway' };
  }
  if (collection === 'contacts') {
    return { kind: 'getContact', resource: 'contacts', id: decodeSegment(id) };
  }
  if (collection === 'users') {
    return { kind: 'getUser', resource: 'users', id: decodeSegment(id) };
  }
  return { kind: 'unknown', resource: 'gateway' };
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
  | { readonly status: 400 | 404; readonly message: string; readonly errors?: readonly ApiErrorDetail[] };

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
      case 'unknown':
        return { status: 404, message: 'Not found' };
    }
  };
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

function readPaging(query: URLSearchParams, queryFingerprint: string, total: number): Paging {
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
    } else if (size > MAX_RESULTS) {
      errors.push(detail('/maxResults', `Expected integer to be less or equal to ${MAX_RESULTS}`, size, 'integer'));
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
