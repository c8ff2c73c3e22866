/**
 * What the Quo sidebar shows, as plain nodes: sections Pinned, Recent, In this file and All contacts, letter or
 * company groups, contacts, the lines a contact is mentioned on, and status items (listStatus.ts) that say what is
 * going on (loading, offline, rate limited, refused key) where a pop-up would otherwise interrupt. Plain (no vscode),
 * so the tree's behaviour is tested in Node; the TreeDataProvider only turns nodes into TreeItems.
 *
 * Children are worked out when asked for. All contacts is grouped in one pass over the index (contactGroups.ts),
 * memoised until its contacts change, and a group's contacts become nodes only when it is expanded, so a workspace
 * of 10,000 contacts costs one pass per change and the nodes of the groups actually open.
 */
import * as l10n from '@vscode/l10n';
import type { IndexState } from '../contacts/contactIndex.js';
import type { ContactList } from '../contacts/contactList.js';
import type { PinnedContact } from '../contacts/pinnedContacts.js';
import type { RecentContact } from '../contacts/recentContacts.js';
import type { GroupBy } from '../settings/settingsPolicy.js';
import type { QuoError } from '../quo/errors.js';
import type { Contact } from '../quo/types.js';
import { companyAndRole, contactDisplayName } from '../contacts/contactName.js';
import { cleanLine, truncate } from '../common/text.js';
import type { Availability, AvailabilityKind } from '../connection/availability.js';
import type { AvailabilityAction } from '../connection/availabilityCopy.js';
import { groupContacts, groupRanges, MAX_GROUP_CHILDREN, type ContactGroup } from './contactGroups.js';
import { mentionLines, type FileContact, type Mention } from './inFile.js';
import { allStatus, describeAll, statusNode } from './listStatus.js';


export type SectionId = 'pinned' | 'recent' | 'inFile' | 'all';
export type Collapsible = 'none' | 'collapsed' | 'expanded';

/** A state of the connection (its words from the copy table), or one of the index and the file's own. */
export type StatusKind =
  | Exclude<AvailabilityKind, 'ready' | 'no-key'>
  | 'loading'
  | 'error'
  | 'empty'
  | 'no-mentions'
  | 'looking-up'
  | 'truncated';

/** What clicking a status item does: an availability action, or `refresh` (list every contact again). */
export type StatusAction = AvailabilityAction | 'refresh';

interface NodeBase {
  /** Unique in the tree and stable across refreshes (the TreeItem id), so expansion and selection survive. */
  readonly key: string;
  readonly label: string;
  readonly description?: string;
  readonly collapsible: Collapsible;
}

export interface SectionNode extends NodeBase {
  readonly kind: 'section';
  readonly section: SectionId;
}

export interface GroupNode extends NodeBase {
  readonly kind: 'group';
  /** Positions in the index's name-ordered list, ascending. */
  readonly members: readonly number[];
  /** The contacts list the positions refer to: a group of an older listing has no children. */
  readonly source: ContactList;
}

export interface ContactNode extends NodeBase {
  readonly kind: 'contact';
  readonly section: SectionId;
  readonly id: string;
  readonly name: string;
  /** Undefined when only the stored name is known (a pin or recent entry the index has not loaded). */
  readonly contact?: Contact;
  readonly pinned: boolean;
  /** In this file: where the contact is mentioned (text order) and how often in all. */
  readonly mentions?: readonly Mention[];
  readonly mentionCount?: number;
}

export interface MentionNode extends NodeBase {
  readonly kind: 'mention';
  readonly id: string;
  readonly mention: Mention;
}

export interface StatusNode extends NodeBase {
  readonly kind: 'status';
  readonly status: StatusKind;
  readonly action?: StatusAction;
  /** Longer text for the tooltip. */
  readonly detail?: string;
  /** A codicon, for the connection's states (from the copy table). */
  readonly icon?: string;
}

export type TreeNode = SectionNode | GroupNode | ContactNode | MentionNode | StatusNode;

/** The active editor's contacts, as the sidebar's scanner last worked them out. */
export interface InFileView {
  readonly fileName: string;
  readonly contacts: readonly FileContact[];
  /** Ids mentioned that are still being looked up. */
  readonly unknownIds: number;
  /** Whether contacts or mentions were left out (a huge file). */
  readonly truncated: boolean;
}

export interface TreeSources {
  readonly connection: () => Availability;
  readonly index: { readonly state: IndexState; all(): ContactList };
  /**
   * The index's last error when it belongs to that listing alone (a 500, a decode error); errors about the
   * connection show through `connection` instead.
   */
  readonly listingError: () => QuoError | undefined;
  readonly pinned: () => readonly PinnedContact[];
  readonly recent: () => readonly RecentContact[];
  /** A contact known without a request (the cache or the index). */
  readonly known: (id: string) => Contact | undefined;
  /** Undefined when no text editor is active (or its file is out of scope): no "In this file" section. */
  readonly inFile: () => InFileView | undefined;
  readonly groupBy: () => GroupBy;
  /** Whether a failed sync will be retried on its own. */
  readonly retryScheduled?: () => boolean;
}

export interface TreeModelOptions {
  /** For numbers in labels (default: the runtime's). */
  readonly locale?: string;
}

/** Lines listed in a contact's description in "In this file"; the rest are in its children. */
const LINES_IN_DESCRIPTION = 5;
const MAX_LABEL = 80;

interface Grouping {
  readonly source: ContactList;
  readonly groupBy: GroupBy;
  readonly groups: readonly GroupNode[];
}

export class TreeModel {
  private readonly names = new WeakMap<Contact, string>();
  private grouping: Grouping | undefined;
  private numbersMade: Intl.NumberFormat | undefined;
  private collatorMade: Intl.Collator | undefined;
  /** An arrow field, so it keeps `this` when listStatus.ts is handed it on its own. */
  private readonly count = (value: number): string => this.numbers.format(value);

  constructor(
    private readonly sources: TreeSources,
    private readonly options: TreeModelOptions = {},
  ) {}

  /** Intl objects are made on first use: building them loads locale data, which activation should not pay for. */
  private get numbers(): Intl.NumberFormat {
    return (this.numbersMade ??= new Intl.NumberFormat(this.options.locale));
  }

  private get collator(): Intl.Collator {
    return (this.collatorMade ??= new Intl.Collator(this.options.locale, { sensitivity: 'base', numeric: true }));
  }

  roots(): TreeNode[] {
    if (this.sources.connection().kind === 'no-key') {
      // An empty tree lets the view's welcome content ("Set API Key") show.
      return [];
    }
    const roots: TreeNode[] = [];
    const pinned = this.sources.pinned();
    if (pinned.length > 0) {
      const label = l10n.t({ message: 'Pinned', comment: ['Sidebar section of pinned contacts'] });
      roots.push(section('pinned', label, this.count(pinned.length)));
    }
    const recent = this.sources.recent();
    if (recent.length > 0) {
      const label = l10n.t({ message: 'Recent', comment: ['Sidebar section of recently opened contacts'] });
      roots.push(section('recent', label, this.count(recent.length)));
    }
    const file = this.sources.inFile();
    if (file) {
      roots.push(
        section('inFile', l10n.t('In this file'), file.contacts.length > 0 ? this.count(file.contacts.length) : undefined),
      );
    }
    roots.push(section('all', l10n.t('All contacts'), describeAll(this.sources, this.count)));
    return roots;
  }

  children(node?: TreeNode): TreeNode[] {
    if (node === undefined) {
      return this.roots();
    }
    switch (node.kind) {
      case 'section':
        return this.sectionChildren(node.section);
      case 'group':
        return this.groupChildren(node);
      case 'contact':
        return (node.mentions?.length ?? 0) > 1 ? this.mentionNodes(node) : [];
      default:
        return [];
    }
  }

  /** The node reached by following labels from the roots (for tests and the test API). */
  find(path: readonly string[]): TreeNode | undefined {
    let node: TreeNode | undefined;
    for (const label of path) {
      node = this.children(node).find((child) => child.label === label);
      if (node === undefined) {
        return undefined;
      }
    }
    return node;
  }

  /** The groups of All contacts, without their contacts. */
  groups(): readonly GroupNode[] {
    const source = this.sources.index.all();
    const groupBy = this.sources.groupBy();
    if (this.grouping?.source !== source || this.grouping.groupBy !== groupBy) {
      const compareCompanies = (a: string, b: string): number => this.collator.compare(a, b);
      const groups = groupContacts(source, groupBy, compareCompanies).map((group) => this.groupNode(group, source));
      this.grouping = { source, groupBy, groups };
    }
    return this.grouping.groups;
  }

  /** The one name shown for a contact, worked out once per contact object. */
  nameOf(contact: Contact): string {
    let name = this.names.get(contact);
    if (name === undefined) {
      name = contactDisplayName(contact);
      this.names.set(contact, name);
    }
    return name;
  }

  private sectionChildren(id: SectionId): TreeNode[] {
    switch (id) {
      case 'pinned': {
        return this.sources.pinned().map((item) => this.storedContactNode('pinned', item, true));
      }
      case 'recent': {
        const pinned = this.pinnedIds();
        return this.sources.recent().map((item) => this.storedContactNode('recent', item, pinned.has(item.id)));
      }
      case 'inFile':
        return this.inFileChildren();
      case 'all':
        return [...allStatus(this.sources, this.count), ...this.groups()];
    }
  }

  private groupChildren(group: GroupNode): TreeNode[] {
    const source = this.sources.index.all();
    if (group.source !== source) {
      // Asked for a group of a listing since replaced: VS Code asks again after the refresh this change fired.
      return [];
    }
    if (group.members.length > MAX_GROUP_CHILDREN) {
      return this.ranges(group);
    }
    const pinned = this.pinnedIds();
    return group.members.map((position) => {
      const contact = source.at(position);
      return this.contactNode('all', contact, pinned.has(contact.id));
    });
  }

  private ranges(group: GroupNode): GroupNode[] {
    return groupRanges(group, group.source).map((range) =>
      this.groupNode(range, group.source),
    );
  }

  private inFileChildren(): TreeNode[] {
    const file = this.sources.inFile();
    if (!file) {
      return [];
    }
    const pinned = this.pinnedIds();
    const nodes: TreeNode[] = file.contacts.map((entry) => {
      const base = this.contactNode('inFile', entry.contact, pinned.has(entry.contact.id));
      const lines = mentionLines(entry.mentions);
      const shown = lines.slice(0, LINES_IN_DESCRIPTION).join(', ');
      const more = lines.length > LINES_IN_DESCRIPTION || entry.mentionCount > entry.mentions.length ? '…' : '';
      const where = lines.length === 1 ? l10n.t('line {0}', `${shown}${more}`) : l10n.t('lines {0}', `${shown}${more}`);
      return {
        ...base,
        key: `inFile/${entry.contact.id}`,
        description: base.description ? `${where} · ${base.description}` : where,
        collapsible: lines.length > 1 ? 'collapsed' : 'none',
        mentions: entry.mentions,
        mentionCount: entry.mentionCount,
      } satisfies ContactNode;
    });
    if (file.unknownIds > 0) {
      const count = this.count(file.unknownIds);
      const label = file.unknownIds === 1 ? l10n.t('Looking up {0} id…', count) : l10n.t('Looking up {0} ids…', count);
      nodes.push(statusNode('inFile', 'looking-up', label));
    } else if (file.contacts.length === 0) {
      nodes.push(
        statusNode('inFile', 'no-mentions', l10n.t('No contacts mentioned'), {
          detail: l10n.t(
            '{0} has no Quo contact ids or links, and no phone numbers or emails of known contacts.',
            file.fileName,
          ),
        }),
      );
    }
    if (file.truncated) {
      nodes.push(
        statusNode('inFile', 'truncated', l10n.t('Only the first mentions are listed'), {
          detail: l10n.t('The file is too long, or mentions too many contacts, to list them all.'),
        }),
      );
    }
    return nodes;
  }

  private mentionNodes(node: ContactNode): MentionNode[] {
    const nodes: MentionNode[] = [];
    let lastLine = -1;
    for (const mention of node.mentions ?? []) {
      // One item per line: two mentions on one line reveal the same place.
      if (mention.line === lastLine) {
        continue;
      }
      lastLine = mention.line;
      nodes.push({
        kind: 'mention',
        key: `${node.key}/${mention.line}:${mention.character}`,
        label: l10n.t('Line {0}', mention.line + 1),
        description: truncate(cleanLine(mention.text), MAX_LABEL),
        collapsible: 'none',
        id: node.id,
        mention,
      });
    }
    return nodes;
  }

  private groupNode({ key, label, members }: ContactGroup, source: ContactList): GroupNode {
    return { kind: 'group', key, label, description: this.count(members.length), collapsible: 'collapsed', members, source };
  }

  private storedContactNode(sectionId: SectionId, item: RecentContact, pinned: boolean): ContactNode {
    const contact = this.sources.known(item.id);
    if (contact) {
      return this.contactNode(sectionId, contact, pinned);
    }
    return {
      kind: 'contact',
      key: `${sectionId}/${item.id}`,
      label: truncate(cleanLine(item.name), MAX_LABEL) || item.id,
      collapsible: 'none',
      section: sectionId,
      id: item.id,
      name: cleanLine(item.name) || item.id,
      pinned,
    };
  }

  private contactNode(sectionId: SectionId, contact: Contact, pinned: boolean): ContactNode {
    const name = this.nameOf(contact);
    const description = companyAndRole(contact);
    return {
      kind: 'contact',
      key: `${sectionId}/${contact.id}`,
      label: truncate(name, MAX_LABEL),
      ...(description === '' ? {} : { description }),
      collapsible: 'none',
      section: sectionId,
      id: contact.id,
      name,
      contact,
      pinned,
    };
  }

  private pinnedIds(): Set<string> {
    return new Set(this.sources.pinned().map((item) => item.id));
  }
}

function section(id: SectionId, label: string, description: string | undefined): SectionNode {
  return {
    kind: 'section',
    key: `section/${id}`,
    label,
    ...(description === undefined ? {} : { description }),
    collapsible: 'expanded',
    section: id,
  };
}
