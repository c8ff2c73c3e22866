/**
 * What the sandbox answers for the resources of issue 29: a line by id, webhooks (a list and one by id), a call's
 * recordings and its voicemail. Each path parameter is held to the spec's pattern (`^PN(.*)$`, `^WH(.*)$`,
 * `^AC(.*)$`): a 400 in the family's documented shape, as the validator in front of Quo's handlers gives; then an
 * unknown id is a 404.
 */

import { DEFAULT_RECORDINGS_BASE_URL } from './resources.js';
import type { Outcome, Route, Serving } from './routes.js';
import type { ApiCallRecording, ApiCallVoicemail, ApiErrorDetail, ApiWebhook, StoredRecording, Workspace } from './wire.js';

export type ResourceRouteKind = 'getPhoneNumber' | 'listWebhooks' | 'getWebhook' | 'getCallRecordings' | 'getCallVoicemail';

export const RESOURCE_ROUTE_KINDS: readonly ResourceRouteKind[] = [
  'getPhoneNumber',
  'listWebhooks',
  'getWebhook',
  'getCallRecordings',
  'getCallVoicemail',
];

export type ResourceHandler = (
  route: Route & { readonly kind: ResourceRouteKind },
  query: URLSearchParams,
  serving: Serving,
) => Outcome;

/** A 400 for a parameter that does not match `^<prefix>(.*)$`, worded as TypeBox words it; undefined when it does. */
function prefixError(name: string, prefix: string, value: string): Outcome | undefined {
  if (value.startsWith(prefix)) {
    return undefined;
  }
  const message = `Expected string to match '^${prefix}(.*)$'`;
  const error: ApiErrorDetail = { path: `/${name}`, message, value, schema: { type: 'string' } };
  return { status: 400, message: `${name}: ${message}`, errors: [error] };
}

/** The url of a stored segment or voicemail: its file under the base URL, or its fixed url. */
function located(base: string, file: string): string {
  return `${base.replace(/\/+$/, '')}/${file}`;
}

export function createResourceHandler(workspace: Workspace): ResourceHandler {
  const { resources } = workspace;
  const lineById = new Map(workspace.phoneNumbers.map((line) => [line.id, line]));
  const webhookById = new Map(resources.webhooks.map((webhook) => [webhook.id, webhook]));
  const callIds = new Set(workspace.activity.calls.map((call) => call.id));

  const listWebhooks = (query: URLSearchParams): Outcome => {
    const userIds = query.getAll('userId');
    if (userIds.length > 1) {
      const error: ApiErrorDetail = { path: '/userId', message: 'Expected string', value: userIds, schema: { type: 'string' } };
      return { status: 400, message: 'userId: Expected string', errors: [error] };
    }
    const userId = userIds[0];
    const refused = userId === undefined ? undefined : prefixError('userId', 'US', userId);
    if (refused) {
      return refused;
    }
    const data: ApiWebhook[] = resources.webhooks.filter((webhook) => userId === undefined || webhook.userId === userId);
    return { status: 200, body: { data } };
  };

  /** The id of a route on one item, checked against the spec's pattern: a string, or the answer to give instead. */
  const itemId = (route: Route, name: string, prefix: string, missing: string): string | Outcome => {
    if (route.id === null || route.id === undefined) {
      return { status: 404, message: missing };
    }
    return prefixError(name, prefix, route.id) ?? route.id;
  };

  const recordings = (callId: string, base: string): Outcome => {
    const stored = resources.recordings.get(callId);
    if (stored === 'forbidden') {
      // The spec documents a 403 here without saying when; a plan without recordings is the likely reason.
      return { status: 403, message: 'Call recordings are not available on your plan' };
    }
    const data: ApiCallRecording[] = (stored ?? []).map((segment: StoredRecording) => {
      const { duration, id, startTime, status, type } = segment;
      const url = 'file' in segment ? located(base, segment.file) : segment.url;
      return { duration, id, startTime, status, type, url };
    });
    return { status: 200, body: { data } };
  };

  const voicemail = (callId: string, base: string): Outcome => {
    const stored = resources.voicemails.get(callId);
    if (!stored) {
      return { status: 404, message: 'Voicemail not found' };
    }
    const data: ApiCallVoicemail = {
      duration: stored.duration,
      id: stored.id,
      transcript: stored.transcript,
      recordingUrl: stored.file === null ? null : located(base, stored.file),
      status: stored.status,
    };
    return { status: 200, body: { data } };
  };

  return (route, query, serving) => {
    const base = serving.recordingsBaseUrl ?? DEFAULT_RECORDINGS_BASE_URL;
    switch (route.kind) {
      case 'listWebhooks':
        return listWebhooks(query);
      case 'getPhoneNumber': {
        const id = itemId(route, 'phoneNumberId', 'PN', 'Phone number not found');
        if (typeof id !== 'string') {
          return id;
        }
        const line = lineById.get(id);
        return line ? { status: 200, body: { data: line } } : { status: 404, message: 'Phone number not found' };
      }
      case 'getWebhook': {
        const id = itemId(route, 'id', 'WH', 'Webhook not found');
        if (typeof id !== 'string') {
          return id;
        }
        const webhook = webhookById.get(id);
        return webhook ? { status: 200, body: { data: webhook } } : { status: 404, message: 'Webhook not found' };
      }
      case 'getCallRecordings':
      case 'getCallVoicemail': {
        const id = itemId(route, 'callId', 'AC', 'Call not found');
        if (typeof id !== 'string') {
          return id;
        }
        if (!callIds.has(id)) {
          return { status: 404, message: 'Call not found' };
        }
        return route.kind === 'getCallRecordings' ? recordings(id, base) : voicemail(id, base);
      }
    }
  };
}
