/**
 * Which list requests answer "what happened with this contact?", in the order they are worth sending. Quo has no
 * per-contact history: calls and messages are listed per (line, other number), and calls also per line user,
 * because `GET /v1/calls` without `userId` lists only the workspace owner's calls. The plan is pure (the same lines
 * and numbers always give the same requests), so the exact requests for any workspace are tested without a network.
 */
import type { PhoneNumber } from '../quo/types.js';

/** List requests (calls and messages together) one ask for a contact's activity may spend; asking for more spends another. */
export const ACTIVITY_BUDGET = 24;

/** The spec's pattern for a participant: numbers in any other form would be a 400. */
const E164 = /^\+[1-9]\d{1,14}$/;

export type ActivityList = 'messages' | 'calls';

export interface PlannedRequest {
  readonly list: ActivityList;
  /** The Quo line, `PN…`. */
  readonly lineId: string;
  /** The contact's number (E.164): messages take it as their one participant, calls as their only one. */
  readonly participant: string;
  /**
   * Calls only: a line user who is not the workspace owner, whose calls Quo leaves out otherwise. Never on messages,
   * where it filters by sender and would drop every incoming message.
   */
  readonly userId?: string;
}

/** What the plan needs of a line: its id, its own number and who uses it, in the API's order. */
export type PlanLine = Pick<PhoneNumber, 'id' | 'number'> & {
  readonly users: readonly Pick<PhoneNumber['users'][number], 'id' | 'role'>[];
};

export interface ActivityPlan {
  /** Lines with at least one request, in the API's order. */
  readonly lineIds: readonly string[];
  /** The contact's numbers that are asked about, in their stored order. */
  readonly numbers: readonly string[];
  /** Numbers that are not E.164 and so cannot be asked about. */
  readonly skippedNumbers: readonly string[];
  /** How many first-page requests the plan holds: counted, never listed. */
  readonly size: number;
  /**
   * Per entry of `lineIds`, the plan index just past that line's last request, rising: the lines whose requests
   * all lie below an index are the ones checked once every request below it has been sent.
   */
  readonly lineEnds: readonly number[];
  /**
   * The request at `index` in spending order (undefined outside the plan), made when asked for. A workspace of a
   * thousand shared lines plans tens of thousands of requests, of which a budget sends 24: listing them all would
   * cost more than the requests themselves.
   */
  request(index: number): PlannedRequest | undefined;
}

/** The contact's numbers as the plan takes them: each once, in stored order, nulls dropped, the rest split by form. */
export function contactNumbers(values: readonly (string | null)[]): { readonly numbers: string[]; readonly skipped: string[] } {
  const numbers: string[] = [];
  const skipped: string[] = [];
  for (const value of values) {
    if (value === null || numbers.includes(value) || skipped.includes(value)) {
      continue;
    }
    (E164.test(value) ? numbers : skipped).push(value);
  }
  return { numbers, skipped };
}

/** A line with requests: its share of the plan, from which any of its requests can be made again. */
interface PlannedLine {
  readonly id: string;
  /** The contact's numbers this line is asked about (all but the line's own). */
  readonly participants: readonly string[];
  readonly teammates: readonly string[];
  /** Plan index of the line's first request. */
  readonly start: number;
}

/**
 * The requests for one contact, in the order the budget spends them: lines in the API's order, then the contact's
 * numbers in their stored order, then messages before calls, and the calls without `userId` before those of each
 * teammate in the line's user order. A contact number that is the line's own number is not a conversation on it.
 * Planning costs one pass over the lines and their users; each request is made only when `request` is asked for it.
 */
export function planActivity(
  lines: readonly PlanLine[],
  values: readonly (string | null)[],
  options: PlanOptions = {},
): ActivityPlan {
  const work = options.countWork ?? noWork;
  work(values.length);
  const { numbers, skipped } = contactNumbers(values);
  const planned: PlannedLine[] = [];
  const lineEnds: number[] = [];
  let size = 0;
  for (const line of lines) {
    work(1 + numbers.length + line.users.length);
    const participants = numbers.filter((number) => number !== line.number);
    if (participants.length === 0) {
      continue;
    }
    const teammates = [...new Set(line.users.filter((user) => user.role !== 'owner').map((user) => user.id))];
    planned.push({ id: line.id, participants, teammates, start: size });
    size += participants.length * (2 + teammates.length);
    lineEnds.push(size);
  }
  return {
    lineIds: planned.map((line) => line.id),
    numbers,
    skippedNumbers: skipped,
    size,
    lineEnds,
    request: (index) => requestAt(planned, lineEnds, index, work),
  };
}

export interface PlanOptions {
  /**
   * Told of the work done, in units of one line, user or number looked at and one step of finding a request's line:
   * lets a test bound what planning and making requests cost without a clock (or a counter shared by every test).
   */
  readonly countWork?: (units: number) => void;
}

const noWork = (): void => {};

function requestAt(
  planned: readonly PlannedLine[],
  lineEnds: readonly number[],
  index: number,
  work: (units: number) => void,
): PlannedRequest | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= (lineEnds.at(-1) ?? 0)) {
    return undefined;
  }
  const line = planned[linesBelow(lineEnds, index, work)];
  // Per participant: messages, the calls without userId, then one list of calls per teammate.
  const perParticipant = 2 + line.teammates.length;
  const offset = index - line.start;
  const participant = line.participants[Math.floor(offset / perParticipant)];
  const slot = offset % perParticipant;
  if (slot === 0) {
    return { list: 'messages', lineId: line.id, participant };
  }
  return slot === 1
    ? { list: 'calls', lineId: line.id, participant }
    : { list: 'calls', lineId: line.id, participant, userId: line.teammates[slot - 2] };
}

/** How many lines end at or below `index`: a binary search, since the ends rise. */
export function linesBelow(lineEnds: readonly number[], index: number, work: (units: number) => void = noWork): number {
  let low = 0;
  let high = lineEnds.length;
  while (low < high) {
    work(1);
    const middle = (low + high) >>> 1;
    if (lineEnds[middle] <= index) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** Requests `from` to `to` (excluded) of a plan, made now: for a plan known to be small, or a part of one. */
export function planRequests(plan: ActivityPlan, from = 0, to = plan.size): PlannedRequest[] {
  const requests: PlannedRequest[] = [];
  for (let index = Math.max(0, from); index < Math.min(to, plan.size); index++) {
    const request = plan.request(index);
    if (request) {
      requests.push(request);
    }
  }
  return requests;
}
