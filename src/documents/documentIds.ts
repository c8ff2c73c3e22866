/**
 * Reads contact ids out of a document without ever reading more than a bounded amount of it: a window around the
 * cursor for hovers and commands, and a capped slice of each visible line for inline names and links. A 20 MB log
 * or a 5 MB one-line JSON costs the same as a short file.
 */
import * as vscode from 'vscode';
import { contactPointAt, type ContactPoint } from '../detect/contactPoints.js';
import type { Detector, DetectedId } from '../detect/detector.js';
import { scanVisibleTexts } from '../detect/visibleText.js';
import { CURSOR_RADIUS } from '../detect/window.js';

/** Characters read from one visible line. A minified line shows far fewer than this on screen. */
export const MAX_LINE_SCAN = 20_000;
/** Characters read for one visible range in all. */
export const MAX_RANGE_SCAN = 1_000_000;

export interface IdInDocument extends DetectedId {
  readonly range: vscode.Range;
}

export interface PointInDocument extends ContactPoint {
  readonly range: vscode.Range;
}

/**
 * Told the length of each read, when set. Nothing sets it in production; the test API counts with it, to prove the
 * bound without timing anything.
 */
let readObserver: ((characters: number) => void) | undefined;

/** Sets the one observer of reads, or with undefined removes it. */
export function observeReads(observer: ((characters: number) => void) | undefined): void {
  readObserver = observer;
}

function read(document: vscode.TextDocument, range: vscode.Range): string {
  const text = document.getText(range);
  readObserver?.(text.length);
  return text;
}

/** A match cut by the edge of what was read may be part of a longer token (a 40-hex hash): not an id. */
function cutByWindow(match: { readonly start: number; readonly end: number }, textLength: number, startsMidLine: boolean, endsMidLine: boolean): boolean {
  return (startsMidLine && match.start === 0) || (endsMidLine && match.end === textLength);
}

interface CursorWindow {
  readonly text: string;
  readonly start: number;
  readonly cutAtStart: boolean;
  readonly cutAtEnd: boolean;
}

function cursorWindow(document: vscode.TextDocument, position: vscode.Position): CursorWindow {
  const line = position.line;
  const lineLength = document.lineAt(line).range.end.character;
  const start = Math.max(0, position.character - CURSOR_RADIUS);
  const end = Math.min(lineLength, position.character + CURSOR_RADIUS);
  const text = read(document, new vscode.Range(line, start, line, end));
  return { text, start, cutAtStart: start > 0, cutAtEnd: end < lineLength };
}

export function idAtPosition(
  document: vscode.TextDocument,
  position: vscode.Position,
  detector: Detector,
): IdInDocument | undefined {
  const window = cursorWindow(document, position);
  const match = detector.findAt(window.text, position.character - window.start);
  if (!match || cutByWindow(match, window.text.length, window.cutAtStart, window.cutAtEnd)) {
    return undefined;
  }
  const line = position.line;
  return { ...match, range: new vscode.Range(line, window.start + match.start, line, window.start + match.end) };
}

/** The phone number or email address at the cursor (reverse lookup), read from the same bounded window. */
export function pointAtPosition(
  document: vscode.TextDocument,
  position: vscode.Position,
  defaultCountry: string,
): PointInDocument | undefined {
  const window = cursorWindow(document, position);
  const point = contactPointAt(window.text, position.character - window.start, { defaultCountry });
  if (!point || cutByWindow(point, window.text.length, window.cutAtStart, window.cutAtEnd)) {
    return undefined;
  }
  const line = position.line;
  return { ...point, range: new vscode.Range(line, window.start + point.start, line, window.start + point.end) };
}

interface LineSlice {
  readonly line: number;
  readonly start: number;
  readonly text: string;
  readonly cutAtEnd: boolean;
}

/** The visible text of a range, line by line, within the per-line and per-range caps. */
function readSlices(document: vscode.TextDocument, range: vscode.Range): LineSlice[] {
  const slices: LineSlice[] = [];
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
  return slices;
}

function placed<T extends { start: number; end: number }>(slice: LineSlice, found: readonly T[]): (T & { range: vscode.Range })[] {
  return found
    .filter((item) => !cutByWindow(item, slice.text.length, slice.start > 0, slice.cutAtEnd))
    .map((item) => ({
      ...item,
      range: new vscode.Range(slice.line, slice.start + item.start, slice.line, slice.start + item.end),
    }));
}

export interface FoundInRange {
  readonly ids: IdInDocument[];
  readonly points: PointInDocument[];
}

/** Ids, and when a country is given phone numbers and emails too, in the visible part of a range. */
export function findInRange(
  document: vscode.TextDocument,
  range: vscode.Range,
  detector: Detector,
  defaultCountry?: string,
): FoundInRange {
  const slices = readSlices(document, range);
  const scan = scanVisibleTexts(slices.map((slice) => slice.text), detector, defaultCountry);
  const ids = slices.flatMap((slice, index) => placed(slice, scan.ids[index] ?? []));
  const points = slices.flatMap((slice, index) => placed(slice, scan.points[index] ?? []));
  return { ids, points };
}

export function idsInRange(document: vscode.TextDocument, range: vscode.Range, detector: Detector): IdInDocument[] {
  return findInRange(document, range, detector).ids;
}
