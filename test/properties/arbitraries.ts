/**
 * Hostile text for every property. Long inputs are generated as recipes (a short piece and how long to make it), not
 * as the text itself: fast-check prints and shrinks the recipe, so a failure reads "`é` to 130,000 characters"
 * instead of a megabyte of counterexample.
 */
import fc from 'fast-check';

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));

/** Latin-1 beyond ASCII, control characters (C1) included: each fits one byte in V8's narrow strings. */
export const LATIN1_NON_ASCII = range(0x80, 0xff);
export const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];
export const COMBINING_MARKS = ['\u0301', '\u0308', '\u0327', '\u0345', '\u064b', '\u20dd', '\ufe20'];
/** Marks, embeddings, overrides and isolates that reorder text. */
export const BIDI = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
/** Characters that draw nothing or join: what hides a difference between two strings. */
export const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u3164', '\ufe0f'];
export const SPACES = [' ', '\t', '\n', '\r', '\r\n', '\u00a0', '\u2009', '\u202f', '\u2028', '\u2029', '\u0085', '\u3000', '\v', '\f'];
export const CONTROLS = [...range(0x00, 0x1f), '\x7f', ...range(0x80, 0x9f)];
/** Letters that change length or shape when folded or cased. */
export const CASE_TRAPS = ['ß', 'ẞ', 'İ', 'ı', 'ŉ', 'ǅ', 'Ω', 'K', 'ﬁ', 'ﬀ', 'Σ', 'ς', 'Ł', 'Ø', 'Æ', 'Œ', 'Þ', 'ŀ', '㎒', '①', 'Ａ', '９', '٣', '߉', '𝟗', '\u{1d400}'];
export const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', '’', '‘', '“', '”', '«', '»', '–', '—', '…'];

/** One piece of hostile text: anything from one odd character to a short Unicode string. */
export const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 12 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 2 },
  fc.constantFrom(...LATIN1_NON_ASCII),
  fc.constantFrom(...LONE_SURROGATES),
  fc.constantFrom(...COMBINING_MARKS),
  fc.constantFrom(...BIDI),
  fc.constantFrom(...INVISIBLE),
  fc.constantFrom(...SPACES),
  fc.constantFrom(...CONTROLS),
  fc.constantFrom(...CASE_TRAPS),
  fc.constantFrom(...PUNCTUATION),
);

/** Short hostile text: a few pieces. */
export const hostileText: fc.Arbitrary<string> = fc.array(hostilePiece, { maxLength: 24 }).map((pieces) => pieces.join(''));

export interface LongRecipe {
  readonly piece: string;
  readonly length: number;
}

/** `recipe.piece` repeated to exactly `recipe.length` UTF-16 units (the last copy cut). */
export function build(recipe: LongRecipe): string {
  if (recipe.piece.length === 0) {
    return '';
  }
  return recipe.piece.repeat(Math.ceil(recipe.length / recipe.piece.length)).slice(0, recipe.length);
}

function recipe(piece: fc.Arbitrary<string>, minLength: number, maxLength: number): fc.Arbitrary<LongRecipe> {
  return fc.record({ piece, length: fc.integer({ min: minLength, max: maxLength }) });
}

/** Latin-1 non-ASCII of 130,000+ characters: one accented field long enough to overflow a spread of char codes. */
export const latin1Recipe: fc.Arbitrary<LongRecipe> = recipe(
  fc.string({ unit: fc.constantFrom(...LATIN1_NON_ASCII), minLength: 1, maxLength: 4 }),
  130_000,
  200_000,
);

/** Long text of one character class, as the issue lists them. */
export const longHostileRecipe: fc.Arbitrary<LongRecipe> = fc.oneof(
  latin1Recipe,
  // A megabyte of punctuation (a pasted query), runs of `+`, 10,000 spaces.
  recipe(fc.string({ unit: fc.constantFrom(...PUNCTUATION), minLength: 1, maxLength: 8 }), 1_000_000, 1_100_000),
  recipe(fc.constantFrom('+', '++ ', '+1', '+-'), 10_000, 200_000),
  recipe(fc.constantFrom(' ', '  \t', '\u00a0 '), 10_000, 20_000),
  recipe(fc.array(fc.constantFrom(...LONE_SURROGATES, ...COMBINING_MARKS, ...BIDI), { minLength: 1, maxLength: 6 }).map((a) => a.join('')), 10_000, 150_000),
  recipe(hostilePiece.filter((piece) => piece.length > 0), 10_000, 150_000),
);

/** A generated text that prints as its recipe: a failing megabyte reads as one line. */
export class GeneratedText {
  private built: string | undefined;
  constructor(private readonly source: string | LongRecipe) {}

  get text(): string {
    this.built ??= typeof this.source === 'string' ? this.source : build(this.source);
    return this.built;
  }

  [fc.toStringMethod](): string {
    return typeof this.source === 'string'
      ? JSON.stringify(this.source)
      : `${JSON.stringify(this.source.piece)} repeated to ${this.source.length} units`;
  }
}

/** Mostly short hostile text, sometimes a long one built from a recipe. */
export const anyText: fc.Arbitrary<GeneratedText> = fc.oneof(
  { arbitrary: hostileText.map((text) => new GeneratedText(text)), weight: 4 },
  longHostileRecipe.map((recipe) => new GeneratedText(recipe)),
);
