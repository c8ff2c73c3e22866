/**
 * How a request reaches Quo and comes back, whatever the endpoint. One ky instance carries the base URL, the raw key
 * (Quo wants no `Bearer`) and the retry policy; every attempt, retries included, goes through `send()`, which takes
 * a slot from the session's rate limiter, runs the timeout over the whole exchange (headers and body), and reads the
 * body itself, up to `MAX_RESPONSE_BYTES`. Whatever goes wrong leaves as one QuoError.
 *
 * Nothing here imports vscode. The extension passes no `fetch`: each attempt uses `globalThis.fetch` as it is at that
 * moment, which in the extension host is the one VS Code's proxy support patches, so its proxy settings apply; in
 * tests and benchmarks it is Node's, unless a test passes a scripted one.
 */
import * as l10n from '@vscode/l10n';
import type { HTTPError as KyHTTPError, KyInstance } from 'ky';
import type * as Ky from 'ky';
import { validateBaseUrl } from './baseUrl.js';
import { DecodeError } from './decodeJson.js';
import { cancelledRequest, errorFromResponse, QuoError } from './errors.js';
import { silentLogger, type Logger } from './log.js';
import { linkSignals } from './linkedSignal.js';
import type { RateLimiter, RequestPriority } from './rateLimiter.js';
import { retryAtFrom, retryDelayMs, retryHeader } from './retryAfter.js';

/** How one request ended, after its retries. */
export type RequestOutcome = { readonly failed: false } | { readonly failed: true; readonly error: unknown };

export interface QuoTransportOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The session's own: every client the session builds sends through it, because Quo's limit is per key. */
  readonly limiter: RateLimiter;
  /** Per attempt, from when the request leaves until its whole body is in. */
  readonly timeoutMs?: number;
  /** Retries after a 429 or 5xx on a GET. */
  readonly retryLimit?: number;
  /** Base of the exponential backoff; each retry waits a random time up to base·2^(attempt-1). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Largest body read, counted as it streams in (default `MAX_RESPONSE_BYTES`). */
  readonly maxResponseBytes?: number;
  /** The wall clock (epoch ms) that `QuoError.retryAt` is computed on; injectable for tests. */
  readonly now?: () => number;
  /** For tests; without it each attempt uses `globalThis.fetch` as it is when the attempt leaves. */
  readonly fetch?: typeof globalThis.fetch;
  readonly log?: Logger;
  /** Called for every answer with status 429, retries included: each one says the key's budget is set too high. */
  readonly onRateLimited?: () => void;
  /**
   * Called once per request when it ends (after its retries), with how it ended. The session's connection state hears about every request here, whoever sent it.
   */
  readonly onOutcome?: (outcome: RequestOutcome) => void;
  /**
   * Ends every request sent through this transport, retries and their waits included, when it aborts: the session's
   * lifetime, so nothing leaves with a key after its workspace is removed, whatever signal the caller passed.
   */
  readonly signal?: AbortSignal;
}

/** The writes Quo's v1 API has (lower case, as ky's retry list names methods). */
export type WriteMethod = 'post' | 'patch' | 'delete';

export interface RequestOptions {
  readonly signal?: AbortSignal;
  readonly priority?: RequestPriority;
}

const RETRY_STATUS_CODES = [429, 500, 502, 503, 504];
/** The statuses whose `Retry-After` (and rate-limit reset headers) ky obeys; for others it uses the backoff. */
const AFTER_STATUS_CODES = [413, 429, 503];
/**
 * The longest `Retry-After` waited out before a retry. A longer one fails the request at once, with the time to
 * retry in `QuoError.retryAt`: nobody waits a minute, let alone an hour, for a hover.
 */
export const MAX_RETRY_AFTER_MS = 8_000;
/**
 * The largest response body read: a full list page of 50 contacts is tens of kilobytes, and the largest real answer
 * is far below this. Past it the body is cancelled, not buffered: a 105 MB page was once accepted whole.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Statuses whose answers carry no body (`new Response` refuses one for them). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

type KyModule = typeof Ky;
let kyModule: KyModule | undefined;

/**
 * ky is loaded when the first client is made, not when the extension loads: its module probes `Request` support at
 * load time, which makes Node load its whole fetch implementation, tens of milliseconds of activation otherwise. In the
 * bundle this require loads `dist/ky.js`, built apart by esbuild.mjs, so activation does not even parse it.
 */
function loadKy(): KyModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  kyModule ??= require('ky') as KyModule;
  return kyModule;
}

function isHttpError(error: unknown): error is KyHTTPError {
  return kyModule !== undefined && error instanceof kyModule.HTTPError;
}

export class QuoTransport {
  private readonly http: KyInstance;
  private readonly log: Logger;
  private readonly limiter: RateLimiter;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly now: () => number;
  private readonly fetchImpl: typeof globalThis.fetch | undefined;
  private readonly onRateLimited: (() => void) | undefined;
  private readonly onOutcome: ((outcome: RequestOutcome) => void) | undefined;
  private readonly lifetime: AbortSignal | undefined;

  constructor(options: QuoTransportOptions) {
    const prefixUrl = validateBaseUrl(options.baseUrl);
    const log = (this.log = options.log ?? silentLogger);
    this.limiter = options.limiter;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    const now = (this.now = options.now ?? Date.now);
    this.fetchImpl = options.fetch;
    this.onRateLimited = options.onRateLimited;
    this.onOutcome = options.onOutcome;
    this.lifetime = options.signal;
    const baseMs = options.retryBaseMs ?? 500;
    this.http = loadKy().default.create({
      prefixUrl,
      headers: { Authorization: options.apiKey, Accept: 'application/json' },
      // The timeout runs in send(), from when the request leaves rather than from when it joined the limiter's queue,
      // until the body is read (ky's own would stop at the headers).
      timeout: false,
      retry: {
        limit: options.retryLimit ?? 3,
        methods: ['get'],
        statusCodes: RETRY_STATUS_CODES,
        afterStatusCodes: AFTER_STATUS_CODES,
        // ky clamps a longer Retry-After to this (its default is Infinity); shouldRetry below refuses those first, so
        // this only bounds what a header read differently at the two moments could make ky wait.
        maxRetryAfter: MAX_RETRY_AFTER_MS,
        backoffLimit: options.retryMaxMs ?? 8_000,
        delay: (attempt) => baseMs * 2 ** (attempt - 1),
        jitter: true,
        shouldRetry: ({ error }) => shouldRetry(error, now()),
      },
      hooks: {
        beforeRetry: [
          ({ request, error, retryCount }) => {
            const status = isHttpError(error) ? error.response.status : error.name;
            log.debug(`retry ${retryCount} of ${request.method} ${new URL(request.url).pathname} after ${status}`);
          },
        ],
      },
    });
  }

  /**
   * `GET <path>`, its answer parsed as JSON and decoded by `decode`. Every failure leaves as a QuoError: an HTTP
   * error, a network failure, a timeout, a cancellation, a too-large answer, or one that is not what `decode` expects.
   */
  getJson<T>(path: string, decode: (body: unknown) => T, options: RequestOptions, searchParams?: URLSearchParams): Promise<T> {
    return this.reported(this.exchange('get', path, decode, options, searchParams === undefined ? {} : { searchParams }));
  }

  /**
   * `POST`, `PATCH` or `DELETE <path>` with `body` as JSON (none when undefined), its answer decoded like getJson's;
   * an answer with no body (a 204) is decoded as undefined. Never retried, whatever the answer: ky retries GETs
   * only, and a write that may have reached Quo is the user's to send again, not ours (a second POST is a second
   * contact). The same slot, timeout, size bound, errors and outcome report as a read.
   */
  writeJson<T>(method: WriteMethod, path: string, body: unknown, decode: (body: unknown) => T, options: RequestOptions): Promise<T> {
    return this.reported(this.exchange(method, path, decode, options, body === undefined ? {} : { json: body }));
  }

  private async reported<T>(request: Promise<T>): Promise<T> {
    if (!this.onOutcome) {
      return request;
    }
    let value: T;
    try {
      value = await request;
    } catch (error) {
      this.onOutcome({ failed: true, error });
      throw error;
    }
    this.onOutcome({ failed: false });
    return value;
  }

  private async exchange<T>(
    method: 'get' | WriteMethod,
    path: string,
    decode: (body: unknown) => T,
    options: RequestOptions,
    extra: { readonly searchParams?: URLSearchParams; readonly json?: unknown },
  ): Promise<T> {
    // Linked per request, not combined with AbortSignal.any: the lifetime outlives thousands of requests (linkedSignal.ts).
    const link = this.lifetime ? linkSignals([options.signal, this.lifetime]) : undefined;
    const signal = link?.signal ?? options.signal;
    const what = `${method.toUpperCase()} /${path}`;
    let text: string;
    try {
      const priority = options.priority ?? 'interactive';
      const response = await this.http(path, {
        method,
        // ky waits out its retry delays on this signal too: aborting it ends a request between two attempts.
        ...(signal ? { signal } : {}),
        ...extra,
        // The retry list names GET alone already; a write's own limit of 0 keeps it so whatever that list becomes.
        ...(method === 'get' ? {} : { retry: { limit: 0 } }),
        // Every attempt, retries included, goes through send() and so through the session's limiter.
        fetch: (input, init) => this.send(priority, input, init),
      });
      text = await response.text();
    } catch (error) {
      throw await toQuoError(error, signal, this.now());
    } finally {
      link?.release();
    }
    let body: unknown;
    try {
      // A write's answer may have no body at all (DELETE's 204); a read's always has one.
      body = method !== 'get' && text.length === 0 ? undefined : JSON.parse(text);
    } catch {
      throw new QuoError({
        kind: 'decode',
        message: method === 'get' ? l10n.t('the answer to GET /{0} is not JSON.', path) : l10n.t('the answer to {0} is not JSON.', what),
      });
    }
    try {
      return decode(body);
    } catch (error) {
      if (error instanceof DecodeError) {
        this.log.warn(`Could not decode ${what}: ${error.message}`);
        throw new QuoError({ kind: 'decode', message: error.message, cause: error });
      }
      throw error;
    }
  }

  /**
   * One attempt: a slot from the limiter, the request and its whole body under one timeout, the slot released when
   * the body is in. Resolves with the answer's body already read (so ky, the decoder and the error parser never wait
   * on the network again); rejects with a timeout or too-large QuoError, or with what fetch threw.
   */
  private async send(priority: RequestPriority, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : new Request(input, init);
    const release = await this.limiter.acquire(priority, request.signal);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const signal = AbortSignal.any([request.signal, timeout.signal]);
    const path = new URL(request.url).pathname;
    this.log.trace(`→ ${request.method} ${path}`);
    try {
      // Resolved per call, not at creation, so a fetch patched later (VS Code's proxy support) is used.
      const response = await (this.fetchImpl ?? globalThis.fetch)(request, { signal });
      if (response.status === 429) {
        this.onRateLimited?.();
      }
      const read = await this.readBody(response, signal, `${request.method} ${path}`);
      this.log.trace(`← ${response.status} ${request.method} ${path} (${read.bytes} bytes)`);
      return read.response;
    } catch (error) {
      if (error instanceof QuoError) {
        throw error;
      }
      if (timeout.signal.aborted && !request.signal.aborted) {
        throw new QuoError({ kind: 'timeout', message: l10n.t('Quo did not answer in time.'), cause: error });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  /**
   * Reads the body to its end, counting bytes as they arrive, and gives back an answer that holds it in memory.
   * Beyond `maxResponseBytes` (declared or counted) the rest is cancelled: a 2xx fails as too-large, an error answer
   * keeps its status and loses its body, which says nothing a status cannot. Aborting `signal` (the timeout, or
   * every caller gone) cancels the read even when the fetch in use ignores the signal once the headers are in.
   */
  private async readBody(
    response: Response,
    signal: AbortSignal,
    what: string,
  ): Promise<{ readonly response: Response; readonly bytes: number }> {
    const limit = this.maxResponseBytes;
    const body = response.body;
    if (!body) {
      return { response, bytes: 0 };
    }
    const tooLarge = (): { readonly response: Response; readonly bytes: number } => {
      const mb = Math.round(limit / (1024 * 1024));
      if (!response.ok) {
        this.log.warn(`The ${response.status} answer to ${what} is larger than ${mb} MB; its body was not read.`);
        return { response: rebuilt(response, null), bytes: 0 };
      }
      this.log.warn(`The answer to ${what} is larger than ${mb} MB; it was not read.`);
      throw new QuoError({
        kind: 'too-large',
        message: l10n.t("Quo's answer to {0} is larger than {1} MB; it was not read.", what, mb),
      });
    };
    const declared = Number(response.headers.get('content-length') ?? '');
    if (Number.isFinite(declared) && declared > limit) {
      void body.cancel().catch(() => undefined);
      return tooLarge();
    }
    const reader = body.getReader();
    const onAbort = (): void => void reader.cancel(signal.reason).catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    try {
      for (;;) {
        if (signal.aborted) {
          void reader.cancel(signal.reason).catch(() => undefined);
          throw abortReason(signal);
        }
        const { done, value } = await reader.read();
        // A cancelled read ends as if the body were complete: only the signal tells the two apart.
        if (signal.aborted) {
          throw abortReason(signal);
        }
        if (done) {
          break;
        }
        bytes += value.byteLength;
        if (bytes > limit) {
          void reader.cancel().catch(() => undefined);
          return tooLarge();
        }
        chunks.push(value);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    const whole = new Uint8Array(bytes);
    let offset = 0;
    for (const chunk of chunks) {
      whole.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { response: rebuilt(response, whole), bytes };
  }
}

/**
 * ky's retry decision, refined. Only HTTP answers are retried: a refused connection, a failed DNS lookup, a timeout
 * or a too-large answer is reported at once (waiting would only delay "offline" in the hover, and the next use tries
 * again anyway). An answer whose `Retry-After` (or rate-limit reset header) asks for more than MAX_RETRY_AFTER_MS is
 * not retried either: it fails now and carries the time in `retryAt`. One whose header cannot be read is retried
 * with the usual backoff (ky would wait its maxRetryAfter, or with none set, 24 days). Otherwise ky decides.
 */
function shouldRetry(error: Error, now: number): boolean | undefined {
  if (!isHttpError(error)) {
    return false;
  }
  const { status, headers } = error.response;
  if (!AFTER_STATUS_CODES.includes(status) || retryHeader(headers) === undefined) {
    return undefined;
  }
  const delay = retryDelayMs(headers, now);
  if (delay === undefined) {
    return RETRY_STATUS_CODES.includes(status) ? true : undefined;
  }
  return delay > MAX_RETRY_AFTER_MS ? false : undefined;
}

/** The answer again, with `body` (already read) in place of its stream. */
function rebuilt(response: Response, body: Uint8Array<ArrayBuffer> | null): Response {
  const copy = new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A constructed Response has no URL; keep the one the answer came from, for logs and errors.
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

async function toQuoError(error: unknown, signal: AbortSignal | undefined, now: number): Promise<QuoError> {
  if (error instanceof QuoError) {
    return error;
  }
  if (isHttpError(error)) {
    let body = '';
    try {
      body = await error.response.text();
    } catch {
      // The body could not be read (connection dropped mid-answer): the status alone still says what happened.
    }
    return errorFromResponse(error.response.status, error.response.statusText, body, retryAtFrom(error.response.headers, now));
  }
  if (signal?.aborted) {
    return cancelledRequest(signal.reason);
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return cancelledRequest(error);
  }
  const code = networkErrorCode(error);
  return new QuoError({
    kind: 'network',
    message: code ? l10n.t('Could not reach Quo ({0}).', code) : l10n.t('Could not reach Quo.'),
    cause: error,
  });
}

/** fetch hides the system error under `cause`; its code (ECONNREFUSED, ENOTFOUND…) is what tells the user why. */
function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
