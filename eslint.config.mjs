// Type-aware lint. The rules that matter most here catch promises nobody awaits (VS Code calls most of our callbacks
// and drops what they return) and user-facing text that bypasses translation.
import tseslint from 'typescript-eslint';

// Text in a literal: a string with a word in it, or a template with a word outside a `$(icon)`.
const TEXT = [
  'Literal[value=/[A-Za-z]{2,}/]',
  'TemplateLiteral:has(TemplateElement[value.raw=/(^|[^(a-z-])[A-Za-z]{2,}/])',
];
const TRANSLATE = 'Text the user reads goes through the translation function: vscode.l10n.t(...) or l10n.t(...) from @vscode/l10n.';

/** Text directly under `parent` (as its `child` when given), or in a branch of a conditional there. */
function textUnder(parent, child = '') {
  return TEXT.flatMap((text) => [`${parent} > ${text}${child}`, `${parent} > ConditionalExpression${child} > ${text}`]);
}

/** Messages, progress titles and input box / quick pick titles, prompts and placeholders must not be literals. */
const untranslatedText = [
  ...textUnder('CallExpression[callee.property.name=/^(show(Information|Warning|Error)Message|setStatusBarMessage)$/]', ':first-child'),
  ...textUnder('CallExpression[callee.property.name="withProgress"] Property[key.name="title"]'),
  ...textUnder(
    'CallExpression[callee.property.name=/^(showInputBox|showQuickPick|showOpenDialog|showSaveDialog)$/] Property[key.name=/^(title|prompt|placeHolder|placeholder|openLabel|saveLabel)$/]',
  ),
  ...textUnder('AssignmentExpression[left.property.name=/^(title|prompt|placeholder|placeHolder|validationMessage|tooltip)$/]', '.right'),
].map((selector) => ({ selector, message: TRANSLATE }));

/** The bundle is extracted statically, and a value in a message key would make every value a new string to translate. */
const dynamicMessages = [
  'CallExpression[callee.property.name="t"][callee.object.name="l10n"] > :not(Literal, ObjectExpression):first-child',
  'CallExpression[callee.property.name="t"][callee.object.property.name="l10n"] > :not(Literal, ObjectExpression):first-child',
].map((selector) => ({ selector, message: 'A translated message is a string literal; values go in as {0}, {1}… arguments.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-vsix/**', '.vscode-test/**', 'node_modules/**', 'test-output/**', 'media/**', 'l10n/**', 'out/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // tsc's noUnusedLocals already reports these, with the project's conventions.
      '@typescript-eslint/no-unused-vars': 'off',
      // An async function without await is how a fake or an interface's implementation returns a promise; the bugs
      // this rule hunts (a forgotten await) are what no-floating-promises and no-misused-promises report.
      '@typescript-eslint/require-await': 'off',
      // Re-rejecting what a catch or an AbortSignal hands over keeps the original reason, whatever its type.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // A variable read by a clean-up closure before it is assigned (teardown on a failed start) must stay a let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...untranslatedText, ...dynamicMessages] },
  },
);
