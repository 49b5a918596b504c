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
import { chromium, type BrowserContext } from 'playwright-core';

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
