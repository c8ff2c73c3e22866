/**
 * The sandbox's calls and messages, with what Quo's AI made of the calls: fixed data keyed by the well-known
 * contacts' numbers, apart from the generated contacts so that adding history never changes them. Every workspace
 * serves it whatever its seed or contact count.
 *
 * Ada Lovelace has history on her mobile, spread so that each rule of the request plan shows: her newest item is a
 * message on the main line, a teammate's call there is listed only when asked for with his `userId`, her main line
 * messages run past one page, and her calls carry completed, absent, in-progress and plan-limited (403) summaries
 * and transcripts. Charles Babbage (only the shared company number) has none. The Legal line answers 403.
 */

import { LINE_IDS, SANDBOX_PHONE_NUMBERS, USER_IDS } from './catalog.js';
import { HOSTILE_IDS, TERMINAL_COMMAND_LINK, WELL_KNOWN } from './special.js';
import type {
  ActivityData,
  ApiAiAnswer,
  ApiCall,
  ApiCallStatus,
  ApiCallSummary,
  ApiCallTranscript,
  ApiDirection,
  ApiMessage,
} from './wire.js';

function lineNumber(lineId: string): string {
  const line = SANDBOX_PHONE_NUMBERS.find((candidate) => candidate.id === lineId);
  if (!line) {
    throw new Error(`no line ${lineId}`);
  }
  return line.number;
}

/** `AC` and 32 hex digits, like Quo's, readable in a test failure: `ACca11…0007` is the seventh call. */
function activityId(kind: 'ca11' | '5e55', n: number): string {
  return `AC${kind}${n.toString(16).padStart(28, '0')}`;
}

function at(iso: string, plusSeconds = 0): string {
  return new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();
}

interface CallSpec {
  readonly n: number;
  readonly lineId: string;
  readonly contactPhone: string;
  readonly userId: string;
  readonly direction: ApiDirection;
  readonly status: ApiCallStatus;
  readonly createdAt: string;
  /** Seconds until answered; undefined: never answered. */
  readonly ringSeconds?: number;
  readonly duration: number;
  readonly aiHandled?: string;
  readonly callRoute?: string;
}

function call(spec: CallSpec): ApiCall {
  const answered = spec.ringSeconds !== undefined;
  const answeredAt = answered ? at(spec.createdAt, spec.ringSeconds) : null;
  const completedAt = at(spec.createdAt, (spec.ringSeconds ?? 25) + spec.duration);
  return {
    id: activityId('ca11', spec.n),
    phoneNumberId: spec.lineId,
    participants: [spec.contactPhone, lineNumber(spec.lineId)],
    direction: spec.direction,
    status: spec.status,
    createdAt: spec.createdAt,
    answeredAt,
    completedAt,
    answeredBy: answered && spec.direction === 'incoming' ? spec.userId : null,
    initiatedBy: spec.direction === 'outgoing' ? spec.userId : null,
    duration: spec.duration,
    callRoute: spec.callRoute ?? null,
    forwardedFrom: null,
    forwardedTo: null,
    aiHandled: spec.aiHandled ?? null,
    userId: spec.userId,
    updatedAt: completedAt,
  };
}

interface MessageSpec {
  readonly n: number;
  readonly lineId: string;
  readonly contactPhone: string;
  /** The teammate who sent it: outgoing messages only, since Quo sends `userId: null` for incoming ones. */
  readonly userId?: string;
  readonly direction: ApiDirection;
  readonly text: string;
  readonly createdAt: string;
  readonly status?: ApiMessage['status'];
}

function message(spec: MessageSpec): ApiMessage {
  const line = lineNumber(spec.lineId);
  const outgoing = spec.direction === 'outgoing';
  if (outgoing && spec.userId === undefined) {
    throw new Error(`sandbox message ${spec.n}: an outgoing message needs its sender`);
  }
  return {
    id: activityId('5e55', spec.n),
    to: [outgoing ? spec.contactPhone : line],
    from: outgoing ? line : spec.contactPhone,
    text: spec.text,
    phoneNumberId: spec.lineId,
    direction: spec.direction,
    userId: outgoing ? (spec.userId ?? null) : null,
    status: spec.status ?? 'delivered',
    createdAt: spec.createdAt,
    updatedAt: spec.createdAt,
  };
}

const ADA = WELL_KNOWN.phone;
const MAIN = lineNumber(LINE_IDS.main);

/** Ada's older messages on the main line, one every other day through September and October. */
const OLDER_MAIN_LINE_MESSAGES = 24;

const CALLS: readonly ApiCall[] = [
  call({
    n: 1,
    lineId: LINE_IDS.main,
    contactPhone: ADA,
    userId: USER_IDS.owner,
    direction: 'outgoing',
    status: 'completed',
    createdAt: '2025-11-12T15:00:00.000Z',
    ringSeconds: 12,
    duration: 754,
  }),
  call({
    n: 2,
    lineId: LINE_IDS.main,
    contactPhone: ADA,
    userId: USER_IDS.alan,
    direction: 'incoming',
    status: 'completed',
    createdAt: '2025-11-13T09:30:00.000Z',
    ringSeconds: 6,
    duration: 185,
    callRoute: 'phone-menu',
  }),
  call({
    n: 3,
    lineId: LINE_IDS.direct,
    contactPhone: ADA,
    userId: USER_IDS.owner,
    direction: 'incoming',
    status: 'no-answer',
    createdAt: '2025-11-10T18:05:00.000Z',
    duration: 0,
  }),
  call({
    n: 4,
    lineId: LINE_IDS.support,
    contactPhone: ADA,
    userId: USER_IDS.hedy,
    direction: 'incoming',
    status: 'completed',
    createdAt: '2025-11-05T14:20:00.000Z',
    ringSeconds: 4,
    duration: 420,
    aiHandled: 'sona',
  }),
  call({
    n: 5,
    lineId: LINE_IDS.field,
    contactPhone: ADA,
    userId: USER_IDS.katherine,
    direction: 'outgoing',
    status: 'busy',
    createdAt: '2025-10-20T11:45:00.000Z',
    duration: 0,
  }),
];

const MESSAGES: readonly ApiMessage[] = [
  message({
    n: 1,
    lineId: LINE_IDS.main,
    contactPhone: ADA,
    direction: 'incoming',
    text: 'Thanks, the invoice arrived. Could we move Thursday’s call to 3 pm?',
    createdAt: '2025-11-14T16:42:00.000Z',
  }),
  message({
    n: 2,
    lineId: LINE_IDS.main,
    contactPhone: ADA,
    userId: USER_IDS.owner,
    direction: 'outgoing',
    text: 'Hi Ada, your November invoice is on its way.',
    createdAt: '2025-11-14T15:10:00.000Z',
  }),
  message({
    n: 3,
    lineId: LINE_IDS.support,
    contactPhone: ADA,
    userId: USER_IDS.hedy,
    direction: 'outgoing',
    text: 'Following up on your ticket: the difference tables print again.',
    createdAt: '2025-11-05T14:35:00.000Z',
    status: 'undelivered',
  }),
  ...Array.from({ length: OLDER_MAIN_LINE_MESSAGES }, (_, i) =>
    message({
      n: 10 + i,
      lineId: LINE_IDS.main,
      contactPhone: ADA,
      direction: i % 2 === 0 ? 'incoming' : 'outgoing',
      ...(i % 2 === 0 ? {} : { userId: i % 3 === 0 ? USER_IDS.alan : USER_IDS.owner }),
      text: `Order ${1843 + i}: ${i % 2 === 0 ? 'when will it ship?' : 'it ships on Monday.'}`,
      createdAt: at('2025-10-31T10:00:00.000Z', -i * 2 * 86_400),
      status: i === 5 ? 'sent' : 'delivered',
    }),
  ),
  // For the surfaces that show message text: it is customer data, and this customer's attacks.
  message({
    n: 90,
    lineId: LINE_IDS.main,
    contactPhone: '+17025550177',
    direction: 'incoming',
    text: `${TERMINAL_COMMAND_LINK} <img src=x onerror=alert(1)> $(terminal) **bold**`,
    createdAt: '2025-11-01T08:00:00.000Z',
  }),
];

const SUMMARIES: ReadonlyMap<string, ApiAiAnswer<ApiCallSummary>> = new Map<string, ApiAiAnswer<ApiCallSummary>>([
  [
    activityId('ca11', 1),
    {
      callId: activityId('ca11', 1),
      status: 'completed',
      summary: ['Ada asked for the November invoice to be split by engine.', 'Grace agreed to send a corrected copy.'],
      nextSteps: ['Send the corrected invoice by Friday.'],
      jobs: [
        {
          icon: '🧾',
          name: 'Billing',
          result: {
            data: [
              { name: 'Invoice changed', value: true },
              { name: 'Amount', value: 1843.5 },
              { name: 'Due', value: 'Friday' },
            ],
          },
        },
      ],
    },
  ],
  [activityId('ca11', 3), 'forbidden'],
  [
    activityId('ca11', 4),
    { callId: activityId('ca11', 4), status: 'in-progress', summary: null, nextSteps: null },
  ],
]);

const TRANSCRIPTS: ReadonlyMap<string, ApiAiAnswer<ApiCallTranscript>> = new Map<string, ApiAiAnswer<ApiCallTranscript>>([
  [
    activityId('ca11', 1),
    {
      callId: activityId('ca11', 1),
      status: 'completed',
      dialogue: [
        { start: 0, end: 4.2, content: 'Hello Ada, Grace from Analytical Engines.', identifier: MAIN, userId: USER_IDS.owner },
        { start: 4.6, end: 11.9, content: 'Hi Grace. The invoice should be split by engine.', identifier: ADA, userId: null },
        // Quo could not tell who spoke: both are null, and both are still there.
        { start: 12.3, end: 15, content: '(inaudible)', identifier: null, userId: null },
        { start: 15.4, end: 21.8, content: 'Understood, I will send a corrected copy by Friday.', identifier: MAIN, userId: USER_IDS.owner },
      ],
      duration: 754,
      createdAt: at('2025-11-12T15:00:00.000Z', 12 + 754 + 30),
    },
  ],
  [activityId('ca11', 3), 'forbidden'],
  [
    activityId('ca11', 4),
    {
      callId: activityId('ca11', 4),
      status: 'in-progress',
      dialogue: null,
      duration: 420,
      createdAt: at('2025-11-05T14:20:00.000Z', 424 + 5),
    },
  ],
]);

/** The ids and numbers tests name. */
export const ACTIVITY = {
  /** Ada Lovelace: history on her mobile (`WELL_KNOWN.phone`), none on her second, shared, number. */
  historyContactId: WELL_KNOWN.contactId,
  historyPhone: ADA,
  /** Ada's newest item: her message on the main line. */
  latestMessageId: activityId('5e55', 1),
  /** How many messages Ada has on the main line: more than the default 20 a list, so a second page exists. */
  mainLineMessageCount: 2 + OLDER_MAIN_LINE_MESSAGES,
  /** Grace's call with Ada on the main line: summary and transcript `completed`. */
  summarizedCallId: activityId('ca11', 1),
  /** Alan's call with Ada on the main line he shares with the owner: listed only with `userId` = Alan. Summary absent. */
  teammateCallId: activityId('ca11', 2),
  /** On Grace's direct line, a second line: summary and transcript answer 403 (a plan without them). */
  planLimitedCallId: activityId('ca11', 3),
  /** On the support line, answered by Hedy (not the owner): summary and transcript `in-progress`. */
  inProgressCallId: activityId('ca11', 4),
  /** On the field line, whose only user (Katherine) is not the owner. */
  teammateOnlyLineCallId: activityId('ca11', 5),
  /** A message whose text attacks whatever renders it (from HOSTILE_IDS.commandLink's number). */
  hostileMessageId: activityId('5e55', 90),
  hostileContactId: HOSTILE_IDS.commandLink,
  /** Shaped like a call id, never served: 404 everywhere. */
  missingCallId: activityId('ca11', 0xdead),
  /** Charles Babbage: only the shared company number, with no call or message on any line. One number fits a budget. */
  quietContactId: WELL_KNOWN.falsyContactId,
  /** Ada's two numbers on five lines: 32 list requests, more than one budget of 24. */
  overBudgetContactId: WELL_KNOWN.contactId,
  /** Listed, but its calls and messages answer 403 (Not Phone Number User). */
  hiddenLineId: LINE_IDS.legal,
} as const;

export function sandboxActivity(): ActivityData {
  return {
    calls: CALLS,
    messages: MESSAGES,
    callSummaries: SUMMARIES,
    callTranscripts: TRANSCRIPTS,
    hiddenLineIds: new Set([LINE_IDS.legal]),
  };
}
