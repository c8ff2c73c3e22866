/**
 * The hover card on a contact id. A cached contact renders at once; a miss asks Quo once, and the request is
 * cancelled when the hover goes away. Problems show as one line in the card, never as a notification. A contact
 * whose calls and messages this window has loaded within the cache period gets a "Last contact" line, from memory:
 * a hover never costs more than its one contact request.
 *
 * On a Quo call or message id (`AC…`) the card shows the call or message and the contacts it was with, found by
 * number in the local index; the id costs at most two requests per cache period, plus the lines once.
 */
import * as vscode from 'vscode';
import { ContextKeys } from '../commands/commandIds.js';
import { isQuoError } from '../quo/errors.js';
import type { Contact } from '../quo/types.js';
import { messageSender } from '../activity/participants.js';
import { teammateName } from '../render/activityText.js';
import { renderActivityHoverMarkdown, renderHoverError, renderHoverMarkdown, type LastContact } from '../render/hoverMarkdown.js';
import { escapeMarkdown } from '../render/markdown.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { createContactCommandUri, openContactCommandUri, setApiKeyCommandUri } from '../commands/commandUris.js';
import { hoverMarkdown } from '../commands/trustedMarkdown.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import { isAnswer } from '../contacts/known.js';
import { contactsOfActivity } from '../session/activityContacts.js';
import { idAtPosition, pointAtPosition, type IdInDocument } from '../documents/documentIds.js';
import { isInScope } from '../documents/documentScope.js';
import type * as ResourceHoverModule from './resourceHover.js';

/** Cards shown for a number shared by several contacts; the rest are counted. */
const MAX_SHARED_CARDS = 3;

export class ContactHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  private toldUnavailable = false;
  /** Whether `quo.hoverShown` was set: once per window, on the first card. */
  private toldShown = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly sessions: WorkspaceSessions,
    private readonly detectors: Pick<ConfiguredDetector, 'detector'>,
    private readonly settings: () => Settings,
  ) {
    // A cleared key or broken settings are news again.
    this.subscription = vscode.Disposable.from(
      sessions.onDidChangeAccount(() => (this.toldUnavailable = false)),
      sessions.onDidChangeAvailability(() => (this.toldUnavailable = false)),
    );
  }

  dispose(): void {
    this.subscription.dispose();
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const settings = this.settings();
    if (!settings.hoverEnabled || !isInScope(document, settings)) {
      return undefined;
    }
    const found = idAtPosition(document, position, this.detectors.detector);
    if (!found) {
      return this.reverseHover(document, position, token);
    }
    if (found.kind === 'activity') {
      return this.activityHover(found, token);
    }
    if (found.kind === 'line' || found.kind === 'user' || found.kind === 'webhook') {
      await this.sessions.ready;
      if (!this.sessions.active.canRequest) {
        return this.unavailableHover(found);
      }
      // The cards are dist/resourceHover.js (esbuild.mjs), loaded on the first such hover.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { resourceHover } = require('./resourceHover.js') as typeof ResourceHoverModule;
      return resourceHover(this.sessions.active, found, { defaultCountry: settings.defaultCountry, locale: vscode.env.language }, token);
    }
    const session = this.sessions.active;
    const known = session.contacts.know(found.id);
    if (known.kind === 'not-found') {
      // An id-shaped string that is not a contact (a hash, another system's id) shows nothing.
      return undefined;
    }
    if (isAnswer(known)) {
      return new vscode.Hover(this.card(known.contact), found.range);
    }
    await this.sessions.ready;
    if (!session.canRequest) {
      return known.kind === 'stale' ? new vscode.Hover(this.card(known.contact), found.range) : this.unavailableHover(found);
    }
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const result = await session.contacts.ask(found.id, { signal: controller.signal, priority: 'interactive' });
      if (token.isCancellationRequested || result.kind === 'not-found') {
        return undefined;
      }
      return new vscode.Hover(this.card(result.contact), found.range);
    } catch (error) {
      if (token.isCancellationRequested || (isQuoError(error) && error.kind === 'cancelled')) {
        return undefined;
      }
      if (known.kind === 'stale') {
        // Quo is unreachable but we knew this contact a while ago: an older card beats an error.
        return new vscode.Hover(this.card(known.contact, session.describeFailure(error)), found.range);
      }
      return new vscode.Hover(hoverMarkdown(renderHoverError(session.describeFailure(error))), found.range);
    } finally {
      subscription.dispose();
    }
  }

  /**
   * Why nothing can be asked, said once: every 24-hex string (hashes too) would otherwise carry the same line. The
   * sidebar, the status bar and the contact panel keep saying it.
   */
  private unavailableHover(found: IdInDocument): vscode.Hover | undefined {
    if (this.toldUnavailable) {
      return undefined;
    }
    this.toldUnavailable = true;
    const line = renderHoverError(this.sessions.active.unavailableLine());
    const kind = this.sessions.active.availability.kind;
    const fix = kind === 'no-key' || kind === 'key-invalid' ? ` [${escapeMarkdown(vscode.l10n.t('Set API Key'))}](${setApiKeyCommandUri()})` : '';
    return new vscode.Hover(hoverMarkdown(`${line}${fix}`), found.range);
  }

  /** A Quo call or message id: what it was and with whom. An id that is neither (a Twilio account id) shows nothing. */
  private async activityHover(found: IdInDocument, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    await this.sessions.ready;
    if (!this.sessions.active.canRequest) {
      return this.unavailableHover(found);
    }
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const result = await contactsOfActivity(this.sessions.active, found.id, { signal: controller.signal });
      if (token.isCancellationRequested || result.kind === 'not-found') {
        return undefined;
      }
      if (result.kind === 'forbidden') {
        return new vscode.Hover(hoverMarkdown(renderHoverError(vscode.l10n.t('this API key may not see this call or message.'))), found.range);
      }
      const markdown = renderActivityHoverMarkdown({
        record: result.record,
        names: result.names,
        numbers: result.numbers,
        contacts: result.contacts.map((contact) => ({ contact, openCommandUri: openContactCommandUri(contact.id) })),
        stillListing: result.listing === 'listing',
        locale: vscode.env.language,
        defaultCountry: this.settings().defaultCountry,
      });
      return new vscode.Hover(hoverMarkdown(markdown), found.range);
    } catch (error) {
      if (token.isCancellationRequested || (isQuoError(error) && error.kind === 'cancelled')) {
        return undefined;
      }
      return new vscode.Hover(hoverMarkdown(renderHoverError(this.sessions.active.describeFailure(error))), found.range);
    } finally {
      subscription.dispose();
    }
  }

  /** The contact's latest call or message, from what this window loaded within the cache period; never a request. */
  private lastContact(contact: Contact): LastContact | undefined {
    if (!this.settings().activityEnabled) {
      return undefined;
    }
    const session = this.sessions.active;
    const latest = session.peekActivity(contact)?.items[0];
    if (!latest) {
      return undefined;
    }
    const userId = latest.kind === 'call' ? latest.call.userId : messageSender(latest.message);
    const lines = session.peekLines();
    const known = userId === null ? undefined : session.contacts.peekUserName(userId);
    const teammate = teammateName(
      { ...(lines ? { lines } : {}), ...(userId === null || known === undefined ? {} : { userNames: new Map([[userId, known]]) }) },
      latest.lineId,
      userId,
    );
    return {
      kind: latest.kind,
      at: latest.kind === 'call' ? latest.call.createdAt : latest.message.createdAt,
      ...(teammate === undefined ? {} : { teammate }),
    };
  }

  private cardOptions(contact: Contact): Parameters<typeof renderHoverMarkdown>[1] {
    const lastContact = this.lastContact(contact);
    return {
      openCommandUri: openContactCommandUri(contact.id),
      locale: vscode.env.language,
      defaultCountry: this.settings().defaultCountry,
      ...(lastContact ? { lastContact } : {}),
    };
  }

  /**
   * A phone number or email: every contact the index has for it, without a request. In a fresh window the listing
   * has only just started: the hover waits for it, a few seconds at most, before it says nothing.
   */
  private async reverseHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const point = pointAtPosition(document, position, this.settings().defaultCountry);
    if (!point) {
      return undefined;
    }
    let contacts = this.sessions.active.contacts.reachedAt(point);
    let stillListing = false;
    await this.sessions.ready;
    const session = this.sessions.active;
    if (session.canRequest) {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        const listing = await session.contacts.whenListed(controller.signal);
        if (token.isCancellationRequested) {
          return undefined;
        }
        contacts = session.contacts.reachedAt(point);
        stillListing = listing === 'listing';
      } finally {
        subscription.dispose();
      }
    }
    if (contacts.length === 0) {
      if (stillListing) {
        return new vscode.Hover(
          hoverMarkdown(renderHoverError(vscode.l10n.t('still looking for this contact: the contact list is being loaded.'))),
          point.range,
        );
      }
      // No status line on a number without a contact (every phone-shaped string in a log would carry one): only the
      // way to create one, once the whole list says nobody has it, where contacts may be written.
      const listed = this.sessions.active.contacts.listState.complete;
      if (!listed || !this.sessions.active.canRequest || this.settings().readOnly) {
        return undefined;
      }
      const label = point.kind === 'phone' ? vscode.l10n.t('Create contact with this number') : vscode.l10n.t('Create contact with this address');
      const uri = createContactCommandUri(point.kind === 'phone' ? { phone: point.normalized } : { email: point.normalized });
      return new vscode.Hover(hoverMarkdown(`[${escapeMarkdown(label)}](${uri})`), point.range);
    }
    const cards = contacts
      .slice(0, MAX_SHARED_CARDS)
      .map((contact) => renderHoverMarkdown(contact, this.cardOptions(contact)));
    const more = contacts.length - MAX_SHARED_CARDS;
    if (more > 0) {
      cards.push(
        renderHoverError(
          point.kind === 'phone'
            ? vscode.l10n.t('and {0} more contacts with this number', more)
            : vscode.l10n.t('and {0} more contacts with this address', more),
        ),
      );
    }
    const state = this.stateLine();
    if (state !== undefined) {
      cards.push(state);
    }
    this.noteCardShown();
    return new vscode.Hover(hoverMarkdown(cards.join('\n\n---\n\n')), point.range);
  }

  /**
   * The connection's state under a card shown from what is already known (the cache, the contact list), while Quo
   * refuses the key, cannot be reached or rate limits: known data is worth showing, and the panel and the status bar
   * say the same.
   */
  private stateLine(): string | undefined {
    const kind = this.sessions.active.availability.kind;
    return kind === 'ready' || kind === 'starting' ? undefined : renderHoverError(this.sessions.active.unavailableLine());
  }

  private card(contact: Contact, staleNote?: string): vscode.MarkdownString {
    this.noteCardShown();
    const markdown = renderHoverMarkdown(contact, this.cardOptions(contact));
    const note = staleNote !== undefined ? renderHoverError(vscode.l10n.t('Shown from cache: {0}', staleNote)) : this.stateLine();
    return hoverMarkdown(note !== undefined ? `${markdown}\n\n${note}` : markdown);
  }

  /** The walkthrough's hover step completes on `quo.hoverShown`; set once, the first time a card is shown. */
  private noteCardShown(): void {
    if (!this.toldShown) {
      this.toldShown = true;
      void vscode.commands.executeCommand('setContext', ContextKeys.hoverShown, true);
    }
  }
}
