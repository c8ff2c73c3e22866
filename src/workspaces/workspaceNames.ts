/**
 * What a workspace is called and which one a window starts with: names are one clean line, unique whatever their case,
 * at most 60 characters. Plain, so unit tests and the property tests load it.
 */
import * as l10n from '@vscode/l10n';
import type { Workspace } from './workspaceStore.js';

export const MAX_WORKSPACE_NAME = 60;

/** Control and format characters (bidi overrides, zero-width) removed, spaces collapsed, at most 60 characters. */
export function cleanWorkspaceName(raw: string): string {
  const visible = raw
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...visible].slice(0, MAX_WORKSPACE_NAME).join('').trim();
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

/** Why `name` cannot name a workspace (after cleaning), or undefined. `exceptId` is the one being renamed. */
export function workspaceNameProblem(name: string, existing: readonly Workspace[], exceptId?: string): string | undefined {
  const clean = cleanWorkspaceName(name);
  if (clean === '') {
    return l10n.t('Enter a name for the workspace.');
  }
  const taken = existing.find((workspace) => workspace.id !== exceptId && sameName(workspace.name, clean));
  return taken ? l10n.t('A workspace is already named {0}.', taken.name) : undefined;
}

/** `base`, or `base 2`, `base 3`… : the first that no workspace is named. */
export function uniqueWorkspaceName(base: string, existing: readonly Workspace[]): string {
  const clean = cleanWorkspaceName(base) || 'Quo';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` ${n}`;
    const candidate = `${[...clean].slice(0, MAX_WORKSPACE_NAME - suffix.length).join('').trim()}${suffix}`;
    if (!existing.some((workspace) => sameName(workspace.name, candidate))) {
      return candidate;
    }
  }
}

/**
 * Which workspace a window starts with: the one remembered for its folder if it still exists, else the last one used,
 * else a stored key before the environment's.
 */
export function chooseStartWorkspace(
  workspaces: readonly Workspace[],
  remembered: string | undefined,
  lastUsed: string | undefined,
): Workspace | undefined {
  const byId = (id: string | undefined): Workspace | undefined => workspaces.find((workspace) => workspace.id === id);
  return byId(remembered) ?? byId(lastUsed) ?? workspaces.find((w) => w.source === 'secret-storage') ?? workspaces[0];
}
