/**
 * Whether this session can talk to Quo right now, and if not, why: one state per session (one key), which every
 * surface renders through the copy table. Plain TypeScript, so every state × event is tested in Node.
 *
 * Only four things that happen to a request change it: a refused key (401), a 429, a network failure and a timeout.
 * Anything else that goes wrong (a 403, a 500 after retries, a decode error, a cancellation) belongs to that one
 * request and is shown where it was made; a 404 is a successful answer. `classifyFailure` is the one place that
 * decides this.
 */
import * as l10n from '@vscode/l10n';
import { isQuoError } from '../quo/errors.js';

export type Availability =
  /** The stored key has not been read yet: nothing may say "no key" before it has. */
  | { readonly kind: 'starting' }
  | { readonly kind: 'no-key' }
  /** A key is there, but the settings forbid using it (e.g. an `http` base URL that is not loopback). */
  | { readonly kind: 'bad-config'; readonly message: string }
  | { readonly kind: 'ready' }
  /** The key cannot be sent (not visible ASCII, e.g. a line break); never deleted, the user replaces it. */
  | { readonly kind: 'key-invalid'; readonly reason: string }
  /** Quo answered 401. The key is kept: the user decides whether to replace it. */
  | { readonly kind: 'key-refused' }
  /** No answer (network failure or timeout); `cause` is a line that never holds the key. */
  | { readonly kind: 'offline'; readonly cause: string }
  /** `until`: epoch milliseconds when Quo said to try again, when it said. */
  | { readonly kind: 'rate-limited'; readonly until?: number };

export type AvailabilityKind = Availability['kind'];

export const AVAILABILITY_KINDS = [
  'starting',
  'no-key',
  'bad-config',
  'ready',
  'key-invalid',
  'key-refused',
  'offline',
  'rate-limited',
] as const satisfies readonly AvailabilityKind[];

/** What a failed request says about the connection, once classified. */
export type ConnectionFailure =
  | { readonly kind: 'key-refused' }
  | { readonly kind: 'offline'; readonly cause: string }
  | { readonly kind: 'rate-limited'; readonly until?: number };

export type AvailabilityEvent =
  /** A key was read and a client built for it with valid settings. */
  | { readonly type: 'key-loaded' }
  | { readonly type: 'key-cleared' }
  /** A key was read that cannot be sent (`reason` never repeats it). */
  | { readonly type: 'key-invalid'; readonly reason: string }
  /** The settings forbid building a client (`message` is already redacted). */
  | { readonly type: 'settings-invalid'; readonly message: string }
  /** Quo answered (a 404 included). */
  | { readonly type: 'request-succeeded' }
  | { readonly type: 'request-failed'; readonly failure: ConnectionFailure };

export type AvailabilityEventType = AvailabilityEvent['type'];

/** The one transition function. */
export function nextAvailability(state: Availability, event: AvailabilityEvent): Availability {
  switch (event.type) {
    case 'key-loaded':
      return { kind: 'ready' };
    case 'key-cleared':
      return { kind: 'no-key' };
    case 'key-invalid':
      return { kind: 'key-invalid', reason: event.reason };
    case 'settings-invalid':
      // Without a key the fix is a key; the settings are reported once one is set.
      return state.kind === 'no-key' || state.kind === 'key-invalid' ? state : { kind: 'bad-config', message: event.message };
    case 'request-succeeded':
      // An answer to a request sent before the key was cleared or the settings broken changes nothing.
      return withoutClient(state) ? state : { kind: 'ready' };
    case 'request-failed':
      return withoutClient(state) ? state : event.failure;
  }
}

/** States in which no request can be sent: answers to earlier ones do not change what the user must fix. */
function withoutClient(state: Availability): boolean {
  return state.kind === 'no-key' || state.kind === 'bad-config' || state.kind === 'key-invalid';
}

/** Redacts whatever could carry the key before a line reaches a surface. */
export type Redact = (text: string) => string;

/**
 * The only mapping from an error to the connection: undefined when the failure belongs to the request alone.
 */
export function classifyFailure(error: unknown, redact: Redact): ConnectionFailure | undefined {
  if (!isQuoError(error)) {
    return undefined;
  }
  if (error.isUnauthorized) {
    return { kind: 'key-refused' };
  }
  if (error.isRateLimited) {
    return error.retryAt === undefined ? { kind: 'rate-limited' } : { kind: 'rate-limited', until: error.retryAt };
  }
  if (error.kind === 'network' || error.kind === 'timeout') {
    // The client's network message already says "Could not reach Quo (ECONNREFUSED)."; saying it twice reads badly.
    const cause = error.kind === 'timeout' ? l10n.t('Quo did not answer in time.') : redact(error.message);
    return { kind: 'offline', cause: /[.!?]$/.test(cause) ? cause : `${cause}.` };
  }
  return undefined;
}

/** Whether two states read the same to a person (a new `cause` of the same offline state is not news). */
export function sameAvailability(a: Availability, b: Availability): boolean {
  if (a.kind !== b.kind) {
    return false;
  }
  if (a.kind === 'bad-config' && b.kind === 'bad-config') {
    return a.message === b.message;
  }
  if (a.kind === 'key-invalid' && b.kind === 'key-invalid') {
    return a.reason === b.reason;
  }
  if (a.kind === 'rate-limited' && b.kind === 'rate-limited') {
    return a.until === b.until;
  }
  return true;
}
