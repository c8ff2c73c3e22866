/**
 * A workspace's calls and messages (the lines, the request plan and its budget, the loader, their cache, what an AC…
 * id is) and its other resources by id (lines, teammates, webhooks, recordings and voicemails): dist/activity.js
 * (esbuild.mjs), required by the session on the first question about any of them. Plain, like what it gathers: the
 * session hands in its client and settings, so nothing that holds state is bundled twice.
 */
export { WorkspaceActivity } from './workspaceActivity.js';
export { WorkspaceResources } from './workspaceResources.js';
