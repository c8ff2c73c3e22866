/**
 * The hover on a Quo line, teammate or webhook id (`PN…`, `US…`, `WH…`, issue 29). A line comes from the
 * workspace's one cached list of lines, so hovering any number of them costs one request per cache period; a teammate
 * or a webhook costs one request per id per period, found or not. A line id the workspace does not have says so; a
 * teammate or webhook id Quo does not know shows nothing (`USB3000` is a cable, not a teammate).
 */
import * as vscode from 'vscode';
import type { Fetched } from '../activity/activityIdResolver.js';
import { hoverMarkdown } from '../commands/trustedMarkdown.js';
import type { IdInDocument } from '../documents/documentIds.js';
import { isQuoError } from '../quo/errors.js';
import { renderHoverError } from '../render/hoverMarkdown.js';
import { renderLineCard, renderTeammateCard, renderWebhookCard, type CardOptions } from '../render/resourceCards.js';
import type { WorkspaceSession } from '../session/workspaceSession.js';

export async function resourceHover(
  session: WorkspaceSession,
  found: IdInDocument,
  options: CardOptions,
  token: vscode.CancellationToken,
): Promise<vscode.Hover | undefined> {
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  const sent = { signal: controller.signal, priority: 'interactive' as const };
  try {
    const card = await cardOf(session, found, options, sent);
    return card === undefined || token.isCancellationRequested ? undefined : new vscode.Hover(hoverMarkdown(card), found.range);
  } catch (error) {
    if (token.isCancellationRequested || (isQuoError(error) && error.kind === 'cancelled')) {
      return undefined;
    }
    return new vscode.Hover(hoverMarkdown(renderHoverError(session.describeFailure(error))), found.range);
  } finally {
    subscription.dispose();
  }
}

async function cardOf(
  session: WorkspaceSession,
  found: IdInDocument,
  options: CardOptions,
  sent: { readonly signal: AbortSignal; readonly priority: 'interactive' },
): Promise<string | undefined> {
  const forbidden = (): string => renderHoverError(vscode.l10n.t('this API key may not see this.'));
  switch (found.kind) {
    case 'line': {
      const line = await session.resources.line(found.id, sent);
      return line.kind === 'found' ? renderLineCard(line.value, options) : renderHoverError(vscode.l10n.t('not a Quo line of this workspace.'));
    }
    case 'user':
      return shown(await session.resources.teammate(found.id, sent), renderTeammateCard, forbidden);
    case 'webhook': {
      const webhook = await session.resources.webhook(found.id, sent);
      const lines = session.peekLines();
      return shown(webhook, (value) => renderWebhookCard(value, { ...options, ...(lines ? { lines } : {}) }), forbidden);
    }
    default:
      return undefined;
  }
}

function shown<T>(fetched: Fetched<T>, render: (value: T) => string, forbidden: () => string): string | undefined {
  return fetched.kind === 'found' ? render(fetched.value) : fetched.kind === 'forbidden' ? forbidden() : undefined;
}
