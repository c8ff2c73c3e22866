import type { ApiContact } from '../../sandbox/wire.js';

export const SHARED_BUDGET_FILE = 'logs/shared-budget.log';
const IDS_PER_LINE = 20;

/** Every contact's id, many to a line, so a screenful names hundreds of contacts. */
export function sharedBudgetFile(contacts: readonly ApiContact[]): string {
  const lines: string[] = [];
  for (let start = 0; start < contacts.length; start += IDS_PER_LINE) {
    lines.push(contacts.slice(start, start + IDS_PER_LINE).map((contact) => contact.id).join(' '));
  }
  return `${lines.join('\n')}\n`;
}
