/**
 * A short list of contacts (the recent ones, the pinned ones) kept per Quo workspace in VS Code's globalState, under
 * the workspace's id (QUO_API_KEY's: the key's fingerprint), never the key. Only the id and the name last shown are
 * stored; contact data itself is not written to disk. What is read back is checked, since the store may hold anything.
 */
import { Emitter } from '../common/emitter.js';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface ContactRef {
  readonly id: string;
  readonly name: string;
}

/** Anything longer in the store was not written by us. */
const MAX_STORED_LENGTH = 1024;

export class StoredContactList {
  private readonly changes = new Emitter<void>();
  /** Fires after the list of the current key was written. */
  readonly onDidChange = this.changes.event;

  constructor(
    private readonly store: KeyValueStore,
    private readonly fingerprint: () => string | undefined,
    /** Names the list in the store, e.g. `recent`. */
    private readonly name: string,
  ) {}

  /** The list of the current key, without malformed or repeated entries. Empty when no key is set. */
  read(): ContactRef[] {
    const key = this.storageKey();
    const stored = key ? this.store.get<unknown>(key) : undefined;
    if (!Array.isArray(stored)) {
      return [];
    }
    const seen = new Set<string>();
    return stored.filter((item: unknown): item is ContactRef => {
      if (!isContactRef(item) || seen.has(item.id)) {
        return false;
      }
      seen.add(item.id);
      return true;
    });
  }

  /** Replaces the list of the current key; false (and nothing written) when no key is set. */
  async write(list: readonly ContactRef[]): Promise<boolean> {
    const key = this.storageKey();
    if (!key) {
      return false;
    }
    const written = this.store.update(key, list.map(({ id, name }) => ({ id, name })));
    // The store's value changes at once (globalState writes through to disk later): listeners read the new list.
    this.changes.fire();
    await written;
    return true;
  }

  dispose(): void {
    this.changes.dispose();
  }

  private storageKey(): string | undefined {
    const owner = this.fingerprint();
    return owner ? storedListKey(this.name, owner) : undefined;
  }
}

/** Where the list `name` (e.g. `recent`) of `owner` is in the store; the workspace store deletes a removed one's. */
export function storedListKey(name: string, owner: string): string {
  return `quo.${name}.${owner}`;
}

function isContactRef(item: unknown): item is ContactRef {
  if (typeof item !== 'object' || item === null) {
    return false;
  }
  const { id, name } = item as { id?: unknown; name?: unknown };
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= MAX_STORED_LENGTH &&
    typeof name === 'string' &&
    name.length <= MAX_STORED_LENGTH
  );
}
