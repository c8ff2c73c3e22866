/**
 * One notion of "the same text" for everything that compares what people type with what contacts hold: the query,
 * the haystacks and the typo vocabulary are all folded here, so a match never depends on case, accents or how an
 * apostrophe was typed. The sidebar groups and sorts by the same folding, so what it shows together the search finds
 * together.
 */

/**
 * Text as the search compares it: lower case, accents and other combining marks removed (`Zoë` → `zoe`), letters
 * that do not decompose spelt as people type them without the key (`ł` → `l`, `ß` → `ss`), apostrophes dropped
 * (`O'Brien` → `obrien`), control characters and odd spaces turned into plain spaces.
 */
export function foldText(text: string): string {
  let folded = text;
  if (NON_ASCII.test(folded)) {
    folded = narrow(
      folded.normalize('NFKD').replace(COMBINING_MARKS, '').replace(UNDECOMPOSED, (c) => SPELLED_OUT[c] ?? c),
    );
  }
  folded = folded.toLowerCase();
  if (NEEDS_CLEANING.test(folded)) {
    folded = folded.replace(APOSTROPHES, '').replace(CONTROL_OR_SPACE, ' ');
  }
  return folded;
}

const NON_ASCII = /[^\x00-\x7f]/;
const BEYOND_LATIN1 = /[^\x00-\xff]/;

/**
 * V8 keeps a string two bytes per character once any step made it so, and NFKD does, even when the accents it split
 * off are then removed. One such name makes its whole haystack block two-byte: measured, that doubled the search
 * text of 10,000 sandbox contacts. Text that fits in Latin-1 is rebuilt, which V8 stores one byte per character.
 */
function narrow(text: string): string {
  if (BEYOND_LATIN1.test(text)) {
    return text;
  }
  // In chunks: spreading more than about 125,000 arguments throws a RangeError, and one long field must not break
  // the index that holds it.
  let narrowed = '';
  const codes = new Array<number>(Math.min(text.length, NARROW_CHUNK));
  for (let start = 0; start < text.length; start += NARROW_CHUNK) {
    const end = Math.min(text.length, start + NARROW_CHUNK);
    codes.length = end - start;
    for (let i = start; i < end; i++) {
      codes[i - start] = text.charCodeAt(i);
    }
    narrowed += String.fromCharCode(...codes);
  }
  return narrowed;
}
const NARROW_CHUNK = 8192;
const COMBINING_MARKS = /\p{M}+/gu;
const UNDECOMPOSED = /[łŁøØđĐßẞæÆœŒıþÞ]/g;
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i', þ: 'th',
  Þ: 'TH',
};
const NEEDS_CLEANING = /[\x00-\x1f\x7f-\x9f'’\s]/;
const APOSTROPHES = /['’]/g;
/**
 * Plain spaces are left alone; everything else that separates (tabs, newlines, no-break spaces) becomes one, and so
 * do the C1 controls, which are no letters although they lie beyond ASCII.
 */
const CONTROL_OR_SPACE = /[\x00-\x1f\x7f-\x9f]|[^\S ]/g;

export function isWordChar(code: number): boolean {
  // Anything beyond ASCII counts as a letter: folding has already removed the marks and spaces that would not.
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || code >= 128;
}

/** Only for folded text: upper case never survives folding, so it needs no test. */
export function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || code >= 128;
}
