import assert from 'node:assert/strict';
import { findContactPoints } from '../../src/detect/contactPoints.js';
import { createDetector } from '../../src/detect/detector.js';
import { contactMentionKeys } from '../../src/mentions/mentionKeys.js';
import { MAX_FILE_BYTES, MentionScanner, SLICE_MS, type FileFacts, type MentionFileSource } from '../../src/mentions/mentionScanner.js';
import { mentionFinder } from '../../src/mentions/textMentions.js';
import { hexId, makeContact } from './contactFixtures.js';

const { detector } = createDetector();
const finder = mentionFinder(detector, findContactPoints, 'US');
const ada = makeContact(hexId(0xada), { first: 'Ada', phones: ['+14155550123'], emails: ['ada@example.com'] });
const adaKeys = contactMentionKeys(ada, 'US');

interface FakeFile {
  bytes: Uint8Array;
  mtime: number;
  symbolicLink?: boolean;
  /** Reported by stat instead of the bytes' length (a 2 GB log). */
  size?: number;
  failRead?: boolean;
}

/** Files in memory; counts what is read. */
class FakeSource implements MentionFileSource {
  readonly files = new Map<string, FakeFile>();
  readonly reads: string[] = [];
  listed = 0;

  put(uri: string, text: string | Uint8Array, extra: Partial<FakeFile> = {}): void {
    this.files.set(uri, { bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text, mtime: this.files.size + 1, ...extra });
  }

  list(): Promise<readonly string[]> {
    this.listed++;
    return Promise.resolve([...this.files.keys()]);
  }

  stat(uri: string): Promise<FileFacts | undefined> {
    const file = this.files.get(uri);
    return Promise.resolve(file ? { size: file.size ?? file.bytes.length, mtime: file.mtime, symbolicLink: file.symbolicLink === true } : undefined);
  }

  read(uri: string): Promise<Uint8Array> {
    this.reads.push(uri);
    const file = this.files.get(uri);
    if (!file || file.failRead === true) {
      return Promise.reject(new Error('EACCES: permission denied'));
    }
    return Promise.resolve(file.bytes);
  }
}

/** A clock that moves only when the scan asks it, by `step` ms a reading: slices are counted, not timed. */
function fakeHost(step = 0): { host: ConstructorParameters<typeof MentionScanner>[2]; logs: string[]; yields: () => number } {
  let now = 0;
  let yields = 0;
  const logs: string[] = [];
  return {
    host: {
      now: () => (now += step),
      yieldToHost: () => {
        yields++;
        return new Promise((resolve) => setImmediate(resolve));
      },
      log: (message) => logs.push(message),
    },
    logs,
    yields: () => yields,
  };
}

function urisOf(scanner: MentionScanner): string[] {
  return scanner.index.find(adaKeys).map((file) => file.uri);
}

async function settle(scanner: MentionScanner): Promise<void> {
  await scanner.whenScanned();
  // Changes after the first scan run on the same loop: let it drain.
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('mentions: the scanner', () => {
  it('reads nothing until first used, then every file once', async () => {
    const source = new FakeSource();
    source.put('file:///w/a.json', `{"id":"${ada.id}"}`);
    source.put('file:///w/b.md', 'call (415) 555-0123');
    const scanner = new MentionScanner(source, () => finder, fakeHost().host);
    scanner.fileChanged('file:///w/a.json');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(source.listed, 0);
    assert.deepEqual(source.reads, []);
    const progress = await scanner.whenScanned();
    assert.deepEqual(progress, { state: 'scanned', scanned: 2, total: 2 });
    assert.deepEqual(urisOf(scanner).sort(), ['file:///w/a.json', 'file:///w/b.md']);
    assert.deepEqual(source.reads.sort(), ['file:///w/a.json', 'file:///w/b.md']);
    assert.equal(source.listed, 1);
    scanner.dispose();
  });

  it('skips files over 5 MB without reading them, binary files, links, and files that cannot be read (logged once)', async () => {
    const source = new FakeSource();
    source.put('file:///w/huge.log', `${ada.id}`, { size: 2 * 1024 ** 3 });
    source.put('file:///w/image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, ...new TextEncoder().encode(ada.id)]));
    source.put('file:///w/link.md', ada.id, { symbolicLink: true });
    source.put('file:///w/locked.txt', ada.id, { failRead: true });
    source.put('file:///w/ok.txt', `x ${ada.id}`);
    const oneLine = `${'a'.repeat(MAX_FILE_BYTES - 40)} ${ada.id} `;
    source.put('file:///w/one-line.json', oneLine);
    const { host, logs } = fakeHost();
    const scanner = new MentionScanner(source, () => finder, host);
    await scanner.whenScanned();
    assert.deepEqual(urisOf(scanner).sort(), ['file:///w/ok.txt', 'file:///w/one-line.json']);
    assert.ok(!source.reads.includes('file:///w/huge.log'));
    assert.equal(scanner.stats.skippedLarge, 1);
    assert.equal(scanner.stats.skippedBinary, 1);
    assert.equal(scanner.stats.skippedLinks, 1);
    assert.equal(scanner.stats.failed, 1);
    assert.equal(logs.filter((line) => line.includes('locked.txt')).length, 1);
    assert.ok(logs.some((line) => line.includes('huge.log') && line.includes('skipped')));
    // Asked again, a failing file is not logged again.
    scanner.fileChanged('file:///w/locked.txt');
    await settle(scanner);
    assert.equal(logs.filter((line) => line.includes('locked.txt')).length, 1);
    scanner.dispose();
  });

  it('a file deleted during the scan is skipped quietly', async () => {
    const source = new FakeSource();
    for (let i = 0; i < 30; i++) {
      source.put(`file:///w/${i}.txt`, `${ada.id}`);
    }
    const original = source.stat.bind(source);
    source.stat = (uri) => {
      if (uri === 'file:///w/20.txt') {
        source.files.delete(uri);
      }
      return original(uri);
    };
    const { host, logs } = fakeHost();
    const scanner = new MentionScanner(source, () => finder, host);
    await scanner.whenScanned();
    assert.equal(urisOf(scanner).length, 29);
    assert.deepEqual(logs, []);
    scanner.dispose();
  });

  it('gives the event loop back every SLICE_MS, inside one long line too', async () => {
    const source = new FakeSource();
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      parts.push(`id ${hexId(i)} n (415) 555-${String(1000 + (i % 9000))}`);
    }
    source.put('file:///w/one-line.json', parts.join(' '));
    // Each reading of the clock moves it by 5 ms: a slice is a chunk or two.
    const { host, yields } = fakeHost(5);
    const scanner = new MentionScanner(source, () => finder, host);
    await scanner.whenScanned();
    assert.ok(yields() >= 5, `yielded ${yields()} times`);
    assert.ok(scanner.stats.longestSliceMs <= SLICE_MS + 10, `longest slice ${scanner.stats.longestSliceMs} ms`);
    assert.equal(scanner.index.mentionCount, 40_000);
    scanner.dispose();
  });

  it('reports progress, and a stopped scan keeps what it found, answers waiters, and goes on when started again', async () => {
    const source = new FakeSource();
    for (let i = 0; i < 1000; i++) {
      source.put(`file:///w/${String(i).padStart(4, '0')}.txt`, i % 10 === 0 ? `ada@example.com ${i}` : `nothing ${i}`);
    }
    const scanner = new MentionScanner(source, () => finder, fakeHost().host);
    const seen: number[] = [];
    let stopped = false;
    scanner.onDidProgress((progress) => {
      seen.push(progress.scanned);
      if (!stopped && progress.scanned >= 400 && progress.state === 'scanning') {
        stopped = true;
        scanner.stop();
      }
    });
    const progress = await scanner.whenScanned();
    assert.equal(progress.state, 'stopped');
    assert.equal(progress.total, 1000);
    assert.ok(progress.scanned >= 400 && progress.scanned < 1000, `scanned ${progress.scanned}`);
    const partial = urisOf(scanner).length;
    assert.ok(partial >= 40 && partial < 100, `${partial} files so far`);
    assert.ok(seen.includes(200));
    scanner.start();
    const after = await scanner.whenScanned();
    assert.deepEqual(after, { state: 'scanned', scanned: 1000, total: 1000 });
    assert.equal(urisOf(scanner).length, 100);
    assert.equal(new Set(source.reads).size, 1000);
    scanner.dispose();
  });

  it('a scan stopped while its files are listed goes on once they are, when started again', async () => {
    const source = new FakeSource();
    source.put('file:///w/a.txt', ada.id);
    source.put('file:///w/b.txt', ada.id);
    let release: () => void = () => undefined;
    const listed = new Promise<void>((resolve) => (release = resolve));
    const list = source.list.bind(source);
    source.list = async () => {
      await listed;
      return list();
    };
    const scanner = new MentionScanner(source, () => finder, fakeHost().host);
    scanner.start();
    scanner.stop();
    scanner.start();
    release();
    const progress = await scanner.whenScanned();
    assert.deepEqual(progress, { state: 'scanned', scanned: 2, total: 2 });
    assert.equal(urisOf(scanner).length, 2);
    scanner.dispose();
  });

  it('a file deleted after it was read ahead, or become binary, mentions nothing any more', async () => {
    const source = new FakeSource();
    for (let i = 0; i < 20; i++) {
      source.put(`file:///w/${String(i).padStart(2, '0')}.txt`, ada.id);
    }
    const scanner = new MentionScanner(source, () => finder, fakeHost().host);
    let deleted = false;
    scanner.onDidProgress(() => undefined);
    const original = source.read.bind(source);
    source.read = async (uri) => {
      const bytes = await original(uri);
      if (!deleted && uri.endsWith('/00.txt')) {
        // The queue's next files are read ahead by now: one of them goes before its turn.
        deleted = true;
        source.files.delete('file:///w/05.txt');
        scanner.fileDeleted('file:///w/05.txt');
      }
      return bytes;
    };
    await settle(scanner);
    assert.ok(!urisOf(scanner).includes('file:///w/05.txt'));
    assert.equal(urisOf(scanner).length, 19);
    source.put('file:///w/03.txt', new Uint8Array([0, 1, 2]));
    scanner.fileChanged('file:///w/03.txt');
    await settle(scanner);
    assert.ok(!urisOf(scanner).includes('file:///w/03.txt'), 'now binary: its old mentions go');
    scanner.dispose();
  });

  it('an abort signal ends the wait, not the scan', async () => {
    const source = new FakeSource();
    for (let i = 0; i < 300; i++) {
      source.put(`file:///w/${i}.txt`, ada.id);
    }
    const scanner = new MentionScanner(source, () => finder, fakeHost().host);
    const controller = new AbortController();
    const waiting = scanner.whenScanned(controller.signal);
    controller.abort();
    const progress = await waiting;
    assert.notEqual(progress.state, 'scanned');
    assert.equal((await scanner.whenScanned()).state, 'scanned');
    assert.equal(urisOf(scanner).length, 300);
    scanner.dispose();
  });

  it('follows changes on disk, deletions of files and folders, and unsaved text, which wins until released', async () => {
    const source = new FakeSource();
    source.put('file:///w/note.md', 'nobody');
    source.put('file:///w/old/a.txt', ada.id);
    source.put('file:///w/old/b.txt', ada.id);
    const scanner = new MentionScanner(source, () => finder, fakeHost().host);
    let changes = 0;
    scanner.onDidChange(() => changes++);
    await settle(scanner);
    assert.deepEqual(urisOf(scanner).sort(), ['file:///w/old/a.txt', 'file:///w/old/b.txt']);

    source.put('file:///w/note.md', 'call (415) 555-0123', { mtime: 50 });
    const before = changes;
    scanner.fileChanged('file:///w/note.md');
    await settle(scanner);
    assert.ok(changes > before);
    assert.equal(urisOf(scanner)[0], 'file:///w/note.md');

    scanner.fileDeleted('file:///w/old');
    assert.deepEqual(urisOf(scanner), ['file:///w/note.md']);

    // Unsaved: the editor's text counts, and a change on disk does not replace it.
    scanner.documentChanged('file:///w/note.md', 'no one here', 60);
    await settle(scanner);
    assert.deepEqual(urisOf(scanner), []);
    scanner.fileChanged('file:///w/note.md');
    await settle(scanner);
    assert.deepEqual(urisOf(scanner), []);
    scanner.documentChanged('untitled:Untitled-1', `+1 415 555 0123`, 61);
    await settle(scanner);
    assert.deepEqual(urisOf(scanner), ['untitled:Untitled-1']);

    // Reverted or closed: the disk again; an untitled buffer has none and goes.
    scanner.documentReleased('file:///w/note.md');
    scanner.documentReleased('untitled:Untitled-1');
    await settle(scanner);
    assert.deepEqual(urisOf(scanner), ['file:///w/note.md']);
    scanner.dispose();
  });

  it('scans again with new settings, replacing what each file had', async () => {
    const source = new FakeSource();
    source.put('file:///w/fr.txt', 'appeler le 06 12 34 56 78');
    let country = 'US';
    const scanner = new MentionScanner(source, () => mentionFinder(detector, findContactPoints, country), fakeHost().host);
    await settle(scanner);
    const french = [{ kind: 'phone' as const, value: '+33612345678' }];
    assert.deepEqual(scanner.index.find(french), []);
    country = 'FR';
    scanner.rescanAll();
    await settle(scanner);
    assert.deepEqual(scanner.index.find(french).map((file) => file.uri), ['file:///w/fr.txt']);
    scanner.dispose();
  });
});
