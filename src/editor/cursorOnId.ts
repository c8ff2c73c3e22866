/** The `quo.cursorOnContactId` context key, which the editor's context menu reads. */
import * as vscode from 'vscode';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import { idAtPosition } from '../documents/documentIds.js';

/** Keeps the `quo.cursorOnContactId` context key true while the cursor is on an id (for the context menu). */
export function trackCursorOnId(detectors: Pick<ConfiguredDetector, 'detector'>): vscode.Disposable {
  let last = false;
  const update = (editor: vscode.TextEditor | undefined): void => {
    const onId = editor ? idAtPosition(editor.document, editor.selection.active, detectors.detector) !== undefined : false;
    if (onId !== last) {
      last = onId;
      void vscode.commands.executeCommand('setContext', 'quo.cursorOnContactId', onId);
    }
  };
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((event) => update(event.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(update),
  );
}
