/**
 * The contact panel's protocol: what its webview may post to the extension, what the extension posts to it (the
 * Activity section as it fills in, the edit form and what happens to it), and what the webview saves for a window
 * reload.
 * Shared by both sides (no vscode, no DOM) so they cannot drift; the extension treats every message as untrusted
 * input and checks it with isPanelMessage. A draft the page posts is checked whole (isContactDraft): its shape, no
 * key it should not have, every string's length and every list's size.
 */
import type { ContactDraft, DraftPath, EditSession } from '../contacts/edit/contactDraft.js';
import { hasOnly, isContactDraft, isEditSession, isList, isText, isValue, neverThrows } from './draftChecks.js';

export { isContactDraft, isEditSession, MAX_DRAFT_CHARS, MAX_DRAFT_CUSTOM_FIELDS, MAX_DRAFT_ITEMS, MAX_MESSAGE_VALUE } from './draftChecks.js';

export type PanelMessage =
  | { readonly type: 'copy'; readonly value: string }
  | { readonly type: 'copyJson' }
  | { readonly type: 'openLink'; readonly url: string }
  | { readonly type: 'openInQuo' }
  | { readonly type: 'refresh' }
  | { readonly type: 'togglePin' }
  | { readonly type: 'setApiKey' }
  | { readonly type: 'openSettings' }
  | { readonly type: 'retry' }
  /** "Open in the active workspace", on a panel whose own workspace was removed. */
  | { readonly type: 'openInActiveWorkspace' }
  /** The page has loaded (first shown, or drawn again after being hidden): the extension sends what changed since. */
  | { readonly type: 'ready' }
  /** A line under "Mentioned in" (`<file>:<mention>`, indexes into the list last sent), and "Show All in Peek". */
  | { readonly type: 'openMention'; readonly value: string }
  | { readonly type: 'findMentions' }
  /** Play on a call's recording or voicemail: `<callId>:<segment>` or `<callId>:vm`. */
  | { readonly type: 'playRecording'; readonly value: string }
  /** "Check the other lines" / "Load more" in the Activity section. */
  | { readonly type: 'moreActivity' }
  | { readonly type: 'retryActivity' }
  /** A call row was expanded: its summary and transcript are wanted. */
  | { readonly type: 'expandCall'; readonly callId: string }
  /** The header's Edit button: the extension answers with a `form`. */
  | { readonly type: 'edit' }
  /** The header's Delete button: the extension asks with a modal naming the contact. */
  | { readonly type: 'delete' }
  /** Save, with the form's draft (read from its fields). */
  | { readonly type: 'save'; readonly draft: ContactDraft }
  /**
   * Cancel or Escape: the edit is over. Posted at once when the draft is the session's base, else after the page
   * asked ("Discard changes") in the form. The page has already put the contact's fields back and dropped the edit
   * from its state.
   */
  | { readonly type: 'cancelEdit' }
  /** The comparison's buttons: save over the teammate's change, reload the form from Quo, or go back to the form. */
  | { readonly type: 'overwrite' }
  | { readonly type: 'keepTheirs' }
  | { readonly type: 'cancelSave' }
  /**
   * "Try again" after a 429 (`retryAfter`), once the wait is over: send the Save that got the 429 again. When the
   * user changed the form since, the page posts `save` with the new draft instead.
   */
  | { readonly type: 'tryAgain' }
  /**
   * Posted right after `ready` when the page's saved state holds an unsaved form of this contact (the panel was
   * hidden, or VS Code reloaded): the extension answers with a `form` of this draft, or `closeForm` when the edit is
   * over (saved or cancelled since) or cannot go on (read-only mode).
   */
  | { readonly type: 'resumeEdit'; readonly session: EditSession; readonly draft: ContactDraft };

export type PanelMessageType = PanelMessage['type'];

/**
 * What the extension posts to the page. Both carry HTML the extension rendered and escaped (src/render/
 * activityHtml.ts); the page inserts it without redrawing the rest, so scroll and expanded rows stay.
 */
export type HostMessage =
  /** The Activity section's body, whole; rows the page already has (same `data-key`) are kept as they are. */
  | { readonly type: 'activity'; readonly html: string }
  /** The "Mentioned in" section's body, whole. */
  | { readonly type: 'mentions'; readonly html: string }
  /** A recording's audio (a `data:audio/…` URL) for the Play button `reference` names, or why there is none. */
  | { readonly type: 'recordingAudio'; readonly reference: string; readonly src: string }
  | { readonly type: 'recordingProblem'; readonly reference: string; readonly message: string }
  /** What goes inside an expanded call. */
  | { readonly type: 'callDetails'; readonly callId: string; readonly html: string }
  /**
   * The edit form (renderContactForm): the page hides the contact's fields (`#contact-fields`), shows the form in
   * their place, focuses its first field and keeps `session` (with the draft it reads from the form) in its state.
   * A form already shown is replaced ("Keep theirs").
   */
  | { readonly type: 'form'; readonly html: string; readonly session: EditSession }
  /**
   * What is wrong with the draft saved: each field named by `path` is marked (aria-invalid, the message beside it);
   * a path no field has, and `general`, go to the form's alert banner. An empty list clears the marks.
   */
  | { readonly type: 'formProblems'; readonly problems: readonly FormProblem[]; readonly general?: string }
  /** The comparison (renderComparison), shown above the form; its heading takes the focus. */
  | { readonly type: 'conflict'; readonly html: string }
  /** A save is on its way (Save is disabled) or over. */
  | { readonly type: 'saving'; readonly busy: boolean }
  /** Quo answered 429: "Try again" is offered, disabled for `seconds` with a countdown. */
  | { readonly type: 'retryAfter'; readonly seconds: number }
  /**
   * The edit is over (saved, deleted, refused by read-only mode, or a `resumeEdit` of an edit that ended): the page
   * removes the form, shows the contact's fields again and drops the edit from its state. Send it before drawing the
   * page again after a save, or the new page resumes the edit it still has in its state.
   */
  | { readonly type: 'closeForm' };

export interface FormProblem {
  readonly path: DraftPath;
  readonly message: string;
}

/** What the webview stores with `setState`; VS Code hands it to the panel serializer after a reload. */
export interface PanelWebviewState {
  readonly contactId: string;
  /**
   * The Quo workspace the panel belongs to; absent in panels saved before several workspaces existed (they take the
   * active one).
   */
  readonly workspaceId?: string;
  /** `data-key`s of the activity rows the user expanded, so they open again when the page is drawn again. */
  readonly open?: readonly string[];
  /** Where the page was scrolled to. */
  readonly scrollY?: number;
  /**
   * An unsaved form: the session the extension sent and the draft as the user left it (written as they type). The
   * page posts it back as `resumeEdit` after `ready`.
   */
  readonly edit?: { readonly session: EditSession; readonly draft: ContactDraft };
}

/**
 * Longest HTML fragment the page takes. The Activity body is rendered to fit (src/render/activityHtml.ts leaves the
 * oldest rows out, and says so); a longer fragment is refused, and the page says that instead of waiting for it.
 */
export const MAX_HOST_HTML = 4 * 1024 * 1024;

/** A Quo call id as the page may name it: `AC` and letters or digits. */
const CALL_ID = /^AC[0-9A-Za-z]{1,64}$/;

/** Messages that carry nothing but their type, i.e. the `data-action` values of plain buttons. */
const BARE_TYPES: ReadonlySet<string> = new Set<PanelMessageType>([
  'copyJson',
  'openInQuo',
  'refresh',
  'togglePin',
  'setApiKey',
  'openSettings',
  'retry',
  'openInActiveWorkspace',
  'ready',
  'moreActivity',
  'retryActivity',
  'edit',
  'delete',
  'cancelEdit',
  'overwrite',
  'keepTheirs',
  'cancelSave',
  'tryAgain',
  'findMentions',
]);

/** Buttons whose value is a reference, and its shape: a mention's place in the list sent, a call's recording. */
const REFERENCES = { openMention: /^\d{1,4}:\d{1,4}$/, playRecording: /^AC[0-9A-Za-z]{1,64}:(?:\d{1,3}|vm)$/ } as const;
/** The largest audio the page takes: 25 MB as base64 and its prefix. */
const MAX_AUDIO_SRC = 36 * 1024 * 1024;

/**
 * The message for a click on an element with `data-action` (and `data-value` for copy), or undefined for an
 * unknown action. Links are not actions: the script posts `openLink` for `a[data-href]` itself.
 */
export function messageForAction(action: string | null, value: string | null): PanelMessage | undefined {
  if (action === 'copy') {
    return isValue(value) ? { type: 'copy', value } : undefined;
  }
  if (action === 'openMention' || action === 'playRecording') {
    return value !== null && REFERENCES[action].test(value) ? { type: action, value } : undefined;
  }
  if (action !== null && BARE_TYPES.has(action)) {
    return { type: action } as PanelMessage;
  }
  return undefined;
}

/**
 * The whole check of a message about editing: `save` and `resumeEdit` carry a draft, which isPanelMessage checks only
 * for its shape. The editor calls this before it reads one; other messages pass as they are.
 */
export function editedMessage(message: PanelMessage): boolean {
  return neverThrows(() => {
    switch (message.type) {
      case 'save':
        return isContactDraft(message.draft);
      case 'resumeEdit':
        return isEditSession(message.session) && isContactDraft(message.draft);
      default:
        return true;
    }
  }, message);
}

/** Checks a message received from the webview: a known type with exactly the fields that type needs. */
export function isPanelMessage(data: unknown): data is PanelMessage {
  return neverThrows(panelMessage, data);
}

function panelMessage(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) {
    return false;
  }
  const message = data as { type?: unknown; value?: unknown; url?: unknown; callId?: unknown; draft?: unknown; session?: unknown };
  switch (message.type) {
    case 'copy':
      return isValue(message.value);
    case 'openLink':
      return isValue(message.url);
    case 'openMention':
    case 'playRecording':
      return hasOnly(data, ['type', 'value']) && typeof message.value === 'string' && REFERENCES[message.type].test(message.value);
    case 'expandCall':
      return isCallId(message.callId);
    // Only the shape here: the drafts themselves are checked by the editing chunk (editedMessage) before any use, so
    // their checks stay out of the activation bundle.
    case 'save':
      return hasOnly(data, ['type', 'draft']) && typeof message.draft === 'object' && message.draft !== null;
    case 'resumeEdit':
      return hasOnly(data, ['type', 'session', 'draft']) && typeof message.session === 'object' && typeof message.draft === 'object';
    default:
      return typeof message.type === 'string' && BARE_TYPES.has(message.type);
  }
}

function isReference(data: object): boolean {
  const reference = (data as { reference?: unknown }).reference;
  return typeof reference === 'string' && REFERENCES.playRecording.test(reference);
}

function isAudioSrc(data: object): boolean {
  const src = (data as { src?: unknown }).src;
  return typeof src === 'string' && src.startsWith('data:audio/') && src.length <= MAX_AUDIO_SRC;
}

export function isCallId(value: unknown): value is string {
  return typeof value === 'string' && CALL_ID.test(value);
}

/** Checks a message the page received: it runs in the webview, where only the extension should post, but checks. */
export function isHostMessage(data: unknown): data is HostMessage {
  return neverThrows(hostMessage, data);
}

function hostMessage(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) {
    return false;
  }
  const message = data as { type?: unknown; html?: unknown; callId?: unknown; session?: unknown; busy?: unknown; seconds?: unknown };
  const fragment = typeof message.html === 'string' && message.html.length <= MAX_HOST_HTML;
  switch (message.type) {
    case 'activity':
    case 'mentions':
    case 'conflict':
      return fragment;
    case 'callDetails':
      return fragment && isCallId(message.callId);
    case 'form':
      return fragment && isEditSession(message.session);
    case 'formProblems':
      return isFormProblems(data);
    case 'saving':
      return typeof message.busy === 'boolean';
    case 'retryAfter':
      return typeof message.seconds === 'number' && Number.isFinite(message.seconds) && message.seconds >= 0 && message.seconds <= MAX_RETRY_SECONDS;
    case 'closeForm':
      return true;
    case 'recordingAudio':
    case 'recordingProblem':
      return message.type === 'recordingProblem'
        ? hasOnly(data, ['type', 'reference', 'message']) && isReference(data) && isValue((data as { message?: unknown }).message)
        : hasOnly(data, ['type', 'reference', 'src']) && isReference(data) && isAudioSrc(data);
    default:
      return false;
  }
}

/**
 * What a message the page refused only for its size was for: without this the page would stay on "Checking more…"
 * or "Loading the summary…", waiting for an update it had dropped.
 */
export function oversizedHostMessage(data: unknown): OversizedHostMessage | undefined {
  try {
    return oversized(data);
  } catch {
    return undefined;
  }
}

type OversizedHostMessage = { readonly type: 'activity' } | { readonly type: 'callDetails'; readonly callId: string };

function oversized(data: unknown): OversizedHostMessage | undefined {
  if (typeof data !== 'object' || data === null) {
    return undefined;
  }
  const message = data as { type?: unknown; html?: unknown; callId?: unknown };
  if (typeof message.html !== 'string' || message.html.length <= MAX_HOST_HTML) {
    return undefined;
  }
  if (message.type === 'activity') {
    return { type: 'activity' };
  }
  return message.type === 'callDetails' && isCallId(message.callId) ? { type: 'callDetails', callId: message.callId } : undefined;
}

export function isPanelWebviewState(data: unknown): data is PanelWebviewState {
  return neverThrows(panelWebviewState, data);
}

function panelWebviewState(data: unknown): boolean {
  const state = data as { contactId?: unknown; workspaceId?: unknown; edit?: unknown };
  return (
    typeof data === 'object' &&
    data !== null &&
    isValue(state.contactId) &&
    (state.workspaceId === undefined || isValue(state.workspaceId)) &&
    // The page checks the edit it keeps (isSavedEdit) when it reads its state; the extension does not read it.
    (state.edit === undefined || (typeof state.edit === 'object' && state.edit !== null))
  );
}

/** The `edit` of a saved state, when it is one (an edit of another contact is not). */
export function isSavedEdit(data: unknown): data is NonNullable<PanelWebviewState['edit']> {
  return neverThrows((edit) => {
    const { session, draft } = edit as { session?: unknown; draft?: unknown };
    return hasOnly(edit, ['session', 'draft']) && isEditSession(session) && isContactDraft(draft);
  }, data);
}

/** Most problems one `formProblems` marks. */
const MAX_PROBLEMS = 500;
/** Longest wait a `retryAfter` counts down: a day. */
const MAX_RETRY_SECONDS = 86_400;

function isFormProblems(data: unknown): boolean {
  if (!hasOnly(data, ['type', 'problems', 'general'])) {
    return false;
  }
  const { problems, general } = data;
  return (
    (general === undefined || isText(general)) &&
    isList(problems, MAX_PROBLEMS) &&
    // Only `path` and `message` are read: an error mapping's own fields beside them do no harm.
    problems.every((problem) => typeof problem === 'object' && problem !== null && isValue((problem as FormProblem).path) && isValue((problem as FormProblem).message))
  );
}
