/**
 * The sandbox's webhooks, and the recordings and voicemails of its calls (issue 29): fixed data, like the users,
 * lines and calls they name, so every workspace serves it whatever its seed or contact count.
 *
 * Webhooks: one of each of the spec's four kinds, with a label, one without (null), one deleted (`deletedAt`), one
 * whose label attacks whatever renders it; each has a `key` (its signing secret) that must never be shown or logged.
 *
 * Recordings, per call of activity.ts: Grace's summarized call has two https segments; Alan's call one whose url is
 * not https; the in-progress call one still `processing` (no url yet); the plan-limited call answers 403, as its
 * summary and transcript do; the busy call has none (an empty list). Voicemails: two with a transcript (one of them
 * hostile), one without.
 *
 * The audio lives on another host (a storage host, as Quo's does): `https://media.quo-sandbox.example` unless the
 * sandbox's `recordingsBaseUrl` option says otherwise. The sandbox itself serves the same small WAV files under
 * `/media/` on its own port (no key needed, none expected), so a test that points `recordingsBaseUrl` at
 * `${sandbox.url}/media` can download them.
 */

import { ACTIVITY } from './activity.js';
import { LINE_IDS, USER_IDS } from './catalog.js';
import { TERMINAL_COMMAND_LINK } from './special.js';
import type { ApiWebhook, ResourceData, StoredRecording, StoredVoicemail } from './wire.js';

/** Where the recordings and voicemails are unless a test says otherwise: https, and not the API's host. */
export const DEFAULT_RECORDINGS_BASE_URL = 'https://media.quo-sandbox.example';

/** The organization every sandbox webhook belongs to. */
const ORG_ID = 'ORq8Zt3nWs';

export const WEBHOOK_IDS = {
  /** message.received and message.delivered on the main and support lines, labelled "CRM sync". */
  messages: 'WHm3sG7kQa',
  /** Every call event on every line (`['*']`); no label (null). */
  calls: 'WHc4Ll5vRb',
  /** call.summary.completed on Grace's direct line, disabled and deleted. */
  summaries: 'WHs9Mm2yTc',
  /** call.transcript.completed, created by Hedy; its label is hostile markup. */
  transcripts: 'WHt7Rx8pUd',
} as const;

/** Each webhook's signing secret, by id: what tests look for in pages, logs and decoded values, and must not find. */
export const WEBHOOK_KEYS: Readonly<Record<string, string>> = {
  [WEBHOOK_IDS.messages]: 'whsec_sandboxMessagesKey7f3a91c2',
  [WEBHOOK_IDS.calls]: 'whsec_sandboxCallsKey0b6d4e88',
  [WEBHOOK_IDS.summaries]: 'whsec_sandboxSummariesKey5c2e17a0',
  [WEBHOOK_IDS.transcripts]: 'whsec_sandboxTranscriptsKey9d8b3f41',
};

interface WebhookSpec {
  readonly id: string;
  readonly userId: string;
  readonly label: string | null;
  readonly status: ApiWebhook['status'];
  readonly url: string;
  readonly events: readonly string[];
  readonly resourceIds: readonly string[];
  readonly createdAt: string;
  readonly deletedAt?: string;
}

function webhook(spec: WebhookSpec): ApiWebhook {
  const key = WEBHOOK_KEYS[spec.id];
  if (key === undefined) {
    throw new Error(`no key for webhook ${spec.id}`);
  }
  return {
    id: spec.id,
    userId: spec.userId,
    orgId: ORG_ID,
    label: spec.label,
    status: spec.status,
    url: spec.url,
    key,
    createdAt: spec.createdAt,
    updatedAt: spec.deletedAt ?? spec.createdAt,
    deletedAt: spec.deletedAt ?? null,
    events: spec.events,
    resourceIds: spec.resourceIds,
  };
}

/** A label that attacks whatever renders it: markup, a command link, markdown. */
export const HOSTILE_WEBHOOK_LABEL = `<img src=x onerror=alert(1)> ${TERMINAL_COMMAND_LINK} **Transcripts**`;

const WEBHOOKS: readonly ApiWebhook[] = [
  webhook({
    id: WEBHOOK_IDS.messages,
    userId: USER_IDS.owner,
    label: 'CRM sync',
    status: 'enabled',
    url: 'https://hooks.crm.example/quo/messages',
    events: ['message.received', 'message.delivered'],
    resourceIds: [LINE_IDS.main, LINE_IDS.support],
    createdAt: '2024-03-11T09:00:00.000Z',
  }),
  webhook({
    id: WEBHOOK_IDS.calls,
    userId: USER_IDS.alan,
    label: null,
    status: 'enabled',
    url: 'https://ops.analytical-engines.example/hooks/quo-calls',
    events: ['call.completed', 'call.ringing', 'call.recording.completed'],
    resourceIds: ['*'],
    createdAt: '2024-08-02T14:30:00.000Z',
  }),
  webhook({
    id: WEBHOOK_IDS.summaries,
    userId: USER_IDS.owner,
    label: 'Old summary export',
    status: 'disabled',
    url: 'https://export.analytical-engines.example/summaries',
    events: ['call.summary.completed'],
    resourceIds: [LINE_IDS.direct],
    createdAt: '2023-11-20T10:00:00.000Z',
    deletedAt: '2025-06-30T17:45:00.000Z',
  }),
  webhook({
    id: WEBHOOK_IDS.transcripts,
    userId: USER_IDS.hedy,
    label: HOSTILE_WEBHOOK_LABEL,
    status: 'enabled',
    url: 'https://transcripts.example.org/in',
    events: ['call.transcript.completed'],
    resourceIds: [LINE_IDS.support, LINE_IDS.field],
    createdAt: '2025-01-15T08:20:00.000Z',
  }),
];

/** `CR` and 8 characters, readable in a test failure. */
const RECORDING_IDS = {
  first: 'CRsum1aA01',
  second: 'CRsum1bB02',
  plainHttp: 'CRtm2cC03',
  processing: 'CRprc4dD04',
} as const;

/** The non-https url of Alan's call: refused by a client, whichever storage host the tests use. */
export const PLAIN_HTTP_RECORDING_URL = 'http://media.quo-sandbox.example/recordings/CRtm2cC03.wav';

const RECORDINGS: ReadonlyMap<string, readonly StoredRecording[] | 'forbidden'> = new Map<
  string,
  readonly StoredRecording[] | 'forbidden'
>([
  [
    ACTIVITY.summarizedCallId,
    [
      {
        id: RECORDING_IDS.first,
        duration: 400,
        startTime: '2025-11-12T15:00:12.000Z',
        status: 'completed',
        type: 'audio/wav',
        file: `recordings/${RECORDING_IDS.first}.wav`,
      },
      {
        id: RECORDING_IDS.second,
        duration: 354,
        startTime: '2025-11-12T15:06:52.000Z',
        status: 'completed',
        type: 'audio/wav',
        file: `recordings/${RECORDING_IDS.second}.wav`,
      },
    ],
  ],
  [
    ACTIVITY.teammateCallId,
    [
      {
        id: RECORDING_IDS.plainHttp,
        duration: 185,
        startTime: '2025-11-13T09:30:06.000Z',
        status: 'completed',
        type: 'audio/wav',
        url: PLAIN_HTTP_RECORDING_URL,
      },
    ],
  ],
  [ACTIVITY.planLimitedCallId, 'forbidden'],
  [
    ACTIVITY.inProgressCallId,
    [{ id: RECORDING_IDS.processing, duration: null, startTime: '2025-11-05T14:20:04.000Z', status: 'processing', type: null, url: null }],
  ],
  [ACTIVITY.teammateOnlyLineCallId, []],
]);

/** A voicemail's transcript that attacks whatever renders it (customer content). */
export const HOSTILE_TRANSCRIPT = `Call me back <script>alert(1)</script> ${TERMINAL_COMMAND_LINK} $(terminal)`;

const VOICEMAIL_IDS = {
  missed: 'VM3a9c0e51d2b84f6fa0e4c7d1b2a3f401',
  hostile: 'VM4b8d1f62e3c95a7ab1f5d8e2c3b4a502',
  untranscribed: 'VM2c7e2a73f4da6b8bc2a6e9f3d4c5b603',
} as const;

const VOICEMAILS: ReadonlyMap<string, StoredVoicemail> = new Map<string, StoredVoicemail>([
  [
    ACTIVITY.planLimitedCallId,
    {
      id: VOICEMAIL_IDS.missed,
      duration: 23,
      transcript: 'Hi Grace, it’s Ada. The difference tables print again; call me when you can.',
      status: 'completed',
      file: `voicemails/${VOICEMAIL_IDS.missed}.wav`,
    },
  ],
  [
    ACTIVITY.inProgressCallId,
    {
      id: VOICEMAIL_IDS.hostile,
      duration: 9,
      transcript: HOSTILE_TRANSCRIPT,
      status: 'completed',
      file: `voicemails/${VOICEMAIL_IDS.hostile}.wav`,
    },
  ],
  [
    ACTIVITY.teammateCallId,
    { id: VOICEMAIL_IDS.untranscribed, duration: 14, transcript: null, status: 'completed', file: `voicemails/${VOICEMAIL_IDS.untranscribed}.wav` },
  ],
]);

/** The ids tests name. */
export const RESOURCES = {
  webhookIds: WEBHOOK_IDS,
  /** Never served: 404. */
  missingWebhookId: 'WHnone0000',
  missingLineId: 'PNnone0000',
  /** Two https segments, completed, on the storage host. */
  recordedCallId: ACTIVITY.summarizedCallId,
  recordedCallFiles: [`recordings/${RECORDING_IDS.first}.wav`, `recordings/${RECORDING_IDS.second}.wav`],
  /** One segment whose url is `http:` (PLAIN_HTTP_RECORDING_URL). */
  plainHttpRecordingCallId: ACTIVITY.teammateCallId,
  /** One segment still `processing`: no url, no duration. */
  processingRecordingCallId: ACTIVITY.inProgressCallId,
  /** Recordings answer 403 (a plan without them). */
  forbiddenRecordingCallId: ACTIVITY.planLimitedCallId,
  /** Recordings answer an empty list. */
  unrecordedCallId: ACTIVITY.teammateOnlyLineCallId,
  /** A voicemail with a transcript (the missed call). */
  voicemailCallId: ACTIVITY.planLimitedCallId,
  /** A voicemail whose transcript is HOSTILE_TRANSCRIPT. */
  hostileVoicemailCallId: ACTIVITY.inProgressCallId,
  /** A voicemail without a transcript (null). */
  untranscribedVoicemailCallId: ACTIVITY.teammateCallId,
  /** A call without a voicemail: 404. */
  noVoicemailCallId: ACTIVITY.summarizedCallId,
} as const;

export function sandboxResources(): ResourceData {
  return { webhooks: WEBHOOKS, recordings: RECORDINGS, voicemails: VOICEMAILS };
}

/** Every file the storage host holds, by name under the base URL. */
export function mediaFiles(): string[] {
  const recorded = [...RECORDINGS.values()].flatMap((segments) =>
    segments === 'forbidden' ? [] : segments.flatMap((segment) => ('file' in segment ? [segment.file] : [])),
  );
  const voicemails = [...VOICEMAILS.values()].flatMap((voicemail) => (voicemail.file === null ? [] : [voicemail.file]));
  return [...recorded, ...voicemails];
}

const SAMPLE_RATE = 8000;

/**
 * The audio of a file the storage host holds: half a second of a tone, 8 kHz 8-bit mono WAV (a little over 4 KB),
 * its pitch set by the name so that two files never have the same bytes. Undefined for any other name.
 */
export function mediaBytes(file: string): Buffer | undefined {
  if (!mediaFiles().includes(file)) {
    return undefined;
  }
  let pitch = 0;
  for (const ch of file) {
    pitch = (pitch * 31 + ch.charCodeAt(0)) % 600;
  }
  const frequency = 220 + pitch;
  const samples = SAMPLE_RATE / 2;
  const wav = Buffer.alloc(44 + samples);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) {
    wav[44 + i] = Math.round(128 + 60 * Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE));
  }
  return wav;
}
