/**
 * How All contacts is grouped: by the name's first letter or by company, in one pass over the index's name-ordered
 * list, and a group too large to open at once cut into ranges. Groups hold positions in that list, never contacts,
 * so a workspace of 10,000 contacts costs one pass per change. Plain (no vscode): the tree model turns groups into
 * nodes.
 */
import * as l10n from '@vscode/l10n';
import { cleanLine, truncate } from '../common/text.js';
import { MAX_COMPANY_LABEL } from '../contacts/contactName.js';
import { foldText } from '../contacts/search/folding.js';
import type { GroupBy } from '../settings/settingsPolicy.js';
import type { ContactList } from '../contacts/contactList.js';

/** A group larger than this is split into ranges, so no expansion creates thousands of items at once. */
export const MAX_GROUP_CHILDREN = 500;
/** Contacts per range of a split group. */
export const RANGE_SIZE = 250;
/** The letter of names that do not start with A–Z. */
export const OTHER_LETTER = '#';
/** Longest name shown at either end of a range's label. */
const RANGE_END_LABEL = 24;

/** The label of the group of contacts without a company (a function: the words are translated when shown). */
export function noCompanyLabel(): string {
  return l10n.t('No company');
}

export interface ContactGroup {
  /**
   * The tree item's id under All contacts, stable across listings so that expansion survives a refresh:
   * `all/letter/A`, `all/company/acme`, and a range's `all/letter/S/250`.
   */
  readonly key: string;
  readonly label: string;
  /** Positions in the name-ordered list the group was made from, ascending. */
  readonly members: readonly number[];
}

/**
 * `source` in the index's name order; groups come in display order, `#` and "No company" last. `compareCompanies`
 * is asked only when grouping by company, so a collator (and its locale data) is made only then.
 */
export function groupContacts(
  source: ContactList,
  groupBy: GroupBy,
  compareCompanies: (a: string, b: string) => number,
): ContactGroup[] {
  return groupBy === 'company' ? byCompany(source, compareCompanies) : byLetter(source);
}

/**
 * A group's members as consecutive ranges of RANGE_SIZE, each labelled with the first and last names in it. The
 * caller splits only groups of more than MAX_GROUP_CHILDREN.
 */
export function groupRanges(group: ContactGroup, source: ContactList): ContactGroup[] {
  const ranges: ContactGroup[] = [];
  for (let from = 0; from < group.members.length; from += RANGE_SIZE) {
    const members = group.members.slice(from, from + RANGE_SIZE);
    const first = source.nameAt(members[0]);
    const last = source.nameAt(members[members.length - 1]);
    ranges.push({
      key: `${group.key}/${from}`,
      label: `${truncate(first, RANGE_END_LABEL)} – ${truncate(last, RANGE_END_LABEL)}`,
      members,
    });
  }
  return ranges;
}

/** A–Z by the name's first letter with accents and case folded (`Émile` → E); anything else is `#`. */
export function letterOf(name: string): string {
  const first = foldText(name.slice(0, 4)).charAt(0).toUpperCase();
  return first >= 'A' && first <= 'Z' ? first : OTHER_LETTER;
}

function byLetter(source: ContactList): ContactGroup[] {
  const members = new Map<string, number[]>();
  for (let position = 0; position < source.length; position++) {
    const letter = letterOf(source.nameAt(position));
    let list = members.get(letter);
    if (list === undefined) {
      list = [];
      members.set(letter, list);
    }
    list.push(position);
  }
  const letters = [...members.keys()].sort((a, b) => (a === OTHER_LETTER ? 1 : b === OTHER_LETTER ? -1 : a < b ? -1 : 1));
  return letters.map((letter) => ({ key: `all/letter/${letter}`, label: letter, members: members.get(letter) as number[] }));
}

function byCompany(source: ContactList, compare: (a: string, b: string) => number): ContactGroup[] {
  const groups = new Map<string, { label: string; members: number[] }>();
  for (let position = 0; position < source.length; position++) {
    const raw = source.companyAt(position);
    const company = raw === null ? '' : cleanLine(raw);
    // Spelt differently, the same company: `ACME`, `Acme`, `Acmé`.
    const key = company === '' ? '' : foldText(company).replace(/\s+/g, ' ').trim();
    let group = groups.get(key);
    if (group === undefined) {
      group = { label: key === '' ? noCompanyLabel() : truncate(company, MAX_COMPANY_LABEL), members: [] };
      groups.set(key, group);
    }
    group.members.push(position);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    if (a === '' || b === '') {
      return a === '' ? 1 : -1;
    }
    return compare(a, b) || (a < b ? -1 : 1);
  });
  return keys.map((key) => {
    const group = groups.get(key) as { label: string; members: number[] };
    return { key: `all/company/${key}`, label: group.label, members: group.members };
  });
}
