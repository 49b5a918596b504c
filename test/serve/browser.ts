/**
 * Debian's Chromium driven by playwright-core, as the browser tests and the scripts use it: headless, no
 * sandbox (CI runs as root), no GPU, no network of its own, and a fresh profile folder each launch, removed at
 * close. `hostRules` are Chromium's `--host-resolver-rules` (a test maps a foreign name to 127.0.0.1).
 */
// The functions these tests hand to the page (page.evaluate, waitForFunction) run there: they need the DOM's types.
/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(options: { hostRules?: string; viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'briefing-chromium-'));
  const args = [...CHROMIUM_FLAGS, ...(options.hostRules ? [`--host-resolver-rules=${options.hostRules}`] : [])];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: options.viewport ?? { width: 1000, height: 900 },
  });
  // Waits are for outcomes; on a busy machine they may take long.
  context.setDefaultTimeout(45_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The preview page's own events (src/serve/client/preview.js): every wait of the browser tests is on one.

export const versionOf = (page: Page) => page.locator('main').getAttribute('data-version');

/**
 * Resolves once `test` (a function of the page, given `arg`) holds: checked now and at each of the page's
 * `event`s. The check and the listener are set up in one task of the page, so no event is missed between them.
 */
export function when<A>(page: Page, event: 'briefing:status' | 'briefing:drawn' | 'briefing:shown' | 'briefing:text', test: (arg: A) => boolean, arg: A): Promise<void> {
  const wait = (name: string, holds: (arg: unknown) => boolean, value: unknown) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!holds(value)) return;
        document.removeEventListener(name, check);
        resolve();
      };
      document.addEventListener(name, check);
      check();
    });
  // One expression of the functions' sources (as page.evaluate sends a function), so `test` runs in the page.
  return page.evaluate(`(${wait.toString()})(${JSON.stringify(event)}, ${test.toString()}, ${JSON.stringify(arg)})`);
}

/** Waits until the page shows another PDF version than `before`. */
export function nextVersion(page: Page, before: string | null): Promise<void> {
  return when(page, 'briefing:shown', (old) => {
    const version = document.querySelector('main')?.dataset.version;
    return version !== undefined && version !== old;
  }, before);
}
