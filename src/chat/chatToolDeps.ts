/**
 * What the language model tools are given by the activation bundle. The tools' code is a chunk of its own
 * (dist/chatTools.js, loaded on the first invocation), so whatever holds state or is checked by identity (the
 * sessions, the configured detector, the phone parser behind `findContactPoints`) is passed in from the activation
 * bundle rather than bundled a second time.
 */
import type { ContactPoint } from '../detect/contactPoints.js';
import type { ConfiguredDetector } from '../documents/configuredDetector.js';
import type { contactsOfActivity } from '../session/activityContacts.js';
import type { WorkspaceSessions } from '../session/workspaceSessions.js';
import type { Settings } from '../settings/settingsPolicy.js';

export interface ChatToolDeps {
  readonly sessions: WorkspaceSessions;
  readonly detectors: ConfiguredDetector;
  readonly settings: () => Settings;
  /** The active workspace's name, when it has one. */
  readonly workspaceName: () => string | undefined;
  readonly findContactPoints: (text: string, defaultCountry: string) => readonly ContactPoint[];
  readonly contactsOfActivity: typeof contactsOfActivity;
}

/** The three tools' names, as package.json contributes them. */
export const CHAT_TOOLS = {
  lookup: 'quo_lookupContactsInText',
  search: 'quo_searchContacts',
  activity: 'quo_getContactActivity',
} as const;

export type ChatToolKey = keyof typeof CHAT_TOOLS;
