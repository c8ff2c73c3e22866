/**
 * Runs a contact's request plan one budget at a time and keeps what came back: calls once each (the same call comes
 * back from the owner's list and a teammate's), everything newest first, and a failure on one line reported for that
 * line while the others load. A failure about the connection (a refused key, a 429, no answer) stops the whole
 * spend instead: every other request would meet it too, and the session's state says it once.
 *
 * A spend is all or nothing: it either returns the progress with everything it learnt, or throws and leaves the
 * progress it started from as it was, so asking again repeats the same requests.
 */
import type { ListCallsOptions, ListMessagesOptions } from '../quo/client.js';
import { QuoError } from '../quo/errors.js';
import type { RequestPriority } from '../quo/rateLimiter.js';
import type { Call, CallPage, Message, MessagePage } from '../quo/types.js';
import { classifyFailure } from '../connection/availability.js';
import { ACTIVITY_BUDGET, linesBelow, type ActivityList, type ActivityPlan, type PlannedRequest } from './activityPlan.js';

/** What the loader needs of a client (QuoClient is one); the session passes one that reports to its state. */
export interface ActivitySource {
  listMessages(options: ListMessagesOptions): Promise<MessagePage>;
  listCalls(options: ListCallsOptions): Promise<CallPage>;
}

export type ActivityItem =
  | { readonly kind: 'call'; readonly lineId: string; readonly call: Call }
  | { readonly kind: 'message'; readonly lineId: string; readonly message: Message };

/** The first failure of one list on one line: a QuoError (a 403, a 402, a 5xx after retries…), or a bug. */
export interface LineError {
  readonly lineId: string;
  readonly list: ActivityList;
  readonly error: unknown;
}

export interface ActivityCoverage {
  /** Lines whose every planned request has been sent (answered or failed), in the API's order. */
  readonly checkedLineIds: readonly string[];
  readonly linesChecked: number;
  /** Lines the plan has requests for. */
  readonly linesTotal: number;
  /** List requests sent so far, older pages included. */
  readonly requestsSent: number;
  /** First-page requests in the plan. */
  readonly requestsPlanned: number;
  /** Lists whose older items have not been asked for yet. */
  readonly listsWithOlderItems: number;
}

/** A contact's activity as far as it has been checked. */
export interface ContactActivity {
  /** Calls and messages, newest first, each once. */
  readonly items: readonly ActivityItem[];
  readonly lineErrors: readonly LineError[];
  readonly coverage: ActivityCoverage;
  /** The contact's numbers that are not E.164, so were not asked about. */
  readonly skippedNumbers: readonly string[];
  /** Whether another budget would check more: lines not asked yet, or older pages. */
  readonly hasMore: boolean;
}

/** A list to ask for: a planned request, and for an older page the token Quo gave with the one before. */
interface PendingList {
  readonly index: number;
  readonly request: PlannedRequest;
  readonly pageToken?: string;
}

/**
 * Everything known after some spends, and what the next spend would send. Treat as opaque. Its size follows what
 * was sent, never the plan's: the plan's requests are made a budget at a time, and surfaces read it on every hover
 * and render.
 */
export interface ActivityProgress {
  readonly plan: ActivityPlan;
  /** First pages are sent in plan order, so those asked for so far are exactly the plan indexes below this one. */
  readonly nextRequest: number;
  /** Older pages to ask for, in the order found; each goes after every first page. */
  readonly olderPages: readonly PendingList[];
  /** Lines whose every planned request has been sent, kept here so reading the progress costs nothing. */
  readonly checkedLineIds: readonly string[];
  readonly requestsSent: number;
  readonly items: readonly ActivityItem[];
  readonly lineErrors: readonly LineError[];
  /** Page tokens already followed, per plan index: a token handed out twice would loop. */
  readonly tokens: ReadonlyMap<number, ReadonlySet<string>>;
}

export interface SpendOptions {
  /** `maxResults` of every list (1..100). */
  readonly maxResults: number;
  readonly budget?: number;
  readonly priority?: RequestPriority;
  readonly signal?: AbortSignal;
  /** Failures that end the spend rather than one line: by default those that change the connection's state. */
  readonly stopsSpend?: (error: unknown) => boolean;
}

export function startActivity(plan: ActivityPlan): ActivityProgress {
  return {
    plan,
    nextRequest: 0,
    olderPages: [],
    checkedLineIds: [],
    requestsSent: 0,
    items: [],
    lineErrors: [],
    tokens: new Map(),
  };
}

/** A 401, a 429, a network failure or a timeout; also a cancellation, and a request the client refused to send. */
export function stopsSpendByDefault(error: unknown): boolean {
  if (classifyFailure(error, (text) => text) !== undefined) {
    return true;
  }
  return error instanceof QuoError && (error.kind === 'cancelled' || error.kind === 'config');
}

interface Outcome {
  readonly pending: PendingList;
  readonly items?: readonly ActivityItem[];
  readonly nextPageToken?: string | null;
  readonly error?: unknown;
}

/**
 * Sends the next `budget` lists at once (the shared limiter paces them): first pages not asked for yet, in plan
 * order, then older pages. Merges their answers.
 */
export async function spendBudget(
  source: ActivitySource,
  progress: ActivityProgress,
  options: SpendOptions,
): Promise<ActivityProgress> {
  const batch = nextBatch(progress, Math.max(0, options.budget ?? ACTIVITY_BUDGET));
  if (batch.length === 0) {
    return progress;
  }
  const stopsSpend = options.stopsSpend ?? stopsSpendByDefault;
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  let stop: { readonly error: unknown } | undefined;
  const outcomes = await Promise.all(
    batch.map(async (pending): Promise<Outcome> => {
      try {
        return { pending, ...(await fetchList(source, pending.request, pending.pageToken, options, signal)) };
      } catch (error) {
        if (!stop && (options.signal?.aborted || stopsSpend(error))) {
          stop = { error };
          // The other requests would meet the same failure: no need to wait for each of them to.
          controller.abort(error);
        }
        return { pending, error };
      }
    }),
  );
  if (stop) {
    throw stop.error;
  }
  return merge(progress, batch, outcomes);
}

/** The lists a spend of `budget` sends; only these of the plan's requests are made. */
function nextBatch(progress: ActivityProgress, budget: number): PendingList[] {
  const { plan } = progress;
  const batch: PendingList[] = [];
  for (let index = progress.nextRequest; index < plan.size && batch.length < budget; index++) {
    const request = plan.request(index);
    if (!request) {
      // Never within the plan's size; stopping keeps the first pages sent a run from index 0.
      break;
    }
    batch.push({ index, request });
  }
  return [...batch, ...progress.olderPages.slice(0, budget - batch.length)];
}

async function fetchList(
  source: ActivitySource,
  request: PlannedRequest,
  pageToken: string | undefined,
  options: SpendOptions,
  signal: AbortSignal,
): Promise<Pick<Outcome, 'items' | 'nextPageToken'>> {
  const common = {
    phoneNumberId: request.lineId,
    maxResults: options.maxResults,
    priority: options.priority ?? 'activity',
    signal,
    ...(pageToken === undefined ? {} : { pageToken }),
  };
  const { lineId } = request;
  if (request.list === 'messages') {
    const page = await source.listMessages({ ...common, participants: [request.participant] });
    return { items: page.messages.map((message) => ({ kind: 'message', lineId, message })), nextPageToken: page.nextPageToken };
  }
  const page = await source.listCalls({
    ...common,
    participant: request.participant,
    ...(request.userId === undefined ? {} : { userId: request.userId }),
  });
  return { items: page.calls.map((call) => ({ kind: 'call', lineId, call })), nextPageToken: page.nextPageToken };
}

function merge(progress: ActivityProgress, batch: readonly PendingList[], outcomes: readonly Outcome[]): ActivityProgress {
  const firstPages = batch.filter((pending) => pending.pageToken === undefined).length;
  const tokens = new Map(progress.tokens);
  const lineErrors = [...progress.lineErrors];
  const next: PendingList[] = [];
  const byKey = new Map(progress.items.map((item) => [itemKey(item), item]));
  for (const outcome of outcomes) {
    const { index, request } = outcome.pending;
    if (outcome.items === undefined) {
      if (!lineErrors.some((known) => known.lineId === request.lineId && known.list === request.list)) {
        lineErrors.push({ lineId: request.lineId, list: request.list, error: outcome.error });
      }
      continue;
    }
    for (const item of outcome.items) {
      const key = itemKey(item);
      if (!byKey.has(key)) {
        byKey.set(key, item);
      }
    }
    const token = outcome.nextPageToken;
    const followed = tokens.get(index) ?? new Set<string>();
    if (token && outcome.items.length > 0 && !followed.has(token)) {
      tokens.set(index, new Set([...followed, token]));
      next.push({ index, request, pageToken: token });
    }
  }
  const nextRequest = progress.nextRequest + firstPages;
  return {
    plan: progress.plan,
    // First pages not sent yet go before every older page, so every line is checked before any is deepened.
    nextRequest,
    olderPages: [...progress.olderPages.slice(batch.length - firstPages), ...next],
    checkedLineIds: progress.plan.lineIds.slice(0, linesBelow(progress.plan.lineEnds, nextRequest)),
    requestsSent: progress.requestsSent + batch.length,
    items: [...byKey.values()].sort(newestFirst),
    lineErrors,
    tokens,
  };
}

/** Calls and messages share the `AC` prefix: the kind is part of what makes an item the same. */
function itemKey(item: ActivityItem): string {
  return item.kind === 'call' ? `call ${item.call.id}` : `message ${item.message.id}`;
}

function createdAt(item: ActivityItem): number {
  const time = Date.parse(item.kind === 'call' ? item.call.createdAt : item.message.createdAt);
  return Number.isNaN(time) ? -Infinity : time;
}

function newestFirst(a: ActivityItem, b: ActivityItem): number {
  const difference = createdAt(b) - createdAt(a);
  if (difference !== 0 && !Number.isNaN(difference)) {
    return difference;
  }
  const keyA = itemKey(a);
  const keyB = itemKey(b);
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

/** What surfaces see of the progress, on every hover and render: read, never computed from the plan's size. */
export function activityResult(progress: ActivityProgress): ContactActivity {
  const { plan, checkedLineIds } = progress;
  return {
    items: progress.items,
    lineErrors: progress.lineErrors,
    coverage: {
      checkedLineIds,
      linesChecked: checkedLineIds.length,
      linesTotal: plan.lineIds.length,
      requestsSent: progress.requestsSent,
      requestsPlanned: plan.size,
      listsWithOlderItems: progress.olderPages.length,
    },
    skippedNumbers: plan.skippedNumbers,
    hasMore: progress.nextRequest < plan.size || progress.olderPages.length > 0,
  };
}
