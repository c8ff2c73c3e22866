/**
 * Deleting a contact from its panel: after a modal confirmation that names it, one request; every surface forgets
 * the contact at once (the store's write event closes its panels and takes it out of the lists).
 */
import * as vscode from 'vscode';
import { contactDisplayName } from '../../contacts/contactName.js';
import type { Contact } from '../../quo/types.js';
import type { WorkspaceSession } from '../../session/workspaceSession.js';

/** Whether the contact was deleted; a refusal or failure is said in a message, and nothing else changes. */
export async function confirmAndDelete(session: WorkspaceSession, contact: Contact, workspaceName: string | undefined): Promise<boolean> {
  const name = contactDisplayName(contact);
  const remove = vscode.l10n.t('Delete');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the contact {0}?', name),
    {
      modal: true,
      detail:
        workspaceName === undefined
          ? vscode.l10n.t('It is deleted in Quo for everyone in the workspace. This cannot be undone.')
          : vscode.l10n.t('It is deleted in the Quo workspace {0} for everyone in it. This cannot be undone.', workspaceName),
    },
    remove,
  );
  if (answer !== remove) {
    return false;
  }
  try {
    await session.contacts.writes.delete(contact.id);
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Deleted {0}', name)}`, 3000);
    return true;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Quo: {0} was not deleted: {1}', name, session.describeFailure(error)));
    return false;
  }
}
