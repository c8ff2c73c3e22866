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
import { FileReader, type FileRead, type MentionFileSource, type ScanStats } from './fileReader.js';
import { scanText, type MentionFinder } from './textMentions.js';

export { MAX_FILE_BYTES, type FileFacts, type MentionFileSource, type ScanStats } from './fileReader.js';

/** The longest the loop runs before it gives the event loop back. */
export const SLICE_MS = 10;
/** Files read ahead of the one being scanned. */
const READ_AHEAD = 8;
/** During the first scan, listeners hear of progress once per this many files (and at its end), not per file. */
const FILES_PER_NOTICE = 200;

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

export class MentionScanner extends Disposable {
  readonly index = new MentionIndex();
  private readonly files: FileReader;
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
  private readonly reads = new Map<string, Promise<FileRead>>();
  private running = false;
  /** Whether the first scan's files were listed (a stop during the listing must not read as an empty queue). */
  private listed = false;
  private sliceStart = 0;
  private readonly lifetime = new AbortController();
  /** Waiting for the first scan's end, and for the loop to have nothing left to do. */
  private readonly waiters = new Set<() => void>();
  private readonly idleWaiters = new Set<() => void>();
  private decoder = new TextDecoder('utf-8');

  constructor(
    private readonly source: MentionFileSource,
    /** Read at each file, so a change of quo.idPatterns or quo.defaultCountry applies from the next file on. */
    private readonly finder: () => MentionFinder,
    private readonly host: ScanHost,
  ) {
    super();
    this.files = new FileReader(source, (message) => host.log(message));
    this.register({ dispose: () => this.lifetime.abort() });
  }

  /** What the scan has read, skipped and how long it held the host at most. */
  get stats(): Readonly<ScanStats> {
    return this.files.stats;
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
      // Stopped while the files were being listed: the listing's end goes on with the scan.
      this.state = this.listed ? 'scanning' : 'listing';
      this.notifyProgress();
      if (this.listed) {
        void this.run();
      }
    }
  }

  /** Stops the first scan after the file being read: what was found stays, start() goes on. */
  stop(): void {
    if (this.state === 'scanning' || this.state === 'listing') {
      this.state = 'stopped';
      this.notifyProgress();
      wake(this.waiters);
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
    return this.waitIn(this.waiters, signal);
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
    return this.waitIn(this.idleWaiters, signal);
  }

  /** Resolves with the progress when `waiters` is woken, or when `signal` is aborted. */
  private waitIn(waiters: Set<() => void>, signal: AbortSignal | undefined): Promise<ScanProgress> {
    return new Promise((resolve) => {
      const done = (): void => {
        signal?.removeEventListener('abort', done);
        waiters.delete(done);
        resolve(this.progress);
      };
      waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** A file was created or changed on disk. Nothing is done before the first use. */
  fileChanged(uri: string): void {
    if (this.state === 'idle' || this.heldByDocuments.has(uri) || this.documentTexts.has(uri)) {
      return;
    }
    this.reads.delete(uri);
    this.changedFiles.add(uri);
    void this.run();
  }

  /** A file or a folder was deleted on disk. */
  fileDeleted(uri: string): void {
    if (this.state === 'idle') {
      return;
    }
    this.changedFiles.delete(uri);
    // A read made ahead of the queue would bring the file back when its turn comes.
    for (const read of [...this.reads.keys()]) {
      if (read === uri || read.startsWith(`${uri}/`)) {
        this.reads.delete(read);
        this.queue = this.queue.filter((queued) => queued !== read);
      }
    }
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
    this.reads.delete(uri);
    if (uri.startsWith('untitled:')) {
      // No file behind it (its scheme has no file system to ask): its mentions go with it.
      this.heldByDocuments.delete(uri);
      if (this.index.delete(uri)) {
        this.changed.fire();
      }
      return;
    }
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
    this.listed = true;
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
          wake(this.waiters);
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
      wake(this.idleWaiters);
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
    if (this.heldByDocuments.has(uri) || this.documentTexts.has(uri)) {
      return false;
    }
    if (read.kind === 'skip') {
      // Now too large, binary or unreadable: what it mentioned before is no longer known.
      return this.index.delete(uri);
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
  private readAhead(uri: string): Promise<FileRead> {
    const read = this.reads.get(uri) ?? this.files.read(uri);
    this.reads.delete(uri);
    for (const next of this.queue.slice(0, READ_AHEAD)) {
      if (!this.reads.has(next)) {
        this.reads.set(next, this.files.read(next));
      }
    }
    return read;
  }

  private async maybeYield(): Promise<void> {
    if (this.host.now() - this.sliceStart >= SLICE_MS) {
      this.endSlice();
      await this.host.yieldToHost();
      this.sliceStart = this.host.now();
    }
  }

  private endSlice(): void {
    this.files.stats.longestSliceMs = Math.max(this.files.stats.longestSliceMs, this.host.now() - this.sliceStart);
  }

  private notifyProgress(): void {
    this.progressed.fire(this.progress);
  }

  override dispose(): void {
    super.dispose();
    wake(this.waiters);
    wake(this.idleWaiters);
  }
}

/** Calls every waiter once; each removes itself. */
function wake(waiters: Set<() => void>): void {
  for (const waiter of [...waiters]) {
    waiter();
  }
}
