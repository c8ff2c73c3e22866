/**
 * What a person reads for each availability state, in one table that every surface uses: the status bar item, the
 * sidebar's status node, the contact panel's banner and the hover's line. The compiler checks it is complete, so a
 * new state cannot ship without its words.
 */
import * as l10n from '@vscode/l10n';
import type { Availability, AvailabilityKind } from './availability.js';

/** What the primary action of a state does; each surface turns it into its own command or button. */
export type AvailabilityAction = 'setApiKey' | 'openSettings' | 'retry';

export interface AvailabilityCopy {
  readonly title: string;
  /** One line saying what happened and what to do. */
  readonly detail: string;
  /** A codicon name, without `$()`. */
  readonly icon: string;
  readonly action: AvailabilityAction | undefined;
  /** The action's label on a button or link. */
  readonly actionLabel: string | undefined;
  /** The status bar item's text, or `hidden` where nothing is wrong enough to sit there. */
  readonly statusBar:
    | {
        readonly text: string;
        /** The icon and the words without "Quo", for an item that names the workspace instead. */
        readonly icon: string;
        readonly label: string;
        readonly error: boolean;
      }
    | 'hidden';
}

type StateOf<K extends AvailabilityKind> = Extract<Availability, { kind: K }>;
type CopyTable = { readonly [K in AvailabilityKind]: (state: StateOf<K>, format: CopyFormat) => AvailabilityCopy };

export interface CopyFormat {
  /** A time of day for "rate limited until 14:05", in the UI's locale. */
  readonly time: (epochMs: number) => string;
}

export const defaultCopyFormat: CopyFormat = {
  time: (epochMs) => new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
};

const COPY = {
  starting: () => ({
    title: l10n.t('Connecting to Quo…'),
    detail: l10n.t('Reading the Quo API key.'),
    icon: 'loading~spin',
    action: undefined,
    actionLabel: undefined,
    statusBar: 'hidden',
  }),
  'no-key': () => ({
    title: l10n.t('No Quo API key'),
    detail: l10n.t('No Quo API key is set. Workspace owners and admins create keys in Quo, in the workspace settings under API.'),
    icon: 'key',
    action: 'setApiKey',
    actionLabel: l10n.t('Set API Key'),
    // The sidebar's welcome, the panel and the hover say it where it matters; a status bar item would nag.
    statusBar: 'hidden',
  }),
  'bad-config': (state) => ({
    title: l10n.t('Quo cannot be reached with these settings'),
    detail: state.message,
    icon: 'settings-gear',
    action: 'openSettings',
    actionLabel: l10n.t('Open Settings'),
    statusBar: { text: `$(warning) ${l10n.t('Quo: settings')}`, icon: 'warning', label: l10n.t('settings'), error: true },
  }),
  ready: () => ({
    title: l10n.t('Connected to Quo'),
    detail: l10n.t('Quo is answering.'),
    icon: 'check',
    action: undefined,
    actionLabel: undefined,
    statusBar: 'hidden',
  }),
  'key-invalid': (state) => ({
    title: l10n.t('The Quo API key cannot be used'),
    detail: l10n.t('{0} The key was kept; set a new one.', state.reason),
    icon: 'key',
    action: 'setApiKey',
    actionLabel: l10n.t('Set API Key'),
    statusBar: { text: `$(key) ${l10n.t('Quo: key invalid')}`, icon: 'key', label: l10n.t('key invalid'), error: true },
  }),
  'key-refused': () => ({
    title: l10n.t('Quo refused the API key'),
    detail: l10n.t('Quo refused the API key. The key was kept; set a new one if it was revoked.'),
    icon: 'key',
    action: 'setApiKey',
    actionLabel: l10n.t('Set API Key'),
    statusBar: { text: `$(key) ${l10n.t('Quo: key refused')}`, icon: 'key', label: l10n.t('key refused'), error: true },
  }),
  offline: (state) => ({
    title: l10n.t('Quo is unreachable'),
    detail: l10n.t('{0} Check your network connection or proxy settings.', state.cause),
    icon: 'debug-disconnect',
    action: 'retry',
    actionLabel: l10n.t('Retry'),
    statusBar: { text: `$(cloud-offline) ${l10n.t('Quo offline')}`, icon: 'cloud-offline', label: l10n.t('offline'), error: false },
  }),
  'rate-limited': (state, format) => ({
    title:
      state.until === undefined
        ? l10n.t('Rate limited by Quo')
        : l10n.t('Rate limited by Quo until {0}', format.time(state.until)),
    detail:
      state.until === undefined
        ? l10n.t('Quo allows 10 requests a second per key; other tools using the same key count too. The extension is backing off.')
        : l10n.t(
            'Quo allows 10 requests a second per key; other tools using the same key count too. Quo asked to wait until {0}.',
            format.time(state.until),
          ),
    icon: 'watch',
    action: 'retry',
    actionLabel: l10n.t('Retry'),
    statusBar: { text: `$(watch) ${l10n.t('Quo: rate limited')}`, icon: 'watch', label: l10n.t('rate limited'), error: false },
  }),
} as const satisfies CopyTable;

export function availabilityCopy(state: Availability, format: CopyFormat = defaultCopyFormat): AvailabilityCopy {
  // The table is keyed by kind, so the entry always receives its own state.
  const entry = COPY[state.kind] as (state: Availability, format: CopyFormat) => AvailabilityCopy;
  return entry(state, format);
}
