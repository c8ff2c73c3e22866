// What a person does in VS Code, as Playwright steps: the command palette, quick open, the cursor, the hover,
// the webview. Keyboard first: it does not depend on where things are drawn.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { OUTPUT_DIR } from '../harness/paths.js';

/** Long enough for a cold workbench on 2 cores; steps after that are quick. */
const STARTUP_TIMEOUT = 90_000;

/** Waits until the workbench has drawn and the extensions have been activated. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: STARTUP_TIMEOUT });
  // "Activating Extensions..." sits in the status bar until onStartupFinished extensions have run.
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: STARTUP_TIMEOUT });
  await page
    .locator('#workbench\\.parts\\.statusbar', { hasText: 'Activating Extensions' })
    .waitFor({ state: 'detached', timeout: STARTUP_TIMEOUT });
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Rows of the open quick input whose label is exactly `label` (ignoring highlights and keybindings). */
function rowsLabelled(page: Page, label: string): Locator {
  return quickInput(page)
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens the command palette with `query` typed in; returns the quick input. */
export async function openPalette(page: Page, query = ''): Promise<Locator> {
  await closeQuickInput(page);
  await page.keyboard.press('F1');
  const widget = quickInput(page);
  await widget.waitFor({ state: 'visible' });
  if (query) await page.keyboard.type(query);
  return widget;
}

/** The labels the palette lists for `query`, as a person would read them. */
export async function paletteLabels(page: Page, query: string): Promise<string[]> {
  const widget = await openPalette(page, query);
  await widget.locator('.monaco-list-row').first().waitFor();
  const labels = await widget.locator('.monaco-list-row .label-name').allTextContents();
  await closeQuickInput(page);
  return labels.map((label) => label.trim());
}

/**
 * Opens the palette on `title` and returns the row labelled exactly so. Retries with a fresh palette: right after
 * start-up, extensions' contributed commands reach the palette a little after the workbench has drawn.
 */
async function paletteRow(page: Page, title: string, timeout = 60_000): Promise<Locator> {
  const deadline = Date.now() + timeout;
  for (;;) {
    await openPalette(page, title);
    const row = rowsLabelled(page, title).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      return row;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the command palette does not list ${JSON.stringify(title)}`, { cause: error });
      await closeQuickInput(page);
    }
  }
}

/** Waits until the command palette lists a command, e.g. one an extension contributes. */
export async function waitForCommand(page: Page, title: string, timeout?: number): Promise<void> {
  await paletteRow(page, title, timeout);
  await closeQuickInput(page);
}

/** Runs a command by its palette title, e.g. "Quo: Refresh". Fails if the palette does not list it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await accept(page, await paletteRow(page, title));
}

/**
 * Accepts a quick input row: Enter when it is the focused one (as it is when the query names it), otherwise a
 * click, after which the pointer is parked where it cannot raise a tooltip or hover in a screenshot. Resolves once
 * this quick input has gone, even if the command opened another one (an input box, a quick pick) in its place.
 */
async function accept(page: Page, row: Locator): Promise<void> {
  const query = await quickInput(page).locator('input').first().inputValue();
  if (((await row.getAttribute('class')) ?? '').split(/\s+/).includes('focused')) {
    await page.keyboard.press('Enter');
  } else {
    await row.click();
    await parkPointer(page);
  }
  await page.waitForFunction((typed) => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    if (widget === null || widget.style.display === 'none' || widget.classList.contains('quick-input-widget-closing')) return true;
    return widget.querySelector('input')?.value !== typed;
  }, query);
}

/** Moves the pointer to the middle of the status bar, where nothing reacts to it. */
export async function parkPointer(page: Page): Promise<void> {
  const size = page.viewportSize();
  if (size) await page.mouse.move(size.width / 2, size.height - 4);
}

export async function closeQuickInput(page: Page): Promise<void> {
  if (await quickInput(page).isVisible()) {
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden' });
  }
}

/** Answers an input box (e.g. the one "Quo: Set API Key" shows) and confirms it. */
export async function answerInput(page: Page, text: string): Promise<void> {
  const box = quickInput(page).locator('input');
  await box.waitFor({ state: 'visible' });
  await box.fill(text);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/**
 * Answers the first key's two boxes: the key (a password box), then, once Quo has checked it, the new workspace's
 * name, whose suggestion is returned before `name` replaces it.
 */
export async function answerFirstKey(page: Page, key: string, name: string): Promise<string> {
  const box = quickInput(page).locator('input');
  await box.waitFor({ state: 'visible' });
  await box.fill(key);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const input = document.querySelector<HTMLInputElement>('.quick-input-widget input');
    return input !== null && input.type !== 'password' && input.value !== '';
  });
  const suggested = await box.inputValue();
  await answerInput(page, name);
  return suggested;
}

/**
 * Sets `key` through the palette, whether it replaces the active workspace's key (saved at once) or is the first key,
 * which once Quo has checked it asks the new workspace's name in a second box (answered `Sandbox`); then clears the
 * notifications, which would sit over what a test looks at. For a file of UI tests that must also run alone.
 */
export async function setKey(page: Page, key: string): Promise<void> {
  await runCommand(page, 'Quo: Set API Key');
  const box = quickInput(page).locator('input');
  await box.waitFor({ state: 'visible' });
  await box.fill(key);
  await page.keyboard.press('Enter');
  // The key's box closes before the name's opens: a check that the quick input has gone would not wait for it.
  const saved = page.getByText('Quo API key saved.').first();
  const deadline = Date.now() + 30_000;
  while (!(await saved.isVisible())) {
    const named = await box.evaluate((input) => (input as HTMLInputElement).type !== 'password' && (input as HTMLInputElement).value !== '').catch(() => false);
    if (named && (await quickInput(page).isVisible())) await answerInput(page, 'Sandbox');
    if (Date.now() > deadline) throw new Error('the key was not saved within 30 s');
    await page.waitForTimeout(200);
  }
  await runCommand(page, 'Notifications: Clear All Notifications');
}

/** The active editor's tab. */
export function activeTab(page: Page): Locator {
  return page.locator('.tabs-container .tab.active');
}

/** Opens a workspace file through Quick Open ("Go to File"), by its path relative to the folder. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await closeQuickInput(page);
  await page.keyboard.press('Control+P');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(relativePath);
  const fileName = path.posix.basename(relativePath);
  const row = quickInput(page)
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-description', { hasText: path.posix.dirname(relativePath) === '.' ? /^$/ : path.posix.dirname(relativePath) }) })
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(fileName)}$`) }) })
    .first();
  await row.waitFor({ state: 'visible' });
  await accept(page, row);
  await activeTab(page).filter({ hasText: fileName }).waitFor();
  await activeEditor(page).waitFor();
}

/** The text area of the focused editor. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
}

/** Puts the cursor at a 1-based line and column with "Go to Line/Column". */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await closeQuickInput(page);
  await page.keyboard.press('Control+G');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Shows the hover at the cursor from the keyboard ("Show or Focus Hover") and returns it once it has content. */
export async function showHover(page: Page, expected?: string | RegExp): Promise<Locator> {
  await runCommand(page, 'Show or Focus Hover');
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ has: page.locator('.hover-contents, .markdown-hover') });
  await hover.first().waitFor({ state: 'visible' });
  if (expected !== undefined) await hover.filter({ hasText: expected }).first().waitFor({ state: 'visible' });
  return hover.first();
}

/**
 * The document inside the active webview (the contact panel). VS Code nests it two iframes deep: the outer
 * iframe hosts the webview's service worker, `#active-frame` the extension's HTML.
 */
export function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Saves test-output/ui/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(OUTPUT_DIR, 'ui', `${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

/**
 * Opens a walkthrough the way a person finds one: "Welcome: Open Walkthrough..." and its title in the picker. Returns
 * the titles the picker offered; resolves once the Get Started page shows that walkthrough.
 */
export async function openWalkthrough(page: Page, title: string): Promise<string[]> {
  await runCommand(page, 'Welcome: Open Walkthrough...');
  const row = rowsLabelled(page, title).first();
  await row.waitFor({ state: 'visible' });
  const offered = (await quickInput(page).locator('.monaco-list-row .label-name').allTextContents()).map((label) => label.trim());
  await accept(page, row);
  await walkthroughTitle(page, title).waitFor();
  // Drawing the walkthrough selects a step and queues the move of focus to it: a palette opened before that move
  // would be closed by it.
  await settleQueuedFocus(page);
  return offered;
}

/**
 * Lets the focus moves the page has queued with no delay run before the test goes on: a timer queued now fires after
 * every zero-delay timer queued before it. The Get Started page queues one each time it selects a step (with
 * `workbench.welcomePage.preferReducedMotion`, set by the harness; 250 ms later otherwise).
 */
export async function settleQueuedFocus(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

/** The title of the walkthrough the Get Started page shows. */
export function walkthroughTitle(page: Page, title: string | RegExp): Locator {
  return page.locator('h2.category-title', { hasText: title }).first();
}

/** A step of the walkthrough on the Get Started page, by the id the manifest gives it (e.g. `connect`). */
export function walkthroughStep(page: Page, stepId: string): Locator {
  return page.locator(`.getting-started-step[data-step-id$="#${stepId}"]`).first();
}

/** Waits until the step's check mark says done (or, with `done` false, not done). */
export async function waitForStep(page: Page, stepId: string, done = true, timeout?: number): Promise<void> {
  await page
    .locator(`.getting-started-step[data-step-id$="#${stepId}"][aria-checked="${String(done)}"]`)
    .first()
    .waitFor({ state: 'attached', ...(timeout === undefined ? {} : { timeout }) });
}

/** Whether the step's check mark says done. */
export async function isStepDone(page: Page, stepId: string): Promise<boolean> {
  return (await walkthroughStep(page, stepId).getAttribute('aria-checked')) === 'true';
}

/** Unticks a step by clicking its check mark, as a person can ("Mark Step Incomplete"), when it is ticked. */
export async function markStepIncomplete(page: Page, stepId: string): Promise<void> {
  if (await isStepDone(page, stepId)) {
    await walkthroughStep(page, stepId).locator('[data-done-step-id]').first().click();
    await waitForStep(page, stepId, false);
  }
}

/** Expands a step (a click on its title) and clicks the button its description ends with. */
export async function runStepButton(page: Page, stepId: string, label: string): Promise<void> {
  const step = walkthroughStep(page, stepId);
  await step.locator('h3.step-title').click();
  // Selecting the step queues a move of focus to it, which would close the quick input its button opens.
  await settleQueuedFocus(page);
  // VS Code's Button widget (an `a` with role button); inside the step's own <button>, so found by class.
  const button = step.locator('.button-container .monaco-button').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }).first();
  await button.waitFor({ state: 'visible' });
  await button.click();
  await parkPointer(page);
}

/**
 * Waits until the state the workbench saved in the browser (its IndexedDB databases, which a reload reads back)
 * holds `text` (`present`) or no longer does. The web workbench writes its editors there every few seconds when idle,
 * not reliably at unload: a reload right after opening an editor may come back with the editors of the last write.
 */
export async function waitForSavedState(page: Page, text: string, present: boolean, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const holds = await page.evaluate(async (needle) => {
      const names = (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('vscode-web-state-db'));
      for (const name of names) {
        const values = await new Promise<unknown[]>((resolve) => {
          const open = indexedDB.open(name);
          open.onerror = () => resolve([]);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('ItemTable')) {
              db.close();
              resolve([]);
              return;
            }
            const all = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').getAll();
            all.onsuccess = () => {
              db.close();
              resolve(all.result);
            };
            all.onerror = () => {
              db.close();
              resolve([]);
            };
          };
        });
        if (values.some((value) => typeof value === 'string' && value.includes(needle))) {
          return true;
        }
      }
      return false;
    }, text);
    if (holds === present) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`the workbench's saved state ${present ? 'never held' : 'still holds'} ${JSON.stringify(text)} after ${timeout} ms`);
    }
    await page.waitForTimeout(250);
  }
}
