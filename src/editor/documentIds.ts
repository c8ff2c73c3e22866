/**
 * Reads contact ids out of a document without ever reading more than a bounded amount of it: a window around the
 * cursor for hovers and commands, and a capped slice of each visible line for inline names and links. A 20 MB log
 * or a 5 MB one-line JSON costs the same as a short file.
 */
import * as vscode from 'vscode';
import type { Detector, DetectedId } from '../detect/detector.js';

/** Characters read on each side of the cursor. Longer than any id or contact link. */
export const CURSOR_WINDOW_RADIUS = 256;
/** Characters read from one visible line. A minified line shows far fewer than this on screen. */
export const MAX_LINE_SCAN = 20_000;
/** Characters read for one visible range in all. */
export const MAX_RANGE_SCAN = 1_000_000;

export interface IdInDocument extends DetectedId {
  readonly range: vscode.Range;
}

/** Counts what was read, so tests can prove the bound without timing anything. */
export const scanStats = { charsRead: 0 };

function read(document: vscode.TextDocument, range: vscode.Range): string {
  const text = document.getText(range);
  scanStats.charsRead += text.length;
  return text;
}

/** A match cut by the edge of what was read may be part of a longer token (a 40-hex hash): not an id. */
function cutByWindow(match: DetectedId, textLength: number, startsMidLine: boolean, endsMidLine: boolean): boolean {
  return (startsMidLine && match.start === 0) || (endsMidLine && match.end === textLength);
}

export function idAtPosition(
  document: vscode.TextDocument,
  position: vscode.Position,
  detector: Detector,
): IdInDocument | undefined {
  const line = position.line;
  const lineLength = document.lineAt(line).range.end.character;
  const start = Math.max(0, position.character - CURSOR_WINDOW_RADIUS);
  const end = Math.min(lineLength, position.character + CURSOR_WINDOW_RADIUS);
  const text = read(document, new vscode.Range(line, start, line, end));
  const match = detector.findAt(text, position.character - start);
  if (!match || cutByWindow(match, text.length, start > 0, end < lineLength)) {
    return undefined;
  }
  return { ...match, range: new vscode.Range(line, start + match.start, line, start + match.end) };
}

export function idsInRange(document: vscode.TextDocument, range: vscode.Range, detector: Detector): IdInDocument[] {
  const slices: { line: number; start: number; text: string; cutAtEnd: boolean }[] = [];
  let budget = MAX_RANGE_SCAN;
  for (let line = range.start.line; line <= range.end.line && line < document.lineCount && budget > 0; line++) {
    const lineLength = document.lineAt(line).range.end.character;
    const start = line === range.start.line ? range.start.character : 0;
    const wanted = line === range.end.line ? Math.min(range.end.character, lineLength) : lineLength;
    const end = Math.min(wanted, start + MAX_LINE_SCAN, start + budget);
    if (end <= start) {
      continue;
    }
    const text = read(document, new vscode.Range(line, start, line, end));
    budget -= text.length;
    slices.push({ line, start, text, cutAtEnd: end < lineLength });
  }
  // One call for all lines: user patterns pay their set-up once per pass, not once per line.
  const matches = detector.findAllIn(slices.map((slice) => slice.text));
  const found: IdInDocument[] = [];
  slices.forEach((slice, index) => {
    for (const match of matches[index] ?? []) {
      if (!cutByWindow(match, slice.text.length, slice.start > 0, slice.cutAtEnd)) {
        const { line, start } = slice;
        found.push({ ...match, range: new vscode.Range(line, start + match.start, line, start + match.end) });
      }
    }
  });
  return found;
}
