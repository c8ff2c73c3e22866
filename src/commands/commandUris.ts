/**
 * Command links used in hovers and inline names. Only these commands are trusted in our markdown, so a contact field
 * holding `[x](command:workbench.action.terminal.new)` can never run anything even if escaping failed.
 */
import { Commands } from './commandIds.js';

export const TRUSTED_COMMANDS = [Commands.openContact, Commands.setApiKey, Commands.createContact] as const;

/**
 * VS Code's command opener decodes a link's query twice (once parsing the URI, once more before `JSON.parse`), so the
 * arguments are encoded twice: encoded once, an id holding `%22,%22` would arrive as two arguments and `%2F` as `/`.
 */
export function openContactCommandUri(id: string): string {
  return `command:${Commands.openContact}?${encodeURIComponent(encodeURIComponent(JSON.stringify([id])))}`;
}

/** "Create contact with this number" (or address) on a hover card: the command opens prefilled. */
export function createContactCommandUri(prefill: { readonly phone?: string; readonly email?: string }): string {
  return `command:${Commands.createContact}?${encodeURIComponent(encodeURIComponent(JSON.stringify([prefill])))}`;
}

export function setApiKeyCommandUri(): string {
  return `command:${Commands.setApiKey}`;
}
