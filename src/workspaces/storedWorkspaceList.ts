/**
 * The list of workspaces as SecretStorage holds it (ids, names, the salt, removals under way) and as earlier versions
 * kept it in global state (with a fingerprint each): the shapes, and how anything read from storage is made one of
 * them. The store may hold anything, so nothing here trusts what it reads.
 */

export interface StoredWorkspace {
  readonly id: string;
  readonly name: string;
  /**
   * Set once its removal started: hidden everywhere from then on, and the removal (key, then data, then this entry)
   * is finished at the next start-up if it was interrupted. Holds the key's fingerprint to delete the index file once
   * the key is gone.
   */
  readonly removing?: { readonly fingerprint?: string };
}

export interface ListDocument {
  /** Always set when the list was read from SecretStorage; undefined only for the list of earlier versions (or none). */
  readonly salt?: string;
  readonly workspaces: readonly StoredWorkspace[];
}

/** An entry of the list of earlier versions (`quo.workspaces` in global state). */
export interface LegacyEntry {
  readonly id: string;
  readonly name: string;
  readonly fingerprint: string;
}

export function sameEntries(a: ListDocument, b: ListDocument): boolean {
  return JSON.stringify(a.workspaces) === JSON.stringify(b.workspaces);
}

/** The entries of the list of earlier versions that they would read (a fingerprint each), without repeated ones. */
export function legacyEntries(raw: unknown): LegacyEntry[] {
  const fingerprints = new Map<string, string>();
  for (const item of Array.isArray(raw) ? (raw as unknown[]) : []) {
    const { id, fingerprint } = (typeof item === 'object' && item !== null ? item : {}) as { id?: unknown; fingerprint?: unknown };
    if (typeof id === 'string' && typeof fingerprint === 'string' && !fingerprints.has(id)) {
      fingerprints.set(id, fingerprint);
    }
  }
  return cleanEntries(raw).flatMap((entry) => {
    const fingerprint = fingerprints.get(entry.id);
    return fingerprint === undefined || entry.removing !== undefined ? [] : [{ id: entry.id, name: entry.name, fingerprint }];
  });
}

export function visible(document: ListDocument): StoredWorkspace[] {
  return document.workspaces.filter((entry) => entry.removing === undefined);
}

/** Entries as stored, without malformed or repeated ones (the store may hold anything). */
export function cleanEntries(raw: unknown): StoredWorkspace[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  const seen = new Set<string>();
  const entries: StoredWorkspace[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    const { id, name, removing } = item as { id?: unknown; name?: unknown; removing?: unknown };
    if (typeof id !== 'string' || typeof name !== 'string' || seen.has(id)) {
      continue;
    }
    seen.add(id);
    const fingerprint = typeof removing === 'object' && removing !== null ? (removing as { fingerprint?: unknown }).fingerprint : undefined;
    entries.push(
      removing === undefined || removing === null
        ? { id, name }
        : { id, name, removing: typeof fingerprint === 'string' ? { fingerprint } : {} },
    );
  }
  return entries;
}
