/**
 * The contact panel's protocol: what its webview may post to the extension, and what it saves for a window reload.
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
  | { readonly type: 'retry' };

export type PanelMessageType = PanelMessage['type'];

/** What the webview stores with `setState`; VS Code hands it to the panel serializer after a reload. */
export interface PanelWebviewState {
  readonly contactId: string;
}

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
  if (typeof data !== 'object' || data === null) {
    return false;
  }
  const message = data as { type?: unknown; value?: unknown; url?: unknown };
  switch (message.type) {
    case 'copy':
      return isValue(message.value);
    case 'openLink':
      return isValue(message.url);
    default:
      return typeof message.type === 'string' && BARE_TYPES.has(message.type);
  }
}

export function isPanelWebviewState(data: unknown): data is PanelWebviewState {
  return (
    typeof data === 'object' &&
    data !== null &&
    isValue((data as { contactId?: unknown }).contactId)
  );
}
