/**
 * Every command id the extension registers, in one place: the manifest, the registry, links in hovers and tree items
 * all name commands through these constants, and a unit test checks them against `contributes.commands`.
 */
export const Commands = {
  setApiKey: 'quo.setApiKey',
  clearApiKey: 'quo.clearApiKey',
  addWorkspace: 'quo.addWorkspace',
  switchWorkspace: 'quo.switchWorkspace',
  removeWorkspace: 'quo.removeWorkspace',
  openContact: 'quo.openContact',
  refresh: 'quo.refresh',
  retry: 'quo.retry',
  showLog: 'quo.showLog',
  searchContacts: 'quo.searchContacts',
  createContact: 'quo.createContact',
  findMentions: 'quo.findMentions',
  refreshContacts: 'quo.refreshContacts',
  pinContact: 'quo.pinContact',
  unpinContact: 'quo.unpinContact',
  copyContactId: 'quo.copyContactId',
  copyContactPhone: 'quo.copyContactPhone',
  copyContactEmail: 'quo.copyContactEmail',
  openContactInQuo: 'quo.openContactInQuo',
  openSampleNote: 'quo.walkthrough.openSampleNote',
  revealMention: 'quo.sidebar.revealMention',
} as const;

export type CommandName = keyof typeof Commands;
export type CommandId = (typeof Commands)[CommandName];

/** Registered but deliberately not in `contributes.commands`: only tree items run them. */
export const UNCONTRIBUTED_COMMANDS: readonly CommandId[] = [Commands.revealMention];

/** VS Code's own command that opens the Settings editor on this extension's settings. */
export const OPEN_SETTINGS = { command: 'workbench.action.openSettings', arguments: ['@ext:quo-contacts.quo-contacts'] } as const;

/** Context keys the manifest's `when` clauses and the walkthrough's completion events read. */
export const ContextKeys = {
  availability: 'quo.availability',
  cursorOnContactId: 'quo.cursorOnContactId',
  /** True once a hover has shown a contact card in this window (completes the walkthrough's hover step). */
  hoverShown: 'quo.hoverShown',
} as const;

/** The Get Started walkthrough, as `workbench.action.openWalkthrough` names it: `<publisher>.<name>#<walkthrough id>`. */
export const WALKTHROUGH_ID = 'quo-contacts.quo-contacts#getStarted';

/** The command behind an availability state's primary action, on every surface. */
export function availabilityCommand(action: 'setApiKey' | 'openSettings' | 'retry'): {
  readonly command: string;
  readonly arguments?: readonly unknown[];
} {
  switch (action) {
    case 'setApiKey':
      return { command: Commands.setApiKey };
    case 'openSettings':
      return OPEN_SETTINGS;
    case 'retry':
      return { command: Commands.retry };
  }
}
