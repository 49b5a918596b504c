/**
 * `briefing serve`: time from saving the data file to the new page on screen in Chromium, and the figure behind
 * the choice of showing a picture of the page drawn by the server (PDFium) rather than drawing the PDF with pdf.js
 * in the browser.
 *
 *   node --import tsx bench/serve-latency.ts [runs] [--no-pdfjs]     (bench/run.mjs calls it; needs dist/: npm run build)
 *
 * The server is the real command (`bin/briefing.js serve`, its own process); the page is opened in Debian's
 * Chromium (playwright-core, as in the browser tests). Each run writes an edit to the data file and takes the
 * time just before the write (ms since the epoch, this process) and the time the page reports for the first
 * animation frame with the new page on it (`window.briefingPreview.shownAt`, ms since the epoch, the page):
 * both clocks are the machine's. No polling enters the figure.
 *
 * The alternative: pdf.js drawing a new version's PDF in the same page, as the page did before (a new document
 * on the one kept worker, glyphs drawn as paths, into a canvas of the fitted size), from the bytes to the first
 * animation frame with the drawing; after the saves, on the last PDF, each time as a new document.
 *
 * Prints a table on stderr and one JSON line on stdout.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/serve/browser.js';
import { copyExample, EXAMPLE } from '../test/example.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 10);
const WARM_UP = 3;
/** The example's Arabic title line. */
const TITLE = 'ar: "الأمين العام لحلف شمال الأطلسي يشيد بالتعاون القوي مع العراق"';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

/** What the page publishes about the version it shows (src/serve/client/preview.js), ms since the epoch. */
interface Shown {
  version: string;
  received: number;
  fetched: number;
  decoded: number;
  drawn: number;
  shownAt: number;
  server: ServerTiming | null;
}
/** The server's times of the render (PreviewStatus.rendered.timing), ms since the epoch. */
interface ServerTiming {
  changed: number | null;
  started: number;
  ready: number;
  pictured: number | null;
}

/** The stages of save → screen, in order; each is the time from the end of the one before. */
const STAGES = [
  ['watch', 'the write until the server sees the change (chokidar)'],
  ['quiet', 'the change seen until the render starts (0 on the leading edge, unless a render is running)'],
  ['render', 'the server renders the PDF'],
  ['picture', 'the server draws the page as a PNG (PDFium, at the width the page asked for)'],
  ['event', 'the picture and status events reach the page (SSE; the bytes decoded; the pdf event comes after)'],
  ['fetch', 'the page asks for a picture of another width (0: the one sent was right)'],
  ['decode', 'the browser decodes the PNG (createImageBitmap)'],
  ['draw', 'the bitmap into a new canvas, swapped in'],
  ['frame', 'until the next animation frame'],
] as const;
type Stage = (typeof STAGES)[number][0];

/**
 * pdf.js drawing the current PDF in the page (`runs` times, each a new document, after two not counted), as the page
 * did before the picture: the time from the bytes to the first animation frame with the drawing. A string, so that
 * it runs in the page as written.
 */
const PDFJS_DRAW = `async (runs) => {
  const pdfjs = await import('/assets/pdf.mjs');
  const bytes = new Uint8Array(await (await fetch('/briefing.pdf')).arrayBuffer());
  const worker = new pdfjs.PDFWorker();
  const view = document.getElementById('view');
  const times = [];
  for (let i = 0; i < runs + 2; i++) {
    await new Promise((idle) => setTimeout(idle, 100));
    const started = performance.now();
    const pdf = await pdfjs.getDocument({ data: bytes.slice(), worker, isEvalSupported: false, disableFontFace: true }).promise;
    const page = await pdf.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min((view.clientWidth - 48) / natural.width, (view.clientHeight - 48) / natural.height) });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    await page.render({ canvas, viewport }).promise;
    document.getElementById('page').replaceChildren(canvas);
    await new Promise((frame) => requestAnimationFrame(frame));
    if (i >= 2) times.push(performance.now() - started);
    await pdf.destroy();
  }
  worker.destroy();
  return times;
}`;

async function measureSaveToScreen(withPdfjs: boolean): Promise<{ total: number[]; stages: Record<Stage, number[]>; pdfjs: number[] | undefined }> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-bench-serve-'));
  const data = join(dir, 'data.yaml');
  copyExample(data);
  const source = readFileSync(EXAMPLE, 'utf8');
  if (!source.includes(TITLE)) throw new Error(`the example has no line ${TITLE}`);
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
    // A user opens the page, then edits: the first save comes a few seconds in, by which time serve's warm-up (its
    // renders and pictures thrown away, src/serve/server.ts) is done, as watch's benchmark waits for its own.
    await sleep(2000);
    const stages = Object.fromEntries(STAGES.map(([name]) => [name, [] as number[]])) as Record<Stage, number[]>;
    const total: number[] = [];
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      await sleep(300); // idle between saves, as between a clerk's saves
      const before = await page.locator('main').getAttribute('data-version');
      const t0 = now();
      // The title changes (a number after it), as a clerk's edit changes the page.
      writeFileSync(data, source.replace(TITLE, TITLE.replace('مع العراق"', `مع العراق ${i + 1}"`)));
      // The version with this save's title on screen (the page shows a status with the drawing it names): not a
      // second render of the save before, which a leading-edge render can give (half-written, then complete).
      await page.waitForFunction(
        ([old, number]) => document.querySelector('main')?.dataset.version !== old && (document.title.includes(number) || document.title.includes(number.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!))),
        [before, String(i + 1)] as const,
        { timeout: 30_000 },
      );
      const shown = await page.evaluate(() => (window as unknown as { briefingPreview: Shown }).briefingPreview);
      const server = shown.server;
      if (server === null) throw new Error(`version ${shown.version} came without the server's timing`);
      if (i < WARM_UP) continue;
      const changed = server.changed ?? server.started;
      const marks: Record<Stage, number> = {
        watch: changed - t0,
        quiet: server.started - changed,
        render: server.ready - server.started,
        picture: (server.pictured ?? server.ready) - server.ready,
        event: shown.received - (server.pictured ?? server.ready),
        fetch: shown.fetched - shown.received,
        decode: shown.decoded - shown.fetched,
        draw: shown.drawn - shown.decoded,
        frame: shown.shownAt - shown.drawn,
      };
      for (const [name] of STAGES) stages[name].push(marks[name]);
      total.push(shown.shownAt - t0);
    }
    const pdfjs = withPdfjs ? await page.evaluate(`(${PDFJS_DRAW})(${RUNS})`) as number[] : undefined;
    return { total, stages, pdfjs };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

const loadBefore = loadavg()[0]!;
const screen = await measureSaveToScreen(!process.argv.includes('--no-pdfjs'));
const loadAfter = loadavg()[0]!;
const stageMedians = Object.fromEntries(STAGES.map(([name]) => [name, median(screen.stages[name])])) as Record<Stage, number>;
const figures = {
  runs: RUNS,
  load: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
  saveToScreen: median(screen.total),
  saveToScreenMax: Math.max(...screen.total),
  saveToScreenMin: Math.min(...screen.total),
  stages: stageMedians,
  // The rows bench/run.mjs prints.
  serverRender: stageMedians.render,
  serverPicture: stageMedians.picture,
  browserFetch: stageMedians.event + stageMedians.fetch,
  browserDraw: stageMedians.decode + stageMedians.draw,
  // The alternative: pdf.js drawing the PDF in the page, bytes to screen.
  pdfjsDraw: screen.pdfjs ? median(screen.pdfjs) : null,
};
const ms = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(0)} ms`);
process.stderr.write(
  [
    `serve: save → new page on screen, ${RUNS} saves, load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after: median ${ms(figures.saveToScreen)}, min ${ms(figures.saveToScreenMin)}, max ${ms(figures.saveToScreenMax)}`,
    '  stage medians (each from the end of the one before; they need not add up to the median of the whole):',
    ...STAGES.map(([name, what]) => `    ${name.padEnd(7)} ${ms(stageMedians[name]).padStart(7)}  (max ${ms(Math.max(...screen.stages[name]))})  ${what}`),
    ...(screen.pdfjs ? [`  pdf.js instead (the PDF drawn in the page, a new document each time, bytes to screen): median ${ms(figures.pdfjsDraw)}, against picture + event + fetch + decode + draw + frame above`] : []),
  ].join('\n') + '\n',
);
console.log(JSON.stringify(figures));
