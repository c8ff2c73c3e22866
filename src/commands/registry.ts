/**
 * Registers every command from one table. The table's type names every command id, so a command cannot be
 * contributed without a body, or registered twice from two places.
 */
import * as vscode from 'vscode';
import { Commands, type CommandName } from './commandIds.js';

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandHandlers = { readonly [K in CommandName]: CommandHandler };

export function registerCommands(handlers: CommandHandlers): vscode.Disposable[] {
  return (Object.keys(Commands) as CommandName[]).map((name) => vscode.commands.registerCommand(Commands[name], handlers[name]));
}
