import * as l10n from '@vscode/l10n';

/**
 * What an API key may look like before it is sent anywhere. A key is visible ASCII (0x21 to 0x7E): a line break
 * from an environment variable read out of a two-line file would otherwise reach the `Authorization` header, whose
 * error message repeats the whole key. The message here never repeats it.
 */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** Undefined when the key may be used; otherwise why not, without the key. */
export function keyFormatProblem(key: string): string | undefined {
  if (key.length === 0) {
    return l10n.t('The API key is empty.');
  }
  if (VISIBLE_ASCII.test(key)) {
    return undefined;
  }
  const index = [...key].findIndex((char) => !VISIBLE_ASCII.test(char));
  const code = key.codePointAt(index) ?? 0;
  const position = index + 1;
  if (code === 0x0a || code === 0x0d) {
    return l10n.t('The API key contains a line break at position {0}; a Quo API key has only visible ASCII characters.', position);
  }
  if (code === 0x20) {
    return l10n.t('The API key contains a space at position {0}; a Quo API key has only visible ASCII characters.', position);
  }
  return l10n.t(
    'The API key contains the character {0} at position {1}; a Quo API key has only visible ASCII characters.',
    `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
    position,
  );
}
