/**
 * `briefing serve`: time from saving the data file to the new page on screen in Chromium, and the figures
 * behind the choice of drawing the page in the browser with pdf.js rather than sending a PNG.
 *
 *   node --import tsx bench/serve-latency.ts [runs]     (bench/run.mjs calls it; needs dist/: npm run build)
 *
 * The server is the real command (`bin/briefing.js serve`, its own process); the page is opened in Debian's
 * Chromium (playwright-core, as in the browser tests). Each run writes an edit to the data file and takes the
 * time just before the write (ms since the epoch, this process) and the time the page reports for the first
 * animation frame with the new page on it (`window.briefingPreview.shownAt`, ms since the epoch, the page):
 * both clocks are the machine's. No polling enters the figure.
 *
 * The PNG alternative: the server would draw the PNG itself (src/preview/png.ts: pdf.js on @napi-rs/canvas)
 * after each render, at the screen's pixel density; its cost is measured here in-process, warm, at 110 and
 * 220 dpi (a page fitted to a window at 1× and 2× density), against pdf.js drawing the page in the browser.
 *
 * Prints a table on stderr and one JSON line on stdout.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBriefing } from '../src/data/load.js';
import { renderBriefing } from '../src/pipeline.js';
import { pdfToPng } from '../src/preview/png.js';
import { launchChromium } from '../test/serve/browser.js';
import { copyExample, EXAMPLE } from '../test/example.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 10);
const WARM_UP = 3;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

interface Shown {
  version: string;
  shownAt: number;
  fetchMs: number;
  drawMs: number;
}

async function measureSaveToScreen(): Promise<{ latency: number[]; render: number[]; fetch: number[]; draw: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-bench-serve-'));
  const data = join(dir, 'data.yaml');
  copyExample(data);
  const source = readFileSync(EXAMPLE, 'utf8');
  const child = spawn(process.execPath, [join(ROOT, 'bin/briefing.js'), 'serve', data, '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const browser = await launchChromium({ viewport: { width: 1200, height: 1000 } });
  try {
    for (const deadline = Date.now() + 30_000; !/ at (http:\S+)/.test(stdout); await sleep(10)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`briefing serve did not start\n${stdout}${stderr}`);
    }
    const url = / at (http:\S+)/.exec(stdout)![1]!;
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForSelector('main[data-version]', { timeout: 30_000 });
    const result = { latency: [] as number[], render: [] as number[], fetch: [] as number[], draw: [] as number[] };
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      await sleep(300); // idle between saves, as between a clerk's saves
      const before = await page.locator('main').getAttribute('data-version');
      const lines = stdout.split('\n').length;
      const t0 = now();
      writeFileSync(data, source.replace('مع العراق"', `مع العراق ${i + 1}"`));
      await page.waitForFunction((old) => document.querySelector('main')?.dataset.version !== old, before, { timeout: 30_000 });
      const shown = (await page.evaluate(() => (window as unknown as { briefingPreview: Shown }).briefingPreview));
      if (i < WARM_UP) continue;
      result.latency.push(shown.shownAt - t0);
      result.fetch.push(shown.fetchMs);
      result.draw.push(shown.drawMs);
      await sleep(20);
      const line = stdout.split('\n').slice(lines - 1).find((text) => / rendered in \d+ ms/.test(text));
      if (line) result.render.push(Number(/ rendered in (\d+) ms/.exec(line)![1]));
    }
    return result;
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measurePng(): Promise<{ dpi110: number[]; dpi220: number[]; bytes110: number; bytes220: number }> {
  const loaded = await loadBriefing(EXAMPLE);
  const { pdf } = await renderBriefing(loaded);
  const result = { dpi110: [] as number[], dpi220: [] as number[], bytes110: 0, bytes220: 0 };
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    for (const [dpi, times] of [[110, result.dpi110], [220, result.dpi220]] as const) {
      const t0 = performance.now();
      const png = await pdfToPng(pdf, dpi);
      if (i >= WARM_UP) times.push(performance.now() - t0);
      if (dpi === 110) result.bytes110 = png.length;
      else result.bytes220 = png.length;
    }
  }
  return result;
}

const screen = await measureSaveToScreen();
const png = await measurePng();
const figures = {
  runs: RUNS,
  saveToScreen: median(screen.latency),
  saveToScreenMax: Math.max(...screen.latency),
  serverRender: screen.render.length ? median(screen.render) : null,
  browserFetch: median(screen.fetch),
  browserDraw: median(screen.draw),
  png110: median(png.dpi110),
  png220: median(png.dpi220),
  png110Bytes: png.bytes110,
  png220Bytes: png.bytes220,
};
const ms = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(0)} ms`);
process.stderr.write(
  [
    `serve: save → new page on screen, median of ${RUNS}: ${ms(figures.saveToScreen)} (max ${ms(figures.saveToScreenMax)})`,
    `  of which: server render+PDF ${ms(figures.serverRender)} (after the 20 ms quiet time), page fetch+parse ${ms(figures.browserFetch)}, pdf.js draw ${ms(figures.browserDraw)}`,
    `  PNG instead (server-side, warm): ${ms(figures.png110)} at 110 dpi (${(png.bytes110 / 1024).toFixed(0)} KB), ${ms(figures.png220)} at 220 dpi (${(png.bytes220 / 1024).toFixed(0)} KB)`,
  ].join('\n') + '\n',
);
console.log(JSON.stringify(figures));
