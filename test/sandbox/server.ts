/**
 * A local stand-in for the Quo v1 API (node:http only), so tests, the demo and newcomers need no Quo account.
 * It serves what the extension reads: contacts by id and by page, custom field definitions, the workspace's numbers
 * and users, and the calls and messages with its well-known contacts with their summaries and transcripts, webhooks,
 * and the calls' recordings and voicemails, whose audio it serves under `/media/` as their storage host; and the
 * contact writes (`POST /v1/contacts`, `PATCH` and `DELETE /v1/contacts/{id}`, held in memory until it closes, see
 * contactWrites.ts), behind the real API's key check and rate limit, with faults on demand.
 *
 * Request path: route → count → body read (writes) → wrapped-401 fault → key check → rate limit → hang →
 * failNext fault → 500 faults → data (body validation, then the write) → malformed JSON fault → stalled body fault →
 * latency → answer.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES, describeErrors } from './contactWrites.js';
import { errorBody, HTML_ERROR_PAGE, traceId, wrapped401Body } from './errors.js';
import { failsAt, malformContact, validateFaults, type SandboxFaults } from './faults.js';
import { DEFAULT_SEED, generateWorkspace } from './generate.js';
import {
  createHandler,
  matchRoute,
  type Outcome,
  type PresentContact,
  type RequestBody,
  type Route,
  type RouteKind,
  type WorkspaceApi,
} from './routes.js';
import { DEFAULT_RECORDINGS_BASE_URL, mediaBytes } from './resources.js';
import { StatsRecorder, type SandboxStats } from './stats.js';
import type { ApiContact, ApiContactPatch, Workspace } from './wire.js';
import { RateLimiter } from './window.js';

export type { FailNext, SandboxFaults } from './faults.js';
export { WRITE_ROUTES, type RouteKind } from './routes.js';
export type { SandboxStats } from './stats.js';

/** A fake key: the sandbox holds no secrets, but clients must still send exactly this. */
export const DEFAULT_KEY = 'quo-sandbox-key';
/** Quo's limit: 10 requests in any second per key. */
export const DEFAULT_RATE_LIMIT = 10;

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly key?: string;
  /**
   * More Quo workspaces on the same server, each answering its own key with its own data and its own rate limit
   * (Quo's limit is per key), as a person with several workspaces sees them.
   */
  readonly otherWorkspaces?: readonly { readonly key: string; readonly contacts?: number | readonly ApiContact[]; readonly seed?: number }[];
  /** How many contacts to generate (default 300), or the exact contacts to serve, in list order. */
  readonly contacts?: number | readonly ApiContact[];
  readonly seed?: number;
  /** Requests admitted in any sliding second before 429s; Infinity turns the limit off. */
  readonly rateLimit?: number;
  readonly faults?: SandboxFaults;
  /** The clock of the rate limit, `maxInWindow` and `rateLimitedForMs`; inject one to test them without waiting. */
  readonly now?: () => number;
  /**
   * The wall clock (epoch ms) of the writes: a created contact's `createdAt` (and the first 8 hex digits of its id),
   * every changed contact's `updatedAt`. Default Date.now; apart from `now` so a test of the rate limit keeps real
   * dates on its contacts.
   */
  readonly clock?: () => number;
  /** How latency is waited for (default: a timer); inject one to hold and release answers in tests. */
  readonly wait?: (ms: number) => Promise<void>;
  /** Called once per answer (or hang). Carries no headers, so the key never reaches a log. */
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /**
   * Where the recordings' and voicemails' urls point: a storage host that is not the API (default
   * `https://media.quo-sandbox.example`, which resolves nowhere), or a function of the sandbox's own url, such as
   * `(url) => `${url}/media``, to have the sandbox serve the audio itself (over http) under `/media/`.
   */
  readonly recordingsBaseUrl?: string | ((sandboxUrl: string) => string);
}

export interface RequestLogEntry {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly route: RouteKind;
  readonly status: number | 'hang';
}

export interface Sandbox {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`; API paths start `/v1/`. */
  readonly url: string;
  /** What the recordings' and voicemails' urls start with (the `recordingsBaseUrl` option, resolved). */
  readonly recordingsBaseUrl: string;
  readonly key: string;
  /**
   * The contacts served now, in list order: writes show here. Each read is a snapshot that later writes leave as it
   * was, so read it again after one.
   */
  readonly contacts: readonly ApiContact[];
  /** The contacts each of `otherWorkspaces` serves now, by key. */
  readonly otherContacts: ReadonlyMap<string, readonly ApiContact[]>;
  /** Everything served now: contacts, users, Quo numbers, custom field definitions, calls and messages. */
  readonly workspace: Workspace;
  /** The contact with this id as served now (in the workspace of `key`, the sandbox's own by default). */
  contact(id: string, key?: string): ApiContact | undefined;
  /**
   * A teammate changes contact `id` in the Quo app: `patch` is a `PATCH /v1/contacts/{id}` body, applied as the
   * route applies one (only the fields sent, arrays replaced, `value: null` removing an item, custom fields by key)
   * and `updatedAt` moved on, strictly later than before. Call it between a client's read and its write to test
   * that the write does not lose the change. Not a request: no stats, key check, rate limit or fault, and read-only
   * contacts take it too. Returns the contact as now served; throws when the id is unknown or the spec refuses
   * `patch`.
   */
  changeContact(id: string, patch: ApiContactPatch, key?: string): ApiContact;
  /** A snapshot of what has been received and answered so far. */
  readonly stats: SandboxStats;
  resetStats(): void;
  /** Replaces the current faults (`setFaults({})` clears them) and restarts their counters and durations. */
  setFaults(faults: SandboxFaults): void;
  /** Stops listening and ends every open connection, hanging requests included. */
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the headers and half the body, then stall (the `stallBody` fault). */
  readonly stall?: boolean;
}

const HANG = 'hang';

interface FaultState {
  readonly faults: SandboxFaults;
  readonly rateLimitedUntil: number;
  readonly malformed: ReadonlySet<string>;
  readonly readOnly: ReadonlySet<string>;
  eligible: number;
  /** How many more requests the `failNext` fault fails. */
  failNextLeft: number;
}

/** The kinds of request whose body the sandbox reads. */
const WITH_BODY: ReadonlySet<RouteKind> = new Set(['createContact', 'updateContact']);

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const key = options.key ?? DEFAULT_KEY;
  if (key.length === 0) {
    throw new RangeError('the sandbox key must not be empty');
  }
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? Date.now;
  const workspace = generateWorkspace({ contacts: options.contacts, seed });
  const clock = options.clock ?? Date.now;
  const main: WorkspaceApi = createHandler(workspace, { clock, seed });
  const tenants = new Map<string, { readonly api: WorkspaceApi; readonly limiter: RateLimiter }>([
    [key, { api: main, limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT) }],
  ]);
  for (const other of options.otherWorkspaces ?? []) {
    if (other.key.length === 0 || tenants.has(other.key)) {
      throw new RangeError('every sandbox workspace needs its own non-empty key');
    }
    const otherSeed = other.seed ?? seed + tenants.size;
    const data = generateWorkspace({ contacts: other.contacts, seed: otherSeed });
    tenants.set(other.key, { api: createHandler(data, { clock, seed: otherSeed }), limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT) });
  }
  const tenantOf = (tenantKey: string): WorkspaceApi => {
    const tenant = tenants.get(tenantKey);
    if (!tenant) {
      throw new RangeError('no sandbox workspace answers that key');
    }
    return tenant.api;
  };
  const stats = new StatsRecorder();
  const hanging = new Set<ServerResponse>();
  const timers = new Map<NodeJS.Timeout, () => void>();
  let requestNumber = 0;
  let closed = false;
  // Set once the server listens, before any request is read.
  let recordingsBaseUrl = DEFAULT_RECORDINGS_BASE_URL;

  const faultState = (faults: SandboxFaults): FaultState => {
    validateFaults(faults);
    return {
      faults,
      rateLimitedUntil: now() + (faults.rateLimitedForMs ?? 0),
      malformed: new Set(faults.malformedContactIds ?? []),
      readOnly: new Set(faults.readOnlyContactIds ?? []),
      eligible: 0,
      failNextLeft: faults.failNext === undefined ? 0 : (faults.failNext.times ?? 1),
    };
  };
  let state = faultState(options.faults ?? {});

  const wait =
    options.wait ??
    ((ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.set(timer, resolve);
      }));

  const json = (status: number, value: unknown, headers?: Record<string, string>): Answer => ({
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(value),
    ...(headers ? { headers } : {}),
  });

  const decide = (
    req: IncomingMessage,
    route: Route,
    body: RequestBody | undefined,
    trace: string,
    arrival: number,
  ): Answer | typeof HANG => {
    const fail = (status: number, message: string, headers?: Record<string, string>): Answer =>
      json(status, errorBody(route.resource, status, message, trace), headers);
    if (route.kind === 'unknown') {
      return route.allow
        ? fail(405, `${req.method ?? ''} is not served here; ${route.allow.join(', ')} are`, { Allow: route.allow.join(', ') })
        : fail(404, 'Not found');
    }
    const { faults } = state;
    const inScope = faults.routes === undefined || faults.routes.includes(route.kind);
    if (inScope && faults.wrapped401) {
      return json(401, wrapped401Body(trace));
    }
    // The raw key, exactly: `Bearer <key>` is refused, as Quo refuses it.
    const tenant = tenants.get(req.headers.authorization ?? '');
    if (tenant === undefined) {
      return fail(401, 'Unauthorized');
    }
    const { api, limiter } = tenant;
    const tooMany = (): Answer =>
      fail(
        429,
        'Too many requests',
        inScope && faults.retryAfterSeconds !== undefined ? { 'Retry-After': String(faults.retryAfterSeconds) } : undefined,
      );
    if (inScope && arrival < state.rateLimitedUntil) {
      return tooMany();
    }
    if (!limiter.admit(arrival)) {
      return tooMany();
    }
    if (inScope && faults.hang) {
      return HANG;
    }
    const present: PresentContact =
      inScope && state.malformed.size > 0
        ? (contact) => (state.malformed.has(contact.id) ? malformContact(contact) : contact)
        : (contact) => contact;
    const serve = (): Outcome =>
      api.handle(
        { route, query: new URLSearchParams(queryOf(req.url ?? '')), ...(body ? { body } : {}) },
        { present, refusesWrites: (id) => inScope && state.readOnly.has(id), recordingsBaseUrl },
      );
    if (inScope && faults.failNext !== undefined && state.failNextLeft > 0) {
      state.failNextLeft--;
      const { status, applied } = faults.failNext;
      if (applied) {
        serve();
      }
      return status === 429 ? tooMany() : fail(status, status === 409 ? 'Conflict' : 'Something went wrong');
    }
    if (inScope && faults.failRate !== undefined && faults.failRate > 0) {
      state.eligible++;
      if (failsAt(state.eligible, faults.failRate)) {
        return faults.failBody === 'html'
          ? { status: 500, contentType: 'text/html; charset=utf-8', body: HTML_ERROR_PAGE }
          : fail(500, 'Something went wrong');
      }
    }
    const outcome = serve();
    if (outcome.status === 204) {
      // No body, so nothing for the malformed JSON or stalled body faults to cut.
      return { status: 204, contentType: '', body: '' };
    }
    if ('message' in outcome) {
      return json(outcome.status, errorBody(route.resource, outcome.status, outcome.message, trace, outcome.errors));
    }
    const answer = json(outcome.status, outcome.body);
    if (inScope && faults.malformedJson) {
      return { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) };
    }
    if (inScope && faults.stallBody) {
      return { ...answer, stall: true };
    }
    return answer;
  };

  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const arrival = now();
    requestNumber++;
    const rawUrl = req.url ?? '/';
    const route = matchRoute(pathOf(rawUrl), req.method);
    stats.arrived(route.kind, req.headers.authorization, arrival);
    if (route.kind === 'media') {
      // The storage host: no key, rate limit or fault of the API's, only the file or a 404.
      const bytes = route.id == null ? undefined : mediaBytes(route.id);
      res.writeHead(bytes ? 200 : 404, { 'Content-Type': bytes ? 'audio/wav' : 'text/plain; charset=utf-8' });
      res.end(bytes ?? 'Not found');
      stats.answered(bytes ? 200 : 404);
      options.onRequest?.({ method: req.method ?? '', url: rawUrl, route: route.kind, status: bytes ? 200 : 404 });
      return;
    }
    const trace = traceId(seed, requestNumber);
    const body = WITH_BODY.has(route.kind) ? await readRequestBody(req) : undefined;
    if (closed || res.destroyed) {
      return;
    }
    const answer = decide(req, route, body, trace, arrival);
    if (answer === HANG) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      options.onRequest?.({ method: req.method ?? '', url: rawUrl, route: route.kind, status: HANG });
      return;
    }
    const { faults } = state;
    const latency = faults.routes === undefined || faults.routes.includes(route.kind) ? (faults.latencyMs ?? 0) : 0;
    if (latency > 0) {
      await wait(latency);
    }
    if (closed || res.destroyed) {
      return;
    }
    res.writeHead(
      answer.status,
      // A 204 has neither: HTTP forbids its Content-Length, and there is no content to have a type.
      answer.status === 204
        ? { ...answer.headers }
        : { 'Content-Type': answer.contentType, 'Content-Length': Buffer.byteLength(answer.body), ...answer.headers },
    );
    if (answer.stall) {
      // The status and headers go out now, the rest of the body never does: the connection stays open until close().
      res.write(answer.body.slice(0, Math.floor(answer.body.length / 2)));
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
    } else {
      res.end(answer.body);
    }
    stats.answered(answer.status);
    options.onRequest?.({ method: req.method ?? '', url: rawUrl, route: route.kind, status: answer.status });
  };

  const server = createServer((req, res) => {
    respond(req, res).catch(() => {
      // A bug here must not take the test run down with an unhandled rejection; the client sees a bare 500.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500).end();
      }
    });
  });
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const base = options.recordingsBaseUrl;
  recordingsBaseUrl = (typeof base === 'function' ? base(url) : (base ?? DEFAULT_RECORDINGS_BASE_URL)).replace(/\/+$/, '');

  let closing: Promise<void> | undefined;
  return {
    url,
    key,
    recordingsBaseUrl,
    get contacts() {
      return main.store.contacts;
    },
    get otherContacts() {
      return new Map([...tenants].filter(([tenantKey]) => tenantKey !== key).map(([tenantKey, { api }]) => [tenantKey, api.store.contacts]));
    },
    get workspace() {
      return { ...workspace, contacts: main.store.contacts };
    },
    contact: (id, tenantKey = key) => tenantOf(tenantKey).store.get(id),
    changeContact: (id, patch, tenantKey = key) => {
      const api = tenantOf(tenantKey);
      const outcome = api.change(id, patch);
      if ('message' in outcome) {
        throw new Error(`changeContact ${id}: ${outcome.status} ${changeFailure(outcome)}`);
      }
      if (outcome.status === 204) {
        throw new Error(`changeContact ${id}: no contact in the answer`);
      }
      return (outcome.body as { data: ApiContact }).data;
    },
    get stats() {
      return stats.snapshot();
    },
    resetStats: () => stats.reset(),
    setFaults: (faults) => {
      state = faultState(faults);
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        for (const [timer, release] of timers) {
          clearTimeout(timer);
          release();
        }
        timers.clear();
        for (const res of hanging) {
          res.destroy();
        }
        hanging.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function changeFailure(outcome: Extract<Outcome, { message: string }>): string {
  return outcome.errors ? describeErrors(outcome.errors) : outcome.message;
}

/** The whole body, up to MAX_BODY_BYTES (the rest is read and dropped, and the body marked too large). */
function readRequestBody(req: IncomingMessage): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      } else {
        tooLarge = true;
      }
    });
    req.on('end', () =>
      resolve({ contentType: req.headers['content-type'], text: Buffer.concat(chunks).toString('utf8'), tooLarge }),
    );
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) {
        reject(new Error('the request ended before its body'));
      }
    });
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function pathOf(rawUrl: string): string {
  const mark = rawUrl.indexOf('?');
  return mark === -1 ? rawUrl : rawUrl.slice(0, mark);
}

function queryOf(rawUrl: string): string {
  const mark = rawUrl.indexOf('?');
  return mark === -1 ? '' : rawUrl.slice(mark + 1);
}
