/**
 * The one edit-distance test the typo tolerance needs, kept apart because it is pure string arithmetic with an
 * exact contract (the unit tests pin it case by case), and it runs for every vocabulary word, for each long word of
 * the query, on every keystroke, so it must allocate nothing. Full edit distance would be slower and would not see
 * a typo in a word still being typed.
 */

/**
 * Whether `query` is within one edit (substitution, insertion, deletion or transposition of neighbours) of a prefix
 * of `word`: of the prefix of the query's length, one longer or one shorter. Prefix-aware so that a typo shows its
 * matches while the word is still being typed (`lovle` finds Lovelace). Allocates nothing.
 */
export function withinOneEditOfPrefix(query: string, word: string): boolean {
  const length = query.length;
  if (word.length < length - 1) {
    return false;
  }
  let same = 0;
  const limit = Math.min(length, word.length);
  while (same < limit && query.charCodeAt(same) === word.charCodeAt(same)) {
    same++;
  }
  if (same === length) {
    return true;
  }
  // Insertion in the query: it has one extra character at `same`.
  if (equalRange(query, same + 1, word, same, length - same - 1)) {
    return true;
  }
  if (word.length >= length) {
    // Substitution at `same`.
    if (equalRange(query, same + 1, word, same + 1, length - same - 1)) {
      return true;
    }
    // Transposition of `same` and the character after it.
    if (
      same + 1 < length &&
      query.charCodeAt(same) === word.charCodeAt(same + 1) &&
      query.charCodeAt(same + 1) === word.charCodeAt(same) &&
      equalRange(query, same + 2, word, same + 2, length - same - 2)
    ) {
      return true;
    }
  }
  // Deletion in the query: it lacks the word's character at `same`.
  return word.length >= length + 1 && equalRange(query, same, word, same + 1, length - same);
}

function equalRange(a: string, aStart: number, b: string, bStart: number, count: number): boolean {
  if (count <= 0) {
    return true;
  }
  if (bStart + count > b.length || aStart + count > a.length) {
    return false;
  }
  for (let i = 0; i < count; i++) {
    if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) {
      return false;
    }
  }
  return true;
}
