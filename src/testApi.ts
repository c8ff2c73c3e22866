/**
 * What integration tests may observe that no public VS Code API shows. Returned by activate() only when the test
 * harness sets QUO_TEST_API=1, and it never exposes the key itself.
 */
import type { ContactPanelManager } from './panel/contactPanel.js';
import type { QuoSession } from './session/quoSession.js';
import type { RecentContacts } from './contacts/recentContacts.js';
import { scanStats } from './editor/documentIds.js';
import type { SidebarTestApi } from './sidebar/index.js';
import type { ConnectionStatus } from './editor/connectionStatus.js';
import type { Availability } from './session/availability.js';

export interface QuoTestApi {
  readonly connectionState: () => string;
  readonly availability: () => Availability;
  /** The connection's status bar item as shown, undefined while hidden. */
  readonly statusBar: () => ConnectionStatus['shown'];
  readonly hasKey: () => boolean;
  readonly cachedContacts: () => number;
  readonly openPanelIds: () => string[];
  readonly panelHtml: (id: string) => string | undefined;
  readonly panelTitle: (id: string) => string | undefined;
  readonly recentIds: () => string[];
  /** Lines written to the log this session, after redaction. */
  readonly logLines: () => readonly string[];
  readonly charsScanned: () => number;
  readonly resetCharsScanned: () => void;
  readonly sidebar: SidebarTestApi;
}

export function createTestApi(
  session: QuoSession,
  panels: ContactPanelManager,
  recent: RecentContacts,
  logLines: readonly string[],
  sidebar: SidebarTestApi,
  status: ConnectionStatus,
): QuoTestApi {
  return {
    connectionState: () => session.availability.kind,
    availability: () => session.availability,
    statusBar: () => status.shown,
    hasKey: () => session.key !== undefined,
    cachedContacts: () => session.cachedContacts,
    openPanelIds: () => panels.openIds(),
    panelHtml: (id) => panels.panelFor(id)?.webview.html,
    panelTitle: (id) => panels.panelFor(id)?.title,
    recentIds: () => recent.list().map((contact) => contact.id),
    logLines: () => logLines,
    charsScanned: () => scanStats.charsRead,
    resetCharsScanned: () => {
      scanStats.charsRead = 0;
    },
    sidebar,
  };
}
