/**
 * A contact panel's "Mentioned in" section: the workspace files that mention its contact, from the mention index
 * (no request, no read), redrawn by postMessage as the index changes (the first scan going on, a file edited or
 * saved). A line opens its file there; "Show All in Peek" runs Quo: Find Mentions for the contact.
 */
import * as vscode from 'vscode';
import type { ContactMentions } from '../mentions/contactMentions.js';
import type { FileMentionList } from '../mentions/mentionIndex.js';
import type { Contact } from '../quo/types.js';
import { renderMentionsBody, renderMentionsSection, type MentionsView } from '../render/mentionsHtml.js';
import type { HostMessage, PanelMessage } from '../render/panelMessages.js';

export interface MentionsHost {
  contact(): Contact | undefined;
  /** Whether the page shows the contact (and so has the section). */
  showsContact(): boolean;
  post(message: HostMessage): void;
}

export class MentionsSection implements vscode.Disposable {
  /** The files as last drawn: what the page's `<file>:<mention>` indexes point into. */
  private files: readonly FileMentionList[] = [];
  private readonly subscription: { dispose(): void } | undefined;

  constructor(
    private readonly host: MentionsHost,
    private readonly mentions: ContactMentions | undefined,
  ) {
    this.subscription = mentions?.onDidChange(() => this.post());
  }

  /** The whole section for a page that shows the contact, or undefined when mentions are off. */
  sectionHtml(): string | undefined {
    const view = this.view();
    return view && renderMentionsSection(view);
  }

  /** Sends the section's body as the index has it now. */
  post(): void {
    if (!this.host.showsContact()) {
      return;
    }
    const view = this.view();
    if (view) {
      this.host.post({ type: 'mentions', html: renderMentionsBody(view) });
    }
  }

  /** A line's button or "Show All in Peek". */
  handle(message: Extract<PanelMessage, { type: 'openMention' | 'findMentions' }>): Promise<void> {
    return message.type === 'openMention' ? this.open(message.value) : this.findAll();
  }

  /** `value`: `<file>:<mention>`, already checked for its shape; a stale or made-up index opens nothing. */
  private async open(value: string): Promise<void> {
    const [fileIndex, mentionIndex] = value.split(':').map(Number);
    const file = this.files[fileIndex ?? -1];
    const mention = file?.mentions[mentionIndex ?? -1];
    if (this.mentions && file && mention) {
      await this.mentions.open(file.uri, mention);
    }
  }

  private async findAll(): Promise<void> {
    const contact = this.host.contact();
    if (this.mentions && contact) {
      await this.mentions.find(contact.id);
    }
  }

  private view(): MentionsView | undefined {
    const contact = this.host.contact();
    if (!this.mentions?.enabled || !contact) {
      return undefined;
    }
    const { files, progress } = this.mentions.of(contact);
    this.files = files;
    return {
      state: progress.state === 'scanned' ? 'ready' : progress.state === 'stopped' ? 'stopped' : 'searching',
      scanned: progress.scanned,
      total: progress.total,
      files: files.map((file) => ({ path: vscode.workspace.asRelativePath(vscode.Uri.parse(file.uri)), mentions: file.mentions })),
    };
  }

  dispose(): void {
    this.subscription?.dispose();
  }
}
