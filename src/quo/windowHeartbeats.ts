/**
 * Counts the VS Code windows that use one Quo key right now, so they can split its limit of 10 requests a second
 * between them: each window has its own extension host and its own rate limiter, and nothing else connects them.
 *
 * Each window keeps one file, `<directory>/<fingerprint>/<windowId>`, holding the time of its last beat, rewritten
 * every interval. A window is live while its beat is recent; one that closes deletes its file, so the others take
 * back its share at once; one that crashes stops beating and drops out of the count a few intervals later. The
 * directory is read on every beat and on every change `fs.watch` reports, so a new window is counted by the others
 * within milliseconds, not an interval later.
 *
 * Nothing here may stop a request: every file-system error is reported through `onError` and otherwise ignored. A
 * window that cannot read the directory counts itself alone, which is what it did before windows shared a budget.
 */
import { createHash } from 'node:crypto';
import { watch, unlinkSync, type FSWatcher } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

/** Shaped like vscode.Event (and src/contacts/emitter.ts, which src/quo may not import: contacts builds on quo). */
export type LiveWindowsListener = (count: number) => void;
export type OnDidChangeLiveWindows = (listener: LiveWindowsListener) => { dispose(): void };

export interface WindowHeartbeatsOptions {
  /** Shared by every window of the installation, e.g. `<globalStorage>/rate-budget`. */
  readonly directory: string;
  /** Names the key without revealing it; windows count each other only under the same fingerprint. */
  readonly fingerprint: string;
  /** Unique to this window's extension host. */
  readonly windowId: string;
  readonly intervalMs?: number;
  /** How recent a beat must be for its window to count; 3 intervals by default. */
  readonly liveForMs?: number;
  /** Past this age a beat file belongs to a window that died without cleaning up, and its reader deletes it. */
  readonly staleAfterMs?: number;
  /**
   * The wall clock by default, and it must stay one: the beat times are compared between processes, and a monotonic
   * clock's values mean nothing outside the process that read them. Tests inject their own timers.
   */
  readonly clock?: Clock;
  readonly onError?: (error: unknown) => void;
}

/** What may be used as a file name as it is; anything else is hashed into such a name. */
const SAFE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function fileNameFor(value: string): string {
  return SAFE_NAME.test(value) ? value : createHash('sha256').update(value).digest('hex').slice(0, 32);
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

export class WindowHeartbeats {
  private readonly folder: string;
  private readonly ownName: string;
  private readonly ownFile: string;
  /** Beats are written here first and renamed into place, so a reader never sees half a file. */
  private readonly ownTempFile: string;
  private readonly intervalMs: number;
  private readonly liveForMs: number;
  private readonly staleAfterMs: number;
  private readonly clock: Clock;
  private readonly onError: (error: unknown) => void;
  private readonly listeners = new Set<LiveWindowsListener>();
  /** Failures already reported since the last clean beat: a read-only disk would otherwise log every interval. */
  private readonly reported = new Set<string>();
  /** Failures so far, reported or not: a beat that adds none is a clean one. */
  private failures = 0;
  private started: Promise<number> | undefined;
  private count = 1;
  private timer: unknown;
  private watcher: FSWatcher | undefined;
  private disposed = false;
  /** The beat being written, so dispose can wait for it rather than have it recreate the file it just deleted. */
  private beating: Promise<void> | undefined;
  private reading: Promise<void> | undefined;
  /** A change was reported while a read was under way: that read may have missed it, so another follows. */
  private readAgain = false;

  /** Fires with the new count of live windows, this one included, only when it changes. */
  readonly onDidChangeLiveWindows: OnDidChangeLiveWindows = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  constructor(options: WindowHeartbeatsOptions) {
    this.folder = join(options.directory, fileNameFor(options.fingerprint));
    this.ownName = fileNameFor(options.windowId);
    this.ownFile = join(this.folder, this.ownName);
    // The dot keeps it out of SAFE_NAME, so readers never take it for a window.
    this.ownTempFile = join(this.folder, `${this.ownName}.tmp`);
    this.intervalMs = options.intervalMs ?? 2000;
    // A busy extension host (a long sync, a garbage collection, a slow disk) can be late for a beat or two: three
    // intervals keep it counted through that, and still free a crashed window's share within seconds.
    this.liveForMs = options.liveForMs ?? 3 * this.intervalMs;
    this.staleAfterMs = options.staleAfterMs ?? Math.max(10 * this.intervalMs, this.liveForMs);
    this.clock = options.clock ?? systemClock;
    const onError = options.onError ?? (() => undefined);
    this.onError = (error) => {
      this.failures++;
      const key = String((error as { code?: unknown } | null)?.code) + String(error);
      if (!this.reported.has(key)) {
        this.reported.add(key);
        onError(error);
      }
    };
  }

  /** Live windows using the key, this one included: never less than 1. */
  get liveWindows(): number {
    return this.count;
  }

  /**
   * Writes the first beat and reads the others before resolving, so the first request of a new window already
   * counts itself and the windows open before it. Never rejects.
   */
  start(): Promise<number> {
    if (this.disposed) {
      return Promise.resolve(this.count);
    }
    this.started ??= (async () => {
      await this.beat();
      this.startWatching();
      this.scheduleBeat();
      return this.count;
    })();
    return this.started;
  }

  /**
   * Stops beating and deletes this window's file, so the others take back its share at once rather than when its
   * beat ages out. The file is deleted before returning, in case the host exits without waiting for the promise; the
   * promise settles once a beat that was being written has been deleted too.
   */
  async dispose(): Promise<void> {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.watcher?.close();
    this.watcher = undefined;
    this.listeners.clear();
    this.removeOwnFileNow();
    // A start or a beat under way may still write its file; neither rejects.
    await Promise.all([this.started, this.beating]);
    await this.removeOwnFile();
  }

  private scheduleBeat(): void {
    if (this.disposed) {
      return;
    }
    // Re-armed after each beat rather than on an interval, so a slow disk never has two beats writing at once.
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.beat().then(() => this.scheduleBeat());
    }, this.intervalMs);
  }

  /** Never rejects. */
  private beat(): Promise<void> {
    const beating = (async () => {
      const failuresBefore = this.failures;
      await this.writeBeat();
      await this.refresh();
      if (this.failures === failuresBefore) {
        // A clean beat: a failure that comes back after it is news again.
        this.reported.clear();
      }
    })();
    this.beating = beating;
    return beating.finally(() => {
      if (this.beating === beating) {
        this.beating = undefined;
      }
    });
  }

  private async writeBeat(): Promise<void> {
    if (this.disposed) {
      return;
    }
    try {
      // On every beat, not once: the folder may have been deleted under a running window (storage cleared).
      await mkdir(this.folder, { recursive: true });
      await writeFile(this.ownTempFile, String(this.clock.now()));
      if (this.disposed) {
        return;
      }
      await rename(this.ownTempFile, this.ownFile);
    } catch (error) {
      // The others will not see this window, but it still sees them: its share stays right, theirs is too large.
      this.onError(error);
    }
  }

  private startWatching(): void {
    if (this.disposed) {
      return;
    }
    try {
      this.watcher = watch(this.folder, { persistent: false }, (_event, fileName) => {
        // This window's own writes say nothing new about the others.
        if (fileName === this.ownName || fileName === `${this.ownName}.tmp`) {
          return;
        }
        void this.refresh();
      });
      // Some file systems (network shares, some containers) cannot be watched: the beats still poll.
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      this.watcher = undefined;
    }
  }

  /** Reads the directory, one read at a time; a change reported during a read starts one more after it. */
  private refresh(): Promise<void> {
    if (this.disposed) {
      return Promise.resolve();
    }
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    const reading = (async () => {
      do {
        this.readAgain = false;
        this.setCount(await this.countLive());
      } while (this.readAgain && !this.disposed);
    })();
    this.reading = reading;
    return reading.finally(() => {
      this.reading = undefined;
    });
  }

  private async countLive(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      this.onError(error);
      return 1;
    }
    const now = this.clock.now();
    let live = 1;
    for (const name of names) {
      if (name === this.ownName || name === `${this.ownName}.tmp`) {
        continue;
      }
      if (SAFE_NAME.test(name)) {
        const beat = await this.readBeat(name);
        if (beat === undefined) {
          continue;
        }
        // Both ways: a beat "in the future" is from before the clock was set back, and proves nothing about now.
        const age = Math.abs(now - beat);
        if (age <= this.liveForMs) {
          live++;
        } else if (age > this.staleAfterMs) {
          await this.remove(join(this.folder, name));
        }
      } else if (name.endsWith('.tmp')) {
        await this.removeIfStale(join(this.folder, name), now);
      }
    }
    return live;
  }

  private async readBeat(name: string): Promise<number | undefined> {
    try {
      const beat = Number((await readFile(join(this.folder, name), 'utf8')).trim());
      return Number.isFinite(beat) ? beat : undefined;
    } catch (error) {
      // Deleted between the listing and the read: its window has just closed.
      if (!isMissing(error)) {
        this.onError(error);
      }
      return undefined;
    }
  }

  /** A temporary file left behind by a window that died between writing and renaming it. */
  private async removeIfStale(path: string, now: number): Promise<void> {
    try {
      if (Math.abs(now - (await stat(path)).mtimeMs) > this.staleAfterMs) {
        await this.remove(path);
      }
    } catch (error) {
      if (!isMissing(error)) {
        this.onError(error);
      }
    }
  }

  private async remove(path: string): Promise<void> {
    try {
      await unlink(path);
    } catch (error) {
      // Another window's reader deleted it first.
      if (!isMissing(error)) {
        this.onError(error);
      }
    }
  }

  private removeOwnFileNow(): void {
    for (const path of [this.ownFile, this.ownTempFile]) {
      try {
        unlinkSync(path);
      } catch (error) {
        if (!isMissing(error)) {
          this.onError(error);
        }
      }
    }
  }

  private async removeOwnFile(): Promise<void> {
    await this.remove(this.ownFile);
    await this.remove(this.ownTempFile);
  }

  private setCount(count: number): void {
    if (count === this.count || this.disposed) {
      return;
    }
    this.count = count;
    for (const listener of [...this.listeners]) {
      try {
        listener(count);
      } catch (error) {
        // A listener's bug must not stop the beats.
        this.onError(error);
      }
    }
  }
}
