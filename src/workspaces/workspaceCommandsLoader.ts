/**
 * The workspace commands as the activation bundle sees them: each call loads dist/workspaceCommands.js (built from
 * workspaceCommandsChunk.ts by esbuild.mjs) the first time, and the one WorkspaceCommands made then answers it.
 */
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { ActiveWorkspace } from './activeWorkspace.js';
import type * as chunk from './workspaceCommandsChunk.js';
import type { WorkspaceCommands } from './workspaceCommands.js';

type Handlers = ReturnType<WorkspaceCommands['handlers']>;

export interface LazyWorkspaceCommands {
  handlers(): Handlers;
  addAndReturn: WorkspaceCommands['addAndReturn'];
  cannotRemove: WorkspaceCommands['cannotRemove'];
}

export function workspaceCommandsOnFirstUse(workspaces: ActiveWorkspace, sessions: WorkspaceSessions): LazyWorkspaceCommands {
  let made: WorkspaceCommands | undefined;
  const commands = (): WorkspaceCommands => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    made ??= new (require('./workspaceCommandsChunk.js') as typeof chunk).WorkspaceCommands(workspaces, sessions);
    return made;
  };
  return {
    handlers: () => ({
      setApiKey: () => commands().setApiKey(),
      clearApiKey: () => commands().clearApiKey(),
      addWorkspace: () => commands().addWorkspace(),
      switchWorkspace: () => commands().switchWorkspace(),
      removeWorkspace: () => commands().removeWorkspace(),
    }),
    addAndReturn: () => commands().addAndReturn(),
    cannotRemove: () => commands().cannotRemove(),
  };
}
