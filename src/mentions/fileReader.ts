/**
 * How the mention scan reads one file: a stat first (a file over MAX_FILE_BYTES is skipped unread, a symbolic link
 * is not followed, a file gone is said so), then its bytes (a NUL in the first BINARY_PROBE_BYTES makes it binary).
 * A failure is logged once per file, the first MAX_LOGGED_FAILURES of them, and counted.
 */

/** Larger files are skipped by size, never read: a 2 GB log costs one stat. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A NUL byte in this much of a file's start makes it binary (as git decides). */
const BINARY_PROBE_BYTES = 8000;
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

export type FileRead =
  | { readonly kind: 'text'; readonly bytes: Uint8Array; readonly mtime: number }
  | { readonly kind: 'gone' }
  | { readonly kind: 'skip' };

export class FileReader {
  readonly stats: ScanStats = {
    longestSliceMs: 0,
    filesRead: 0,
    bytesRead: 0,
    skippedLarge: 0,
    skippedBinary: 0,
    skippedLinks: 0,
    failed: 0,
  };
  private readonly logged = new Set<string>();

  constructor(
    private readonly source: MentionFileSource,
    private readonly log: (message: string) => void,
  ) {}

  async read(uri: string): Promise<FileRead> {
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

  private logOnce(uri: string, message: string): void {
    if (!this.logged.has(uri) && this.logged.size < MAX_LOGGED_FAILURES) {
      this.logged.add(uri);
      this.log(message);
    }
  }

}
