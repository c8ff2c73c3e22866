/**
 * Error bodies: the spec's `{message, code, status, docs, title, trace, errors?}` and the off-spec shapes real
 * clients meet anyway (the wrapped 401, a proxy's HTML page).
 */

import { createRandom, hash32 } from './random.js';
import type { ApiErrorBody, ApiErrorDetail } from './wire.js';

/** What `docs` holds in every error; the seed spec (get-contact-by-id.openapi.yaml) says quo.com. */
export const ERROR_DOCS = 'https://quo.com/docs';

/** Which API family answered, for the first two digits of `code`. `gateway` answers for paths no family owns. */
export type Resource =
  | 'contacts'
  | 'customFields'
  | 'phoneNumbers'
  | 'users'
  | 'calls'
  | 'messages'
  | 'callSummaries'
  | 'callTranscripts'
  | 'webhooks'
  | 'callRecordings'
  | 'callVoicemails'
  | 'gateway';

const RESOURCE_CODE: Readonly<Record<Resource, string>> = {
  contacts: '08',
  customFields: '07',
  phoneNumbers: '04',
  users: '11',
  calls: '01',
  messages: '02',
  callSummaries: '05',
  callTranscripts: '06',
  webhooks: '03',
  callRecordings: '09',
  callVoicemails: '12',
  gateway: '00',
};

interface Variant {
  readonly variant: string;
  readonly title: string;
  /** Some spec variants require a `description`: the title again, or (402) a sentence of its own. */
  readonly description?: string;
}

const DEFAULT_VARIANTS: Readonly<Record<number, Variant>> = {
  400: { variant: '00', title: 'Bad Request' },
  401: { variant: '00', title: 'Unauthorized' },
  403: { variant: '00', title: 'Forbidden' },
  404: { variant: '00', title: 'Not Found' },
  409: { variant: '00', title: 'Conflict' },
  // The spec has no 405 or 429; these follow its pattern so clients need one parser.
  405: { variant: '00', title: 'Method Not Allowed' },
  429: { variant: '00', title: 'Too Many Requests' },
  500: { variant: '01', title: 'Unknown' },
};

function described(variant: string, title: string): Variant {
  return { variant, title, description: title };
}

/**
 * Where a family documents its own variant. Each documents exactly one 400, answered even for query errors it does
 * not describe (contacts: "Invalid Custom Field Item"; calls: "Too Many Participants"; messages: "A2P Registration
 * Not Approved"): a client must not show a 400's title as the reason.
 */
const FAMILY_VARIANTS: Readonly<Partial<Record<Resource, Readonly<Record<number, Variant>>>>> = {
  contacts: { 400: described('01', 'Invalid Custom Field Item'), 403: described('01', 'Not Phone Number User') },
  calls: { 400: described('01', 'Too Many Participants'), 403: described('01', 'Not Phone Number User') },
  messages: {
    400: described('06', 'A2P Registration Not Approved'),
    402: {
      variant: '00',
      title: 'Not Enough Credits',
      description: 'The organization does not have enough prepaid credits to send the message',
    },
    403: described('02', 'Not Phone Number User'),
  },
  // The webhooks' only documented 400, whatever was wrong with the request.
  webhooks: { 400: described('05', 'Invalid Version') },
};

export function errorBody(
  resource: Resource,
  status: number,
  message: string,
  trace: string,
  errors?: readonly ApiErrorDetail[],
): ApiErrorBody {
  const variant = FAMILY_VARIANTS[resource]?.[status] ?? DEFAULT_VARIANTS[status] ?? { variant: '00', title: 'Error' };
  return {
    message,
    code: `${RESOURCE_CODE[resource]}${variant.variant}${String(status).padStart(3, '0')}`,
    status,
    docs: ERROR_DOCS,
    title: variant.title,
    trace,
    ...(variant.description === undefined ? {} : { description: variant.description }),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** The 401 shape reported from live traffic, not in the spec. */
export function wrapped401Body(trace: string): { error: { message: string; key: string; trace: string } } {
  return { error: { message: 'Unauthorized', key: 'unauthorized', trace } };
}

/** What a proxy or load balancer in front of the API sends instead of JSON. */
export const HTML_ERROR_PAGE =
  '<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n' +
  '<body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center></body></html>\n';

/** A 32-hex trace id, deterministic per sandbox seed and request number. */
export function traceId(seed: number, request: number): string {
  return createRandom(hash32(`${seed}:${request}`)).hex(32);
}
