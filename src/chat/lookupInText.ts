/**
 * What the lookup tool does, without VS Code: find what a text mentions with the editor's own detection, then answer
 * each thing from the active workspace: ids from what it knows or from Quo, numbers and addresses from its contact
 * list (listed first if it never was, waited for up to LIST_WAIT_MS), call and message ids through the call or
 * message. Plain, so the benchmark runs exactly this against the sandbox.
 */
import * as l10n from '@vscode/l10n';
import type { ListingWait } from '../contacts/listingWait.js';
import type { ContactPoint } from '../detect/contactPoints.js';
import type { Detector } from '../detect/detector.js';
import type { Contact } from '../quo/types.js';
import type { Fetched } from '../activity/activityIdResolver.js';
import { lineFacts, teammateFacts, webhookFacts, type ResourceFacts } from '../render/resourceFacts.js';
import { contactFacts, MAX_VALUES, toolText, type ContactFacts } from '../render/toolAnswer.js';
import type { contactsOfActivity } from '../session/activityContacts.js';
import type { WorkspaceSession } from '../session/workspaceSession.js';
import { thingsIn, type Thing } from './toolInput.js';

/** How long a lookup waits for a first listing before it answers with what is known. */
export const LIST_WAIT_MS = 10_000;

export interface LookupInTextDeps {
  readonly session: WorkspaceSession;
  readonly detector: Detector;
  readonly defaultCountry: string;
  readonly findContactPoints: (text: string, defaultCountry: string) => readonly ContactPoint[];
  readonly contactsOfActivity: typeof contactsOfActivity;
}

export type Found =
  | { readonly asked: string; readonly kind: Thing['kind']; readonly contacts: readonly ContactFacts[]; readonly moreContacts?: number }
  | { readonly asked: string; readonly kind: Thing['kind']; readonly answer: string }
  /** A line, a teammate or a webhook of the workspace. */
  | { readonly asked: string; readonly kind: Thing['kind']; readonly resource: ResourceFacts }
  /** The request failed; the tool says why, or stops when it is about the connection. */
  | { readonly asked: string; readonly kind: Thing['kind']; readonly failed: unknown };

export interface LookupInText {
  /** In the order written; at most MAX_THINGS. */
  readonly found: readonly Found[];
  /** Things mentioned past MAX_THINGS, not looked up. */
  readonly more: number;
  /** 'listing' when the contact list was still loading after LIST_WAIT_MS. */
  readonly listing: ListingWait;
}

/** The things `text` mentions, each once, at most MAX_THINGS. */
export function thingsInText(deps: Pick<LookupInTextDeps, 'detector' | 'defaultCountry' | 'findContactPoints'>, text: string): ReturnType<typeof thingsIn> {
  return thingsIn(deps.detector.findAll(text), deps.findContactPoints(text, deps.defaultCountry));
}

export async function lookUpText(deps: LookupInTextDeps, text: string, signal: AbortSignal): Promise<LookupInText> {
  const { things, more } = thingsInText(deps, text);
  const reachable = things.some((thing) => thing.kind === 'phone' || thing.kind === 'email');
  const listing = reachable ? await deps.session.contacts.whenListed(signal, LIST_WAIT_MS) : 'listed';
  // At once: the session's limiter paces them at Quo's rate, interactive first.
  const found = await Promise.all(
    things.map((thing) =>
      lookUp(deps, thing, listing, signal).catch((failed: unknown): Found => ({ asked: askedText(thing), kind: thing.kind, failed })),
    ),
  );
  return { found, more, listing };
}

function askedText(thing: Thing): string {
  return toolText('written' in thing ? thing.written : thing.id, 100);
}

async function lookUp(deps: LookupInTextDeps, thing: Thing, listing: ListingWait, signal: AbortSignal): Promise<Found> {
  const session = deps.session;
  const asked = askedText(thing);
  // A number shared by a switchboard may have hundreds of contacts: the answer stays bounded.
  const withContacts = (contacts: readonly Contact[]): Found => ({
    asked,
    kind: thing.kind,
    contacts: contacts.slice(0, MAX_VALUES).map(contactFacts),
    ...(contacts.length > MAX_VALUES ? { moreContacts: contacts.length - MAX_VALUES } : {}),
  });
  switch (thing.kind) {
    case 'contact-id': {
      const result = await session.contacts.resolve(thing.id, { priority: 'interactive', signal });
      return result.kind === 'found' ? withContacts([result.contact]) : { asked, kind: thing.kind, answer: l10n.t('not a contact') };
    }
    case 'phone':
    case 'email': {
      const contacts = session.contacts.reachedAt({ kind: thing.kind, normalized: thing.normalized });
      if (contacts.length > 0) {
        return withContacts(contacts);
      }
      if (listing === 'stopped') {
        return { asked, kind: thing.kind, answer: l10n.t('unknown: the contact list could not be loaded') };
      }
      const none = thing.kind === 'phone' ? l10n.t('no contact has this number') : l10n.t('no contact has this address');
      return { asked, kind: thing.kind, answer: none };
    }
    case 'activity-id': {
      const result = await deps.contactsOfActivity(session, thing.id, { signal });
      if (result.kind === 'found' && result.contacts.length > 0) {
        return withContacts(result.contacts);
      }
      if (result.kind === 'found') {
        const none =
          result.record.kind === 'call' ? l10n.t('a call with no contact of the workspace') : l10n.t('a message with no contact of the workspace');
        return { asked, kind: thing.kind, answer: none };
      }
      const answer = result.kind === 'forbidden' ? l10n.t('this key may not see this call or message') : l10n.t('not a call or message');
      return { asked, kind: thing.kind, answer };
    }
    case 'line-id':
      return resourceFound(asked, thing.kind, await session.resources.line(thing.id, { signal }), lineFacts, l10n.t('not a Quo line of this workspace'));
    case 'user-id':
      return resourceFound(asked, thing.kind, await session.resources.teammate(thing.id, { signal }), teammateFacts, l10n.t('not a teammate of this workspace'));
    case 'webhook-id':
      return resourceFound(asked, thing.kind, await session.resources.webhook(thing.id, { signal }), webhookFacts, l10n.t('not a webhook of this workspace'));
  }
}

function resourceFound<T>(asked: string, kind: Thing['kind'], fetched: Fetched<T>, facts: (value: T) => ResourceFacts, none: string): Found {
  if (fetched.kind === 'found') {
    return { asked, kind, resource: facts(fetched.value) };
  }
  return { asked, kind, answer: fetched.kind === 'forbidden' ? l10n.t('this key may not see it') : none };
}
