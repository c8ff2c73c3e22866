/**
 * The contact panel's script, running inside the webview (bundled by esbuild.mjs to dist/webview/panel.js). The
 * page is static HTML from renderPanelHtml; this turns clicks into messages for the extension, which checks them and
 * does the work, and puts the Activity section's updates into the page as they arrive, without redrawing the rest:
 * rows the page already has are kept as they are, so what the user expanded stays expanded and the scroll stays.
 * It never navigates or fetches, so a hostile link cannot take the webview anywhere; the HTML it inserts was
 * rendered and escaped by the extension, and the page's CSP runs no script that came with it. The edit form's part
 * (the form's buttons, its draft in the state, what a save answers) is src/panel/webview/editForm.ts.
 */
import {
  isHostMessage,
  isSavedEdit,
  messageForAction,
  oversizedHostMessage,
  type HostMessage,
  type PanelMessage,
  type PanelWebviewState,
} from '../../render/panelMessages.js';
import { createEditForm } from './editForm.js';

interface VsCodeApi {
  postMessage(message: PanelMessage): void;
  setState(state: PanelWebviewState): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** How long a copy button shows a check mark. */
const COPIED_FEEDBACK_MS = 1500;
/** Scroll positions are saved at most this often. */
const SAVE_SCROLL_MS = 200;

const vscode = acquireVsCodeApi();

const saved = readState(vscode.getState());
// Saved for the panel serializer, so the panel comes back showing the same contact after a window reload.
const contactId = document.body.getAttribute('data-contact-id');
const workspaceId = document.body.getAttribute('data-workspace-id');
/** Activity rows the user expanded; opened again when the page is drawn again (after being hidden, or a reload). */
const open = new Set<string>(saved?.contactId === contactId ? (saved?.open ?? []) : []);
let scrollY = saved?.contactId === contactId ? saved?.scrollY : undefined;
let scrollRestored = false;
/** The edit form (src/panel/webview/editForm.ts), with the unsaved form the state held, if any. */
const editForm = createEditForm({ post: (message) => vscode.postMessage(message), saveState }, saved?.contactId === contactId ? saved?.edit : undefined, contactId);

function saveState(): void {
  if (contactId) {
    const edit = editForm.edit();
    vscode.setState({
      contactId,
      ...(workspaceId ? { workspaceId } : {}),
      open: [...open],
      ...(scrollY === undefined ? {} : { scrollY }),
      ...(edit ? { edit } : {}),
    });
  }
}
saveState();

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const link = target?.closest('a');
  if (link) {
    event.preventDefault();
    const url = link.getAttribute('data-href');
    if (url) {
      vscode.postMessage({ type: 'openLink', url });
    }
    return;
  }
  if (target && editForm.click(target)) {
    return;
  }
  const control = target?.closest('[data-action]');
  if (!control) {
    return;
  }
  const message = messageForAction(control.getAttribute('data-action'), control.getAttribute('data-value'));
  if (message) {
    vscode.postMessage(message);
    if (message.type === 'copy') {
      showCopied(control);
    }
  }
});

// `toggle` does not bubble: listened for while it goes down to the <details>.
document.addEventListener(
  'toggle',
  (event) => {
    const details = event.target instanceof HTMLDetailsElement ? event.target : null;
    const key = details?.closest('[data-key]')?.getAttribute('data-key');
    if (!details || !key) {
      return;
    }
    if (details.open) {
      open.add(key);
      askForCallDetails(details);
    } else {
      open.delete(key);
    }
    saveState();
  },
  true,
);

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer === undefined) {
    scrollTimer = setTimeout(() => {
      scrollTimer = undefined;
      scrollY = window.scrollY;
      saveState();
    }, SAVE_SCROLL_MS);
  }
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) {
    const refused = oversizedHostMessage(message);
    if (refused) {
      if (refused.type === 'activity') {
        showTooLarge(document.querySelector('[data-activity-body]'), 'data-too-large-text');
      } else {
        showTooLarge(callDetailsTarget(refused.callId), 'data-details-too-large-text');
      }
    }
    return;
  }
  if (editForm.receive(message)) {
    return;
  }
  if (message.type === 'activity') {
    updateActivity(message.html);
  } else if (message.type === 'recordingAudio' || message.type === 'recordingProblem') {
    showRecording(message);
  } else if (message.type === 'mentions') {
    const body = document.querySelector('[data-mentions-body]');
    if (body) {
      body.replaceChildren(fragment(message.html));
      body.setAttribute('aria-busy', String(body.querySelector('.activity-loading') !== null));
    }
  } else if (message.type === 'callDetails') {
    const target = callDetailsTarget(message.callId);
    if (target) {
      target.replaceChildren(fragment(message.html));
      target.setAttribute('data-loaded', 'true');
    }
  }
});

restoreOpenRows();
// Told last, so the extension's answer finds the listener above; then the unsaved form, if the state holds one.
vscode.postMessage({ type: 'ready' });
editForm.resume();

/** Puts a new body into the Activity section, keeping the rows the page already shows. */
function updateActivity(html: string): void {
  const body = document.querySelector('[data-activity-body]');
  if (!body) {
    return;
  }
  const incoming = fragment(html);
  // One pass over each side: a selector per incoming row would look through the whole body for each of them.
  const shown = rowsByKey(body);
  for (const row of Array.from(incoming.querySelectorAll('[data-key]'))) {
    const existing = shown.get(row.getAttribute('data-key') ?? '');
    if (existing) {
      row.replaceWith(existing);
    }
  }
  body.replaceChildren(incoming);
  const loading = body.querySelector('.activity-loading') !== null;
  body.setAttribute('aria-busy', String(loading));
  restoreOpenRows();
}

/** Opens the rows that were open before the page was drawn again, and goes back to where it was scrolled. */
function restoreOpenRows(): void {
  const rows = open.size === 0 ? new Map<string, Element>() : rowsByKey(document);
  for (const key of open) {
    const details = rows.get(key)?.querySelector('details');
    if (details instanceof HTMLDetailsElement && !details.open) {
      details.open = true;
    }
  }
  // Once: the page is back as long as it was when it was left; later updates must not move what the user reads.
  if (!scrollRestored && scrollY !== undefined && document.querySelector('.activity-list') !== null) {
    scrollRestored = true;
    window.scrollTo(0, scrollY);
  }
}

/** The rows under `root` by their `data-key`; the first of a key wins, as a selector would find it. */
function rowsByKey(root: ParentNode): Map<string, Element> {
  const rows = new Map<string, Element>();
  for (const row of Array.from(root.querySelectorAll('[data-key]'))) {
    const key = row.getAttribute('data-key');
    if (key !== null && !rows.has(key)) {
      rows.set(key, row);
    }
  }
  return rows;
}

function callDetailsTarget(callId: string): Element | null {
  return document.querySelector(`[data-call-details="${CSS.escape(callId)}"]`);
}

/**
 * An update was refused for its size: whatever was waiting for it stops waiting and says why, in the words the
 * extension put on the Activity section (the page has no translations of its own). The rows shown stay.
 */
function showTooLarge(target: Element | null, textAttribute: 'data-too-large-text' | 'data-details-too-large-text'): void {
  const body = document.querySelector('[data-activity-body]');
  if (!target || !body) {
    return;
  }
  for (const waiting of Array.from(target.querySelectorAll('.activity-loading, .call-details-loading, [data-activity-too-large]'))) {
    waiting.remove();
  }
  const note = document.createElement('p');
  note.className = 'activity-note activity-note-warning';
  note.setAttribute('data-activity-too-large', '');
  note.setAttribute('role', 'status');
  const icon = document.createElement('span');
  icon.className = 'codicon codicon-warning';
  icon.setAttribute('aria-hidden', 'true');
  const text = document.createElement('span');
  text.textContent = body.getAttribute(textAttribute) ?? '';
  note.append(icon, text);
  target.append(note);
  if (target === body) {
    body.setAttribute('aria-busy', 'false');
  }
}

function askForCallDetails(details: HTMLDetailsElement): void {
  const callId = details.getAttribute('data-call-id');
  const target = callId === null ? null : details.querySelector(`[data-call-details="${CSS.escape(callId)}"]`);
  if (callId && target && target.getAttribute('data-loaded') !== 'true') {
    vscode.postMessage({ type: 'expandCall', callId });
  }
}

/**
 * Play's answer: the audio goes into the call's own <audio> element (the only media the page's CSP allows is a
 * `data:` source) and plays; or the reason it cannot, beside the button.
 */
function showRecording(message: Extract<HostMessage, { type: 'recordingAudio' | 'recordingProblem' }>): void {
  const reference = CSS.escape(message.reference);
  const audio = document.querySelector(`audio[data-recording="${reference}"]`);
  const problem = document.querySelector(`[data-recording-problem="${reference}"]`);
  if (message.type === 'recordingProblem') {
    if (problem) {
      problem.textContent = message.message;
    }
    return;
  }
  if (audio instanceof HTMLAudioElement) {
    audio.src = message.src;
    audio.hidden = false;
    document.querySelector(`[data-action="playRecording"][data-value="${reference}"]`)?.setAttribute('hidden', '');
    void audio.play().catch(() => undefined);
  }
}

/** HTML as nodes, parsed inert: a <template> runs no script and loads nothing. */
function fragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function readState(state: unknown): PanelWebviewState | undefined {
  if (typeof state !== 'object' || state === null) {
    return undefined;
  }
  const { contactId: id, workspaceId: workspace, open: rows, scrollY: y, edit } = state as {
    contactId?: unknown;
    workspaceId?: unknown;
    open?: unknown;
    scrollY?: unknown;
    edit?: unknown;
  };
  if (typeof id !== 'string') {
    return undefined;
  }
  return {
    contactId: id,
    ...(typeof workspace === 'string' ? { workspaceId: workspace } : {}),
    open: Array.isArray(rows) ? rows.filter((row): row is string => typeof row === 'string').slice(0, 500) : [],
    ...(typeof y === 'number' && Number.isFinite(y) ? { scrollY: y } : {}),
    ...(isSavedEdit(edit) ? { edit } : {}),
  };
}

function showCopied(control: Element): void {
  const icon = control.querySelector('.codicon-copy');
  if (!icon) {
    return;
  }
  icon.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => icon.classList.replace('codicon-check', 'codicon-copy'), COPIED_FEEDBACK_MS);
}
