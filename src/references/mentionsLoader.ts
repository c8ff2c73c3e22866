/**
 * Mentions as the activation bundle sees them: the reference provider, Quo: Find Mentions and the panel's view of
 * them, each loading dist/mentions.js (built from mentionsChunk.ts by esbuild.mjs) the first time it is really
 * needed. Find All References in code that has no contact id, number or address under the cursor loads nothing.
 */
import * as vscode from 'vscode';
import { isContactReference } from '../detect/match.js';
import { idAtPosition, pointAtPosition } from '../documents/documentIds.js';
import type { ContactMentions } from '../mentions/contactMentions.js';
import type { Settings } from '../settings/settingsPolicy.js';
import type * as chunk from './mentionsChunk.js';
import type { MentionsChunkDeps, MentionsFeature } from './mentionsChunk.js';

export interface LazyMentions extends vscode.Disposable {
  /** What the contact panel shows under "Mentioned in". */
  readonly contactMentions: ContactMentions;
  findMentions(argument?: unknown): Promise<void>;
  settingsChanged(previous: Settings, next: Settings): void;
}

export function mentionsOnFirstUse(deps: MentionsChunkDeps, selector: vscode.DocumentSelector): LazyMentions {
  let feature: MentionsFeature | undefined;
  const changed = new vscode.EventEmitter<void>();
  const load = (): MentionsFeature => {
    if (!feature) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      feature = (require('./mentionsChunk.js') as typeof chunk).createMentions(deps);
      feature.onDidChange(() => changed.fire());
    }
    return feature;
  };
  const provider = vscode.languages.registerReferenceProvider(selector, {
    provideReferences: (document, position, _context, token) => {
      const settings = deps.settings();
      if (!settings.mentionsEnabled) {
        return undefined;
      }
      const found = idAtPosition(document, position, deps.detector());
      const onContact = found !== undefined ? isContactReference(found) : pointAtPosition(document, position, settings.defaultCountry) !== undefined;
      return onContact ? load().provideReferences(document, position, token) : undefined;
    },
  });
  return {
    contactMentions: {
      get enabled() {
        return deps.settings().mentionsEnabled;
      },
      render: (contact, resume) => load().render(contact, resume),
      onDidChange: changed.event,
      find: (contactId) => load().find(contactId),
    },
    findMentions: (argument) => load().findMentions(argument),
    settingsChanged: (previous, next) =>
      feature?.settingsChanged({
        enabled: next.mentionsEnabled,
        detection: previous.defaultCountry !== next.defaultCountry || JSON.stringify(previous.idPatterns) !== JSON.stringify(next.idPatterns),
        files: JSON.stringify(previous.exclude) !== JSON.stringify(next.exclude),
      }),
    dispose: () => {
      provider.dispose();
      feature?.dispose();
      changed.dispose();
    },
  };
}
