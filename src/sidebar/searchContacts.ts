/**
 * "Quo: Search Contacts": a quick pick over the local index, ranked by our own search (prefix and word-start matches
 * first, one typo forgiven in longer words), filtering as you type. Quo cannot search, so while the index is still
 * loading the box searches what is loaded and says so, and the results grow as pages arrive.
 */
import * as vscode from 'vscode';
import { Commands } from '../commands/commandIds.js';
import { escapeIcons } from '../render/icons.js';
import type { IndexSearch, IndexState } from '../contacts/contactIndex.js';
import type { WorkspaceContacts } from '../contacts/workspaceContacts.js';
import type { PinnedContact } from '../contacts/pinnedContacts.js';
import type { RecentContact } from '../contacts/recentContacts.js';
import type { SearchHit } from '../contacts/search/contactSearch.js';
import type { SearchField } from '../contacts/search/haystack.js';
import type { Contact } from '../quo/types.js';
import { companyAndRole, contactDisplayName } from '../contacts/contactName.js';
import { displayPhone } from '../contacts/phone.js';
import { cleanLine, truncate } from '../common/text.js';

export interface ContactPickItem extends vscode.QuickPickItem {
  readonly contactId?: string;
  readonly action?: 'setApiKey';
}

export interface SearchSources {
  /** The active workspace's contacts, taken when the search opens: a search stays on the workspace it began in. */
  readonly contacts: () => Pick<WorkspaceContacts, 'index' | 'onDidChangeList' | 'startListing'>;
  readonly hasKey: () => boolean;
  readonly pinned: () => readonly PinnedContact[];
  readonly recent: () => readonly RecentContact[];
  readonly known: (id: string) => Contact | undefined;
  /** `quo.defaultCountry`, for how a matched number is shown. */
  readonly defaultCountry: () => string;
}

const RESULT_LIMIT = 50;
const MAX_TEXT = 120;

/** Called per render: the translation bundle is configured after this module loads. */
const FIELD_NAMES: Readonly<Record<SearchField, () => string>> = {
  name: () => vscode.l10n.t('Name'),
  company: () => vscode.l10n.t('Company'),
  role: () => vscode.l10n.t('Role'),
  email: () => vscode.l10n.t('Email'),
  phone: () => vscode.l10n.t('Phone'),
  externalId: () => vscode.l10n.t('External id'),
  customField: () => vscode.l10n.t('Field'),
};

function plain(text: string): string {
  return escapeIcons(truncate(cleanLine(text), MAX_TEXT));
}

function contactItem(contact: Contact, extra: { detail?: string; pinned?: boolean } = {}): ContactPickItem {
  const description = companyAndRole(contact);
  return {
    label: `${extra.pinned ? '$(pinned) ' : ''}${plain(contactDisplayName(contact))}`,
    ...(description === '' ? {} : { description: escapeIcons(description) }),
    ...(extra.detail === undefined ? {} : { detail: extra.detail }),
    // We filter and rank ourselves: VS Code must not hide an item whose label does not fuzzy-match the query.
    alwaysShow: true,
    contactId: contact.id,
  };
}

/** Where a hit matched, when that is not already in sight (the name, or the company and role shown beside it). */
function matchedDetail(hit: SearchHit, defaultCountry: string): string | undefined {
  if (hit.field === 'name' || hit.field === 'company' || hit.field === 'role') {
    return hit.typo ? vscode.l10n.t('close match') : undefined;
  }
  const field = hit.field === 'customField' && hit.label ? cleanLine(hit.label) : FIELD_NAMES[hit.field]();
  const label = hit.field !== 'customField' && hit.label ? ` (${cleanLine(hit.label)})` : '';
  const value = hit.field === 'phone' ? displayPhone(hit.value, defaultCountry) : hit.value;
  return `${plain(field)}: ${plain(value)}${escapeIcons(label)}${hit.typo ? ` · ${vscode.l10n.t('close match')}` : ''}`;
}

/** The items for a query: ranked hits, or for an empty query the pinned and recent contacts, then the first by name. */
export function searchItems(search: IndexSearch, query: string, sources: SearchSources): ContactPickItem[] {
  const pinnedIds = new Set(sources.pinned().map((item) => item.id));
  if (query.trim() === '') {
    const items: ContactPickItem[] = [];
    const stored = (list: readonly { id: string; name: string }[], title: string): void => {
      if (list.length === 0) {
        return;
      }
      items.push({ label: title, kind: vscode.QuickPickItemKind.Separator });
      for (const entry of list) {
        const contact = sources.known(entry.id);
        items.push(
          contact
            ? contactItem(contact, { pinned: pinnedIds.has(entry.id) })
            : { label: plain(entry.name) || entry.id, alwaysShow: true, contactId: entry.id },
        );
      }
    };
    stored(sources.pinned(), vscode.l10n.t('Pinned'));
    stored(sources.recent().filter((entry) => !pinnedIds.has(entry.id)), vscode.l10n.t('Recent'));
    const first = search.search('', { limit: RESULT_LIMIT }).hits;
    if (first.length > 0) {
      items.push({ label: vscode.l10n.t('All contacts'), kind: vscode.QuickPickItemKind.Separator });
      items.push(...first.map((hit) => contactItem(hit.contact, { pinned: pinnedIds.has(hit.contact.id) })));
    }
    return items;
  }
  return search
    .search(query, { limit: RESULT_LIMIT })
    .hits.map((hit) => {
      const detail = matchedDetail(hit, sources.defaultCountry());
      return contactItem(hit.contact, { pinned: pinnedIds.has(hit.contact.id), ...(detail === undefined ? {} : { detail }) });
    });
}

/** The prompt, honest about how much there is to search. */
export function searchPlaceholder(state: IndexState, size: number): string {
  const count = size.toLocaleString();
  if (state.complete && state.status !== 'empty') {
    return vscode.l10n.t('Search {0} contacts by name, company, phone, email or field', count);
  }
  if (state.status === 'loading' || state.status === 'empty') {
    return size === 0 ? vscode.l10n.t('Loading contacts…') : vscode.l10n.t('Searching {0} contacts loaded so far — still loading', count);
  }
  return vscode.l10n.t('Searching the {0} contacts that loaded — the list is incomplete', count);
}

/** Shows the quick pick; resolves with the picked contact's id (already opened), or undefined. */
export function showContactSearch(sources: SearchSources): Promise<string | undefined> {
  const contacts = sources.contacts();
  contacts.startListing();
  const pick = vscode.window.createQuickPick<ContactPickItem>();
  pick.title = vscode.l10n.t('Quo: Search Contacts');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  const search = contacts.index.createSearch();

  const update = (): void => {
    if (!sources.hasKey()) {
      pick.placeholder = vscode.l10n.t('Set a Quo API key to search your contacts');
      pick.items = [{ label: `$(key) ${vscode.l10n.t('Set API Key…')}`, alwaysShow: true, action: 'setApiKey' }];
      pick.busy = false;
      return;
    }
    const state = contacts.index.state;
    pick.placeholder = searchPlaceholder(state, contacts.index.size);
    pick.busy = state.status === 'loading';
    // Keep the highlighted contact highlighted when results refresh under the cursor as pages arrive.
    const active = pick.activeItems[0]?.contactId;
    const items = searchItems(search, pick.value, sources);
    pick.items = items;
    const again = active === undefined ? undefined : items.find((item) => item.contactId === active);
    if (again) {
      pick.activeItems = [again];
    }
  };

  return new Promise<string | undefined>((resolve) => {
    let chosen: string | undefined;
    const indexChanged = contacts.onDidChangeList(() => update());
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (item?.action === 'setApiKey') {
        pick.hide();
        void vscode.commands.executeCommand(Commands.setApiKey);
        return;
      }
      chosen = item?.contactId;
      if (chosen) {
        pick.hide();
        void vscode.commands.executeCommand(Commands.openContact, chosen);
      }
    });
    pick.onDidHide(() => {
      indexChanged.dispose();
      pick.dispose();
      resolve(chosen);
    });
    update();
    pick.show();
  });
}
