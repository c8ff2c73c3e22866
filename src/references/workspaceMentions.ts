/**
 * The workspace's mention scanner in VS Code: made on first use, then kept in step with the files on disk (a
 * FileSystemWatcher), with the editors' unsaved text (document changes, debounced), and with the settings the
 * detection reads. While the first scan of a large workspace runs longer than PROGRESS_AFTER_MS, a notification says
 * how far it is; cancelling it stops the scan, and what was found so far is what answers.
 */
import * as vscode from 'vscode';
import type { FindPoints } from '../mentions/textMentions.js';
import { mentionFinder } from '../mentions/textMentions.js';
import { MentionScanner } from '../mentions/mentionScanner.js';
import type { Detector } from '../detect/detector.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { WorkspaceFileSource } from './workspaceFiles.js';

/** A first scan shorter than this shows no notification. */
export const PROGRESS_AFTER_MS = 2_000;
/** Typing is scanned once it pauses this long. */
const DOCUMENT_DEBOUNCE_MS = 300;

export interface MentionDeps {
  readonly detector: () => Detector;
  readonly findPoints: FindPoints;
  readonly settings: () => Settings;
  readonly log: (message: string) => void;
}

/** Schemes whose documents are views of something else (a diff's old side, output, settings): never mentions. */
function isOwnDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'untitled' || vscode.workspace.getWorkspaceFolder(document.uri) !== undefined;
}

export class WorkspaceMentions implements vscode.Disposable {
  private current: MentionScanner | undefined;
  private files: WorkspaceFileSource | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private progressShown = false;

  constructor(private readonly deps: MentionDeps) {}

  /** The scanner, made and started on the first call; `resume` goes on with a scan the user stopped. */
  scanner(resume = true): MentionScanner {
    if (this.current) {
      const resumed = resume && this.current.progress.state === 'stopped';
      if (resume) {
        this.current.start();
      }
      if (resumed) {
        this.showProgressIfLong(this.current);
      }
      return this.current;
    }
    const { deps } = this;
    const files = new WorkspaceFileSource(() => deps.settings().exclude, deps.log);
    this.files = files;
    const scanner = new MentionScanner(
      files,
      () => mentionFinder(deps.detector(), deps.findPoints, deps.settings().defaultCountry),
      {
        now: () => performance.now(),
        yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
        log: deps.log,
      },
    );
    this.current = scanner;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.subscriptions.push(
      scanner,
      watcher,
      watcher.onDidCreate((uri) => !files.isExcluded(uri) && scanner.fileChanged(uri.toString())),
      watcher.onDidChange((uri) => !files.isExcluded(uri) && scanner.fileChanged(uri.toString())),
      watcher.onDidDelete((uri) => scanner.fileDeleted(uri.toString())),
      vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => this.release(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.release(document)),
    );
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty || document.isUntitled) {
        this.documentChanged(document);
      }
    }
    scanner.start();
    this.showProgressIfLong(scanner);
    return scanner;
  }

  /** Whether the scan has started (only then does a setting change mean a new scan). */
  get started(): boolean {
    return this.current !== undefined;
  }

  /** The detection's settings changed: every file is read again. */
  detectionChanged(): void {
    this.current?.rescanAll();
  }

  private documentChanged(document: vscode.TextDocument): void {
    if (!isOwnDocument(document) || this.files?.isExcluded(document.uri) === true) {
      return;
    }
    const uri = document.uri.toString();
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        if (!document.isClosed) {
          this.apply(document);
        }
      }, DOCUMENT_DEBOUNCE_MS),
    );
  }

  /** Edits still waiting for a pause in typing are scanned now: an answer counts the text as it is. */
  flushEdits(): void {
    const waiting = [...this.pending.keys()];
    for (const uri of waiting) {
      clearTimeout(this.pending.get(uri));
      this.pending.delete(uri);
      const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === uri);
      if (document && !document.isClosed) {
        this.apply(document);
      }
    }
  }

  private apply(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    // Undone back to what is saved: the file on disk is the truth again.
    if (!document.isDirty && !document.isUntitled) {
      this.current?.documentReleased(uri);
    } else {
      this.current?.documentChanged(uri, document.getText(), Date.now());
    }
  }

  private release(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.current?.documentReleased(uri);
  }

  /**
   * The first scan's notification, once per scan that runs past PROGRESS_AFTER_MS; Cancel stops the scan (the next
   * use goes on with it).
   */
  private showProgressIfLong(scanner: MentionScanner): void {
    const timer = setTimeout(() => {
      const state = scanner.progress.state;
      if (this.progressShown || this.current !== scanner || (state !== 'listing' && state !== 'scanning')) {
        return;
      }
      this.progressShown = true;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Quo: finding mentions of contacts'), cancellable: true },
        (progress, token) =>
          new Promise<void>((resolve) => {
            let reported = 0;
            const report = (): void => {
              const { scanned, total } = scanner.progress;
              if (total > 0) {
                const percent = Math.floor((scanned / total) * 100);
                progress.report({ increment: percent - reported, message: vscode.l10n.t('{0} of {1} files', scanned, total) });
                reported = percent;
              }
            };
            report();
            const finish = (): void => {
              subscription.dispose();
              cancelled.dispose();
              this.progressShown = false;
              resolve();
            };
            const subscription = scanner.onDidProgress((now) => {
              report();
              if (now.state === 'scanned' || now.state === 'stopped') {
                finish();
              }
            });
            const cancelled = token.onCancellationRequested(() => {
              scanner.stop();
              finish();
            });
          }),
      );
    }, PROGRESS_AFTER_MS);
    this.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }

  dispose(): void {
    for (const timer of this.pending.values()) {
      clearTimeout(timer);
    }
    this.pending.clear();
    for (const subscription of this.subscriptions.splice(0)) {
      subscription.dispose();
    }
    this.current = undefined;
  }
}
