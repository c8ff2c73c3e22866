/**
 * The contact panel's protocol: what its webview may post to the extension, what the extension posts to it (the
 * Activity section as it fills in), and what the webview saves for a window reload.
 * Shared by both sides (no vscode, no DOM) so they cannot drift; the extension treats every message as untrusted
 * input and checks it with isPanelMessage.
 */

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
  /** "Check the other lines" / "Load more" in the Activity section. */
  | { readonly type: 'moreActivity' }
  | { readonly type: 'retryActivity' }
  /** A call row was expanded: its summary and transcript are wanted. */
  | { readonly type: 'expandCall'; readonly callId: string };

export type PanelMessageType = PanelMessage['type'];

/**
 * What the extension posts to the page. Both carry HTML the extension rendered and escaped (src/render/
 * activityHtml.ts); the page inserts it without redrawing the rest, so scroll and expanded rows stay.
 */
export type HostMessage =
  /** The Activity section's body, whole; rows the page already has (same `data-key`) are kept as they are. */
  | { readonly type: 'activity'; readonly html: string }
  /** What goes inside an expanded call. */
  | { readonly type: 'callDetails'; readonly callId: string; readonly html: string };

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
}

/**
 * Longest HTML fragment the page takes. The Activity body is rendered to fit (src/render/activityHtml.ts leaves the
 * oldest rows out, and says so); a longer fragment is refused, and the page says that instead of waiting for it.
 */
export const MAX_HOST_HTML = 4 * 1024 * 1024;

/** A Quo call id as the page may name it: `AC` and letters or digits. */
const CALL_ID = /^AC[0-9A-Za-z]{1,64}$/;

/** Longest string a message may carry: more than any id, phone, email or URL, less than anything abusive. */
export const MAX_MESSAGE_VALUE = 8192;

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
]);

function isValue(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_MESSAGE_VALUE;
}

/**
 * The message for a click on an element with `data-action` (and `data-value` for copy), or undefined for an
 * unknown action. Links are not actions: the script posts `openLink` for `a[data-href]` itself.
 */
export function messageForAction(action: string | null, value: string | null): PanelMessage | undefined {
  if (action === 'copy') {
    return isValue(value) ? { type: 'copy', value } : undefined;
  }
  if (action !== null && BARE_TYPES.has(action)) {
    return { type: action } as PanelMessage;
  }
  return undefined;
}

/** Checks a message received from the webview: a known type with exactly the fields that type needs. */
export function isPanelMessage(data: unknown): data is PanelMessage {
  return neverThrows(panelMessage, data);
}

/**
 * A check's answer, or false when reading `data` throws: a getter or a proxy trap may, and a check that throws would
 * take down the listener that asked rather than refuse one message.
 */
function neverThrows(check: (data: unknown) => boolean, data: unknown): boolean {
  try {
    return check(data);
  } catch {
    return false;
  }
}

function panelMessage(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) {
    return false;
  }
  const message = data as { type?: unknown; value?: unknown; url?: unknown; callId?: unknown };
  switch (message.type) {
    case 'copy':
      return isValue(message.value);
    case 'openLink':
      return isValue(message.url);
    case 'expandCall':
      return isCallId(message.callId);
    default:
      return typeof message.type === 'string' && BARE_TYPES.has(message.type);
  }
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
  const message = data as { type?: unknown; html?: unknown; callId?: unknown };
  const fragment = typeof message.html === 'string' && message.html.length <= MAX_HOST_HTML;
  switch (message.type) {
    case 'activity':
      return fragment;
    case 'callDetails':
      return fragment && isCallId(message.callId);
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
  return (
    typeof data === 'object' &&
    data !== null &&
    isValue((data as { contactId?: unknown }).contactId) &&
    ((data as { workspaceId?: unknown }).workspaceId === undefined || isValue((data as { workspaceId?: unknown }).workspaceId))
  );
}
