/**
 * The status items of the Quo sidebar, and the All contacts section's own words: what the index and the connection
 * are doing, said in the tree where a pop-up would otherwise interrupt. Plain (no vscode), like the tree model that
 * places them.
 */
import * as l10n from '@vscode/l10n';
import { availabilityCopy } from '../connection/availabilityCopy.js';
import { describeError } from '../quo/errors.js';
import type { SectionId, StatusAction, StatusKind, StatusNode, TreeSources } from './treeModel.js';

/** What the All contacts status reads: the listing and the connection, not pins, recents or the file. */
export type ListSources = Pick<TreeSources, 'connection' | 'index' | 'listingError' | 'retryScheduled'>;

/** Formats a count in the tree's locale (the model owns the Intl object, made on first use). */
export type CountFormat = (value: number) => string;

/** Status items at the top of All contacts: what the index and the connection are doing. */
export function allStatus(sources: ListSources, count: CountFormat): StatusNode[] {
  const state = sources.index.state;
  const connection = sources.connection();
  const loaded = sources.index.all().length;
  const error = sources.listingError();
  const nodes: StatusNode[] = [];
  if (connection.kind !== 'ready' && connection.kind !== 'no-key') {
    const copy = availabilityCopy(connection);
    const retrying =
      connection.kind === 'rate-limited' && (sources.retryScheduled?.() === true || state.status === 'loading');
    const label =
      connection.kind === 'offline' && loaded > 0
        ? l10n.t('{0} — showing what was loaded', copy.title)
        : retrying
          ? l10n.t('{0}, retrying', copy.title)
          : copy.title;
    const action = retrying ? undefined : copy.action;
    nodes.push({
      kind: 'status',
      key: `all/status/${connection.kind}`,
      label,
      collapsible: 'none',
      status: connection.kind,
      icon: copy.icon,
      detail: copy.detail,
      ...(action && copy.actionLabel ? { action, description: copy.actionLabel } : {}),
    });
  } else if (error && error.kind !== 'cancelled') {
    nodes.push(
      statusNode('all', 'error', errorLabel(state.complete, loaded), {
        description: l10n.t('Retry'),
        action: 'refresh',
        detail: describeError(error),
      }),
    );
  }
  if ((state.status === 'loading' && !state.complete) || (state.status === 'empty' && connection.kind === 'ready')) {
    const label =
      state.status === 'loading' && state.loadedCount > 0
        ? l10n.t('Loading contacts… ({0} so far)', count(state.loadedCount))
        : l10n.t('Loading contacts…');
    nodes.push(statusNode('all', 'loading', label));
  } else if (state.status === 'complete' && loaded === 0) {
    nodes.push(statusNode('all', 'empty', l10n.t('No contacts in this workspace')));
  }
  return nodes;
}

/** The All contacts section's description: how many are listed, and whether that list is loading or incomplete. */
export function describeAll(sources: ListSources, count: CountFormat): string | undefined {
  const state = sources.index.state;
  const loaded = sources.index.all().length;
  switch (state.status) {
    case 'complete':
      return count(loaded);
    case 'loading':
      return state.complete ? l10n.t('{0} · refreshing…', count(loaded)) : l10n.t('loading…');
    case 'error':
      if (loaded === 0) {
        return undefined;
      }
      return state.complete ? count(loaded) : l10n.t('{0} · incomplete', count(loaded));
    case 'empty':
      return undefined;
  }
}

function errorLabel(complete: boolean, loaded: number): string {
  if (complete) {
    return l10n.t('Could not refresh — showing the last complete list');
  }
  return loaded > 0 ? l10n.t('Not every contact could be loaded') : l10n.t('Contacts could not be loaded');
}

export function statusNode(
  sectionId: SectionId,
  kind: StatusKind,
  label: string,
  extra: { description?: string; action?: StatusAction; detail?: string } = {},
): StatusNode {
  return { kind: 'status', key: `${sectionId}/status/${kind}`, label, collapsible: 'none', status: kind, ...extra };
}
