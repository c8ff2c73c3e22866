/**
 * A contact panel's Activity section: the contact's calls and messages, newest first. It starts from what this
 * window already has of them, is asked for only while the panel is visible, shows its contact and
 * `quo.activity.enabled` is on, and reaches the page by postMessage, so the page keeps its scroll and what the user
 * expanded. A panel restored in a background tab asks nothing for it until it is shown.
 */
import * as vscode from 'vscode';
import { contactNumbers } from '../activity/activityPlan.js';
import { activityKey } from '../activity/workspaceActivity.js';
import { isQuoError } from '../quo/errors.js';
import type { Contact, PhoneNumber } from '../quo/types.js';
import { renderActivityBody, renderActivitySection, type ActivityRenderOptions, type ActivityView } from '../render/activityHtml.js';
import type { HostMessage } from '../render/panelMessages.js';
import type { WorkspaceSession } from '../session/workspaceSession.js';
import { CallDetails, type AudioSettings } from './callDetails.js';
import type { PanelMessage } from '../render/panelMessages.js';

/** Teammates not on their line whose names a panel looks up (one request each, cached): a few, not a storm. */
const MAX_USER_LOOKUPS = 5;

type Activity = Extract<ActivityView, { state: 'ready' }>['activity'];

/** What the section needs of its panel, read at each use. */
export interface ActivityHost {
  /** The session of the panel's workspace. */
  session(): WorkspaceSession;
  /** The contact the panel shows, once known. */
  contact(): Contact | undefined;
  /** Whether the page shows the contact (and so has a section to update). */
  showsContact(): boolean;
  visible(): boolean;
  enabled(): boolean;
  /** `quo.defaultCountry`, for how numbers are shown. */
  defaultCountry(): string;
  /** How a recording's audio is downloaded. */
  audio(): AudioSettings;
  post(message: HostMessage): void;
}

export class ActivitySection {
  /** Undefined while the section is not shown (activity off, or no contact). */
  private view: ActivityView | undefined;
  /** The activity key (workspaceActivity.ts) of the contact `view` is about: its id and numbers. */
  private key: string | undefined;
  private loading: AbortController | undefined;
  /** The lines the last answer was drawn with: names stay when the lines' cache entry expires. */
  private lines: readonly PhoneNumber[] | undefined;
  private readonly userNames = new Map<string, string>();
  private readonly calls: CallDetails;

  constructor(
    private readonly host: ActivityHost,
    /** The panel's lifetime, which ends its calls' summary and transcript requests. */
    lifetime: AbortSignal,
  ) {
    this.calls = new CallDetails(lifetime, (message) => host.post(message), () => host.audio());
  }

  /** Whether the page has the section (it may still be loading). */
  get shown(): boolean {
    return this.view !== undefined;
  }

  /** Before the contact is drawn: what its section starts as, from memory when this window has it. */
  prepare(contact: Contact, force: boolean): void {
    if (!this.host.enabled()) {
      this.reset();
      return;
    }
    const session = this.host.session();
    if (force) {
      session.activity.forget(contact);
    }
    const key = activityKey(contact);
    if (!force && key === this.key && this.view !== undefined) {
      return;
    }
    this.reset();
    this.key = key;
    const known = session.activity.peek(contact);
    const lines = session.activity.peekLines();
    this.view = known && lines ? { state: 'ready', activity: known } : { state: 'loading' };
    if (known && lines) {
      this.lines = lines;
    }
  }

  reset(): void {
    this.loading?.abort();
    this.loading = undefined;
    this.view = undefined;
    this.key = undefined;
    this.calls.clear();
  }

  /** Another workspace's session: the teammates it knows are other people. */
  forgetUserNames(): void {
    this.userNames.clear();
  }

  /** The whole section, for the page's HTML; undefined while it is not shown. */
  sectionHtml(): string | undefined {
    return this.view ? renderActivitySection(this.view, this.renderOptions()) : undefined;
  }

  /** Starts the first ask for the contact's activity if it is wanted now: shown, visible, on, and not asked yet. */
  maybeLoad(): void {
    const contact = this.host.contact();
    if (
      !contact ||
      this.view?.state !== 'loading' ||
      this.loading !== undefined ||
      !this.host.visible() ||
      !this.host.showsContact() ||
      !this.host.enabled()
    ) {
      return;
    }
    void this.load(contact, false);
  }

  /** After a failure: loading again, now if the panel is visible (Retry, or Quo answering again). */
  retry(): void {
    if (this.view?.state === 'error') {
      this.view = { state: 'loading' };
      this.post();
      this.maybeLoad();
    }
  }

  /** "Check the other lines" or "Load more": the next budget's worth. */
  async more(): Promise<void> {
    const view = this.view;
    const contact = this.host.contact();
    if (!contact || view?.state !== 'ready' || !view.activity.hasMore || this.loading !== undefined) {
      return;
    }
    this.view = { state: 'ready', activity: view.activity, loadingMore: true };
    this.post();
    await this.load(contact, true);
  }

  /** Sends the section's body to the page. A hidden page drops it, and asks again ("ready") when shown. */
  post(): void {
    if (!this.view || !this.host.showsContact()) {
      return;
    }
    this.host.post({ type: 'activity', html: renderActivityBody(this.view, this.renderOptions()) });
  }

  /** An expanded call's summary and transcript, for a call the page was sent. */
  /** What the page asks of the section: more, a retry, a call's details, a recording's audio. */
  async handle(message: Extract<PanelMessage, { type: 'moreActivity' | 'retryActivity' | 'expandCall' | 'playRecording' }>): Promise<void> {
    switch (message.type) {
      case 'moreActivity':
        return this.more();
      case 'retryActivity':
        return this.retry();
      case 'expandCall':
        return this.expandCall(message.callId);
      case 'playRecording':
        return this.calls.play(message.value);
    }
  }

  async expandCall(callId: string): Promise<void> {
    const view = this.view;
    const item =
      view?.state === 'ready' ? view.activity.items.find((candidate) => candidate.kind === 'call' && candidate.call.id === callId) : undefined;
    if (!item) {
      // The page may only ask about calls it was sent.
      return;
    }
    await this.calls.expand({ callId, lineId: item.lineId, session: this.host.session(), lines: this.lines, userNames: this.userNames, defaultCountry: this.host.defaultCountry() });
  }

  dispose(): void {
    this.loading?.abort();
  }

  private async load(contact: Contact, more: boolean): Promise<void> {
    const session = this.host.session();
    const controller = new AbortController();
    this.loading = controller;
    const key = this.key;
    const before = this.view;
    let clearedMeanwhile = false;
    try {
      const activity = more
        ? await session.activity.loadMore(contact, { signal: controller.signal })
        : await session.activity.load(contact, { signal: controller.signal });
      await this.learnNames(activity, controller.signal);
      if (controller.signal.aborted || key !== this.key) {
        return;
      }
      this.view = { state: 'ready', activity };
    } catch (error) {
      if (controller.signal.aborted || key !== this.key) {
        return;
      }
      if (isQuoError(error) && error.kind === 'cancelled') {
        // Not this panel's doing: "Quo: Refresh" or a new key dropped what was being loaded. Ask again below.
        clearedMeanwhile = true;
        this.view = before?.state === 'ready' ? { ...before, loadingMore: false } : { state: 'loading' };
      } else {
        const message = session.describeFailure(error);
        this.view =
          more && before?.state === 'ready' ? { state: 'ready', activity: before.activity, moreError: message } : { state: 'error', message };
      }
    } finally {
      if (this.loading === controller) {
        this.loading = undefined;
      }
    }
    this.post();
    if (clearedMeanwhile) {
      this.maybeLoad();
    }
  }

  /** The lines (already loaded with the activity) and the few teammates who are not on them. */
  private async learnNames(activity: Activity, signal: AbortSignal): Promise<void> {
    const session = this.host.session();
    this.lines = session.activity.peekLines() ?? this.lines;
    const onLines = new Set((this.lines ?? []).flatMap((line) => line.users.map((user) => user.id)));
    const unknown = [
      ...new Set(activity.items.map((item) => (item.kind === 'call' ? item.call.userId : item.message.userId))),
    ].filter((id): id is string => id !== null && id !== '' && !onLines.has(id) && !this.userNames.has(id));
    await Promise.all(
      unknown.slice(0, MAX_USER_LOOKUPS).map(async (id) => {
        const name = session.contacts.peekUserName(id) ?? (await session.contacts.userName(id, { signal, priority: 'interactive' }));
        if (name !== undefined) {
          this.userNames.set(id, name);
        }
      }),
    );
  }

  private renderOptions(): ActivityRenderOptions {
    const contact = this.host.contact();
    const numbers = contact ? contactNumbers(contact.defaultFields.phoneNumbers.map((phone) => phone.value)).numbers : [];
    return {
      ...(this.lines ? { lines: this.lines } : {}),
      userNames: this.userNames,
      locale: vscode.env.language,
      now: Date.now(),
      hasNumbers: numbers.length > 0,
      defaultCountry: this.host.defaultCountry(),
    };
  }
}
