import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The plain modules must load in Node without VS Code, so unit tests (and a future web or CLI build) can use them. */
const PLAIN_FOLDERS = ['src/quo', 'src/detect', 'src/contacts', 'src/render', 'src/panel/webview'];
const PLAIN_FILES = [
  'src/panel/messages.ts',
  'src/auth/keyFingerprint.ts',
  'src/sidebar/treeModel.ts',
  'src/sidebar/inFile.ts',
  'src/sidebar/indexController.ts',
];

function tsFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

describe('Module boundaries', () => {
  const files = [...PLAIN_FOLDERS.flatMap(tsFiles), ...PLAIN_FILES];

  it('finds the plain modules', () => {
    assert.ok(files.length > 20, `only ${files.length} files found`);
  });

  for (const file of files) {
    it(`${file} does not import vscode`, () => {
      assert.doesNotMatch(readFileSync(file, 'utf8'), /from ['"]vscode['"]|require\(['"]vscode['"]\)/);
    });
  }
});
