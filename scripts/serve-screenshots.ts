/**
 * The README's pictures of `briefing serve`: the page in Chromium (docs/serve.png) and an error shown over it
 * after a bad save (docs/serve-error.png). Run: npx tsx scripts/serve-screenshots.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/resources.js';
import { startPreviewServer } from '../src/serve/server.js';
import { launchChromium } from '../test/serve/browser.js';
import { copyExample } from '../test/example.js';

const dir = mkdtempSync(join(tmpdir(), 'briefing-screenshots-'));
const data = join(dir, 'nato-iraq-2025.yaml');
copyExample(data);
const source = readFileSync(data, 'utf8');
// From the data file's folder, so the page names it as a user would type it.
process.chdir(dir);
const server = await startPreviewServer('nato-iraq-2025.yaml', { render: {}, port: 0 });
const browser = await launchChromium({ viewport: { width: 1100, height: 1000 } });
try {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('main[data-version]');
  // A save that changes nothing: the toolbar then shows a warm render's time, as in daily use.
  const first = await page.locator('main').getAttribute('data-version');
  writeFileSync(data, source);
  await page.waitForFunction((old) => document.querySelector('main')?.dataset.version !== old, first);
  await page.screenshot({ path: join(PACKAGE_ROOT, 'docs/serve.png') });

  // A typo in a field name: an unknown field, and the required one it should have been.
  const typo = source.replace(/^(\s+)speaker:/m, '$1speakr:');
  if (typo === source) throw new Error('the example has no speaker field to misspell');
  writeFileSync(data, typo);
  await page.waitForSelector('#error:not([hidden])');
  await page.screenshot({ path: join(PACKAGE_ROOT, 'docs/serve-error.png') });
  console.log('wrote docs/serve.png and docs/serve-error.png');
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
