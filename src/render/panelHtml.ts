/**
 * The contact panel's HTML: a pure function of a contact and a state, so it is tested without VS Code. The page
 * runs under a strict CSP (nothing inline, nothing remote); every value from the API is HTML-escaped, links carry
 * their target in `data-href` (checked http(s)) for the extension to validate and open, and all behaviour lives in
 * the bundled script (src/panel/webview/main.ts) reacting to `data-action` attributes.
 */
import * as l10n from '@vscode/l10n';
import type { Contact, CustomField, LabelledValue } from '../quo/types.js';
import { contactDisplayName } from '../contacts/contactName.js';
import { displayPhone } from '../contacts/phone.js';
import { forTitle } from './nameLengths.js';
import { createFormatter, type Formatter } from './format.js';
import { attr, button, html } from './html.js';
import { cleanLine, cleanMultiline } from '../common/text.js';
import { safeHttpUrl } from './urls.js';
import type { Availability } from '../connection/availability.js';
import { availabilityCopy } from '../connection/availabilityCopy.js';

/**
 * `unavailable`: the session cannot ask Quo now; `availability` says why, in the copy table's words.
 * `workspace-removed`: the panel's own Quo workspace was removed; its contact is not shown any more.
 */
export type PanelState = 'loading' | 'ready' | 'not-found' | 'unavailable' | 'error' | 'workspace-removed';

export interface PanelInput {
  readonly contact?: Contact;
  /** The id being shown; defaults to contact.id. Lets the not-found state say which id it looked for. */
  readonly contactId?: string;
  readonly state: PanelState;
  /** Why the panel is `unavailable`; required in that state. */
  readonly availability?: Availability;
  /** Shown under the state's own message (errors, and the details of offline or rate-limited states). */
  readonly errorMessage?: string;
  /** The creator's name, once resolved from createdByUserId. */
  readonly creatorName?: string;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh random nonce (see createNonce) for the one script tag. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly codiconsUri: string;
  /** The UI locale (`vscode.env.language`), for dates and numbers. */
  readonly locale?: string;
  /** Time zone for timestamps; the runtime's by default. */
  readonly timeZone?: string;
  /** `quo.defaultCountry`: its numbers are shown in national format, others internationally; copies keep E.164. */
  readonly defaultCountry?: string;
  readonly pinned?: boolean;
  /** False for a contact of a workspace that is not active: pins are the active workspace's list. */
  readonly canPin?: boolean;
  /** The panel's Quo workspace, saved with the page so a reload restores the panel in it. */
  readonly workspaceId?: string;
  /** The workspace's name, shown once there are two or more workspaces; text only. */
  readonly workspaceName?: string;
  /**
   * The Activity section as renderActivitySection drew it (already escaped), shown below the contact's fields;
   * omitted when activity is off. The page updates its body through postMessage afterwards.
   */
  readonly activityHtml?: string;
  /** The "Mentioned in" section as renderMentionsSection drew it; omitted when mentions are off. */
  readonly mentionsHtml?: string;
  /** Offers Edit and Delete (header buttons, `data-action` edit / delete); off by default and in read-only mode. */
  readonly canEdit?: boolean;
}

/** A nonce may only hold base64 / base64url characters, or it could break out of the CSP. */
const NONCE = /^[A-Za-z0-9+/=_-]{16,128}$/;
/**
 * `webview.cspSource` is one or more host sources (`'self' https://*.vscode-cdn.net` in VS Code 1.139). Only
 * `'self'` and host-source characters pass,
 * so it can neither end the directive nor the attribute, and the policy is written unescaped (readable, greppable).
 */
const CSP_SOURCE = /^(?:'self'|[\w+.:/*-]+)(?: (?:'self'|[\w+.:/*-]+))*$/;

export function renderPanelHtml(input: PanelInput): string {
  if (!NONCE.test(input.nonce)) {
    throw new Error('renderPanelHtml: the nonce must be 16-128 base64 characters');
  }
  if (!CSP_SOURCE.test(input.cspSource)) {
    throw new Error('renderPanelHtml: invalid cspSource');
  }
  const format = createFormatter(input.locale, input.timeZone);
  const contact = input.contact;
  const contactId = input.contactId ?? contact?.id;
  // "ready" with nothing to show would be a blank page; say something went wrong instead.
  const state: PanelState = input.state === 'ready' && !contact ? 'error' : input.state;
  const title = contact ? forTitle(contactDisplayName(contact)) : l10n.t('Quo Contact');
  const csp = [
    "default-src 'none'",
    `style-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `img-src ${input.cspSource}`,
    // A call's recording, handed over as a data: URL once downloaded (without the key) on Play; nothing else.
    'media-src data:',
    `script-src 'nonce-${input.nonce}'`,
  ].join('; ');

  const main = [
    state === 'ready' ? '' : renderStatus(state, input, contactId, contact !== undefined),
    contact ? renderContact(contact, input, format) : '',
  ].join('');

  return `<!DOCTYPE html>
<html lang="${attr(format.locale ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(input.codiconsUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${attr(input.styleUri)}">
<title>${html(title)}</title>
</head>
<body data-state="${attr(state === 'unavailable' ? (input.availability?.kind ?? 'starting') : state)}"${contactId ? ` data-contact-id="${attr(contactId)}"` : ''}${input.workspaceId ? ` data-workspace-id="${attr(input.workspaceId)}"` : ''}>
<main class="panel">
${main}
</main>
<script nonce="${attr(input.nonce)}" src="${attr(input.scriptUri)}"></script>
</body>
</html>
`;
}

interface StatusCopy {
  readonly title: string;
  readonly detail: string;
  readonly icon: string;
  readonly action: { readonly type: 'retry' | 'setApiKey' | 'openSettings' | 'openInActiveWorkspace'; readonly label: string } | undefined;
}

function statusCopy(
  state: Exclude<PanelState, 'ready'>,
  input: PanelInput,
  contactId: string | undefined,
  hasContact: boolean,
): StatusCopy {
  switch (state) {
    case 'loading':
      return {
        title: hasContact ? l10n.t('Refreshing…') : l10n.t('Loading contact…'),
        detail: l10n.t('Fetching the contact from Quo.'),
        icon: 'loading codicon-modifier-spin',
        action: undefined,
      };
    case 'not-found':
      return {
        title: l10n.t('Contact not found'),
        detail:
          contactId === undefined
            ? l10n.t(
                'Quo has no contact with the id given in this workspace. It may have been deleted, or it belongs to a workspace your API key cannot see.',
              )
            : l10n.t(
                'Quo has no contact with the id “{0}” in this workspace. It may have been deleted, or it belongs to a workspace your API key cannot see.',
                cleanLine(contactId),
              ),
        icon: 'question',
        action: { type: 'retry', label: l10n.t('Retry') },
      };
    case 'unavailable': {
      const copy = availabilityCopy(input.availability ?? { kind: 'starting' });
      return {
        title: copy.title,
        detail: hasContact ? l10n.t('{0} Showing the details loaded before.', copy.detail) : copy.detail,
        icon: copy.icon.replace('~spin', ' codicon-modifier-spin'),
        action: copy.action && copy.actionLabel ? { type: copy.action, label: copy.actionLabel } : undefined,
      };
    }
    case 'workspace-removed':
      return {
        title: l10n.t('Workspace removed'),
        detail: l10n.t('The Quo workspace this contact was opened in was removed from VS Code, so its details are not shown.'),
        icon: 'organization',
        action: { type: 'openInActiveWorkspace', label: l10n.t('Open in the Active Workspace') },
      };
    case 'error':
      return {
        title: l10n.t('Could not load the contact'),
        detail: hasContact
          ? l10n.t('Something went wrong talking to Quo. Showing the details loaded before.')
          : l10n.t('Something went wrong talking to Quo.'),
        icon: 'error',
        action: { type: 'retry', label: l10n.t('Retry') },
      };
  }
}

const ACTION_ICONS = { retry: 'refresh', setApiKey: 'key', openSettings: 'settings-gear', openInActiveWorkspace: 'organization' } as const;

function renderStatus(
  state: Exclude<PanelState, 'ready'>,
  input: PanelInput,
  contactId: string | undefined,
  hasContact: boolean,
): string {
  const copy = statusCopy(state, input, contactId, hasContact);
  const heading = hasContact ? 'p' : 'h1';
  const buttons: string[] = [];
  if (copy.action) {
    buttons.push(button(copy.action.type, copy.action.label, ACTION_ICONS[copy.action.type], 'primary'));
  }
  if (copy.action && copy.action.type !== 'retry' && copy.action.type !== 'openInActiveWorkspace' && state !== 'loading') {
    // Fixing the key or the settings retries by itself; the button is there for a fix made elsewhere.
    buttons.push(button('retry', l10n.t('Retry'), 'refresh', 'secondary'));
  }
  const message = input.errorMessage ? cleanMultiline(input.errorMessage) : '';
  const kind = state === 'unavailable' ? (input.availability?.kind ?? 'starting') : state;
  return `<section class="status status-${kind}${hasContact ? ' status-banner' : ''}" role="${state === 'loading' ? 'status' : 'alert'}">
<span class="status-icon codicon codicon-${copy.icon}" aria-hidden="true"></span>
<div class="status-body">
<${heading} class="status-title">${html(copy.title)}</${heading}>
<p class="status-detail">${html(copy.detail)}</p>
${hasContact ? '' : workspaceLine(input)}${message === '' ? '' : `<p class="status-message">${html(message)}</p>\n`}${buttons.length > 0 ? `<div class="actions">${buttons.join('')}</div>\n` : ''}</div>
</section>
`;
}

/** Which Quo workspace the panel belongs to, once there are two or more. */
function workspaceLine(input: PanelInput): string {
  if (input.workspaceName === undefined) {
    return '';
  }
  const label = l10n.t('Quo workspace: {0}', cleanLine(input.workspaceName));
  return `<p class="workspace" title="${attr(label)}" aria-label="${attr(label)}"><span class="codicon codicon-organization" aria-hidden="true"></span> ${html(cleanLine(input.workspaceName))}</p>\n`;
}

/** The title of the panel's tab when no contact is shown. */
export function panelTitle(input: Pick<PanelInput, 'state' | 'availability'>): string {
  if (input.state === 'unavailable') {
    return availabilityCopy(input.availability ?? { kind: 'starting' }).title;
  }
  if (input.state === 'workspace-removed') {
    return l10n.t('Workspace removed');
  }
  return input.state === 'not-found' ? l10n.t('Contact not found') : l10n.t('Quo Contact');
}

function renderContact(contact: Contact, input: PanelInput, format: Formatter): string {
  // With a contact on the page its name is the h1 and a state shows as a banner above it.
  const fields = contact.defaultFields;
  const name = contactDisplayName(contact);
  const subtitle = [fields.company, fields.role]
    .map((value) => (value === null ? '' : cleanLine(value)))
    .filter((value) => value !== '')
    .join(' · ');
  const pinned = input.pinned === true;
  const pinTitle = pinned
    ? l10n.t({ message: 'Unpin', comment: ['Button that unpins the contact panel'] })
    : l10n.t({ message: 'Pin', comment: ['Button that pins the contact panel'] });
  const pinLabel = pinned ? l10n.t('Unpin this panel') : l10n.t('Pin this panel');
  return `<article>
<header class="contact-header">
<span class="avatar codicon codicon-account" aria-hidden="true"></span>
<div class="identity">
<h1>${html(name)}</h1>
${subtitle === '' ? '' : `<p class="subtitle">${html(subtitle)}</p>\n`}${workspaceLine(input)}</div>
<div class="toolbar" role="toolbar" aria-label="${attr(l10n.t('Contact actions'))}">
${input.canEdit === true ? `${iconButton('edit', l10n.t('Edit contact'), 'edit')}\n` : ''}${iconButton('refresh', l10n.t('Refresh'), 'refresh')}
${input.canPin === false ? '' : `<button type="button" class="icon-button" data-action="togglePin" aria-pressed="${pinned}" title="${attr(pinTitle)}" aria-label="${attr(pinLabel)}"><span class="codicon codicon-${pinned ? 'pinned' : 'pin'}" aria-hidden="true"></span></button>\n`}${iconButton('copyJson', l10n.t('Copy as JSON'), 'json')}
${input.canEdit === true ? `${iconButton('delete', l10n.t('Delete contact'), 'trash')}\n` : ''}${button('openInQuo', l10n.t('Open in Quo'), 'link-external', 'primary')}
</div>
</header>
<div id="contact-fields">
${renderValues(l10n.t('Phone numbers'), 'phones', fields.phoneNumbers, l10n.t('No phone numbers'), l10n.t('Copy phone number'), (value) => displayPhone(value, input.defaultCountry))}
${renderValues(l10n.t('Emails'), 'emails', fields.emails, l10n.t('No emails'), l10n.t('Copy email'))}
<section class="section" aria-labelledby="section-details">
<h2 id="section-details">${html(l10n.t({ message: 'Details', comment: ['Heading of the contact panel section with name, company and role'] }))}</h2>
<dl class="fields">
${row(l10n.t('First name'), text(fields.firstName))}
${row(l10n.t('Last name'), text(fields.lastName))}
${row(l10n.t('Company'), text(fields.company))}
${row(l10n.t({ message: 'Role', comment: ["The contact's job title"] }), text(fields.role))}
</dl>
</section>
${renderCustomFields(contact.customFields, format)}
</div>
<section class="section" aria-labelledby="section-record">
<h2 id="section-record">${html(l10n.t({ message: 'Record', comment: ['Heading of the contact panel section with ids, source and timestamps'] }))}</h2>
<dl class="fields">
${row(l10n.t('Contact id'), copyableCode(contact.id, l10n.t('Copy contact id')))}
${row(l10n.t('External id'), copyableCode(contact.externalId, l10n.t('Copy external id')))}
${row(l10n.t({ message: 'Source', comment: ['Where the contact came from (an import, an integration)'] }), text(contact.source))}
${row(l10n.t('Source URL'), urlValue(contact.sourceUrl))}
${row(l10n.t({ message: 'Created', comment: ['When the contact was created'] }), timestamp(contact.createdAt, format))}
${row(l10n.t({ message: 'Updated', comment: ['When the contact was last updated'] }), timestamp(contact.updatedAt, format))}
${row(l10n.t('Created by'), creator(contact.createdByUserId, input.creatorName))}
</dl>
</section>
${input.activityHtml ?? ''}
${input.mentionsHtml ?? ''}
</article>
`;
}

function renderValues(
  title: string,
  id: string,
  values: readonly LabelledValue[],
  emptyText: string,
  copyLabel: string,
  shown: (value: string) => string = (value) => value,
): string {
  const items = values.map((entry) => {
    const label = cleanLine(entry.name);
    const value = entry.value === null ? '' : cleanLine(entry.value);
    return `<li class="value-row">
<span class="value-label">${label === '' ? '' : html(label)}</span>
${value === '' ? notSet() : `<span class="value">${html(cleanLine(shown(value)))}</span>${copyButton(value, copyLabel)}`}
</li>`;
  });
  const body =
    items.length === 0 ? `<p class="empty">${html(emptyText)}</p>` : `<ul class="values">\n${items.join('\n')}\n</ul>`;
  return `<section class="section" aria-labelledby="section-${id}">
<h2 id="section-${id}">${html(title)}</h2>
${body}
</section>`;
}

function renderCustomFields(customFields: readonly CustomField[], format: Formatter): string {
  const rows = customFields.map((field) => {
    const key = field.key ? ` title="${attr(l10n.t('Key: {0}', cleanLine(field.key)))}"` : '';
    return `<div class="field field-${attr(field.type)}" data-type="${attr(field.type)}"><dt${key}>${html(cleanLine(field.name))}</dt><dd>${customValue(field, format)}</dd></div>`;
  });
  const body =
    rows.length === 0
      ? `<p class="empty">${html(l10n.t('No custom fields'))}</p>`
      : `<dl class="fields">\n${rows.join('\n')}\n</dl>`;
  return `<section class="section" aria-labelledby="section-custom">
<h2 id="section-custom">${html(l10n.t('Custom fields'))}</h2>
${body}
</section>`;
}

/** One custom field's value, by type. A value whose runtime type does not match its declared type is shown as text. */
function customValue(field: CustomField, format: Formatter): string {
  const value: unknown = field.value;
  if (value === null || value === undefined) {
    return notSet();
  }
  switch (field.type) {
    case 'multi-select': {
      const items = Array.isArray(value)
        ? value.filter((item): item is string => typeof item === 'string').map(cleanLine).filter((item) => item !== '')
        : [];
      return items.length === 0
        ? notSet()
        : `<ul class="chips">${items.map((item) => `<li class="chip">${html(item)}</li>`).join('')}</ul>`;
    }
    case 'boolean':
      if (typeof value === 'boolean') {
        return `<span class="bool bool-${value ? 'yes' : 'no'}"><span class="codicon codicon-${value ? 'check' : 'close'}" aria-hidden="true"></span>${html(format.boolean(value))}</span>`;
      }
      break;
    case 'number':
      if (typeof value === 'number') {
        return `<span class="number">${html(format.number(value))}</span>`;
      }
      break;
    case 'date':
      if (typeof value === 'string') {
        return dateValue(value, format.date(value));
      }
      break;
    case 'url':
      if (typeof value === 'string') {
        return urlValue(value);
      }
      break;
    case 'address':
    case 'string':
      if (typeof value === 'string') {
        const cleaned = cleanMultiline(value);
        return cleaned === '' ? notSet() : `<span class="multiline">${html(cleaned)}</span>`;
      }
      break;
  }
  return text(typeof value === 'string' ? value : JSON.stringify(value) ?? '');
}

function urlValue(value: string | null): string {
  if (value === null || cleanLine(value) === '') {
    return notSet();
  }
  const safe = safeHttpUrl(value);
  if (!safe) {
    return `<span class="value">${html(cleanLine(value))}</span>`;
  }
  return `<a href="#" data-href="${attr(safe)}" title="${attr(safe)}">${html(cleanLine(value))}</a>`;
}

function timestamp(iso: string, format: Formatter): string {
  return dateValue(iso, format.dateTime(iso));
}

function dateValue(iso: string, shown: string): string {
  return `<time datetime="${attr(cleanLine(iso))}">${html(shown)}</time>`;
}

function creator(userId: string, name: string | undefined): string {
  const cleanName = name === undefined ? '' : cleanLine(name);
  const cleanId = cleanLine(userId);
  if (cleanName === '') {
    return cleanId === '' ? notSet() : `<code class="value">${html(cleanId)}</code>`;
  }
  return `<span class="value" title="${attr(cleanId)}">${html(cleanName)}</span>`;
}

function row(label: string, valueHtml: string): string {
  return `<div class="field"><dt>${html(label)}</dt><dd>${valueHtml}</dd></div>`;
}

function text(value: string | null): string {
  const cleaned = value === null ? '' : cleanLine(value);
  return cleaned === '' ? notSet() : `<span class="value">${html(cleaned)}</span>`;
}

function notSet(): string {
  return `<span class="empty">${html(l10n.t('Not set'))}</span>`;
}

/** An id shown as code with its copy button, both from the same cleaned value. */
function copyableCode(value: string | null, copyLabel: string): string {
  const shown = value === null ? '' : cleanLine(value);
  return shown === '' ? notSet() : `<code class="value">${html(shown)}</code>${copyButton(shown, copyLabel)}`;
}

/**
 * The clipboard gets what the page shows, cleaned here so no caller can pass the raw value: a line break or control
 * hidden in a contact field would otherwise be pasted too, and in a terminal the hidden line runs. Cleaned the same
 * way as what is shown, before any shortening, and never shortened itself: a copied id or number must be whole.
 */
function copyButton(shown: string, label: string): string {
  const value = cleanLine(shown);
  if (value === '') {
    return '';
  }
  return `<button type="button" class="icon-button copy" data-action="copy" data-value="${attr(value)}" title="${attr(label)}" aria-label="${attr(label)}"><span class="codicon codicon-copy" aria-hidden="true"></span></button>`;
}

function iconButton(action: string, label: string, icon: string): string {
  return `<button type="button" class="icon-button" data-action="${attr(action)}" title="${attr(label)}" aria-label="${attr(label)}"><span class="codicon codicon-${attr(icon)}" aria-hidden="true"></span></button>`;
}
