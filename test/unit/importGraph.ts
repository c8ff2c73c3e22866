/**
 * Reads the imports of a TypeScript source, for the layer rules in architecture.test.ts. It parses with the
 * TypeScript compiler rather than matching lines, so every form is found wherever it stands: `import … from` (also
 * spread over several lines, and `import type`), a side-effect `import '…'`, `export … from` and `export * from`,
 * `require('…')` and `import x = require('…')`, a dynamic `import('…')` (inside a function too), and a type's
 * `import('…').T`. Comments and strings that merely look like imports are not imports.
 */
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

export type ImportForm = 'import' | 'side-effect' | 'export-from' | 'require' | 'dynamic' | 'import-equals' | 'type-query';

export interface FoundImport {
  /** The module named, or undefined when it is computed (`require(name)`), which no rule can check. */
  readonly specifier: string | undefined;
  readonly form: ImportForm;
  /** Erased from the JavaScript: `import type`, `export type`, imports of `type` names only, `import('…').T`. */
  readonly typeOnly: boolean;
  /** 1-based. */
  readonly line: number;
  /** The statement or call, on one line, shortened. */
  readonly text: string;
}

export function findImports(source: string, fileName = 'source.ts'): FoundImport[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: FoundImport[] = [];
  const add = (node: ts.Node, argument: ts.Node | undefined, form: ImportForm, typeOnly: boolean): void => {
    const specifier = argument && (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) ? argument.text : undefined;
    const text = node.getText(file).replace(/\s+/g, ' ');
    found.push({
      specifier,
      form,
      typeOnly,
      line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
      text: text.length > 120 ? `${text.slice(0, 117)}...` : text,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      add(node, node.moduleSpecifier, clause ? 'import' : 'side-effect', clause ? importsTypesOnly(clause) : false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const names = node.exportClause;
      const typeNames = names !== undefined && ts.isNamedExports(names) && names.elements.length > 0 && names.elements.every((name) => name.isTypeOnly);
      add(node, node.moduleSpecifier, 'export-from', node.isTypeOnly || typeNames);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, 'import-equals', node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], 'dynamic', false);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1) {
      add(node, node.arguments[0], 'require', false);
    } else if (ts.isImportTypeNode(node)) {
      const argument = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
      add(node, argument, 'type-query', true);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `import type …`, or `import { type A, type B }` (which TypeScript erases as well). */
function importsTypesOnly(clause: ts.ImportClause): boolean {
  if (clause.isTypeOnly) {
    return true;
  }
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

/**
 * The file a relative specifier names, as a path relative to the repository with `/` separators (`src/render/html.ts`
 * for `../render/html.js` imported by `src/contacts/contactCache.ts`); undefined for a package (`vscode`, `node:fs`).
 * The sources name their imports `.js` (NodeNext) and the files are `.ts`; a folder stands for its `index.ts`.
 */
export function resolveImport(importer: string, specifier: string, exists: (path: string) => boolean = existsSync): string | undefined {
  if (specifier !== '.' && specifier !== '..' && !specifier.startsWith('./') && !specifier.startsWith('../')) {
    return undefined;
  }
  const target = posix.normalize(posix.join(posix.dirname(importer.split('\\').join('/')), specifier));
  const candidates = /\.[cm]?js$/.test(target)
    ? [target.replace(/\.([cm]?)js$/, '.$1ts'), target]
    : /\.(ts|json)$/.test(target)
      ? [target]
      : [`${target}.ts`, `${target}/index.ts`, target];
  return candidates.find((candidate) => exists(candidate)) ?? candidates[0];
}
