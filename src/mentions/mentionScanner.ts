/**
 * Builds and keeps the mention index of a workspace: the first scan of every file on first use (never at
 * activation), then each change the editor reports (a file changed or deleted on disk, an unsaved edit). One work
 * loop does all of it, one file at a time, reading a few files ahead, and gives the event loop back at least every
 * SLICE_MS, inside a file too: the host stays responsive while a large folder is read.
 *
 * Plain: the files come from a MentionFileSource (workspace.findFiles and workspace.fs in VS Code, node:fs in the
 * benchmark and the unit tests). It sends no request: which contact a mention is about is answered later, for the
 * one contact asked about.
 */
import { Emitter, type Event } from '../common/emitter.js';
import { Disposable } from '../common/lifecycle.js';
import { MentionIndex } from './mentionIndex.js';
import { scanText, type MentionFinder } from './textMentions.js';

/** Larger files are skipped by size, never read: a 2 GB log costs one stat. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The longest the loop runs before it gives the event loop back. */
export const SLICE_MS = 10;
/** Files read ahead of the one being scanned. */
const READ_AHEAD = 8;
/** A NUL byte in this much of a file's start makes it binary (as git decides). */
const BINARY_PROBE_BYTES = 8000;
/** During the first scan, listeners hear of progress once per this many files (and at its end), not per file. */
const FILES_PER_NOTICE = 200;
/** Files whose failure is logged; past this, failures are only counted. */
const MAX_LOGGED_FAILURES = 50;

export interface FileFacts {
  /** Bytes. */
  readonly size: number;
  /** Last change, ms since the epoch. */
  readonly mtime: number;
  /** A symbolic link: not followed (a link to a file is found at its target; a loop is never entered). */
  readonly symbolicLink: boolean;
}

export interface MentionFileSource {
  /** Every file the scan covers, as URI strings (search.exclude and files.exclude already applied). */
  list(signal: AbortSignal): Promise<readonly string[]>;
  /** Undefined when the file is gone. */
  stat(uri: string): Promise<FileFacts | undefined>;
  read(uri: string): Promise<Uint8Array>;
}

export interface ScanHost {
  now(): number;
  /** Gives the event loop back (setImmediate): pending input, timers and I/O run before the loop goes on. */
  yieldToHost(): Promise<void>;
  /** Why a file was skipped, said once per file. */
  log(message: string): void;
}

export type ScanState =
  /** Nobody asked yet: nothing is read. */
  | 'idle'
  | 'listing'
  | 'scanning'
  | 'scanned'
  /** The first scan was stopped (its progress notification cancelled): what was found stays; the next use goes on. */
  | 'stopped';

export interface ScanProgress {
  readonly state: ScanState;
  /** Files of the first scan done, and how many it covers (0 while listing). */
  readonly scanned: number;
  readonly total: number;
}

export interface ScanStats {
  /** The longest the loop ran without giving the event loop back, ms. */
  longestSliceMs: number;
  filesRead: number;
  bytesRead: number;
  skippedLarge: number;
  skippedBinary: number;
  skippedLinks: number;
  failed: number;
}

type Read =
  | { readonly kind: 'text'; readonly bytes: Uint8Array; readonly mtime: number }
  | { readonly kind: 'gone' }
  | { readonly kind: 'skip' };

export class MentionScanner extends Disposable {
  readonly index = new MentionIndex();
  readonly stats: ScanStats = {
    longestSliceMs: 0,
    filesRead: 0,
    bytesRead: 0,
    skippedLarge: 0,
    skippedBinary: 0,
    skippedLinks: 0,
    failed: 0,
  };
  private readonly changed = this.register(new Emitter<void>());
  /** The index changed: answers may differ. During the first scan, once per FILES_PER_NOTICE files. */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly progressed = this.register(new Emitter<ScanProgress>());
  readonly onDidProgress: Event<ScanProgress> = this.progressed.event;

  private state: ScanState = 'idle';
  /** Files of the first scan not read yet, in order. */
  private queue: string[] = [];
  private total = 0;
  private scanned = 0;
  /** Files changed on disk since the first scan listed them. */
  private readonly changedFiles = new Set<string>();
  /** Unsaved text of open documents, newest per URI, waiting to be scanned; it wins over the file on disk. */
  private readonly documentTexts = new Map<string, { readonly text: string; readonly changedAt: number }>();
  /** URIs whose entry comes from an open document's unsaved text. */
  private readonly heldByDocuments = new Set<string>();
  private readonly reads = new Map<string, Promise<Read>>();
  private running = false;
  private sliceStart = 0;
  private readonly lifetime = new AbortController();
  private readonly logged = new Set<string>();
  private waiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private decoder = new TextDecoder('utf-8');

  constructor(
    private readonly source: MentionFileSource,
    /** Read at each file, so a change of quo.idPatterns or quo.defaultCountry applies from the next file on. */
    private readonly finder: () => MentionFinder,
    private readonly host: ScanHost,
  ) {
    super();
    this.register({ dispose: () => this.lifetime.abort() });
  }

  get progress(): ScanProgress {
    return { state: this.state, scanned: this.scanned, total: this.total };
  }

  /** Whether the first scan has covered every file (stopped or not started counts as no). */
  get complete(): boolean {
    return this.state === 'scanned';
  }

  /** Starts the first scan, or goes on with a stopped one. Idempotent. */
  start(): void {
    if (this.isDisposed) {
      return;
    }
    if (this.state === 'idle') {
      this.state = 'listing';
      this.notifyProgress();
      void this.listThenRun();
    } else if (this.state === 'stopped') {
      this.state = 'scanning';
      this.notifyProgress();
      void this.run();
    }
  }

  /** Stops the first scan after the file being read: what was found stays, start() goes on. */
  stop(): void {
    if (this.state === 'scanning' || this.state === 'listing') {
      this.state = 'stopped';
      this.notifyProgress();
      this.wakeWaiters();
    }
  }

  /** Scans every file again (the detection's settings changed): entries are replaced as files are read again. */
  rescanAll(): void {
    if (this.state === 'idle') {
      return;
    }
    for (const uri of this.index.uris()) {
      if (!this.heldByDocuments.has(uri)) {
        this.changedFiles.add(uri);
      }
    }
    void this.run();
  }

  /** Resolves once the first scan is over, stopped, or `signal` is aborted. Starts it when nobody has yet. */
  whenScanned(signal?: AbortSignal): Promise<ScanProgress> {
    this.start();
    if (this.state === 'scanned' || this.state === 'stopped' || this.isDisposed || signal?.aborted) {
      return Promise.resolve(this.progress);
    }
    return new Promise((resolve) => {
      const done = (): void => {
        signal?.removeEventListener('abort', done);
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve(this.progress);
      };
      this.waiters.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Resolves once the first scan is over (or stopped) and every change reported so far is in the index, or when
   * `signal` is aborted: what a reference search answers from.
   */
  async whenCurrent(signal?: AbortSignal): Promise<ScanProgress> {
    const progress = await this.whenScanned(signal);
    if (!this.running || signal?.aborted || this.isDisposed) {
      return progress;
    }
    return new Promise((resolve) => {
      const done = (): void => {
        signal?.removeEventListener('abort', done);
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== done);
        resolve(this.progress);
      };
      this.idleWaiters.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** A file was created or changed on disk. Nothing is done before the first use. */
  fileChanged(uri: string): void {
    if (this.state === 'idle' || this.heldByDocuments.has(uri) || this.documentTexts.has(uri)) {
      return;
    }
    this.changedFiles.add(uri);
    void this.run();
  }

  /** A file or a folder was deleted on disk. */
  fileDeleted(uri: string): void {
    if (this.state === 'idle') {
      return;
    }
    this.changedFiles.delete(uri);
    const dropped = (this.index.delete(uri) ? 1 : 0) + this.index.deleteUnder(uri);
    if (dropped > 0) {
      this.changed.fire();
    }
  }

  /** An open document's unsaved text (or an untitled buffer's): it counts instead of the file on disk. */
  documentChanged(uri: string, text: string, changedAt: number): void {
    if (this.state === 'idle') {
      return;
    }
    this.changedFiles.delete(uri);
    this.documentTexts.set(uri, { text, changedAt });
    void this.run();
  }

  /** The document was saved, reverted or closed: the file on disk counts again (an untitled buffer's entry goes). */
  documentReleased(uri: string): void {
    this.documentTexts.delete(uri);
    if (this.heldByDocuments.delete(uri)) {
      this.changedFiles.add(uri);
      void this.run();
    }
  }

  private async listThenRun(): Promise<void> {
    let files: readonly string[];
    try {
      files = await this.source.list(this.lifetime.signal);
    } catch (error) {
      this.host.log(`Mentions: the workspace's files could not be listed: ${String(error)}`);
      files = [];
    }
    if (this.isDisposed) {
      return;
    }
    this.queue = [...files];
    this.total = files.length;
    if (this.state === 'listing') {
      this.state = 'scanning';
    }
    this.notifyProgress();
    await this.run();
  }

  private async run(): Promise<void> {
    if (this.running || this.isDisposed) {
      return;
    }
    this.running = true;
    this.sliceStart = this.host.now();
    try {
      for (;;) {
        if (this.isDisposed) {
          return;
        }
        const document = this.documentTexts.entries().next();
        if (document.done !== true) {
          const [uri, { text, changedAt }] = document.value;
          this.documentTexts.delete(uri);
          this.heldByDocuments.add(uri);
          await this.scanInto(uri, text, changedAt);
          this.changed.fire();
          continue;
        }
        const changedFile = this.changedFiles.values().next();
        if (changedFile.done !== true) {
          this.changedFiles.delete(changedFile.value);
          if (await this.scanFile(changedFile.value)) {
            this.changed.fire();
          }
          continue;
        }
        if (this.state !== 'scanning') {
          return;
        }
        const next = this.queue.shift();
        if (next === undefined) {
          this.state = 'scanned';
          this.notifyProgress();
          this.changed.fire();
          this.wakeWaiters();
          return;
        }
        await this.scanFile(next);
        this.scanned++;
        // A file read ahead is already there: without this, many small files would run as one long slice.
        await this.maybeYield();
        if (this.scanned % FILES_PER_NOTICE === 0) {
          this.notifyProgress();
          this.changed.fire();
        }
      }
    } finally {
      this.running = false;
      this.endSlice();
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const waiter of idle) {
        waiter();
      }
    }
  }

  /** Reads and scans one file into the index; whether the index changed. */
  private async scanFile(uri: string): Promise<boolean> {
    this.endSlice();
    const read = await this.readAhead(uri);
    this.sliceStart = this.host.now();
    if (read.kind === 'gone') {
      return this.index.delete(uri);
    }
    if (read.kind === 'skip' || this.heldByDocuments.has(uri) || this.documentTexts.has(uri)) {
      return false;
    }
    const text = this.decoder.decode(read.bytes);
    await this.scanInto(uri, text, read.mtime);
    return true;
  }

  private async scanInto(uri: string, text: string, changedAt: number): Promise<void> {
    const scan = scanText(text, this.finder());
    for (;;) {
      const step = scan.next();
      if (step.done === true) {
        if (!this.isDisposed) {
          this.index.set(uri, step.value, changedAt);
        }
        return;
      }
      await this.maybeYield();
    }
  }

  /** The read of `uri`, started now unless it already was, and those of the next files of the queue. */
  private readAhead(uri: string): Promise<Read> {
    const read = this.reads.get(uri) ?? this.readFile(uri);
    this.reads.delete(uri);
    for (const next of this.queue.slice(0, READ_AHEAD)) {
      if (!this.reads.has(next)) {
        this.reads.set(next, this.readFile(next));
      }
    }
    return read;
  }

  private async readFile(uri: string): Promise<Read> {
    try {
      const facts = await this.source.stat(uri);
      if (facts === undefined) {
        return { kind: 'gone' };
      }
      if (facts.symbolicLink) {
        this.stats.skippedLinks++;
        return { kind: 'skip' };
      }
      if (facts.size > MAX_FILE_BYTES) {
        this.stats.skippedLarge++;
        this.logOnce(uri, `Mentions: ${uri} is skipped: ${facts.size} bytes, over the ${MAX_FILE_BYTES} scanned.`);
        return { kind: 'skip' };
      }
      const bytes = await this.source.read(uri);
      if (bytes.length > MAX_FILE_BYTES) {
        this.stats.skippedLarge++;
        return { kind: 'skip' };
      }
      if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
        this.stats.skippedBinary++;
        return { kind: 'skip' };
      }
      this.stats.filesRead++;
      this.stats.bytesRead += bytes.length;
      return { kind: 'text', bytes, mtime: facts.mtime };
    } catch (error) {
      this.stats.failed++;
      this.logOnce(uri, `Mentions: ${uri} could not be read, skipped: ${error instanceof Error ? error.message : String(error)}`);
      return { kind: 'skip' };
    }
  }

  private async maybeYield(): Promise<void> {
    if (this.host.now() - this.sliceStart >= SLICE_MS) {
      this.endSlice();
      await this.host.yieldToHost();
      this.sliceStart = this.host.now();
    }
  }

  private endSlice(): void {
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, this.host.now() - this.sliceStart);
  }

  private logOnce(uri: string, message: string): void {
    if (!this.logged.has(uri) && this.logged.size < MAX_LOGGED_FAILURES) {
      this.logged.add(uri);
      this.host.log(message);
    }
  }

  private notifyProgress(): void {
    this.progressed.fire(this.progress);
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      waiter();
    }
  }

  override dispose(): void {
    super.dispose();
    this.wakeWaiters();
    for (const waiter of this.idleWaiters.splice(0)) {
      waiter();
    }
  }
}
