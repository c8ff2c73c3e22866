/**
 * Keeps "In this file" in step with the active editor: scans its document (at most MAX_SCAN_CHARS) when the editor
 * changes and after typing pauses, and resolves what it found through what is known (the cache, the index) whenever
 * that grows. Ids nobody knows yet are asked for in the background, a bounded number per pass; phone numbers and
 * emails never cause a request. Nothing runs while the sidebar is hidden: the scan waits until it is shown.
 */
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import { isInScope } from '../documents/documentScope.js';
import { knownContact } from '../contacts/known.js';
import type { Contact } from '../quo/types.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { findMentions, resolveMentions, type Mention, type MentionResolver } from './inFile.js';
import type { InFileView } from './treeModel.js';

/** Characters of a document read for one scan; a 20 MB log costs what its first 2 MB do. */
export const MAX_SCAN_CHARS = 2_000_000;
/** Quiet time after typing before the document is scanned again. */
export const SCAN_DELAY_MS = 300;
/** Ids asked from Quo per pass; the rest are asked in later passes as answers arrive. */
const MAX_LOOKUPS_PER_PASS = 50;

const IGNORED_SCHEMES: ReadonlySet<string> = new Set(['output', 'debug', 'vscode-terminal']);

/**
 * Told the length of each document scanned, when set. Nothing sets it in production; the test API counts with it, to
 * prove the cap (and that a hidden view reads nothing) without timing anything.
 */
let scanObserver: ((characters: number) => void) | undefined;

/** Sets the one observer of scans, or with undefined removes it. */
export function observeScans(observer: ((characters: number) => void) | undefined): void {
  scanObserver = observer;
}

interface Scan {
  readonly document: vscode.TextDocument;
  readonly version: number;
  readonly mentions: readonly Mention[];
  readonly truncated: boolean;
}

export interface InFileScannerDeps {
  readonly sessions: WorkspaceSessions;
  readonly detectors: Pick<ConfiguredDetector, 'detector'>;
  readonly settings: () => Settings;
  readonly defaultCountry: () => string;
  readonly visible: () => boolean;
}

export class InFileScanner extends Disposable implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private scan: Scan | undefined;
  private view: InFileView | undefined;
  private signature = '';
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private resolveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The document to show when no text editor is active (the contact panel has focus, say). */
  private lastDocument: vscode.TextDocument | undefined;
  private stale = true;
  private readonly asked = new Set<string>();

  /** Fired when what "In this file" shows changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: InFileScannerDeps) {
    super();
    [
      { dispose: () => clearTimeout(this.scanTimer) },
      { dispose: () => clearTimeout(this.resolveTimer) },
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.currentDocument() && event.contentChanges.length > 0) {
          this.schedule(SCAN_DELAY_MS);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.lastDocument) {
          this.lastDocument = undefined;
          this.schedule(0);
        }
      }),
      deps.sessions.onDidSettle(() => this.resolveSoon()),
      deps.sessions.onDidChangeAccount(() => {
        this.asked.clear();
        this.resolveSoon();
      }),
      deps.sessions.onDidChangeList((change) => {
        if (change.contactsChanged) {
          this.resolveSoon();
        }
      }),
    ].forEach((owned) => this.register(owned));
  }

  current(): InFileView | undefined {
    return this.view;
  }

  /** The document the current results are for. */
  document(): vscode.TextDocument | undefined {
    return this.scan?.document;
  }

  /** The sidebar was shown: catch up on what happened while it was hidden. */
  wake(): void {
    if (this.stale) {
      this.schedule(0);
    }
  }

  /** Reads the document again (settings changed, the user refreshed). */
  rescan(): void {
    this.scan = undefined;
    this.schedule(0);
  }

  /** Reads the document again now, skipping the debounce (for tests). */
  rescanNow(): void {
    clearTimeout(this.scanTimer);
    this.scanTimer = undefined;
    this.scan = undefined;
    this.run();
  }

  private currentDocument(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    // The Output panel is an editor too; clicking into a log is no reason to forget the file being worked on.
    if (active && !IGNORED_SCHEMES.has(active.uri.scheme)) {
      this.lastDocument = active;
      return active;
    }
    return this.lastDocument && !this.lastDocument.isClosed ? this.lastDocument : undefined;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => {
      this.scanTimer = undefined;
      this.run();
    }, delayMs);
  }

  private resolveSoon(): void {
    if (this.resolveTimer !== undefined) {
      return;
    }
    this.resolveTimer = setTimeout(() => {
      this.resolveTimer = undefined;
      if (this.scan && this.deps.visible()) {
        this.resolve(this.scan);
      }
    }, SCAN_DELAY_MS);
  }

  private run(): void {
    if (!this.deps.visible()) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const document = this.currentDocument();
    if (!document || !isInScope(document, this.deps.settings())) {
      this.scan = undefined;
      this.publish(undefined);
      return;
    }
    if (this.scan?.document !== document || this.scan.version !== document.version) {
      this.scan = this.read(document);
    }
    this.resolve(this.scan);
  }

  private read(document: vscode.TextDocument): Scan {
    const end = document.lineAt(document.lineCount - 1).range.end;
    const cut = document.offsetAt(end) > MAX_SCAN_CHARS;
    const text = cut
      ? document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(MAX_SCAN_CHARS)))
      : document.getText();
    scanObserver?.(text.length);
    const scan = findMentions(text, this.deps.detectors.detector, {
      defaultCountry: this.deps.defaultCountry(),
      cutAtEnd: cut,
    });
    return { document, version: document.version, mentions: scan.mentions, truncated: cut || scan.truncated };
  }

  private resolve(scan: Scan): void {
    const sessions = this.deps.sessions;
    const contacts = sessions.active.contacts;
    const resolver: MentionResolver = {
      byId: (id): Contact | null | undefined => {
        const known = contacts.know(id);
        return known.kind === 'unknown' && !known.notFoundBefore ? undefined : (knownContact(known) ?? null);
      },
      byPhone: (e164) => contacts.byPhone(e164),
      byEmail: (email) => contacts.byEmail(email),
    };
    const resolved = resolveMentions(scan.mentions, resolver);
    let askedThisPass = 0;
    let pending = 0;
    const canAsk = sessions.active.availability.kind === 'ready' && sessions.active.canRequest;
    for (const id of resolved.unknownIds) {
      if (!this.asked.has(id) && canAsk && askedThisPass < MAX_LOOKUPS_PER_PASS) {
        askedThisPass++;
        this.asked.add(id);
        contacts.knowOrAskInBackground(id);
      }
      // Counted only while its request is on its way: a not-found or failed answer settles it at once.
      if (contacts.isPending(id)) {
        pending++;
      }
    }
    this.publish({
      fileName: fileName(scan.document.uri),
      contacts: resolved.contacts,
      unknownIds: pending,
      truncated: scan.truncated || resolved.truncated,
    });
  }

  private publish(view: InFileView | undefined): void {
    const signature = view === undefined ? '' : signatureOf(view);
    this.view = view;
    if (signature !== this.signature) {
      this.signature = signature;
      this.changed.fire();
    }
  }
}

/** Changes exactly when the section would look different: the file, its contacts and their lines. */
function signatureOf(view: InFileView): string {
  const parts = [view.fileName, String(view.unknownIds), String(view.truncated)];
  for (const entry of view.contacts) {
    parts.push(entry.contact.id, entry.contact.updatedAt, String(entry.mentionCount));
    for (const mention of entry.mentions) {
      parts.push(`${mention.line}:${mention.character}:${mention.text}`);
    }
  }
  return parts.join('\u0000');
}

function fileName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || path;
}
