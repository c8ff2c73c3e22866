/**
 * A local stand-in for the Quo v1 API (node:http only), so tests, the demo and newcomers need no Quo account.
 * It serves what the extension reads: contacts by id and by page, custom field definitions, the workspace's numbers
 * and users, and the calls and messages with its well-known contacts with their summaries and transcripts, behind
 * the real API's key check and rate limit, with faults on demand.
 *
 * Request path: route → count → wrapped-401 fault → key check → rate limit → hang → 500 faults → data →
 * malformed JSON fault → stalled body fault → latency → answer.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody, HTML_ERROR_PAGE, traceId, wrapped401Body } from './errors.js';
import { failsAt, malformContact, validateFaults, type SandboxFaults } from './faults.js';
import { DEFAULT_SEED, generateWorkspace } from './generate.js';
import { createHandler, matchRoute, type PresentContact, type Route, type RouteKind } from './routes.js';
import { StatsRecorder, type SandboxStats } from './stats.js';
import type { ApiContact, Workspace } from './wire.js';
import { RateLimiter } from './window.js';

export type { SandboxFaults } from './faults.js';
export type { RouteKind } from './routes.js';
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
  /** How latency is waited for (default: a timer); inject one to hold and release answers in tests. */
  readonly wait?: (ms: number) => Promise<void>;
  /** Called once per answer (or hang). Carries no headers, so the key never reaches a log. */
  readonly onRequest?: (entry: RequestLogEntry) => void;
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
  readonly key: string;
  /** The contacts served, in list order. */
  readonly contacts: readonly ApiContact[];
  /** The contacts each of `otherWorkspaces` serves, by key. */
  readonly otherContacts: ReadonlyMap<string, readonly ApiContact[]>;
  /** Everything served: contacts, users, Quo numbers, custom field definitions, calls and messages. */
  readonly workspace: Workspace;
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
  eligible: number;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const key = options.key ?? DEFAULT_KEY;
  if (key.length === 0) {
    throw new RangeError('the sandbox key must not be empty');
  }
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? Date.now;
  const workspace = generateWorkspace({ contacts: options.contacts, seed });
  const otherContacts = new Map<string, readonly ApiContact[]>();
  const tenants = new Map([[key, { handle: createHandler(workspace), limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT) }]]);
  for (const other of options.otherWorkspaces ?? []) {
    if (other.key.length === 0 || tenants.has(other.key)) {
      throw new RangeError('every sandbox workspace needs its own non-empty key');
    }
    const data = generateWorkspace({ contacts: other.contacts, seed: other.seed ?? seed + tenants.size });
    otherContacts.set(other.key, data.contacts);
    tenants.set(other.key, { handle: createHandler(data), limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT) });
  }
  const stats = new StatsRecorder();
  const hanging = new Set<ServerResponse>();
  const timers = new Map<NodeJS.Timeout, () => void>();
  let requestNumber = 0;
  let closed = false;

  const faultState = (faults: SandboxFaults): FaultState => {
    validateFaults(faults);
    return {
      faults,
      rateLimitedUntil: now() + (faults.rateLimitedForMs ?? 0),
      malformed: new Set(faults.malformedContactIds ?? []),
      eligible: 0,
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

  const decide = (req: IncomingMessage, route: Route, trace: string, arrival: number): Answer | typeof HANG => {
    const fail = (status: number, message: string, headers?: Record<string, string>): Answer =>
      json(status, errorBody(route.resource, status, message, trace), headers);
    if (route.kind === 'unknown') {
      return fail(404, 'Not found');
    }
    if (req.method !== 'GET') {
      return fail(405, 'The sandbox serves GET only', { Allow: 'GET' });
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
    const { handle, limiter } = tenant;
    if (inScope && arrival < state.rateLimitedUntil) {
      return fail(429, 'Too many requests');
    }
    if (!limiter.admit(arrival)) {
      return fail(429, 'Too many requests');
    }
    if (inScope && faults.hang) {
      return HANG;
    }
    if (inScope && faults.failRate !== undefined && faults.failRate > 0) {
      state.eligible++;
      if (failsAt(state.eligible, faults.failRate)) {
        return faults.failBody === 'html'
          ? { status: 500, contentType: 'text/html; charset=utf-8', body: HTML_ERROR_PAGE }
          : fail(500, 'Something went wrong');
      }
    }
    const present: PresentContact =
      inScope && state.malformed.size > 0
        ? (contact) => (state.malformed.has(contact.id) ? malformContact(contact) : contact)
        : (contact) => contact;
    const query = new URLSearchParams(queryOf(req.url ?? ''));
    const outcome = handle(route, query, present);
    if (outcome.status !== 200) {
      return json(outcome.status, errorBody(route.resource, outcome.status, outcome.message, trace, outcome.errors));
    }
    const answer = json(200, outcome.body);
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
    const route = matchRoute(pathOf(rawUrl));
    stats.arrived(route.kind, req.headers.authorization, arrival);
    const answer = decide(req, route, traceId(seed, requestNumber), arrival);
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
    res.writeHead(answer.status, {
      'Content-Type': answer.contentType,
      'Content-Length': Buffer.byteLength(answer.body),
      ...answer.headers,
    });
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

  let closing: Promise<void> | undefined;
  return {
    url,
    key,
    contacts: workspace.contacts,
    otherContacts,
    workspace,
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
