/**
 * Which list requests answer "what happened with this contact?", in the order they are worth sending. Quo has no
 * per-contact history: calls and messages are listed per (line, other number), and calls also per line user,
 * because `GET /v1/calls` without `userId` lists only the workspace owner's calls. The plan is pure data, so the
 * exact requests for any workspace are tested without a network.
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
  /** Every first-page request, in spending order. */
  readonly requests: readonly PlannedRequest[];
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

/**
 * The requests for one contact, in the order the budget spends them: lines in the API's order, then the contact's
 * numbers in their stored order, then messages before calls, and the calls without `userId` before those of each
 * teammate in the line's user order. A contact number that is the line's own number is not a conversation on it.
 */
export function planActivity(lines: readonly PlanLine[], values: readonly (string | null)[]): ActivityPlan {
  const { numbers, skipped } = contactNumbers(values);
  const requests: PlannedRequest[] = [];
  const lineIds: string[] = [];
  for (const line of lines) {
    const teammates = [...new Set(line.users.filter((user) => user.role !== 'owner').map((user) => user.id))];
    const before = requests.length;
    for (const participant of numbers) {
      if (participant === line.number) {
        continue;
      }
      requests.push({ list: 'messages', lineId: line.id, participant });
      requests.push({ list: 'calls', lineId: line.id, participant });
      for (const userId of teammates) {
        requests.push({ list: 'calls', lineId: line.id, participant, userId });
      }
    }
    if (requests.length > before) {
      lineIds.push(line.id);
    }
  }
  return { lineIds, numbers, skippedNumbers: skipped, requests };
}
