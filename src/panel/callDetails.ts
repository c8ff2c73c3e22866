/**
 * The summaries and transcripts of the calls expanded in one panel's Activity section. Each call's pair is fetched
 * when it is first expanded and kept until the section starts over (another contact, Refresh, another workspace), so
 * a page drawn again gets it without a request; a pair with a part that failed is not kept, so the next expand asks
 * again. A call's recording and voicemail are asked for with them (dist/recordings.js draws them), and their audio
 * is downloaded only on Play, without the key.
 */
import { isQuoError } from '../quo/errors.js';
import type { CallRecording, CallVoicemail } from '../quo/resourceTypes.js';
import type { PhoneNumber } from '../quo/types.js';
import { renderCallDetails, type CallDetailPart } from '../render/activityHtml.js';
import type { HostMessage } from '../render/panelMessages.js';
import type { WorkspaceSession } from '../session/workspaceSession.js';
import type * as RecordingsChunk from './recordings/recordingsChunk.js';

let recordingsChunk: typeof RecordingsChunk | undefined;

function recordings(): typeof RecordingsChunk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  recordingsChunk ??= require('./recordings/recordingsChunk.js') as typeof RecordingsChunk;
  return recordingsChunk;
}

/** How audio is downloaded: the request timeout, and whether loopback http is allowed (Quo is the local sandbox). */
export interface AudioSettings {
  readonly timeoutMs: number;
  readonly loopbackAllowed: boolean;
}

/** What a call's details are fetched and named with. */
export interface CallDetailsRequest {
  readonly callId: string;
  /** The Quo line the call was on, named in the transcript. */
  readonly lineId: string;
  readonly session: WorkspaceSession;
  readonly lines: readonly PhoneNumber[] | undefined;
  readonly userNames: ReadonlyMap<string, string>;
  /** `quo.defaultCountry`: a speaker known only by number is shown as numbers are everywhere. */
  readonly defaultCountry: string;
}

export class CallDetails {
  /** Rendered pairs by call id. */
  private readonly rendered = new Map<string, string>();
  private readonly loading = new Set<string>();
  /** The audio addresses behind the Play buttons sent, by `callId:segment`; never sent to the page. */
  private readonly addresses = new Map<string, { readonly url: string; readonly type: string | null }>();
  /** What each call's details were asked with, to ask again when an address expired. */
  private readonly requests = new Map<string, CallDetailsRequest>();
  private readonly downloads = new Map<string, Promise<void>>();

  constructor(
    /** The panel's lifetime: aborted when it closes, which ends every summary and transcript request of it. */
    private readonly lifetime: AbortSignal,
    private readonly post: (message: HostMessage) => void,
    private readonly audio: () => AudioSettings,
  ) {}

  /** Sends the page the call's summary and transcript, fetching them unless kept or already being fetched. */
  async expand(request: CallDetailsRequest): Promise<void> {
    const { callId, session } = request;
    this.requests.set(callId, request);
    const known = this.rendered.get(callId);
    if (known !== undefined) {
      this.post({ type: 'callDetails', callId, html: known });
      return;
    }
    if (this.loading.has(callId)) {
      return;
    }
    this.loading.add(callId);
    // The session ends these requests itself when its workspace is removed: it outlives no panel of it.
    const signal = this.lifetime;
    let cancelled = false;
    const part = <T>(fetching: Promise<CallDetailPart<T>>): Promise<CallDetailPart<T>> =>
      fetching.catch((error: unknown): CallDetailPart<T> => {
        cancelled ||= isQuoError(error) && error.kind === 'cancelled';
        return { kind: 'error', message: session.describeFailure(error) };
      });
    try {
      const [summary, transcript, recorded, voicemail] = await Promise.all([
        part(session.activity.callSummary(callId, { signal, priority: 'interactive' })),
        part(session.activity.callTranscript(callId, { signal, priority: 'interactive' })),
        part(session.resources.recordings(callId, { signal, priority: 'interactive' })),
        part(session.resources.voicemail(callId, { signal, priority: 'interactive' })),
      ]);
      // Cancelled by the session (its workspace removed): what the page shows now is not about these calls.
      if (signal.aborted || cancelled) {
        return;
      }
      const html =
        renderCallDetails(
          { summary, transcript },
          { ...(request.lines ? { lines: request.lines } : {}), userNames: request.userNames, lineId: request.lineId, defaultCountry: request.defaultCountry },
        ) + this.recordingsHtml(callId, recorded, voicemail);
      if (summary.kind !== 'error' && transcript.kind !== 'error' && recorded.kind !== 'error' && voicemail.kind !== 'error') {
        this.rendered.set(callId, html);
      }
      this.post({ type: 'callDetails', callId, html });
    } finally {
      this.loading.delete(callId);
    }
  }

  /** The recording and voicemail rows; whatever goes wrong there, the summary and transcript still show. */
  private recordingsHtml(
    callId: string,
    recorded: CallDetailPart<readonly CallRecording[]>,
    voicemail: CallDetailPart<CallVoicemail>,
  ): string {
    try {
      const { loopbackAllowed } = this.audio();
      const chunk = recordings();
      for (const [reference, url] of chunk.recordingAddresses(callId, recorded, voicemail, loopbackAllowed)) {
        const segment = recorded.kind === 'found' ? recorded.value[Number(reference.slice(callId.length + 1))] : undefined;
        this.addresses.set(reference, { url, type: segment?.type ?? null });
      }
      return chunk.renderRecordings(callId, recorded, voicemail, loopbackAllowed);
    } catch {
      return '';
    }
  }

  /** Play: downloads the audio behind `reference` (without the key) and hands it to the page, or says why not. */
  async play(reference: string): Promise<void> {
    // A second click while the audio downloads waits for the same download.
    let playing = this.downloads.get(reference);
    if (!playing) {
      playing = this.download(reference).finally(() => this.downloads.delete(reference));
      this.downloads.set(reference, playing);
    }
    return playing;
  }

  private async download(reference: string): Promise<void> {
    const address = this.addresses.get(reference);
    if (!address) {
      // The page may only play what it was sent.
      return;
    }
    const chunk = recordings();
    const { timeoutMs, loopbackAllowed } = this.audio();
    let result: Awaited<ReturnType<typeof chunk.downloadAudio>>;
    try {
      result = await chunk.downloadAudio(address.url, {
        timeoutMs,
        signal: this.lifetime,
        type: address.type,
        allowed: (url) => chunk.audioAddress(url, loopbackAllowed)?.kind === 'playable',
      });
    } catch (error) {
      // Thrown only once the panel closed (its lifetime ended the download): nobody is left to tell.
      if (this.lifetime.aborted) {
        return;
      }
      throw error;
    }
    if (this.lifetime.aborted) {
      return;
    }
    const callId = reference.slice(0, reference.indexOf(':'));
    const request = this.requests.get(callId);
    if (result.kind === 'failed' && result.reason === 'http' && request) {
      // A signed address may have expired: the call's recordings are asked for again and drawn anew (a new Play).
      this.rendered.delete(callId);
      for (const kept of [...this.addresses.keys()].filter((key) => key.startsWith(`${callId}:`))) {
        this.addresses.delete(kept);
      }
      await this.expand(request);
    }
    this.post(
      result.kind === 'audio'
        ? { type: 'recordingAudio', reference, src: result.dataUrl }
        : { type: 'recordingProblem', reference, message: chunk.downloadProblem(result) },
    );
  }

  /** Another contact, or the same one asked again: what was kept is about calls the page no longer shows. */
  clear(): void {
    this.rendered.clear();
    this.addresses.clear();
    this.requests.clear();
  }
}
