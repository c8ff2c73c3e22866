/**
 * Every mention of a contact across the workspace: Find All References on an id, a link, a number or an address;
 * Quo: Find Mentions; and what the contact panel's "Mentioned in" shows. Built into dist/mentions.js (esbuild.mjs)
 * and required on first use by mentionsLoader.ts: a window that never asks pays nothing for it.
 *
 * The index sends no request. The contact asked about is looked up once (its numbers and addresses are what the
 * other files may mention it by); a number or address is matched through the session's contact list.
 */
import * as vscode from 'vscode';
import { Emitter } from '../common/emitter.js';
import { isAnswer } from '../contacts/known.js';
import { contactDisplayName } from '../contacts/contactName.js';
import { isContactReference } from '../detect/match.js';
import { idAtPosition, pointAtPosition } from '../documents/documentIds.js';
import type { RenderedMentions } from '../mentions/contactMentions.js';
import type { FileMentionList, Mention } from '../mentions/mentionIndex.js';
import { contactMentionKeys, referenceKeys, type MentionKey } from '../mentions/mentionKeys.js';
import { isQuoError } from '../quo/errors.js';
import type { Contact } from '../quo/types.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import { renderMentionsBody, renderMentionsSection, type MentionsView } from '../render/mentionsHtml.js';
import { configureTranslations } from '../translations.js';
import { WorkspaceMentions, type MentionDeps } from './workspaceMentions.js';

export interface MentionsChunkDeps extends MentionDeps {
  readonly sessions: WorkspaceSessions;
  /** Open Contact's way of choosing a contact: an argument, the cursor, the selection, or asking. */
  readonly pickContactId: (argument: unknown) => Promise<string | undefined>;
}

export interface MentionsFeature extends vscode.Disposable {
  provideReferences(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined>;
  findMentions(argument: unknown): Promise<void>;
  render(contact: Contact, resume: boolean): RenderedMentions;
  readonly onDidChange: vscode.Event<void>;
  find(contactId: string): Promise<void>;
  /** Settings changed: `detection` when what is found changed (country, patterns), `files` when which files did. */
  settingsChanged(change: { readonly enabled: boolean; readonly detection: boolean; readonly files: boolean }): void;
}

export function createMentions(deps: MentionsChunkDeps): MentionsFeature {
  configureTranslations();
  return new Mentions(deps);
}

function rangeOf(mention: Mention): vscode.Range {
  return new vscode.Range(mention.line, mention.character, mention.line, mention.character + mention.length);
}

export function locationsOf(files: readonly FileMentionList[]): vscode.Location[] {
  const locations: vscode.Location[] = [];
  for (const file of files) {
    const uri = vscode.Uri.parse(file.uri);
    for (const mention of file.mentions) {
      locations.push(new vscode.Location(uri, rangeOf(mention)));
    }
  }
  return locations;
}

class Mentions implements MentionsFeature {
  private workspace: WorkspaceMentions;
  private readonly changed = new Emitter<void>();
  readonly onDidChange: vscode.Event<void> = (listener, thisArgs?: unknown) =>
    this.changed.event((value) => {
      listener.call(thisArgs, value);
    });
  private subscribed: { dispose(): void } | undefined;

  constructor(private readonly deps: MentionsChunkDeps) {
    this.workspace = new WorkspaceMentions(deps);
  }

  private scanner(resume = true): ReturnType<WorkspaceMentions['scanner']> {
    const scanner = this.workspace.scanner(resume);
    this.subscribed ??= scanner.onDidChange(() => this.changed.fire());
    return scanner;
  }

  async provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Location[] | undefined> {
    if (!this.deps.settings().mentionsEnabled) {
      return undefined;
    }
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const keys = await this.keysAt(document, position, controller.signal);
      if (keys === undefined || keys.length === 0 || token.isCancellationRequested) {
        return undefined;
      }
      const scanner = this.scanner();
      // The text being edited counts as it is now, not as it was at the last pause in typing.
      this.workspace.flushEdits();
      if (document.isDirty || document.isUntitled) {
        scanner.documentChanged(document.uri.toString(), document.getText(), Date.now());
      }
      await scanner.whenCurrent(controller.signal);
      return token.isCancellationRequested ? undefined : locationsOf(scanner.index.find(keys));
    } finally {
      subscription.dispose();
    }
  }

  /** What to look for from the cursor: see referenceKeys. Undefined when the cursor is on nothing of a contact's. */
  private async keysAt(document: vscode.TextDocument, position: vscode.Position, signal: AbortSignal): Promise<MentionKey[] | undefined> {
    const country = this.deps.settings().defaultCountry;
    const found = idAtPosition(document, position, this.deps.detector());
    if (found) {
      if (!isContactReference(found)) {
        return undefined;
      }
      const contact = await this.contactOf(found.id, signal);
      if (contact === 'not-found') {
        return undefined;
      }
      return contact ? referenceKeys({ kind: 'contact', contact }, country) : [{ kind: 'id', value: found.id }];
    }
    const point = pointAtPosition(document, position, country);
    if (!point) {
      return undefined;
    }
    await this.deps.sessions.ready;
    const session = this.deps.sessions.active;
    if (session.canRequest) {
      await session.contacts.whenListed(signal);
    }
    const contacts = session.contacts.reachedAt(point);
    return referenceKeys({ kind: 'point', key: { kind: point.kind, value: point.normalized }, contacts }, country);
  }

  /**
   * The contact with this id: known already, or asked of Quo once. Undefined when Quo cannot be asked (no key,
   * offline): the id alone is then looked for.
   */
  private async contactOf(id: string, signal?: AbortSignal): Promise<Contact | 'not-found' | undefined> {
    const session = this.deps.sessions.active;
    const known = session.contacts.know(id);
    if (known.kind === 'not-found') {
      return 'not-found';
    }
    if (isAnswer(known)) {
      return known.contact;
    }
    await this.deps.sessions.ready;
    if (!session.canRequest) {
      return known.kind === 'stale' ? known.contact : undefined;
    }
    try {
      const asked = await session.contacts.ask(id, { priority: 'interactive', ...(signal ? { signal } : {}) });
      return asked.kind === 'not-found' ? 'not-found' : asked.contact;
    } catch (error) {
      if (isQuoError(error) && error.kind === 'cancelled') {
        return undefined;
      }
      this.deps.log(`Mentions: contact ${id} could not be looked up; its id alone is looked for: ${session.describeFailure(error)}`);
      return known.kind === 'stale' ? known.contact : undefined;
    }
  }

  async findMentions(argument: unknown): Promise<void> {
    const id = await this.deps.pickContactId(argument);
    if (id !== undefined) {
      await this.find(id);
    }
  }

  async find(contactId: string): Promise<void> {
    if (!this.deps.settings().mentionsEnabled) {
      return;
    }
    const contact = await this.contactOf(contactId);
    if (contact === 'not-found') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Quo: no contact has the id {0}.', contactId));
      return;
    }
    const country = this.deps.settings().defaultCountry;
    const keys = contact ? contactMentionKeys(contact, country) : [{ kind: 'id' as const, value: contactId }];
    const scanner = this.scanner();
    this.workspace.flushEdits();
    await scanner.whenCurrent();
    const locations = locationsOf(scanner.index.find(keys));
    const name = contact ? contactDisplayName(contact) : contactId;
    const [first] = locations;
    if (!first) {
      const partial = scanner.progress.state === 'stopped';
      void vscode.window.showInformationMessage(
        partial
          ? vscode.l10n.t('Quo: no file mentions {0} among the {1} files searched so far.', name, scanner.progress.scanned)
          : vscode.l10n.t('Quo: no file in this workspace mentions {0}.', name),
      );
      return;
    }
    await vscode.commands.executeCommand('editor.action.showReferences', first.uri, first.range.start, locations);
  }

  render(contact: Contact, resume: boolean): RenderedMentions {
    const scanner = this.scanner(resume);
    const keys = contactMentionKeys(contact, this.deps.settings().defaultCountry);
    const files = scanner.index.find(keys);
    const { progress } = scanner;
    const view: MentionsView = {
      state: progress.state === 'scanned' ? 'ready' : progress.state === 'stopped' ? 'stopped' : 'searching',
      scanned: progress.scanned,
      total: progress.total,
      files: files.map((file) => ({ path: vscode.workspace.asRelativePath(vscode.Uri.parse(file.uri)), mentions: file.mentions })),
    };
    return {
      section: renderMentionsSection(view),
      body: renderMentionsBody(view),
      open: async (reference) => {
        const [fileIndex, mentionIndex] = reference.split(':').map(Number);
        const file = files[fileIndex ?? -1];
        const mention = file?.mentions[mentionIndex ?? -1];
        if (file && mention) {
          await vscode.window.showTextDocument(vscode.Uri.parse(file.uri), { selection: rangeOf(mention), preview: true });
        }
      },
    };
  }

  settingsChanged(change: { readonly enabled: boolean; readonly detection: boolean; readonly files: boolean }): void {
    if (!this.workspace.started) {
      return;
    }
    if (!change.enabled || change.files) {
      // Off: the index goes with its watcher. Other files: listed again on the next use.
      this.subscribed?.dispose();
      this.subscribed = undefined;
      this.workspace.dispose();
      this.workspace = new WorkspaceMentions(this.deps);
      this.changed.fire();
      return;
    }
    if (change.detection) {
      this.workspace.detectionChanged();
    }
  }

  dispose(): void {
    this.subscribed?.dispose();
    this.workspace.dispose();
    this.changed.dispose();
  }
}
