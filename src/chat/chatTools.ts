/**
 * The Quo language model tools, loaded on their first invocation (dist/chatTools.js, see registerChatTools.ts).
 */
import { configureTranslations } from '../translations.js';
import { activityTool } from './activityTool.js';
import type { ChatToolDeps } from './chatToolDeps.js';
import { lookupTool } from './lookupTool.js';
import { searchTool } from './searchTool.js';
import { ToolContext, type ChatTools } from './toolContext.js';

export type { ChatTools } from './toolContext.js';

export function createChatTools(deps: ChatToolDeps): ChatTools {
  // This chunk has its own copy of @vscode/l10n: hand it the display language's bundle too.
  configureTranslations();
  const context = new ToolContext(deps);
  return { lookup: lookupTool(context), search: searchTool(context), activity: activityTool(context) };
}
