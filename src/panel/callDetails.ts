/**
 * The summaries and transcripts of the calls expanded in one panel's Activity section. Each call's pair is fetched
 * when it is first expanded and kept until the section starts over (another contact, Refresh, another workspace), so
 * a page drawn again gets it without a request; a pair with a part that failed is not kept, so the next expand asks
 * again.
 */
import { isQuoError } from '../quo/errors.js';
import type { PhoneNumber } from '../quo/types.js';
import { renderCallDetails, type CallDetailPart } from '../render/activityHtml.js';
import type { HostMessage } from '../render/panelMessages.js';
import type { WorkspaceSession } from '../session/workspaceSession.js';

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

  constructor(
    /** The panel's lifetime: aborted when it closes, which ends every summary and transcript request of it. */
    private readonly lifetime: AbortSignal,
    private readonly post: (message: HostMessage) => void,
  ) {}

  /** Sends the page the call's summary and transcript, fetching them unless kept or already being fetched. */
  async expand(request: CallDetailsRequest): Promise<void> {
    const { callId, session } = request;
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
      const [summary, transcript] = await Promise.all([
        part(session.activity.callSummary(callId, { signal, priority: 'interactive' })),
        part(session.activity.callTranscript(callId, { signal, priority: 'interactive' })),
      ]);
      // Cancelled by the session (its workspace removed): what the page shows now is not about these calls.
      if (signal.aborted || cancelled) {
        return;
      }
      const html = renderCallDetails(
        { summary, transcript },
        { ...(request.lines ? { lines: request.lines } : {}), userNames: request.userNames, lineId: request.lineId, defaultCountry: request.defaultCountry },
      );
      if (summary.kind !== 'error' && transcript.kind !== 'error') {
        this.rendered.set(callId, html);
      }
      this.post({ type: 'callDetails', callId, html });
    } finally {
      this.loading.delete(callId);
    }
  }

  /** Another contact, or the same one asked again: what was kept is about calls the page no longer shows. */
  clear(): void {
    this.rendered.clear();
  }
}
