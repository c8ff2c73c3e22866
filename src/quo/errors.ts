/**
 * One error type for everything that can go wrong talking to Quo, so every surface (hover, panel, tree) can tell
 * "wrong key" from "offline" from "rate limited" without knowing about ky or fetch.
 */
import * as l10n from '@vscode/l10n';

export type QuoErrorKind =
  /** The API answered with a non-2xx status. */
  | 'http'
  /** No answer: connection refused, DNS failure, reset. */
  | 'network'
  /** The request took longer than the timeout. */
  | 'timeout'
  /** The caller cancelled (e.g. the hover went away). */
  | 'cancelled'
  /** The API answered 2xx with a body that is not what the spec says. */
  | 'decode'
  /** The API answered with a body larger than the client reads (`MAX_RESPONSE_BYTES`, 8 MB); it was not read to the end. */
  | 'too-large'
  /** The extension's own configuration forbids the request (bad base URL, bad id, no key). */
  | 'config';

export interface QuoErrorDetail {
  readonly path?: string;
  readonly message?: string;
  readonly value?: unknown;
}

export interface QuoErrorInit {
  readonly kind: QuoErrorKind;
  readonly message: string;
  readonly status?: number;
  readonly code?: string;
  readonly title?: string;
  readonly trace?: string;
  readonly details?: readonly QuoErrorDetail[];
  /** When the server said to try again (epoch ms), from `Retry-After` or a rate-limit reset header. */
  readonly retryAt?: number;
  readonly cause?: unknown;
}

export class QuoError extends Error {
  override readonly name = 'QuoError';
  readonly kind: QuoErrorKind;
  readonly status: number | undefined;
  /** Quo's 7-digit code: resource (2) + variant (2) + HTTP status (3), e.g. `0800404`. */
  readonly code: string | undefined;
  readonly title: string | undefined;
  /** What Quo support asks for when something went wrong on their side. */
  readonly trace: string | undefined;
  readonly details: readonly QuoErrorDetail[];
  /**
   * When the server said to try again, in epoch ms (wall clock, for showing "rate limited until 14:05"), read from
   * `Retry-After`, `RateLimit-Reset` or `X-RateLimit-Reset` as ky reads them. Undefined when the answer said nothing
   * readable (Quo documents no such header: a plain 429 has none).
   */
  readonly retryAt: number | undefined;

  constructor(init: QuoErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.trace = init.trace;
    this.details = init.details ?? [];
    this.retryAt = init.retryAt !== undefined && Number.isFinite(init.retryAt) ? init.retryAt : undefined;
  }

  get isNotFound(): boolean {
    return this.kind === 'http' && this.status === 404;
  }

  get isUnauthorized(): boolean {
    return this.kind === 'http' && this.status === 401;
  }

  get isRateLimited(): boolean {
    return this.kind === 'http' && this.status === 429;
  }

  /** Failures that say nothing about the key or the contact: the next attempt may well succeed. */
  get isTransient(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      (this.kind === 'http' && this.status !== undefined && (this.status === 429 || this.status >= 500))
    );
  }
}

/** The `code` of the config error raised when no key is set (Quo's own codes are 7 digits, so they cannot clash). */
const NO_KEY_CODE = 'no-key';

export function noKeyError(): QuoError {
  return new QuoError({ kind: 'config', code: NO_KEY_CODE, message: l10n.t('No Quo API key is set.') });
}

/** A request, or a load shared by several, that its caller no longer wants; `reason` is what the signal said. */
export function cancelledRequest(reason: unknown): QuoError {
  return new QuoError({ kind: 'cancelled', message: 'The request was cancelled.', cause: reason });
}

/**
 * By class, or by shape: the chunks loaded on first use (dist/editing.js, dist/chatTools.js) bundle their own copy of
 * this class, while the errors they receive come from the activation bundle's client.
 */
export function isQuoError(value: unknown): value is QuoError {
  return (
    value instanceof QuoError ||
    (value instanceof Error && value.name === 'QuoError' && typeof (value as { kind?: unknown }).kind === 'string')
  );
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const MAX_BODY_SNIPPET = 200;

/**
 * Builds the error for a non-2xx answer from its status and raw body text. Understands the spec's shape
 * (`{message, code, status, title, trace, errors}`), the wrapped shape live 401s have been seen in
 * (`{"error": {message, key, trace}}`), and bodies that are not JSON at all (proxies, HTML error pages).
 * `retryAt` is when the answer's headers said to try again (see `retryAtFrom`), if they said.
 */
export function errorFromResponse(status: number, statusText: string, bodyText: string, retryAt?: number): QuoError {
  let parsed: unknown;
  try {
    parsed = bodyText.length > 0 ? JSON.parse(bodyText) : undefined;
  } catch {
    parsed = undefined;
  }
  const outer = asRecord(parsed);
  const body = asRecord(outer?.['error']) ?? outer;
  const fallbackTitle = statusText || `HTTP ${status}`;
  if (!body) {
    const snippet = bodyText.replace(/\s+/g, ' ').trim().slice(0, MAX_BODY_SNIPPET);
    const looksLikeHtml = /^\s*</.test(bodyText);
    return new QuoError({
      kind: 'http',
      status,
      title: fallbackTitle,
      retryAt,
      message: looksLikeHtml || snippet.length === 0 ? `${status} ${fallbackTitle}` : `${status} ${fallbackTitle}: ${snippet}`,
    });
  }
  const details: QuoErrorDetail[] = [];
  if (Array.isArray(body['errors'])) {
    for (const item of body['errors']) {
      const detail = asRecord(item);
      if (detail) {
        details.push({
          path: optionalString(detail['path']),
          message: optionalString(detail['message']),
          value: detail['value'],
        });
      }
    }
  }
  const title = optionalString(body['title']) ?? fallbackTitle;
  return new QuoError({
    kind: 'http',
    status,
    code: optionalString(body['code']) ?? optionalString(body['key']),
    title,
    message: optionalString(body['message']) ?? title,
    trace: optionalString(body['trace']),
    details,
    retryAt,
  });
}

/** One line for a hover, a tree item or a status: what happened and what to do. */
export function describeError(error: unknown): string {
  if (!isQuoError(error)) {
    return error instanceof Error ? error.message : String(error);
  }
  switch (error.kind) {
    case 'network':
      return l10n.t('Quo is unreachable: check your network connection.');
    case 'timeout':
      return l10n.t('Quo did not answer in time.');
    case 'cancelled':
      return l10n.t('Cancelled.');
    case 'decode':
      return l10n.t('Quo sent data the extension does not understand: {0}', error.message);
    case 'too-large':
      return error.message;
    case 'config':
      return error.message;
    case 'http':
      if (error.status === 401) {
        return l10n.t('Quo refused the API key. Set a new key with "Quo: Set API Key".');
      }
      if (error.status === 404) {
        return l10n.t('No Quo contact has this id in your workspace.');
      }
      if (error.status === 400) {
        // Each family documents one 400 title for any bad request ("Too Many Participants" for a missing line): the
        // title is never the reason, and a message that only repeats it says nothing either.
        const reason = error.message !== error.title ? `: ${error.message}` : '';
        return `Quo did not accept the request (error 400)${reason}${error.trace ? ` (trace ${error.trace})` : ''}`;
      }
      if (error.status === 429) {
        return error.retryAt === undefined
          ? l10n.t('Quo is rate limiting requests; trying again shortly.')
          : l10n.t(
              'Quo is rate limiting requests; try again after {0}.',
              new Date(error.retryAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
            );
      }
      return error.trace
        ? l10n.t('Quo error {0}: {1} (trace {2})', String(error.status), error.message, error.trace)
        : l10n.t('Quo error {0}: {1}', String(error.status), error.message);
  }
}
