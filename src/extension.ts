/** Wiring only: build the parts, connect them, register them with VS Code. */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PinnedContacts } from './contacts/pinnedContacts.js';
import { RecentContacts } from './contacts/recentContacts.js';
import { ContactHoverProvider } from './editor/contactHoverProvider.js';
import { ContactLinkProvider } from './editor/contactLinks.js';
import { ConfiguredDetector } from './documents/configuredDetector.js';
import { InlineNamesProvider } from './editor/inlineNames.js';
import { trackCursorOnId } from './editor/cursorOnId.js';
import type * as OpenContactChunk from './editor/openContactChunk.js';
import { openSampleNote } from './editor/sampleNoteCommand.js';
import { registerChatTools } from './chat/registerChatTools.js';
import { registerCommands } from './commands/registry.js';
import { findContactPoints } from './detect/contactPoints.js';
import { contactsOfActivity } from './session/activityContacts.js';
import { StatusBar } from './statusBar/statusBar.js';
import { RedactingLogger } from './logging.js';
import { CONTACT_VIEW_TYPE, ContactPanelManager } from './panel/contactPanel.js';
import { loadEditing } from './panel/editingLoader.js';
import type * as RateBudgetChunk from './quo/crossWindowBudget.js';
import type { KeyBudgets } from './quo/crossWindowBudget.js';
import { WorkspaceSessions } from './session/workspaceSessions.js';
import { onDidChangeSettings, readSettings } from './settings/settings.js';
import type { Settings } from './settings/settingsPolicy.js';
import { registerSidebar } from './sidebar/sidebar.js';
import { mentionsOnFirstUse } from './references/mentionsLoader.js';
import { IndexPersistence, SAVED_INDEX_FOLDER } from './contacts/savedIndex.js';
import { globalStorageFolder } from './storage/globalStorageFolder.js';
import { createTestApi, type QuoTestApi } from './testApi.js';
import { configureTranslations } from './translations.js';
import { ActiveWorkspace } from './workspaces/activeWorkspace.js';
import { AUTHENTICATION_ID, QuoAuthenticationProvider } from './workspaces/quoAuthenticationProvider.js';
import { workspaceCommandsOnFirstUse } from './workspaces/workspaceCommandsLoader.js';
import { workspaceDataKey } from './workspaces/workspaceStore.js';

/** Set by the bundle's first line (esbuild.mjs banner); absent when the sources are loaded unbundled. */
declare const __quoBundleStart: number | undefined;
const loadedAt = typeof __quoBundleStart === 'number' ? __quoBundleStart : performance.now();
/** Every module of the bundle has been evaluated by now: this module's body runs last. */
const evaluatedAt = performance.now();

/** False in the production build (esbuild.mjs defines it), which leaves the test API out of the bundle. */
declare const QUO_TEST_API_BUNDLED: boolean;

/** Every scheme a document can come from: files, untitled buffers, remote and virtual file systems. */
const ALL_DOCUMENTS: vscode.DocumentSelector = [{ scheme: '*' }];

export function activate(context: vscode.ExtensionContext): QuoTestApi | undefined {
  const activateStart = performance.now();
  configureTranslations();
  const testMode = QUO_TEST_API_BUNDLED && process.env['QUO_TEST_API'] === '1';
  const channel = vscode.window.createOutputChannel('Quo Contacts', { log: true });
  const logLines: string[] = [];
  const log = new RedactingLogger(channel, testMode ? logLines : undefined);

  // Read on first use: VS Code's first getConfiguration costs 8 to 11 ms to whichever extension reads settings first.
  let settings: Settings | undefined;
  const currentSettings = (): Settings => (settings ??= readSettings());
  // The sessions are built next; a migrated key is named after its first Quo line, which only a session can ask.
  let sessions: WorkspaceSessions | undefined;
  // One for the window: its saves and deletions run one at a time. A removed workspace's saved copy goes with it.
  const savedIndexes = new IndexPersistence(globalStorageFolder(context.globalStorageUri, SAVED_INDEX_FOLDER), log);
  const workspaces = new ActiveWorkspace(
    context.secrets,
    context.globalState,
    context.workspaceState,
    (key) => (sessions ? sessions.checkKey(key).then((checked) => checked.firstLineName) : Promise.resolve(undefined)),
    process.env,
    (fingerprint) => savedIndexes.forget(fingerprint),
  );
  const budgets = context.globalStorageUri.scheme === 'file' ? budgetsOnFirstUse(context.globalStorageUri.fsPath, log) : undefined;
  sessions = new WorkspaceSessions(workspaces, currentSettings, log, budgets, {
    store: savedIndexes,
    keptFingerprints: () => workspaces.fingerprints(),
  });
  const workspaceCommands = workspaceCommandsOnFirstUse(workspaces, sessions);
  const accounts = new QuoAuthenticationProvider(
    workspaces,
    () => workspaceCommands.addAndReturn(),
    () => workspaceCommands.cannotRemove(),
  );
  // Made on first use too (the settings hold the user's patterns): by the first hover, inline names or links.
  let configured: ConfiguredDetector | undefined;
  const configuredDetector = (): ConfiguredDetector =>
    (configured ??= new ConfiguredDetector(currentSettings().idPatterns, log, currentSettings().activityDetectIds));
  const detectors = {
    get detector() {
      return configuredDetector().detector;
    },
  };
  // Kept by workspace, not by key: a replaced key keeps them, a removed workspace takes them with it.
  const contactListOwner = (): string | undefined => (sessions.active.key ? workspaceDataKey(sessions.active.key) : undefined);
  const recent = new RecentContacts(context.globalState, contactListOwner);
  const pinned = new PinnedContacts(context.globalState, contactListOwner);
  // Which contact Open Contact means (the cursor, the selection, the clipboard, a box): dist/openContact.js.
  const pickContact = (argument: unknown): Promise<string | undefined> =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./editor/openContactChunk.js') as typeof OpenContactChunk).pickContactId(argument, {
      detectors,
      recent,
      session: sessions.active,
      defaultCountry: currentSettings().defaultCountry,
    });
  const mentions = mentionsOnFirstUse(
    {
      sessions,
      detector: () => detectors.detector,
      findPoints: findContactPoints,
      settings: currentSettings,
      log: (message) => log.info(message),
      pickContactId: pickContact,
    },
    ALL_DOCUMENTS,
  );
  const panels = new ContactPanelManager(context.extensionUri, sessions, workspaces, recent, pinned, currentSettings, mentions.contactMentions);
  const sidebar = registerSidebar({
    sessions,
    detectors,
    recent,
    pinned,
    settings: currentSettings,
    activeWorkspaceName: () => workspaces.activeNameAmongSeveral(),
    onDidChangeWorkspaces: workspaces.onDidChangeWorkspaces,
  });
  const inlineNames = new InlineNamesProvider(sessions, detectors, currentSettings);
  // Until the stored key is read the state is "starting" and the item hidden: made then, it reads the active session.
  let status: StatusBar | undefined;
  let deactivated = false;
  void sessions.ready.then(() => {
    if (!deactivated) {
      status = new StatusBar(sessions, workspaces);
      // The auth provider's first read is the sessions' own: its offer to sign in waits for it.
      void accounts.offerSignInWhenEmpty();
    }
  });
  const hovers = new ContactHoverProvider(sessions, detectors, currentSettings);

  context.subscriptions.push(
    log,
    workspaces,
    accounts,
    vscode.authentication.registerAuthenticationProvider(AUTHENTICATION_ID, 'Quo', accounts, { supportsMultipleAccounts: true }),
    sessions,
    sidebar,
    pinned,
    panels,
    mentions,
    inlineNames,
    {
      dispose: () => {
        deactivated = true;
        status?.dispose();
      },
    },
    hovers,
    sessions.onDidChangeList((change) => inlineNames.contactListChanged(change.contactsChanged && change.state.status === 'complete')),
    onDidChangeSettings((next) => {
      // Never read before, the settings have nothing made from them to change.
      const previous = settings ?? next;
      settings = next;
      mentions.settingsChanged(previous, next);
      sessions.updateSettings(next);
      configured?.update(next.idPatterns, next.activityDetectIds);
      sidebar.settingsChanged(next);
      panels.settingsChanged();
      inlineNames.refresh();
    }),
    vscode.languages.registerHoverProvider(ALL_DOCUMENTS, hovers),
    vscode.languages.registerInlayHintsProvider(ALL_DOCUMENTS, inlineNames),
    vscode.languages.registerDocumentLinkProvider(ALL_DOCUMENTS, new ContactLinkProvider(detectors, currentSettings)),
    vscode.window.registerWebviewPanelSerializer(CONTACT_VIEW_TYPE, panels),
    registerChatTools({
      sessions,
      get detectors() {
        return configuredDetector();
      },
      settings: currentSettings,
      workspaceName: () => workspaces.current?.name,
      findContactPoints: (text, defaultCountry) => findContactPoints(text, { defaultCountry }),
      contactsOfActivity,
    }),
    trackCursorOnId(detectors),
    ...registerCommands({
      ...workspaceCommands.handlers(),
      createContact: (argument?: unknown) =>
        loadEditing().createContact(
          {
            sessions,
            defaultCountry: () => currentSettings().defaultCountry,
            readOnly: () => currentSettings().readOnly,
            open: (id) => {
              panels.show(id);
            },
          },
          argument,
        ),
      openContact: async (argument?: unknown) => {
        const id = await pickContact(argument);
        return id ? panels.show(id) : undefined;
      },
      findMentions: (argument?: unknown) => mentions.findMentions(argument),
      refresh: () => {
        sessions.active.refresh();
        inlineNames.refresh();
      },
      retry: () => sessions.active.retry(),
      showLog: () => channel.show(),
      openSampleNote: () =>
        openSampleNote({
          hasKey: () => sessions.active.key !== undefined,
          pinned: () => pinned.list(),
          recent: () => recent.list(),
          indexed: () => sessions.active.contacts.index.all(),
        }),
      ...sidebar.commands(),
    }),
  );

  const end = performance.now();
  log.debug(
    `Activated in ${(end - loadedAt).toFixed(2)} ms from the bundle's first line ` +
      `(evaluating the bundle ${(evaluatedAt - loadedAt).toFixed(2)} ms, VS Code preparing the extension's context ` +
      `${(activateStart - evaluatedAt).toFixed(2)} ms, activate() ${(end - activateStart).toFixed(2)} ms)`,
  );
  return QUO_TEST_API_BUNDLED && testMode ? createTestApi(sessions, panels, recent, logLines, sidebar, () => status, workspaces, accounts, context.secrets, pinned) : undefined;
}

export function deactivate(): void {}

/**
 * The cross-window budget's code is dist/rateBudget.js (esbuild.mjs), required when a session makes its key's budget,
 * with the key's first request. Global storage is one folder for every window of this installation: where windows
 * with one key find each other. Each extension host names itself: vscode.env.sessionId was seen to be the same in two
 * code-server windows.
 */
function budgetsOnFirstUse(globalStorage: string, log: RedactingLogger): KeyBudgets {
  let budgets: KeyBudgets | undefined;
  return (fingerprint, maxPerSecond, apply) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chunk = require('./quo/crossWindowBudget.js') as typeof RateBudgetChunk;
    budgets ??= chunk.crossWindowBudgets(path.join(globalStorage, 'rate-budget'), randomUUID(), log);
    return budgets(fingerprint, maxPerSecond, apply);
  };
}
