/**
 * activate_ms is measured where it happens, in the real VS Code of the test harness: the extension logs the time from
 * its bundle's first line to the end of activate(), split into evaluating the bundle, VS Code preparing the
 * extension's context, and activate() itself. The integration suite writes the extension's own part (evaluation plus
 * activate()) to test-output/activate-ms.json as `{"value": <ms>, "note": <the log line>}` (a bare number is
 * accepted too). This only reads that file, so the figure is as fresh as the last
 * harness run, and "not measured" when there was none.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { below, notMeasured, round, type Figure } from './measure.js';

export const ACTIVATE_FILE = join('test-output', 'activate-ms.json');

export function activateTime(): Figure {
  const target = below(15);
  if (!existsSync(ACTIVATE_FILE)) {
    return notMeasured('activate_ms', 'ms', target, `not measured: no ${ACTIVATE_FILE} (run the VS Code harness first)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(ACTIVATE_FILE, 'utf8'));
  } catch {
    return notMeasured('activate_ms', 'ms', target, `not measured: ${ACTIVATE_FILE} is not JSON`);
  }
  const value = typeof parsed === 'number' ? parsed : (parsed as { value?: unknown } | null)?.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return notMeasured('activate_ms', 'ms', target, `not measured: ${ACTIVATE_FILE} holds no {"value": <ms>}`);
  }
  const age = new Date(statSync(ACTIVATE_FILE).mtimeMs).toISOString();
  const logged = (parsed as { note?: unknown } | null)?.note;
  const note = `evaluating the bundle plus activate(), from the harness run of ${age}${typeof logged === 'string' ? `: ${logged}` : ''}`;
  return { name: 'activate_ms', value: round(value, 2), unit: 'ms', target, note };
}
