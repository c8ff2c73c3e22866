/**
 * What the Quo language model tools share. Each answers from the active workspace's session, at interactive priority,
 * within its rate limit, and names the workspace. What stands in the way (the tools turned off, no key, Quo
 * unreachable) comes back as a sentence the model can relay, in the words every other surface uses; input it cannot
 * use, too. Cancellation ends a call with VS Code's CancellationError.
 */
import * as vscode from 'vscode';
import { isQuoError } from '../quo/errors.js';
import { toolAnswerText, toolText } from '../render/toolAnswer.js';
import type { WorkspaceSession } from '../session/workspaceSession.js';
import type { ChatToolDeps, ChatToolKey } from './chatToolDeps.js';

export interface ChatTool {
  prepareInvocation(
    options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>,
    token: vscode.CancellationToken,
  ): vscode.PreparedToolInvocation | Promise<vscode.PreparedToolInvocation>;
  invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult>;
}

export type ChatTools = Record<ChatToolKey, ChatTool>;

/** What every tool shares: the deps, and the steps before and around asking the session. */
export class ToolContext {
  constructor(readonly deps: ChatToolDeps) {}

  /**
   * The workspace's name as the model reads it (a name may come from Quo: a new workspace is named after its first
   * line), or "your Quo workspace" when it has none.
   */
  get workspace(): string {
    const name = this.deps.workspaceName();
    return name === undefined ? vscode.l10n.t('your Quo workspace') : toolText(name, 80);
  }

  /** The workspace's name as the user reads it in a confirmation (escaped there as markdown text). */
  get workspaceForPeople(): string {
    return this.deps.workspaceName() ?? vscode.l10n.t('your Quo workspace');
  }

  /** A sentence when the tools may not run now, else undefined. */
  async refusal(): Promise<string | undefined> {
    const settings = this.deps.settings();
    if (!settings.chatEnabled || settings.aiFeaturesDisabled) {
      return vscode.l10n.t('The Quo tools are turned off in VS Code settings (quo.chat.enabled, chat.disableAIFeatures).');
    }
    await this.deps.sessions.ready;
    const session = this.deps.sessions.active;
    if (!session.canRequest) {
      const fix =
        session.key === undefined
          ? vscode.l10n.t('The user can connect a workspace with the command "Quo: Set API Key".')
          : vscode.l10n.t('The user can fix it with the command "Quo: Set API Key" or in the quo settings.');
      return `${vscode.l10n.t('Quo cannot be asked: {0}', toolText(session.unavailableLine(), 300))} ${fix}`;
    }
    return undefined;
  }

  get session(): WorkspaceSession {
    return this.deps.sessions.active;
  }

  /**
   * A sentence for a failed request when it is about the connection (the key refused, offline, rate limited): every
   * other thing asked would fail the same way, so the call stops there.
   */
  connectionProblem(error: unknown): string | undefined {
    return this.session.availabilityAfter(error) === undefined ? undefined : this.failure(error);
  }

  /** By shape (isQuoError): the error comes from the activation bundle's client, whose class is not this chunk's. */
  isCancelled(error: unknown): boolean {
    return isQuoError(error) && error.kind === 'cancelled';
  }

  /** Quo's own words (a message, a snippet of a body) are API text: cleaned like any value before the model reads them. */
  failure(error: unknown): string {
    return vscode.l10n.t('Quo could not answer: {0}', toolText(this.session.describeFailure(error), 300));
  }

  /** Runs `work` with a signal that aborts when the call is cancelled. */
  async cancellable<T>(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (token.isCancellationRequested) {
      throw new vscode.CancellationError();
    }
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const value = await work(controller.signal);
      if (token.isCancellationRequested) {
        throw new vscode.CancellationError();
      }
      return value;
    } catch (error) {
      if (token.isCancellationRequested || this.isCancelled(error)) {
        throw new vscode.CancellationError();
      }
      throw error;
    } finally {
      subscription.dispose();
    }
  }
}

export function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

export function answer(summary: string, data: unknown): vscode.LanguageModelToolResult {
  return textResult(toolAnswerText(summary, data));
}

/** A workspace name in a confirmation's markdown: shown as written, never as markup. */
export function markdownName(name: string): string {
  return new vscode.MarkdownString().appendText(name).value;
}

