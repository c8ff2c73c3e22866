/**
 * The Quo workspaces as VS Code accounts: each appears in the Accounts menu as "<name> · <key's fingerprint> (Quo)"
 * with Sign Out, which removes it (VS Code has asked already). With none, "Sign in with Quo" runs Add Workspace.
 * Another extension may ask for a session with `vscode.authentication.getSession('quo', [])`; VS Code asks the user to
 * allow it (and remembers the answer by account label: see accountNames.ts), and the session's access token is the
 * raw API key.
 */
import * as vscode from 'vscode';
import type { ApiKey } from '../auth/apiKey.js';
import { Disposable } from '../common/lifecycle.js';
import { accountIdOf, accountLabelOf } from './accountNames.js';
import type { ActiveWorkspace } from './activeWorkspace.js';
import type { Workspace } from './workspaceStore.js';

export const AUTHENTICATION_ID = 'quo';
/**
 * Every session's scopes, and the sign-in request's. A Quo key has no scopes, but VS Code (1.139) keys a sign-in
 * request by its scopes joined with spaces and splits that key again to match the sessions added later: `[]` comes
 * back as `['']`, matches no session, and "Sign in with Quo" would stay in the Accounts menu after signing in.
 */
const SCOPES: readonly string[] = ['workspace'];

export class QuoAuthenticationProvider extends Disposable implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly sessionsChanged = this.register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  /** What the menu was last told (labels by session id), to say which sessions were added, removed or renamed. */
  private known = new Map<string, string>();

  readonly onDidChangeSessions = this.sessionsChanged.event;

  constructor(
    private readonly workspaces: ActiveWorkspace,
    /** Add Workspace, with its input boxes; the new workspace or undefined when the user gave up. */
    private readonly addWorkspace: () => Promise<Workspace | undefined>,
    /** Sign Out of the environment's workspace: it cannot be removed, and the user is told why. */
    private readonly cannotRemove: (workspace: Workspace) => void,
  ) {
    super();
    this.register(workspaces.onDidChangeWorkspaces(() => this.announce()));
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return (await this.current()).map(({ session }) => session);
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const workspace = await this.addWorkspace();
    const key = workspace ? await this.workspaces.keyOfWorkspace(workspace.id) : undefined;
    if (!workspace || key === undefined) {
      // VS Code treats a rejection as "not signed in"; the reason is never shown as an error of ours.
      throw new vscode.CancellationError();
    }
    return sessionOf(workspace, key);
  }

  async removeSession(sessionId: string): Promise<void> {
    // A session of a key since replaced names no workspace: nothing of the current key is removed for it.
    const workspace = (await this.current()).find(({ session }) => session.id === sessionId)?.workspace;
    if (!workspace) {
      return;
    }
    if (workspace.source === 'environment') {
      this.cannotRemove(workspace);
      return;
    }
    await this.workspaces.remove(workspace.id);
  }

  /** With no workspace, a request that creates nothing puts "Sign in with Quo" in the Accounts menu. */
  async offerSignInWhenEmpty(): Promise<void> {
    await this.workspaces.get();
    if (this.workspaces.all.length === 0) {
      await vscode.authentication.getSession(AUTHENTICATION_ID, SCOPES, { createIfNone: false });
    }
  }

  private async current(): Promise<{ readonly workspace: Workspace; readonly session: vscode.AuthenticationSession }[]> {
    await this.workspaces.get();
    const sessions = [];
    for (const workspace of this.workspaces.all) {
      const key = await this.workspaces.keyOfWorkspace(workspace.id);
      if (key !== undefined) {
        sessions.push({ workspace, session: sessionOf(workspace, key) });
      }
    }
    return sessions;
  }

  /**
   * Tells VS Code at once, from the list in memory, without reading a key: the Accounts menu is built from VS Code's
   * copy of the sessions, which it refreshes on this event, and a menu opened before that shows the old ones (seen
   * in the UI run: the status bar named a new workspace while the menu did not list it). The event's sessions carry
   * no token; VS Code asks getSessions for them.
   */
  private announce(): void {
    const sessions = new Map(
      this.workspaces.all.flatMap((workspace) => (workspace.fingerprint === undefined ? [] : [namedSession(workspace, workspace.fingerprint)])).map(
        (session) => [session.id, session],
      ),
    );
    const added = [...sessions.values()].filter((session) => !this.known.has(session.id));
    const changed = [...sessions.values()].filter((session) => this.known.has(session.id) && this.known.get(session.id) !== session.account.label);
    const removed = [...this.known].filter(([id]) => !sessions.has(id)).map(([id, label]) => removedSession(id, label));
    this.known = new Map([...sessions.values()].map((session) => [session.id, session.account.label]));
    if (added.length + changed.length + removed.length > 0) {
      this.sessionsChanged.fire({ added, removed, changed });
    }
    if (removed.length > 0 && this.workspaces.all.length === 0) {
      void this.offerSignInWhenEmpty();
    }
  }
}

function sessionOf(workspace: Workspace, key: ApiKey): vscode.AuthenticationSession {
  const id = accountIdOf(workspace.id, key.fingerprint);
  return { id, accessToken: key.value, account: { id, label: accountLabelOf(workspace.name, key.fingerprint) }, scopes: SCOPES };
}

/** A session as the change event names it: without its token. */
function namedSession(workspace: Workspace, fingerprint: string): vscode.AuthenticationSession {
  const id = accountIdOf(workspace.id, fingerprint);
  return { id, accessToken: '', account: { id, label: accountLabelOf(workspace.name, fingerprint) }, scopes: SCOPES };
}

/** A removed session is named by its id; its key is gone and is not repeated in the event. */
function removedSession(id: string, label: string): vscode.AuthenticationSession {
  return { id, accessToken: '', account: { id, label }, scopes: SCOPES };
}
