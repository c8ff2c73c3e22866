/**
 * A contact panel's "Mentioned in" section: drawn by the mentions chunk from the index (no request, no read), redrawn
 * by postMessage as the index changes (the first scan going on, a file edited or saved). A line opens its file there;
 * "Show All in Peek" runs Quo: Find Mentions for the contact.
 */
import type * as vscode from 'vscode';
import type { ContactMentions, RenderedMentions } from '../mentions/contactMentions.js';
import type { Contact } from '../quo/types.js';
import type { HostMessage, PanelMessage } from '../render/panelMessages.js';

export interface MentionsHost {
  contact(): Contact | undefined;
  /** Whether the page shows the contact (and so has the section). */
  showsContact(): boolean;
  post(message: HostMessage): void;
}

export class MentionsSection implements vscode.Disposable {
  /** What the page shows: its buttons name lines of this rendering. */
  private shown: RenderedMentions | undefined;
  private readonly subscription: { dispose(): void } | undefined;

  constructor(
    private readonly host: MentionsHost,
    private readonly mentions: ContactMentions | undefined,
  ) {
    this.subscription = mentions?.onDidChange(() => this.post());
  }

  /** The whole section for a page that shows the contact, or undefined when mentions are off. */
  sectionHtml(): string | undefined {
    return this.render(true)?.section;
  }

  /** Sends the section's body as the index has it now. */
  post(): void {
    // A redraw because the index changed: a scan the user stopped stays stopped.
    const rendered = this.host.showsContact() ? this.render(false) : undefined;
    if (rendered) {
      this.host.post({ type: 'mentions', html: rendered.body });
    }
  }

  /** A line's button or "Show All in Peek". */
  async handle(message: Extract<PanelMessage, { type: 'openMention' | 'findMentions' }>): Promise<void> {
    const contact = this.host.contact();
    if (message.type === 'openMention') {
      await this.shown?.open(message.value);
    } else if (this.mentions && contact) {
      await this.mentions.find(contact.id);
    }
  }

  private render(resume: boolean): RenderedMentions | undefined {
    const contact = this.host.contact();
    this.shown = this.mentions?.enabled && contact ? this.mentions.render(contact, resume) : undefined;
    return this.shown;
  }

  dispose(): void {
    this.subscription?.dispose();
  }
}
