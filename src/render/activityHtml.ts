/**
 * The contact panel's Activity section: a contact's calls and messages, newest first, as HTML fragments. Pure, like
 * panelHtml.ts: every value from Quo is cleaned and HTML-escaped, nothing here runs script or links anywhere, and
 * behaviour comes from `data-action` attributes and `<details>` elements the page script (src/panel/webview/main.ts)
 * reacts to. The page receives the section's body through postMessage and keeps its rows by `data-key`, so what the
 * user expanded stays expanded when more arrives.
 */
import * as l10n from '@vscode/l10n';
import { coverageText, lineErrorText, noNumbersText } from '../activity/activityCopy.js';
import type { Fetched } from '../activity/activityIdResolver.js';
import type { ActivityItem, ContactActivity } from '../activity/activityLoader.js';
import { MAX_HOST_HTML } from './panelMessages.js';
import type { Call, CallSummary, CallTranscript, Message } from '../quo/types.js';
import {
  callStatusText,
  callTitle,
  durationText,
  lineLabel,
  messageTitle,
  teammateName,
} from './activityText.js';
import { messageSender, type ActivityNames } from '../activity/participants.js';
import { createFormatter, type Formatter } from './format.js';
import { attr, button, html } from './html.js';
import { cleanLine, cleanMultiline, truncate } from '../common/text.js';
import { displayPhone } from '../contacts/phone.js';

/** Characters of a message shown in its row; the whole text is one click away. */
export const MESSAGE_PREVIEW_LENGTH = 140;

/** Room kept in a body for the note that says how many rows were left out, and the list around the rows. */
const LEFT_OUT_ROOM = 1024;

/** What the section shows: the first load under way, an answer (maybe with more being checked), or a failure. */
export type ActivityView =
  | { readonly state: 'loading' }
  | {
      readonly state: 'ready';
      readonly activity: ContactActivity;
      /** "Check more" or "Load more" is under way. */
      readonly loadingMore?: boolean;
      /** Why the last "check more" failed; the answer before it is still shown. */
      readonly moreError?: string;
    }
  | { readonly state: 'error'; readonly message: string };

export interface ActivityRenderOptions extends ActivityNames {
  /** The UI locale (`vscode.env.language`). */
  readonly locale?: string;
  readonly timeZone?: string;
  /** Epoch ms relative times count from. */
  readonly now: number;
  /** Whether the contact has a number in international format to ask about; false says so instead of "no calls". */
  readonly hasNumbers?: boolean;
  /** `quo.defaultCountry`, for showing a line's number when the line has no name. */
  readonly defaultCountry?: string;
}

/** A summary or transcript as fetched, or why fetching it failed. */
export type CallDetailPart<T> = Fetched<T> | { readonly kind: 'error'; readonly message: string };

export interface CallDetails {
  readonly summary: CallDetailPart<CallSummary>;
  readonly transcript: CallDetailPart<CallTranscript>;
}

/** The row's key on the page: calls and messages share the `AC` prefix, so the kind is part of it. */
export function activityItemKey(item: ActivityItem): string {
  return item.kind === 'call' ? `call-${item.call.id}` : `message-${item.message.id}`;
}

/** The whole section, as the page's HTML holds it when it is drawn. */
export function renderActivitySection(view: ActivityView, options: ActivityRenderOptions): string {
  return `<section class="section activity" id="activity" aria-labelledby="section-activity">
<h2 id="section-activity">${html(l10n.t({ message: 'Activity', comment: ["Heading of the contact panel section with the contact's calls and messages"] }))}</h2>
<div class="activity-body" data-activity-body data-too-large-text="${attr(l10n.t('Too many calls and messages to show here.'))}" data-details-too-large-text="${attr(l10n.t('This summary and transcript are too long to show here. Open the call in Quo to read them.'))}" aria-live="polite" aria-busy="${view.state === 'loading' || (view.state === 'ready' && view.loadingMore === true)}">
${renderActivityBody(view, options)}
</div>
</section>`;
}

/** What goes inside the section's body: sent to the page as it changes. */
export function renderActivityBody(view: ActivityView, options: ActivityRenderOptions): string {
  switch (view.state) {
    case 'loading':
      return loadingRow(l10n.t('Loading calls and messages…'));
    case 'error':
      return `<div class="activity-note activity-error" role="alert"><span class="codicon codicon-error" aria-hidden="true"></span><span>${html(
        l10n.t('Calls and messages could not be loaded: {0}', cleanLine(view.message)),
      )}</span></div>
<div class="actions">${button('retryActivity', l10n.t('Retry'), 'refresh', 'secondary')}</div>`;
    case 'ready':
      return renderReady(view, options);
  }
}

function renderReady(view: Extract<ActivityView, { state: 'ready' }>, options: ActivityRenderOptions): string {
  const { activity } = view;
  const notes = renderNotes(view, options);
  if (activity.items.length === 0) {
    const nothingToAsk = options.hasNumbers === false || (activity.coverage.linesTotal === 0 && activity.skippedNumbers.length > 0);
    return [`<p class="empty activity-empty">${html(nothingToAsk ? noNumbersText() : l10n.t('No calls or messages yet'))}</p>`, ...notes].join('\n');
  }
  // The page refuses a body over MAX_HOST_HTML, and "Load more" can gather thousands of rows: the newest that fit
  // are shown, with how many older ones are not, rather than an update the page would drop.
  const format = createFormatter(options.locale, options.timeZone);
  const room = MAX_HOST_HTML - LEFT_OUT_ROOM - notes.reduce((length, part) => length + part.length + 1, 0);
  const rows: string[] = [];
  let length = 0;
  for (const item of activity.items) {
    const row = renderItem(item, options, format);
    length += row.length + 1;
    if (length > room) {
      break;
    }
    rows.push(row);
  }
  const leftOut = activity.items.length - rows.length;
  return [
    `<ul class="activity-list">\n${rows.join('\n')}\n</ul>`,
    ...(leftOut > 0
      ? [note('warning', l10n.t('{0} older calls and messages are not shown here: too many for the panel.', leftOut))]
      : []),
    ...notes,
  ].join('\n');
}

/** Everything the body says besides its rows: failed lines, skipped numbers, the budget and its button. */
function renderNotes(view: Extract<ActivityView, { state: 'ready' }>, options: ActivityRenderOptions): string[] {
  const { activity } = view;
  const parts: string[] = [];
  for (const error of activity.lineErrors) {
    parts.push(note('warning', lineErrorText(error, lineLabel(options, error.lineId, options.defaultCountry))));
  }
  if (activity.skippedNumbers.length > 0 && activity.coverage.linesTotal > 0) {
    parts.push(
      note(
        'info',
        l10n.t('Not checked (not in international format): {0}', activity.skippedNumbers.map(cleanLine).filter(Boolean).join(', ')),
      ),
    );
  }
  if (view.moreError !== undefined) {
    parts.push(note('error', l10n.t('Could not check more: {0}', cleanLine(view.moreError))));
  }
  parts.push(renderMore(view));
  return parts.filter((part) => part !== '');
}

/** The budget note with its button, "Load more", or the row saying either is under way. */
function renderMore(view: Extract<ActivityView, { state: 'ready' }>): string {
  const { activity } = view;
  const coverage = coverageText(activity.coverage);
  const budgetNote =
    coverage === undefined
      ? ''
      : `<p class="activity-coverage">${html(
          l10n.t('{0}: checking a contact sends at most 24 requests at a time.', coverage),
        )}</p>`;
  if (view.loadingMore === true) {
    return `${budgetNote}${loadingRow(l10n.t('Checking more…'))}`;
  }
  if (!activity.hasMore) {
    return budgetNote;
  }
  const label =
    coverage === undefined
      ? l10n.t({ message: 'Load more', comment: ['Loads older calls and messages'] })
      : l10n.t({ message: 'Check the other lines', comment: ["Checks the Quo lines not checked yet for the contact's calls and messages"] });
  return `<div class="activity-more">${budgetNote}<div class="actions">${button('moreActivity', label, coverage === undefined ? 'history' : 'search', 'secondary')}</div></div>`;
}

function renderItem(item: ActivityItem, options: ActivityRenderOptions, format: Formatter): string {
  const key = activityItemKey(item);
  if (item.kind === 'call') {
    const { call } = item;
    return `<li class="activity-item activity-call" data-key="${attr(key)}">
<details class="activity-entry" data-call-id="${attr(cleanLine(call.id))}">
<summary>${callRow(call, item.lineId, options, format)}</summary>
<div class="call-details" data-call-details="${attr(cleanLine(call.id))}">${renderCallDetailsLoading()}</div>
</details>
</li>`;
  }
  const { message } = item;
  const whole = cleanMultiline(message.text);
  const preview = truncate(cleanLine(message.text), MESSAGE_PREVIEW_LENGTH);
  const row = messageRow(message, item.lineId, preview, options, format);
  if (preview === whole) {
    return `<li class="activity-item activity-message" data-key="${attr(key)}">
<div class="activity-entry">${row}</div>
</li>`;
  }
  return `<li class="activity-item activity-message" data-key="${attr(key)}">
<details class="activity-entry">
<summary>${row}</summary>
<p class="activity-full multiline">${html(whole)}</p>
</details>
</li>`;
}

function callRow(call: Call, lineId: string, options: ActivityRenderOptions, format: Formatter): string {
  const icon = call.direction === 'outgoing' ? 'call-outgoing' : 'call-incoming';
  const facts = [callStatusText(call.status)];
  if (call.duration > 0) {
    facts.push(durationText(call.duration));
  }
  return row(icon, callTitle(call.direction), meta(lineId, call.userId, options), call.createdAt, format, options.now, html(facts.join(' · ')));
}

function messageRow(message: Message, lineId: string, preview: string, options: ActivityRenderOptions, format: Formatter): string {
  const text = preview === '' ? `<span class="empty">${html(l10n.t('No text'))}</span>` : html(preview);
  const undelivered =
    message.status === 'undelivered'
      ? ` <span class="activity-badge">${html(l10n.t({ message: 'Not delivered', comment: ['A message Quo could not deliver'] }))}</span>`
      : '';
  return row('comment', messageTitle(message.direction), meta(message.phoneNumberId ?? lineId, messageSender(message), options), message.createdAt, format, options.now, `${text}${undelivered}`);
}

/** "Main line · Grace Hopper": the line and the teammate, as far as they are known; the line alone when none took part. */
function meta(lineId: string, userId: string | null, options: ActivityRenderOptions): string {
  return [lineLabel(options, lineId, options.defaultCountry), teammateName(options, lineId, userId)].filter((part): part is string => Boolean(part)).join(' · ');
}

function row(icon: string, title: string, metaText: string, createdAt: string, format: Formatter, now: number, textHtml: string): string {
  const iso = cleanLine(createdAt);
  return `<span class="activity-row"><span class="activity-icon codicon codicon-${attr(icon)}" aria-hidden="true"></span><span class="activity-main"><span class="activity-head"><span class="activity-title">${html(title)}</span><span class="activity-meta">${html(metaText)}</span><time class="activity-time" datetime="${attr(iso)}" title="${attr(format.dateTime(createdAt))}">${html(format.relative(createdAt, now))}</time></span><span class="activity-text">${textHtml}</span></span></span>`;
}

/** Shown inside an expanded call until its summary and transcript arrive. */
export function renderCallDetailsLoading(): string {
  return `<p class="activity-note call-details-loading"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span><span>${html(
    l10n.t('Loading the summary and transcript…'),
  )}</span></p>`;
}

/** Who spoke in a transcript: teammates by the names known, the line the call was on, numbers shown in a country. */
export type TranscriptNames = ActivityNames & { readonly lineId?: string; readonly defaultCountry?: string };

/**
 * An expanded call: its summary and transcript, or one clear line for each that is not there. A speaker known only by
 * number is shown as numbers are everywhere, in `defaultCountry`.
 */
export function renderCallDetails(details: CallDetails, options: TranscriptNames = {}): string {
  return `<div class="call-summary">
<h3>${html(l10n.t({ message: 'Summary', comment: ["Heading of Quo's AI summary of a call"] }))}</h3>
${renderSummary(details.summary)}
</div>
<div class="call-transcript">
<h3>${html(l10n.t({ message: 'Transcript', comment: ['Heading of the transcript of a call'] }))}</h3>
${renderTranscript(details.transcript, options)}
</div>`;
}

function renderSummary(part: CallDetailPart<CallSummary>): string {
  switch (part.kind) {
    case 'error':
      return note('error', l10n.t('The summary could not be loaded: {0}', cleanLine(part.message)));
    case 'forbidden':
      return note('info', l10n.t('Call summaries are not part of this workspace’s Quo plan (Quo answered 403).'));
    case 'not-found':
      return note('info', l10n.t('Quo has no summary for this call.'));
    case 'found':
      break;
  }
  const summary = part.value;
  switch (summary.status) {
    case 'absent':
      return note('info', l10n.t('There is no summary of this call.'));
    case 'in-progress':
      return note('loading', l10n.t('Quo is still writing the summary of this call.'));
    case 'failed':
      return note('error', l10n.t('Quo could not summarize this call.'));
    case 'completed':
      break;
    default:
      return note('info', l10n.t('Quo sent a summary this version does not know how to show.'));
  }
  const lines = (summary.summary ?? []).map(cleanMultiline).filter(Boolean);
  const steps = (summary.nextSteps ?? []).map(cleanMultiline).filter(Boolean);
  const jobs = (summary.jobs ?? []).flatMap((job) =>
    job.result.data
      .map((entry) => ({ name: cleanLine(entry.name), value: cleanLine(String(entry.value)) }))
      .filter((entry) => entry.name !== '' && entry.value !== '')
      .map((entry) => ({ job: cleanLine(job.name), ...entry })),
  );
  if (lines.length === 0 && steps.length === 0 && jobs.length === 0) {
    return note('info', l10n.t('The summary of this call is empty.'));
  }
  const parts: string[] = [];
  if (lines.length > 0) {
    parts.push(`<ul class="call-summary-lines">${lines.map((line) => `<li class="multiline">${html(line)}</li>`).join('')}</ul>`);
  }
  if (steps.length > 0) {
    parts.push(
      `<p class="call-subheading">${html(l10n.t({ message: 'Next steps', comment: ["What Quo's AI summary says to do after a call"] }))}</p>`,
      `<ul class="call-next-steps">${steps.map((step) => `<li class="multiline">${html(step)}</li>`).join('')}</ul>`,
    );
  }
  if (jobs.length > 0) {
    parts.push(
      `<dl class="fields call-jobs">${jobs
        .map((entry) => `<div class="field"><dt>${html(entry.job === '' ? entry.name : `${entry.job}: ${entry.name}`)}</dt><dd>${html(entry.value)}</dd></div>`)
        .join('')}</dl>`,
    );
  }
  return parts.join('\n');
}

function renderTranscript(part: CallDetailPart<CallTranscript>, names: TranscriptNames): string {
  switch (part.kind) {
    case 'error':
      return note('error', l10n.t('The transcript could not be loaded: {0}', cleanLine(part.message)));
    case 'forbidden':
      return note('info', l10n.t('Call transcripts are not part of this workspace’s Quo plan (Quo answered 403).'));
    case 'not-found':
      return note('info', l10n.t('Quo has no transcript for this call.'));
    case 'found':
      break;
  }
  const transcript = part.value;
  switch (transcript.status) {
    case 'absent':
      return note('info', l10n.t('There is no transcript of this call.'));
    case 'in-progress':
      return note('loading', l10n.t('Quo is still writing the transcript of this call.'));
    case 'failed':
      return note('error', l10n.t('Quo could not transcribe this call.'));
    case 'completed':
      break;
    default:
      return note('info', l10n.t('Quo sent a transcript this version does not know how to show.'));
  }
  const entries = (transcript.dialogue ?? []).filter((entry) => cleanMultiline(entry.content) !== '');
  if (entries.length === 0) {
    return note('info', l10n.t('The transcript of this call is empty.'));
  }
  const rows = entries.map((entry) => {
    const teammate = entry.userId === null ? undefined : teammateName(names, names.lineId ?? null, entry.userId);
    const speaker = teammate ?? (entry.identifier === null ? '' : cleanLine(displayPhone(entry.identifier, names.defaultCountry)));
    return `<li class="transcript-entry"><span class="transcript-time">${html(durationText(entry.start))}</span><span class="transcript-speaker">${html(
      speaker === '' ? l10n.t('Unknown speaker') : speaker,
    )}</span><span class="transcript-text multiline">${html(cleanMultiline(entry.content))}</span></li>`;
  });
  return `<ol class="transcript">${rows.join('')}</ol>`;
}

function note(icon: 'info' | 'warning' | 'error' | 'loading', text: string): string {
  const codicon = icon === 'loading' ? 'loading codicon-modifier-spin' : icon;
  return `<p class="activity-note activity-note-${icon}"><span class="codicon codicon-${codicon}" aria-hidden="true"></span><span>${html(text)}</span></p>`;
}

function loadingRow(text: string): string {
  return `<p class="activity-note activity-loading" role="status"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span><span>${html(text)}</span></p>`;
}
