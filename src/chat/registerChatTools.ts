/**
 * Registers the Quo language model tools. What runs when one is invoked is a chunk of its own
 * (src/chat/chatTools.ts, built into dist/chatTools.js by esbuild.mjs), required on the first invocation: a window
 * whose agent never asks about a contact pays only for these few lines.
 */
import * as vscode from 'vscode';
import { CHAT_TOOLS, type ChatToolDeps, type ChatToolKey } from './chatToolDeps.js';
import type * as chatToolsModule from './chatTools.js';
import type { ChatTools } from './chatTools.js';

export function registerChatTools(deps: ChatToolDeps): vscode.Disposable {
  let tools: ChatTools | undefined;
  const load = (): ChatTools => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    tools ??= (require('./chatTools.js') as typeof chatToolsModule).createChatTools(deps);
    return tools;
  };
  const register = (key: ChatToolKey): vscode.Disposable =>
    vscode.lm.registerTool<unknown>(CHAT_TOOLS[key], {
      prepareInvocation: (options, token) => load()[key].prepareInvocation(options, token),
      invoke: (options, token) => load()[key].invoke(options, token),
    });
  return vscode.Disposable.from(register('lookup'), register('search'), register('activity'));
}
