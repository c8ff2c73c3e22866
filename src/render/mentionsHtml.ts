/**
 * The contact panel's "Mentioned in" section: the workspace files that mention the contact, newest change first,
 * each with the lines it is mentioned on; a line opens the file there. Paths come from the workspace, so they are
 * escaped like anything from Quo. Long lists are cut, and say how much more "Find All Mentions" shows.
 */
import * as l10n from '@vscode/l10n';
import type { MentionKind } from '../mentions/mentionKeys.js';
import { attr, button, html } from './html.js';

/** Files shown in the section; the rest are counted. */
export const MAX_FILES_SHOWN = 30;
/** Lines shown per file. */
export const MAX_LINES_SHOWN = 10;

export interface MentionFileView {
  /** As the workspace names it (relative), for the row. */
  readonly path: string;
  readonly mentions: readonly { readonly line: number; readonly kind: MentionKind }[];
}

export interface MentionsView {
  /** `searching`: the first scan is under way; `stopped`: it was cancelled part-way. */
  readonly state: 'searching' | 'ready' | 'stopped';
  readonly scanned: number;
  readonly total: number;
  readonly files: readonly MentionFileView[];
}

export function renderMentionsSection(view: MentionsView): string {
  return `<section class="section mentions" id="mentions" aria-labelledby="section-mentions">
<h2 id="section-mentions">${html(l10n.t({ message: 'Mentioned in', comment: ['Heading of the contact panel section listing the workspace files that mention the contact'] }))}</h2>
<div class="mentions-body" data-mentions-body aria-live="polite" aria-busy="${view.state === 'searching'}">
${renderMentionsBody(view)}
</div>
</section>`;
}

function kindText(kind: MentionKind): string {
  switch (kind) {
    case 'id':
      return l10n.t('contact id or link');
    case 'phone':
      return l10n.t('phone number');
    case 'email':
      return l10n.t('email address');
  }
}

/** The section's body: sent to the page as the index changes. */
export function renderMentionsBody(view: MentionsView): string {
  const parts: string[] = [];
  if (view.state === 'searching') {
    parts.push(
      `<p class="activity-note activity-loading" role="status"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span><span>${html(
        view.total > 0 ? l10n.t('Searching the workspace… {0} of {1} files', view.scanned, view.total) : l10n.t('Searching the workspace…'),
      )}</span></p>`,
    );
  } else if (view.state === 'stopped') {
    parts.push(
      `<p class="activity-note activity-note-warning" role="status"><span class="codicon codicon-warning" aria-hidden="true"></span><span>${html(
        l10n.t('The search was stopped after {0} of {1} files: opening this panel again goes on with it.', view.scanned, view.total),
      )}</span></p>`,
    );
  }
  if (view.files.length === 0) {
    if (view.state !== 'searching') {
      parts.push(`<p class="empty">${html(l10n.t('No file in this workspace mentions this contact.'))}</p>`);
    }
    return parts.join('\n');
  }
  const rows = view.files.slice(0, MAX_FILES_SHOWN).map((file, fileIndex) => {
    const lines = file.mentions.slice(0, MAX_LINES_SHOWN).map((mention, mentionIndex) => {
      const label = l10n.t('Line {0}', mention.line + 1);
      return `<li><button type="button" class="mention-line" data-action="openMention" data-value="${fileIndex}:${mentionIndex}" aria-label="${attr(
        `${file.path}, ${label}, ${kindText(mention.kind)}`,
      )}"><span class="mention-line-number">${html(label)}</span><span class="mention-kind">${html(kindText(mention.kind))}</span></button></li>`;
    });
    const moreLines = file.mentions.length - MAX_LINES_SHOWN;
    if (moreLines > 0) {
      lines.push(`<li class="mention-more">${html(l10n.t('and {0} more in this file', moreLines))}</li>`);
    }
    return `<li class="mention-file"><div class="mention-path"><span class="codicon codicon-file" aria-hidden="true"></span><span>${html(file.path)}</span></div>
<ul class="mention-lines">${lines.join('')}</ul></li>`;
  });
  const moreFiles = view.files.length - MAX_FILES_SHOWN;
  if (moreFiles > 0) {
    rows.push(`<li class="mention-more">${html(l10n.t('and {0} more files', moreFiles))}</li>`);
  }
  parts.push(`<ul class="mention-files">${rows.join('\n')}</ul>`);
  parts.push(`<div class="actions">${button('findMentions', l10n.t('Show All in Peek'), 'references', 'secondary')}</div>`);
  return parts.join('\n');
}
