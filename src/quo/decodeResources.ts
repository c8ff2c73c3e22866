/**
 * Decoders of the resources behind the other ids a webhook payload or a log carries (issue 29): a line by id, a
 * teammate with a role, webhooks, a call's recordings and its voicemail. Read as the other decoders read: strictly
 * where the extension reads, leniently elsewhere (see decodeJson.ts).
 *
 * Webhooks and voicemails decode `quotingNothing`: a voicemail's transcript is customer content, and a webhook's url
 * may carry a token. A webhook's `key` (its signing secret) is never read, so no decoded value holds it.
 */
import {
  array,
  finiteNumber,
  nullableString,
  object,
  oneOf,
  quotingNothing,
  string,
  strings,
  unreadString,
  type Json,
} from './decodeJson.js';
import { decodePhoneNumber, decodeUserResponse } from './decodeWorkspace.js';
import type { CallRecording, CallVoicemail, Teammate, Webhook } from './resourceTypes.js';
import { RECORDING_STATUSES, VOICEMAIL_STATUSES, WEBHOOK_STATUSES } from './resourceTypes.js';
import type { PhoneNumber } from './types.js';
import { USER_ROLES } from './types.js';

/** `{ data }` of a single-item answer. */
function data(body: unknown): unknown {
  return object(body, 'body')['data'];
}

/** Required and nullable in the spec, read leniently: absent reads as null too. */
function lenientString(item: Json, key: string, path: string): string | null {
  const value = item[key];
  return value === undefined ? null : nullableString(value, `${path}.${key}`);
}

/** Seconds, or null (absent too) while Quo has none. */
function lenientSeconds(item: Json, key: string, path: string): number | null {
  const value = item[key];
  return value === undefined || value === null ? null : finiteNumber(value, `${path}.${key}`);
}

/** `GET /v1/phone-numbers/{phoneNumberId}`: `{ data: PhoneNumber }`, read as each line of the list is. */
export function decodePhoneNumberResponse(body: unknown): PhoneNumber {
  return decodePhoneNumber(data(body), 'data');
}

/** `GET /v1/users/{userId}` for a card: the user as decodeUserResponse reads one, and the role, which it skips. */
export function decodeTeammateResponse(body: unknown): Teammate {
  const user = decodeUserResponse(body);
  const fields = object(data(body), 'data');
  return { ...user, role: oneOf(fields['role'], USER_ROLES, 'data.role') };
}

export function decodeWebhook(value: unknown, path = 'data'): Webhook {
  return quotingNothing(() => {
    const webhook = object(value, path);
    return {
      id: string(webhook['id'], `${path}.id`),
      label: lenientString(webhook, 'label', path),
      url: string(webhook['url'], `${path}.url`),
      events: strings(webhook['events'], `${path}.events`),
      status: oneOf(webhook['status'], WEBHOOK_STATUSES, `${path}.status`),
      resourceIds: strings(webhook['resourceIds'], `${path}.resourceIds`),
      deletedAt: lenientString(webhook, 'deletedAt', path),
    };
  });
}

/** `GET /v1/webhooks/{id}`: `{ data: Webhook }`. */
export function decodeWebhookResponse(body: unknown): Webhook {
  return decodeWebhook(data(body), 'data');
}

/** `GET /v1/webhooks`: `{ data: Webhook[] }`, not paginated. */
export function decodeWebhooks(body: unknown): Webhook[] {
  return array(data(body), 'data').map((item, i) => decodeWebhook(item, `data[${i}]`));
}

function recording(value: unknown, path: string): CallRecording {
  const segment = object(value, path);
  const status = segment['status'];
  return {
    id: string(segment['id'], `${path}.id`),
    url: lenientString(segment, 'url', path),
    type: lenientString(segment, 'type', path),
    duration: lenientSeconds(segment, 'duration', path),
    status: status === undefined || status === null ? null : oneOf(status, RECORDING_STATUSES, `${path}.status`),
    startTime: unreadString(segment['startTime']),
  };
}

/** `GET /v1/call-recordings/{callId}`: `{ data: CallRecording[] }`, oldest segment first, an empty list for none. */
export function decodeCallRecordingsResponse(body: unknown): CallRecording[] {
  return array(data(body), 'data').map((item, i) => recording(item, `data[${i}]`));
}

/** `GET /v1/call-voicemails/{callId}`: `{ data: CallVoicemail }`. */
export function decodeCallVoicemailResponse(body: unknown): CallVoicemail {
  return quotingNothing(() => {
    const voicemail = object(data(body), 'data');
    return {
      status: oneOf(voicemail['status'], VOICEMAIL_STATUSES, 'data.status'),
      transcript: lenientString(voicemail, 'transcript', 'data'),
      recordingUrl: lenientString(voicemail, 'recordingUrl', 'data'),
      duration: lenientSeconds(voicemail, 'duration', 'data'),
      id: unreadString(voicemail['id']),
    };
  });
}
