/**
 * What the contact panel shows when Save finds the contact changed in Quo since the form opened: field by field, what
 * Quo has now (a teammate's change) and what the user typed, and three buttons. A pure function, posted to the page
 * as `conflict` and shown above the form; its heading (`[data-conflict-heading]`, focusable) takes the focus.
 * Values are plain text, cleaned and escaped like the panel's; the buttons post `overwrite`, `keepTheirs` and
 * `cancelSave` (their `data-action`).
 */
import * as l10n from '@vscode/l10n';
import { cleanLine, cleanMultiline } from '../common/text.js';
import { attr, button, html } from './html.js';

export interface ComparisonField {
  /** The field's name as the form labels it ("Company", a custom field's name). */
  readonly label: string;
  /** When the form opened. */
  readonly base: string;
  /** In Quo now. */
  readonly theirs: string;
  /** In the form. */
  readonly mine: string;
  readonly changedBy: 'them' | 'me' | 'both';
}

export interface ComparisonInput {
  readonly fields: readonly ComparisonField[];
  /** Who changed the contact in Quo, when known. */
  readonly teammateName?: string;
}

export function renderComparison(input: ComparisonInput): string {
  const teammate = input.teammateName === undefined ? '' : cleanLine(input.teammateName);
  const rows = input.fields.map(row);
  return `<section class="comparison" role="region" aria-labelledby="comparison-title" data-comparison>
<h2 id="comparison-title" class="comparison-title" tabindex="-1" data-conflict-heading><span class="codicon codicon-warning" aria-hidden="true"></span> ${html(l10n.t('This contact was changed in Quo while you edited it'))}</h2>
${teammate === '' ? '' : `<p class="comparison-who">${html(l10n.t('Changed in Quo by {0}.', teammate))}</p>\n`}<p class="comparison-help">${html(
    l10n.t('Overwrite saves the fields you changed and keeps the other changes made in Quo. Keep theirs starts the form again from what Quo has now.'),
  )}</p>
<table class="comparison-table">
<thead><tr><th scope="col">${html(l10n.t({ message: 'Field', comment: ['Column of the comparison: the name of a contact field'] }))}</th><th scope="col">${html(l10n.t('In Quo now'))}</th><th scope="col">${html(l10n.t({ message: 'Yours', comment: ['Column of the comparison: the values in your form'] }))}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<div class="actions">
${button('overwrite', l10n.t('Overwrite'), 'save', 'primary')}
${button('keepTheirs', l10n.t('Keep theirs'), 'discard', 'secondary')}
${button('cancelSave', l10n.t('Cancel'), 'close', 'secondary')}
</div>
</section>`;
}

function row(field: ComparisonField): string {
  const theirsChanged = field.changedBy !== 'me';
  const mineChanged = field.changedBy !== 'them';
  const base = cleanMultiline(field.base);
  return `<tr data-changed-by="${attr(field.changedBy)}">
<th scope="row">${html(cleanLine(field.label))}<span class="comparison-before">${html(l10n.t('Before: {0}', base === '' ? l10n.t('Not set') : base))}</span></th>
<td${theirsChanged ? ' class="comparison-changed"' : ''}>${value(field.theirs)}${theirsChanged ? tag(l10n.t('Changed in Quo')) : ''}</td>
<td${mineChanged ? ' class="comparison-changed"' : ''}>${value(field.mine)}${mineChanged ? tag(l10n.t('Changed by you')) : ''}</td>
</tr>`;
}

function value(text: string): string {
  const cleaned = cleanMultiline(text);
  return cleaned === '' ? `<span class="empty">${html(l10n.t('Not set'))}</span>` : `<span class="multiline">${html(cleaned)}</span>`;
}

function tag(text: string): string {
  return `<span class="comparison-tag">${html(text)}</span>`;
}
