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
 * A window counts only while it uses the key: `use()` before each request starts the beats (the first is written and
 * the others read before it resolves), and `idleAfterMs` (30 s) without one stops them, deletes the file and stops
 * reading the folder. Holding a key is not using it: a window that switched to another workspace, or sits idle,
 * would otherwise keep half the limit of a window that works, and make every other window read the folder on each
 * of its beats.
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

/** Shaped like vscode.Event and src/common/emitter.ts. */
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
  /** How long after its last `use()` a window stops counting itself; 30 s by default. */
  readonly idleAfterMs?: number;
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

/** One stretch of use, from the `use()` that started the beats to the idle timer or dispose that stops them. */
interface Period {
  /** Settles once the first beat is written and the others read. */
  ready: Promise<number>;
  /** Whether that has happened: a request then has nothing to wait for. */
  counted: boolean;
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
  private readonly idleAfterMs: number;
  private readonly clock: Clock;
  private readonly onError: (error: unknown) => void;
  private readonly listeners = new Set<LiveWindowsListener>();
  /** Failures already reported since the last clean beat: a read-only disk would otherwise log every interval. */
  private readonly reported = new Set<string>();
  /** Failures so far, reported or not: a beat that adds none is a clean one. */
  private failures = 0;
  /** Undefined while the window does not count itself (never used, idle, or disposed). */
  private period: Period | undefined;
  private lastUsed = 0;
  private count = 1;
  private timer: unknown;
  private idleTimer: unknown;
  /** Deleting the file of the last period: a new period's first beat waits for it, or it would delete that beat. */
  private resting: Promise<void> | undefined;
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
    this.idleAfterMs = options.idleAfterMs ?? 30_000;
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

  /** Whether this window counts itself for the key now, its first beat written. */
  get counting(): boolean {
    return this.period?.counted === true;
  }

  /**
   * A request with the key is about to be sent. When the window does not count itself yet, it writes its beat and
   * reads the others' before the returned promise resolves (never rejects), so the request already leaves under the
   * shared count; undefined when it counts itself already, the usual case, which costs no turn of the event loop.
   */
  use(): Promise<number> | undefined {
    if (this.disposed) {
      return undefined;
    }
    this.lastUsed = this.clock.now();
    if (this.period) {
      return this.period.counted ? undefined : this.period.ready;
    }
    const period: Period = { ready: Promise.resolve(this.count), counted: false };
    this.period = period;
    this.armIdle();
    period.ready = this.begin(period);
    return period.ready;
  }

  /** `use()` as a promise of the count in every case. */
  start(): Promise<number> {
    return this.use() ?? Promise.resolve(this.count);
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
    this.rest();
    this.listeners.clear();
    await this.resting;
  }

  private async begin(period: Period): Promise<number> {
    await this.resting;
    if (this.period !== period) {
      return this.count;
    }
    await this.beat(period);
    if (this.period !== period) {
      return this.count;
    }
    period.counted = true;
    this.startWatching();
    this.scheduleBeat(period);
    return this.count;
  }

  /** Checks for idleness once per `idleAfterMs` at most, rather than on each use (ten a second). */
  private armIdle(): void {
    // Both ways: a use "in the future" is from before the clock was set back; resting early only costs one beat later.
    const idleFor = Math.abs(this.clock.now() - this.lastUsed);
    this.idleTimer = this.clock.setTimeout(
      () => {
        this.idleTimer = undefined;
        if (Math.abs(this.clock.now() - this.lastUsed) >= this.idleAfterMs) {
          this.rest();
        } else {
          this.armIdle();
        }
      },
      Math.max(0, this.idleAfterMs - idleFor),
    );
  }

  /** Ends the period: no more beats, no more reading the folder, and the file deleted at once (then again, below). */
  private rest(): void {
    for (const timer of [this.timer, this.idleTimer]) {
      if (timer !== undefined) {
        this.clock.clearTimeout(timer);
      }
    }
    this.timer = undefined;
    this.idleTimer = undefined;
    if (!this.period) {
      return;
    }
    this.period = undefined;
    this.watcher?.close();
    this.watcher = undefined;
    this.removeOwnFileNow();
    // A beat being written may still rename its file into place; the removal after it wins.
    const previous = this.resting;
    const beating = this.beating;
    this.resting = (async () => {
      await previous;
      await beating;
      await this.removeOwnFile();
    })();
  }

  private scheduleBeat(period: Period): void {
    if (this.period !== period) {
      return;
    }
    // Re-armed after each beat rather than on an interval, so a slow disk never has two beats writing at once.
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.beat(period).then(() => this.scheduleBeat(period));
    }, this.intervalMs);
  }

  /** Never rejects. */
  private beat(period: Period): Promise<void> {
    const beating = (async () => {
      const failuresBefore = this.failures;
      await this.writeBeat(period);
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

  private async writeBeat(period: Period): Promise<void> {
    if (this.period !== period) {
      return;
    }
    try {
      // On every beat, not once: the folder may have been deleted under a running window (storage cleared).
      await mkdir(this.folder, { recursive: true });
      await writeFile(this.ownTempFile, String(this.clock.now()));
      if (this.period !== period) {
        return;
      }
      await rename(this.ownTempFile, this.ownFile);
    } catch (error) {
      // The others will not see this window, but it still sees them: its share stays right, theirs is too large.
      this.onError(error);
    }
  }

  private startWatching(): void {
    if (!this.period) {
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
    if (!this.period) {
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
      } while (this.readAgain && this.period);
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
