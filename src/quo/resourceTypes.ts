/**
 * The Quo v1 resources behind the other ids a webhook payload or a log carries (issue 29): a teammate with a role,
 * a webhook, a call's recordings and its voicemail, as the extension sees them after decoding
 * (test/sandbox/spec/openapi-v1.extract.json). As in types.ts, only what the extension reads is kept; a line by id
 * is the `PhoneNumber` of types.ts.
 */
import type { Unknown, UserRole } from './types.js';

/** `GET /v1/users/{userId}` read for a card: the name, the email and the role in the workspace. */
export interface Teammate {
  /** `US…`. */
  readonly id: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly role: UserRole | Unknown;
}

export type WebhookStatus = 'enabled' | 'disabled';
export const WEBHOOK_STATUSES: readonly WebhookStatus[] = ['enabled', 'disabled'];

/** The events the spec's four kinds of webhook (messages, calls, call summaries, call transcripts) subscribe to. */
export const WEBHOOK_EVENTS: readonly string[] = [
  'message.received',
  'message.delivered',
  'call.completed',
  'call.ringing',
  'call.recording.completed',
  'call.summary.completed',
  'call.transcript.completed',
];

/**
 * `GET /v1/webhooks/{id}`, `GET /v1/webhooks`. Quo also sends the webhook's `key`, its signing secret: the decoder
 * never reads it, so it is in no decoded value, no log and no page. `url` may carry a secret of its own (many
 * receivers put a token in the path), so decode errors never quote a webhook's values.
 */
export interface Webhook {
  /** `WH…`. */
  readonly id: string;
  /** Null when nobody gave the webhook a label. */
  readonly label: string | null;
  readonly url: string;
  /** As Quo sends them; Quo may add events (see WEBHOOK_EVENTS for those the spec knows). */
  readonly events: readonly string[];
  readonly status: WebhookStatus | Unknown;
  /** The lines it watches (`PN…`), or `['*']` for all of them. */
  readonly resourceIds: readonly string[];
  /** ISO date-time when the webhook was deleted; null while it exists. */
  readonly deletedAt: string | null;
}

export type RecordingStatus =
  | 'absent'
  | 'completed'
  | 'deleted'
  | 'failed'
  | 'in-progress'
  | 'paused'
  | 'processing'
  | 'stopped'
  | 'stopping';
export const RECORDING_STATUSES: readonly RecordingStatus[] = [
  'absent',
  'completed',
  'deleted',
  'failed',
  'in-progress',
  'paused',
  'processing',
  'stopped',
  'stopping',
];

/** One segment of `GET /v1/call-recordings/{callId}`, which lists them oldest first. */
export interface CallRecording {
  readonly id: string;
  /**
   * Where the audio is, on a storage host: download it without the Quo key. The spec types it a URI reference, so
   * it may be relative or not https; null while the recording is not available.
   */
  readonly url: string | null;
  /** The audio's MIME type (`audio/mpeg`), when Quo knows it. */
  readonly type: string | null;
  /** Seconds; null until the recording is completed. */
  readonly duration: number | null;
  /** Null in the spec too: a segment whose status Quo does not give. */
  readonly status: RecordingStatus | Unknown | null;
  /** Not read: what Quo sent when it is a string, null otherwise. */
  readonly startTime: string | null;
}

export type VoicemailStatus = 'completed' | 'in-progress';
export const VOICEMAIL_STATUSES: readonly VoicemailStatus[] = ['completed', 'in-progress'];

/** `GET /v1/call-voicemails/{callId}`. Its transcript is customer content: never logged. */
export interface CallVoicemail {
  readonly status: VoicemailStatus | Unknown;
  /** Null (or absent) when Quo has no transcript, and while the voicemail is processing. */
  readonly transcript: string | null;
  /** The audio, on a storage host like a recording's; null while processing. */
  readonly recordingUrl: string | null;
  /** Seconds; null while processing. */
  readonly duration: number | null;
  /** `VM…`. Not read (Quo says its fields are null while processing): what Quo sent when a string, else null. */
  readonly id: string | null;
}
