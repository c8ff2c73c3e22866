/**
 * Decoders of a contact's activity: calls and messages (one, or a page), and a call's summary and transcript.
 * Messages, summaries and transcripts are customer content: their errors name a field and its type, never the text
 * in it (`quotingNothing`).
 */
import {
  array,
  DecodeError,
  finiteNumber,
  nullableString,
  nullableStrings,
  object,
  oneOf,
  page,
  present,
  quotingNothing,
  string,
  strings,
  unreadString,
} from './decodeJson.js';
import type {
  Call,
  CallPage,
  CallSummary,
  CallSummaryJob,
  CallTranscript,
  DialogueEntry,
  Message,
  MessagePage,
} from './types.js';
import { AI_STATUSES, CALL_STATUSES, DIRECTIONS, MESSAGE_STATUSES } from './types.js';

export function decodeCall(value: unknown, path = 'data'): Call {
  const call = object(value, path);
  return {
    id: string(call['id'], `${path}.id`),
    phoneNumberId: string(call['phoneNumberId'], `${path}.phoneNumberId`),
    participants: strings(call['participants'], `${path}.participants`),
    direction: oneOf(call['direction'], DIRECTIONS, `${path}.direction`),
    status: oneOf(call['status'], CALL_STATUSES, `${path}.status`),
    createdAt: string(call['createdAt'], `${path}.createdAt`),
    duration: finiteNumber(call['duration'], `${path}.duration`),
    userId: string(call['userId'], `${path}.userId`),
    answeredAt: unreadString(call['answeredAt']),
    completedAt: unreadString(call['completedAt']),
    answeredBy: unreadString(call['answeredBy']),
    initiatedBy: unreadString(call['initiatedBy']),
    callRoute: unreadString(call['callRoute']),
    forwardedFrom: unreadString(call['forwardedFrom']),
    forwardedTo: unreadString(call['forwardedTo']),
    aiHandled: unreadString(call['aiHandled']),
    updatedAt: unreadString(call['updatedAt']),
  };
}

/** `{ data: Call }` */
export function decodeCallResponse(body: unknown): Call {
  return decodeCall(object(body, 'body')['data'], 'data');
}

export function decodeCallPage(body: unknown): CallPage {
  const { items, totalItems, nextPageToken } = page(body, decodeCall);
  return { calls: items, totalItems, nextPageToken };
}

export function decodeMessage(value: unknown, path = 'data'): Message {
  return quotingNothing(() => messageFields(value, path));
}

function messageFields(value: unknown, path: string): Message {
  const message = object(value, path);
  return {
    id: string(message['id'], `${path}.id`),
    from: string(message['from'], `${path}.from`),
    to: strings(message['to'], `${path}.to`),
    text: string(message['text'], `${path}.text`),
    phoneNumberId: nullableString(present(message, 'phoneNumberId', path), `${path}.phoneNumberId`),
    direction: oneOf(message['direction'], DIRECTIONS, `${path}.direction`),
    // Typed as a string in the spec, whose description says "Null for incoming messages".
    userId: nullableString(present(message, 'userId', path), `${path}.userId`),
    status: oneOf(message['status'], MESSAGE_STATUSES, `${path}.status`),
    createdAt: string(message['createdAt'], `${path}.createdAt`),
    updatedAt: unreadString(message['updatedAt']),
  };
}

/** `{ data: Message }` */
export function decodeMessageResponse(body: unknown): Message {
  return decodeMessage(object(body, 'body')['data'], 'data');
}

export function decodeMessagePage(body: unknown): MessagePage {
  const { items, totalItems, nextPageToken } = quotingNothing(() => page(body, decodeMessage));
  return { messages: items, totalItems, nextPageToken };
}

function summaryJob(value: unknown, path: string): CallSummaryJob {
  const job = object(value, path);
  const result = object(job['result'], `${path}.result`);
  return {
    name: string(job['name'], `${path}.name`),
    result: {
      data: array(result['data'], `${path}.result.data`).map((item, i) => {
        const itemPath = `${path}.result.data[${i}]`;
        const entry = object(item, itemPath);
        const raw = entry['value'];
        if (typeof raw !== 'string' && typeof raw !== 'boolean' && !(typeof raw === 'number' && Number.isFinite(raw))) {
          throw new DecodeError(`${itemPath}.value`, 'string, number or boolean', raw);
        }
        return { name: string(entry['name'], `${itemPath}.name`), value: raw };
      }),
    },
  };
}

/** `{ data: CallSummary }` */
export function decodeCallSummaryResponse(body: unknown): CallSummary {
  return quotingNothing(() => summaryFields(body));
}

function summaryFields(body: unknown): CallSummary {
  const summary = object(object(body, 'body')['data'], 'data');
  const jobs = summary['jobs'];
  return {
    status: oneOf(summary['status'], AI_STATUSES, 'data.status'),
    summary: nullableStrings(present(summary, 'summary', 'data'), 'data.summary'),
    nextSteps: nullableStrings(present(summary, 'nextSteps', 'data'), 'data.nextSteps'),
    jobs:
      jobs === undefined || jobs === null
        ? null
        : array(jobs, 'data.jobs').map((item, i) => summaryJob(item, `data.jobs[${i}]`)),
  };
}

function dialogueEntry(value: unknown, path: string): DialogueEntry {
  const entry = object(value, path);
  return {
    start: finiteNumber(entry['start'], `${path}.start`),
    content: string(entry['content'], `${path}.content`),
    identifier: nullableString(present(entry, 'identifier', path), `${path}.identifier`),
    userId: nullableString(present(entry, 'userId', path), `${path}.userId`),
  };
}

/** `{ data: CallTranscript }` */
export function decodeCallTranscriptResponse(body: unknown): CallTranscript {
  return quotingNothing(() => transcriptFields(body));
}

function transcriptFields(body: unknown): CallTranscript {
  const transcript = object(object(body, 'body')['data'], 'data');
  const dialogue = present(transcript, 'dialogue', 'data');
  return {
    status: oneOf(transcript['status'], AI_STATUSES, 'data.status'),
    dialogue:
      dialogue === null
        ? null
        : array(dialogue, 'data.dialogue').map((item, i) => dialogueEntry(item, `data.dialogue[${i}]`)),
  };
}
