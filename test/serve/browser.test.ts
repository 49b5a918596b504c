/**
 * `briefing serve` in a real browser: Debian's Chromium, headless, driven by playwright-core. Every wait is for
 * an event the page dispatches (`briefing:status`, `briefing:drawn`, `briefing:shown`: see
 * src/serve/client/preview.js) with the outcome it names, never for a time, and nothing polls.
 *
 * One browser, one server and one tab for the file: the tests run in order on it, as a clerk's session goes
 * (the page shown, a save, a bad save and the good one after it, another language), each leaving a good page
 * on screen; the zoom and the foreign-name tests take tabs of their own on the same server.
 */
import { writeFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, nextVersion, versionOf, when, type Browser } from './browser.js';
import { servers, TITLE_AR, type Served } from './helpers.js';

const serve = servers();

/** A foreign name Chromium resolves to 127.0.0.1, as a DNS rebinding attack would make it. */
const REBIND_NAME = 'rebind.example';
const TIMEOUT = 60_000;

let browser: Browser;
/** The server on a copy of the example, and the tab on it the tests share, with the tab's errors. */
let served: Served;
let page: Page;
let problems: string[];
beforeAll(async () => {
  [browser, served] = await Promise.all([launchChromium({ hostRules: `MAP ${REBIND_NAME} 127.0.0.1` }), serve()]);
  ({ page, problems } = await open(served));
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
});

/** Tabs a test opened for itself, closed after it. */
const pages: Page[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((tab) => tab.close()));
});

/** A new tab on the preview, once it shows a page; with the tab's errors and failed requests collected. */
async function open(on: Served): Promise<{ page: Page; problems: string[] }> {
  const tab = await browser.context.newPage();
  const collected: string[] = [];
  tab.on('pageerror', (error) => collected.push(`page error: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') collected.push(`console: ${message.text()}`);
  });
  await tab.goto(on.server.url);
  await nextVersion(tab, null);
  return { page: tab, problems: collected };
}

/** Waits until the error panel is shown and says `text`. */
function errorShown(page: Page, text: string): Promise<void> {
  return when(page, 'briefing:status', (wanted) => {
    const panel = document.getElementById('error');
    return panel !== null && !panel.hidden && (panel.textContent ?? '').includes(wanted);
  }, text);
}

/** Share of the pixels of a PNG region that are ink (dark) and that are paper (white). */
async function inkAndPaper(png: Buffer, box: { x: number; y: number; width: number; height: number }) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height));
  let ink = 0;
  let paper = 0;
  const rows = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    const light = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
    if (light < 110) {
      ink++;
      rows.add(Math.floor(i / 4 / Math.round(box.width) / (box.height / 10)));
    } else if (light > 245) paper++;
  }
  const pixels = data.length / 4;
  return { ink: ink / pixels, paper: paper / pixels, inkedTenths: rows.size };
}

describe('briefing serve in Chromium', () => {
  it(
    'shows the briefing: the page drawn with ink inside its area, right to left, with a PDF download',
    async () => {
      const box = await page.locator('#page canvas').boundingBox();
      expect(box).not.toBeNull();
      // The whole A4 page fits the window by default.
      expect(box!.height / box!.width).toBeCloseTo(297 / 210, 1);
      const shot = await page.screenshot();
      const { ink, paper, inkedTenths } = await inkAndPaper(shot, box!);
      expect(paper).toBeGreaterThan(0.6); // a white page, not the grey desk or a blank canvas
      expect(ink).toBeGreaterThan(0.01); // with text on it
      expect(inkedTenths).toBeGreaterThanOrEqual(6); // top to bottom, not one stray line

      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await page.title()).toContain('الأمين العام لحلف شمال الأطلسي');
      expect(await page.locator('main').getAttribute('data-state')).toBe('ok');

      const href = await page.locator('#download').getAttribute('href');
      const download = await page.request.get(new URL(href!, served.server.url).href);
      expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="brief\.pdf"/);
      expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'updates the page by itself when the data file is saved',
    async () => {
      const before = await versionOf(page);
      const pixels = await page.locator('#page canvas').screenshot();

      writeFileSync(served.data, served.source.replace(TITLE_AR, TITLE_AR.replace('القوي', 'الوثيق والمتين')));
      await nextVersion(page, before);
      expect(await page.title()).toContain('الوثيق والمتين');
      expect((await page.locator('#page canvas').screenshot()).equals(pixels)).toBe(false);
      expect(await page.locator('#error').isHidden()).toBe(true);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shows an invalid save as an error over the last good page, which stays; the next valid save clears it',
    async () => {
      const good = await versionOf(page);
      const drawing = () => page.locator('#page canvas').evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());
      const pixels = await drawing();

      writeFileSync(served.data, served.source.replace(TITLE_AR, 'ar: [unclosed'));
      await errorShown(page, 'The data file is not valid YAML or JSON');
      expect(await page.locator('main').getAttribute('data-state')).toBe('error');
      const error = await page.locator('#error').innerText();
      expect(error).toContain('The data file is not valid YAML or JSON');
      expect(error).toMatch(new RegExp(`${served.data.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
      expect(error).toContain('the last good render');
      // The last good page is still there, the same version, drawn the same, and seen below the panel.
      expect(await versionOf(page)).toBe(good);
      expect(await drawing()).toBe(pixels);
      const [panel, sheet] = [await page.locator('#error').boundingBox(), await page.locator('#page canvas').boundingBox()];
      expect(panel!.height).toBeLessThan(sheet!.height / 2);

      // A field error: its path and the hint are shown too.
      writeFileSync(served.data, served.source.replace('    speaker:\n      ar: "مارك روته"\n      en: "Mark Rutte"\n', '    speaker:\n      en: "Mark Rutte"\n'));
      await errorShown(page, 'quotes[0].speaker');
      const missing = await page.locator('#error').innerText();
      expect(missing).toContain('quotes[0].speaker: no "ar" translation (have: en)');
      expect(missing).toContain('hint: add the missing translations');
      expect(await versionOf(page)).toBe(good);

      writeFileSync(served.data, served.source.replace(TITLE_AR, TITLE_AR.replace('القوي', 'الوثيق')));
      await nextVersion(page, good);
      expect(await page.locator('#error').isHidden()).toBe(true);
      expect(await page.locator('main').getAttribute('data-state')).toBe('ok');
      expect(await page.title()).toContain('بالتعاون الوثيق مع العراق');
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "switches between the file's languages, the page's direction with them",
    async () => {
      const before = await versionOf(page);
      const options = await page.locator('#languages option').evaluateAll((list) => list.map((option) => (option as HTMLOptionElement).value));
      expect(options).toEqual(['ar', 'en']);
      await page.selectOption('#languages', 'en');
      await nextVersion(page, before);
      expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.title()).toContain('NATO Secretary General praises strong cooperation with Iraq');
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'draws the page sharp at any zoom: at the screen\'s pixel density, again after zooming',
    async () => {
      const own = await open(served);
      pages.push(own.page);
      const tab = own.page;
      const density = () =>
        tab.locator('#page canvas').evaluate((canvas) => {
          const c = canvas as HTMLCanvasElement;
          return { ratio: c.width / c.getBoundingClientRect().width, cssWidth: c.getBoundingClientRect().width };
        });
      const fitted = await density();
      expect(fitted.ratio).toBeCloseTo(1, 1);

      // A screen of twice the density (or the browser zoomed to 200 %): drawn again with twice the pixels.
      // CDP's emulation changes the density without the events a real zoom or screen change fires (resize,
      // the resolution media query): the resize event stands in for them.
      const cdp = await browser.context.newCDPSession(tab);
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1000, height: 900, deviceScaleFactor: 2, mobile: false });
      await tab.evaluate(() => window.dispatchEvent(new Event('resize')));
      await when(tab, 'briefing:drawn', (ratio) => {
        const c = document.querySelector('#page canvas') as HTMLCanvasElement | null;
        return c !== null && Math.abs(c.width / c.getBoundingClientRect().width - ratio) < 0.02;
      }, 2);
      await tab.click('#zoom-in');
      await when(tab, 'briefing:drawn', (width) => (document.querySelector('#page canvas')?.getBoundingClientRect().width ?? 0) > width + 10, fitted.cssWidth);
      const zoomed = await density();
      expect(zoomed.ratio).toBeCloseTo(2, 1);
      expect(await tab.locator('#zoom-value').textContent()).toMatch(/^\d+%$/);
      expect(own.problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'refuses a page opened under a foreign name that resolves to 127.0.0.1 (DNS rebinding)',
    async () => {
      const tab = await browser.context.newPage();
      pages.push(tab);
      const foreign = await tab.goto(`http://${REBIND_NAME}:${served.server.port}/`);
      expect(foreign?.status()).toBe(403);
      expect(await tab.locator('body').innerText()).toContain(`not to Host: ${REBIND_NAME}:${served.server.port}`);

      const local = await tab.goto(`http://localhost:${served.server.port}/`);
      expect(local?.status()).toBe(200);
      await nextVersion(tab, null);
    },
    TIMEOUT,
  );
});
