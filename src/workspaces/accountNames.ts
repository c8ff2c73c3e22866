/**
 * How a workspace appears in VS Code's Accounts menu. VS Code remembers which extensions may use an account (and
 * which account an extension prefers) by the account's label, so the label names the key too, not only the workspace:
 * an extension allowed for "Acme" must not get another key later added, or held by QUO_API_KEY, under that name.
 * The fingerprint's first characters tell keys apart without revealing anything of them (it is a salted hash).
 */
const SHOWN = 8;

/** The session's and the account's id: the workspace and its key. A replaced key is another account. */
export function accountIdOf(workspaceId: string, fingerprint: string): string {
  return `${workspaceId}.${fingerprint}`;
}

export function accountLabelOf(name: string, fingerprint: string): string {
  return `${name} · ${fingerprint.slice(0, SHOWN)}`;
}
