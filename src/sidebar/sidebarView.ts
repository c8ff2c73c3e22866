/**
 * The Contacts view's contents: the tree's model and provider, "In this file", the search box and the commands of the
 * view's items. Built into dist/sidebar.js (sidebarChunk.ts) and made by the activation bundle's sidebar.ts when the
 * view first asks for its items, is shown, or one of its commands runs: a window whose sidebar stays closed never
 * loads it. The view itself, whether the list is shown, its progress and the availability context stay in sidebar.ts.
 */
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle.js';
import type { Event } from '../common/emitter.js';
import type { PinnedContacts } from '../contacts/pinnedContacts.js';
import type { RecentContact } from '../contacts/recentContacts.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import type { CommandHandlers } from '../commands/registry.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { Settings } from '../settings/settingsPolicy.js';
import { knownContact } from '../contacts/known.js';
import { ContactCommands } from './contactCommands.js';
import { ContactsTreeProvider, revealMention } from './contactsTreeProvider.js';
import { InFileScanner } from './inFileScanner.js';
import { showContactSearch, type SearchSources } from './searchContacts.js';
import { TreeModel, type TreeNode } from './treeModel.js';

/** The recent list as the sidebar reads it; `onDidChange`, when the list offers one, redraws Recent at once. */
export interface RecentSource {
  list(): readonly RecentContact[];
  readonly onDidChange?: Event<void>;
}

/** What the view reads, all from the activation bundle: nothing that holds state is bundled twice. */
export interface SidebarViewDeps {
  readonly sessions: WorkspaceSessions;
  readonly detectors: Pick<ConfiguredDetector, 'detector'>;
  readonly recent: RecentSource;
  readonly pinned: PinnedContacts;
  /** The extension's settings (languages and excludes decide which files "In this file" reads). */
  readonly settings: () => Settings;
  /** The tree view, made at activation by sidebar.ts with a provider that hands its calls to this one. */
  readonly view: vscode.TreeView<TreeNode>;
}

/** The sidebar's commands that need this view's parts. */
export type SidebarViewCommands = Pick<
  CommandHandlers,
  'searchContacts' | 'revealMention' | 'pinContact' | 'unpinContact' | 'copyContactId' | 'copyContactPhone' |
  'copyContactEmail' | 'openContactInQuo'
>;

export class SidebarView extends Disposable implements vscode.Disposable {
  readonly scanner: InFileScanner;
  readonly provider: ContactsTreeProvider;
  readonly searchSources: SearchSources;
  private readonly contactCommands: ContactCommands;
  private settings: Settings;

  constructor(deps: SidebarViewDeps) {
    super();
    const { sessions, pinned, recent, view } = deps;
    this.settings = deps.settings();
    const contacts = () => sessions.active.contacts;
    const known = (id: string) => knownContact(contacts().know(id));

    this.scanner = new InFileScanner({
      sessions,
      detectors: deps.detectors,
      settings: deps.settings,
      defaultCountry: () => this.settings.defaultCountry,
      visible: () => view.visible,
    });
    const model = new TreeModel(
      {
        connection: () => sessions.active.availability,
        listingError: () => {
          const state = contacts().listState;
          // Failures about the connection already show as the connection's state.
          return state.status === 'error' && state.error && sessions.active.availabilityAfter(state.error) === undefined
            ? state.error
            : undefined;
        },
        index: {
          get state() {
            return contacts().listState;
          },
          all: () => contacts().index.all(),
        },
        pinned: () => pinned.list(),
        recent: () => recent.list(),
        known,
        inFile: () => this.scanner.current(),
        groupBy: () => this.settings.groupBy,
        retryScheduled: () => contacts().retryScheduled,
      },
      { locale: vscode.env.language },
    );
    this.provider = new ContactsTreeProvider(
      model,
      sessions,
      () => this.scanner.document(),
      () => contacts().listState.status === 'loading' && !contacts().listState.complete,
      () => this.settings.defaultCountry,
    );
    this.searchSources = {
      contacts,
      hasKey: () => sessions.active.key !== undefined,
      pinned: () => pinned.list(),
      recent: () => recent.list(),
      known,
      defaultCountry: () => this.settings.defaultCountry,
    };

    const redraw = (): void => this.provider.refresh();
    const subscribe = (event: Event<unknown> | undefined, listener: () => void): void => {
      if (event) {
        this.register(event(listener));
      }
    };
    subscribe(sessions.onDidChangeList, redraw);
    subscribe(sessions.onDidChangeListSchedule, redraw);
    subscribe(pinned.onDidChange, redraw);
    subscribe(recent.onDidChange, redraw);
    subscribe(sessions.onDidChangeAccount, () => {
      this.scanner.rescan();
      redraw();
    });
    subscribe(sessions.onDidChangeAvailability, redraw);
    [
      this.provider,
      this.scanner,
      this.scanner.onDidChange(redraw),
      view.onDidChangeVisibility((event) => {
        if (event.visible) {
          this.scanner.wake();
          // Recent may have changed while hidden (when the recent list cannot say so itself).
          redraw();
        }
      }),
    ].forEach((owned) => this.register(owned));

    this.contactCommands = new ContactCommands(sessions, pinned, () => this.settings.defaultCountry);
    if (view.visible) {
      this.scanner.wake();
    }
  }

  /** The settings changed (the one reader's event, relayed by sidebar.ts). */
  settingsChanged(next: Settings): void {
    const countryChanged = next.defaultCountry !== this.settings.defaultCountry;
    this.settings = next;
    if (countryChanged) {
      this.scanner.rescan();
    }
    this.provider.refresh();
  }

  commands(): SidebarViewCommands {
    return {
      searchContacts: () => showContactSearch(this.searchSources),
      revealMention: (target: unknown) => revealMention(target),
      ...this.contactCommands.handlers(),
    };
  }
}
