/**
 * The Contacts view: turns the tree model's nodes into TreeItems. Everything about what is listed lives in the
 * model; this file decides only how a node looks and what clicking it does. A contact's card (the hover card, the
 * same markdown, escaped the same way) is built only when the user hovers the item.
 */
import * as vscode from 'vscode';
import { availabilityCommand, Commands } from '../commands/commandIds.js';
import type { AvailabilityKind } from '../connection/availability.js';
import { hoverMarkdown } from '../commands/trustedMarkdown.js';
import { openContactCommandUri } from '../commands/commandUris.js';
import type { Contact } from '../quo/types.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import { renderHoverMarkdown } from '../render/hoverMarkdown.js';
import type { Mention } from './inFile.js';
import type { Collapsible, ContactNode, MentionNode, StatusKind, StatusNode, TreeModel, TreeNode } from './treeModel.js';

/** Redraws are batched: a page of the index arriving, a pin and a scan in one go cost one redraw. */
const REDRAW_DELAY_MS = 50;
/** While the first listing fills, at most this often: the groups are worked out again on every redraw. */
const LOADING_REDRAW_DELAY_MS = 750;

/** The connection's states bring their own icon from the copy table. */
const STATUS_ICONS: Readonly<Record<Exclude<StatusKind, StatusNode['status'] & AvailabilityKind>, string>> = {
  loading: 'loading~spin',
  error: 'error',
  empty: 'info',
  'no-mentions': 'info',
  'looking-up': 'loading~spin',
  truncated: 'info',
};

function statusCommand(action: NonNullable<StatusNode['action']>, title: string): vscode.Command {
  if (action === 'refresh') {
    return { title, command: Commands.refreshContacts };
  }
  const target = availabilityCommand(action);
  return { title, command: target.command, arguments: [...(target.arguments ?? [])] };
}

/** The arguments of the reveal-mention command. */
export interface RevealTarget {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
  readonly length: number;
}

export class ContactsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly model: TreeModel,
    private readonly sessions: WorkspaceSessions,
    /** The document "In this file" was read from, for the reveal command. */
    private readonly scannedDocument: () => vscode.TextDocument | undefined,
    private readonly loading: () => boolean,
    /** `quo.defaultCountry`, for how the card shows numbers. */
    private readonly defaultCountry: () => string,
  ) {}

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node === undefined) {
      // Until the stored key is read, "no key" would flash the welcome content.
      await this.sessions.ready;
    }
    return this.model.children(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, collapsibleState(node.collapsible));
    item.id = node.key;
    item.description = node.description;
    switch (node.kind) {
      case 'section':
        item.contextValue = `section.${node.section}`;
        break;
      case 'group':
        item.contextValue = 'group';
        break;
      case 'contact':
        this.dressContact(item, node);
        break;
      case 'mention':
        this.dressMention(item, node);
        break;
      case 'status':
        item.iconPath = new vscode.ThemeIcon(node.icon ?? STATUS_ICONS[node.status as keyof typeof STATUS_ICONS] ?? 'info');
        item.contextValue = `status.${node.status}`;
        if (node.detail) {
          item.tooltip = node.detail;
        }
        if (node.action) {
          item.command = statusCommand(node.action, node.description ?? node.label);
        }
        break;
    }
    return item;
  }

  /** The card, built when the item is hovered: from what is known, else asked from Quo (one request, cached). */
  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'contact' || item.tooltip !== undefined) {
      return item;
    }
    let contact: Contact | undefined = node.contact;
    if (!contact) {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        const result = await this.sessions.active.contacts.resolve(node.id, { signal: controller.signal, priority: 'interactive' });
        contact = result.kind === 'found' ? result.contact : undefined;
      } catch {
        // The card is a nicety: the item still opens the contact, whose panel explains any failure.
      } finally {
        subscription.dispose();
      }
    }
    if (contact) {
      const card = renderHoverMarkdown(contact, { openCommandUri: openContactCommandUri(node.id), locale: vscode.env.language, defaultCountry: this.defaultCountry() });
      item.tooltip = hoverMarkdown(card);
    }
    return item;
  }

  /** Redraws the whole tree soon. VS Code keeps expansion by item id and asks only for what is expanded. */
  refresh(): void {
    if (this.redrawTimer !== undefined) {
      return;
    }
    this.redrawTimer = setTimeout(
      () => {
        this.redrawTimer = undefined;
        this.changed.fire();
      },
      this.loading() ? LOADING_REDRAW_DELAY_MS : REDRAW_DELAY_MS,
    );
  }

  dispose(): void {
    clearTimeout(this.redrawTimer);
    this.changed.dispose();
  }

  private dressContact(item: vscode.TreeItem, node: ContactNode): void {
    item.iconPath = new vscode.ThemeIcon(node.pinned ? 'pinned' : 'person');
    const fields = node.contact?.defaultFields;
    // Known contacts offer only the copies they can do; a contact known only by name may have anything.
    const phone = !fields || fields.phoneNumbers.some((entry) => entry.value !== null && entry.value.trim() !== '');
    const email = !fields || fields.emails.some((entry) => entry.value !== null && entry.value.trim() !== '');
    item.contextValue = `contact${node.pinned ? '.pinned' : ''}${phone ? '+phone' : ''}${email ? '+email' : ''}`;
    const first = node.mentions?.[0];
    const document = this.scannedDocument();
    if (node.section === 'inFile' && first && document) {
      item.command = revealCommand(document, first, vscode.l10n.t('Go to {0}', node.name));
    } else {
      item.command = { title: vscode.l10n.t('Open Contact'), command: Commands.openContact, arguments: [node.id] };
    }
  }

  private dressMention(item: vscode.TreeItem, node: MentionNode): void {
    item.iconPath = new vscode.ThemeIcon('location');
    item.contextValue = 'mention';
    const document = this.scannedDocument();
    if (document) {
      item.command = revealCommand(document, node.mention, node.label);
    }
  }
}

function revealCommand(document: vscode.TextDocument, mention: Mention, title: string): vscode.Command {
  const target: RevealTarget = {
    uri: document.uri.toString(),
    line: mention.line,
    character: mention.character,
    length: mention.end - mention.start,
  };
  return { title, command: Commands.revealMention, arguments: [target] };
}

function collapsibleState(collapsible: Collapsible): vscode.TreeItemCollapsibleState {
  switch (collapsible) {
    case 'expanded':
      return vscode.TreeItemCollapsibleState.Expanded;
    case 'collapsed':
      return vscode.TreeItemCollapsibleState.Collapsed;
    case 'none':
      return vscode.TreeItemCollapsibleState.None;
  }
}

/** Shows the mention in the editor it is open in (or the active one), selected. */
export async function revealMention(target: unknown): Promise<void> {
  if (!isRevealTarget(target)) {
    return;
  }
  const uri = vscode.Uri.parse(target.uri, true);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === target.uri);
  const document = open ?? (await vscode.workspace.openTextDocument(uri));
  const line = Math.min(target.line, document.lineCount - 1);
  const start = new vscode.Position(line, target.character);
  const range = new vscode.Range(start, start.translate(0, target.length));
  const shownIn = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
  await vscode.window.showTextDocument(document, {
    selection: range,
    ...(shownIn?.viewColumn === undefined ? {} : { viewColumn: shownIn.viewColumn }),
  });
}

function isRevealTarget(value: unknown): value is RevealTarget {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const target = value as Partial<Record<keyof RevealTarget, unknown>>;
  return (
    typeof target.uri === 'string' &&
    [target.line, target.character, target.length].every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)
  );
}
