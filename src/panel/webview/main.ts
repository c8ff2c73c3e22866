/**
 * The contact panel's script, running inside the webview (bundled by esbuild.mjs to dist/webview/panel.js). The
 * page is static HTML from renderPanelHtml; this only turns clicks into messages for the extension, which checks
 * them and does the work. It never navigates or fetches, so a hostile link cannot take the webview anywhere.
 */
import { messageForAction, type PanelMessage, type PanelWebviewState } from '../messages.js';

interface VsCodeApi {
  postMessage(message: PanelMessage): void;
  setState(state: PanelWebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** How long a copy button shows a check mark. */
const COPIED_FEEDBACK_MS = 1500;

const vscode = acquireVsCodeApi();

// Saved for the panel serializer, so the panel comes back showing the same contact after a window reload.
const contactId = document.body.getAttribute('data-contact-id');
if (contactId) {
  vscode.setState({ contactId });
}

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

function showCopied(control: Element): void {
  const icon = control.querySelector('.codicon-copy');
  if (!icon) {
    return;
  }
  icon.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => icon.classList.replace('codicon-check', 'codicon-copy'), COPIED_FEEDBACK_MS);
}
