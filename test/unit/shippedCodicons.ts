// The codicons the build ships (`node esbuild.mjs --codicons <dir>`, the same cut as dist/codicons/): tests check that
// every icon a rendered page uses is in its stylesheet and its font.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontEditor from 'fonteditor-core';

const ROOT = join(__dirname, '..', '..');

interface ShippedCodicons {
  /** The icons of `html` (its `codicon-*` classes) that the shipped stylesheet or font lacks. */
  missingFrom(html: string): string[];
  /** How many icons the shipped stylesheet draws. */
  readonly glyphRules: number;
}

let shipped: ShippedCodicons | undefined;

export function shippedCodicons(): ShippedCodicons {
  if (shipped) {
    return shipped;
  }
  const directory = mkdtempSync(join(tmpdir(), 'quo-codicons-'));
  try {
    execFileSync(process.execPath, ['esbuild.mjs', '--codicons', directory], { cwd: ROOT });
    const css = readFileSync(join(directory, 'codicon.css'), 'utf8');
    const font = fontEditor.Font.create(readFileSync(join(directory, 'codicon.ttf')), { type: 'ttf' }).get();
    const inFont = new Set(font.glyf.flatMap((glyph) => glyph.unicode ?? []));
    const codePoints = new Map([...css.matchAll(/^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}$/gm)].map((m) => [m[1], Number.parseInt(m[2], 16)]));
    shipped = {
      glyphRules: codePoints.size,
      missingFrom(html) {
        const classes = [...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1].split(/\s+/));
        const icons = new Set(classes.filter((name) => name.startsWith('codicon-')).map((name) => name.slice('codicon-'.length)));
        return [...icons].filter((icon) => {
          if (icon.startsWith('modifier-')) {
            return !css.includes(`.codicon-${icon}`);
          }
          const codePoint = codePoints.get(icon);
          return codePoint === undefined || !inFont.has(codePoint);
        });
      },
    };
    return shipped;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
