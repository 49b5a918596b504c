// @ts-check
/**
 * The preview page of `briefing serve`. It listens to the server's event stream: each `status` event says which
 * PDF version is current and whether the last render failed, and a `pdf` event just before it brings a new
 * version's bytes. A new version is drawn with pdf.js into a new canvas, which replaces the old one only when
 * complete (no blank flash). The canvas is drawn at the screen's real pixel density (browser zoom and pinch zoom
 * included) and drawn again when that or the zoom changes, so the page is sharp at any zoom. A failed render
 * shows its problems over the last good page.
 *
 * For tests and the benchmark, the page publishes what it shows:
 * - `main[data-version]` (the PDF on screen) and `main[data-state]` (loading | ok | error);
 * - the events `briefing:status` (a status, once shown), `briefing:drawn` (a drawing put on screen, at any zoom),
 *   `briefing:shown` (a new version on screen) and `briefing:text` (its selectable text over it,
 *   `.textLayer[data-version]`, `{version, scale}`: once built, and again at each zoom), dispatched on `document`;
 * - `window.briefingPreview`: the version on screen, its `pixelRatio`, and the times (ms since the epoch, the
 *   machine's clock) the status naming it came (`received`), pdf.js was handed its bytes (`started`; they came
 *   in the `pdf` event before), it had parsed the page (`parsed`), the canvas was drawn (`drawn`) and the first
 *   animation frame with it came (`shownAt`), with `server`, the server's times of that render
 *   (`PreviewStatus.rendered.timing`). The benchmark reads them (bench/serve-latency.ts).
 *
 * Plain JavaScript served as is (no build step), type-checked by `tsc -p src/serve/client`.
 */
import * as pdfjs from './pdf.mjs';
import { PageText } from './textLayer.js';

pdfjs.GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.mjs';
/** One worker for every version: starting a worker per PDF would cost each update tens of milliseconds. */
const worker = new pdfjs.PDFWorker();

/** CSS pixels per PDF point at 100 % (96 px per inch, 72 pt per inch), as PDF viewers count zoom. */
const CSS_PER_POINT = 96 / 72;
/** Largest canvas drawn (pdf.js's own default limit): past it the page is drawn at a lower pixel density. */
const MAX_CANVAS_PIXELS = 2 ** 25;
const ZOOMS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5];
/** Space kept around the page when it is fitted to the window (CSS px, both sides together). */
const FIT_MARGIN = 48;

/**
 * @typedef {{ where: string, path?: string, message: string }} ProblemView
 * @typedef {{ code: string, summary: string, problems: ProblemView[], hint?: string }} ErrorView
 * @typedef {{ changed: number | null, started: number, ready: number }} RenderTiming
 * @typedef {{ lang: string, title: string, at: string, ms: number, bodySize: number, shrank: boolean, warnings: string[], timing: RenderTiming }} Rendered
 * @typedef {{ version: string | null, lang: string | null, direction: 'rtl' | 'ltr', languages: string[], fileName: string,
 *             rendered: Rendered | null, error: ErrorView | null }} PreviewStatus
 */

/** @param {string} id */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`preview page: no #${id}`);
  return element;
}

const view = byId('view');
const pageBox = byId('page');
const statusLine = byId('status');
const languages = /** @type {HTMLSelectElement} */ (byId('languages'));
const download = /** @type {HTMLAnchorElement} */ (byId('download'));

/** @type {'fit' | number} */
let zoom = 'fit';
/** @type {PreviewStatus | undefined} */
let status;
/** The version the server has, the one loaded, the one on screen. */
/** @type {string | null} */
let wanted = null;
/** @type {{ version: string, pdf: import('./pdf.mjs').PDFDocumentProxy, page: import('./pdf.mjs').PDFPageProxy, server: RenderTiming | null, received: number, started: number, parsed: number } | undefined} */
let loaded;
/** The last PDF the server sent (its `pdf` event). @type {{ version: string, data: Uint8Array } | undefined} */
let received;
/** When the status naming the wanted version came, and the server's times of that render. */
let wantedAt = 0;
/** @type {RenderTiming | null} */
let wantedTiming = null;
/** The clock the benchmark compares with the server's: ms since the epoch. */
const now = () => performance.timeOrigin + performance.now();
/** @type {string | null} */
let shown = null;

// ---------------------------------------------------------------------------------------------------------
// Drawing: one pass at a time; anything asked for during a pass (a new version, a zoom) makes one more pass.

let busy = false;
let dirty = false;

function requestDraw() {
  dirty = true;
  if (!busy) void drawLoop();
}

async function drawLoop() {
  busy = true;
  while (dirty) {
    dirty = false;
    try {
      if (wanted !== null && wanted !== loaded?.version) await load();
      if (loaded) await draw(loaded);
    } catch (error) {
      console.error(error);
      setStatusLine(`cannot show the PDF: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  }
  busy = false;
}

async function load() {
  if (received?.version !== wanted) throw new Error(`the server named version ${wanted} but sent ${received?.version ?? 'no PDF'}`);
  const { version, data } = received;
  const started = now();
  const server = wantedTiming;
  // Glyphs drawn as paths from the embedded fonts (as `briefing preview` does), not loaded as web fonts:
  // measured faster to show (no FontFace loading for each new subset), and the same on every browser.
  const pdf = await pdfjs.getDocument({ data, worker, isEvalSupported: false, disableFontFace: true }).promise;
  const page = await pdf.getPage(1);
  if (loaded) retired.push(loaded.pdf);
  loaded = { version, pdf, page, server, received: wantedAt, started, parsed: now() };
}

/** Documents replaced by a newer one, destroyed once it is on screen: the worker first parses the new one. */
/** @type {import('./pdf.mjs').PDFDocumentProxy[]} */
const retired = [];

/**
 * Draws the loaded page at the current zoom and pixel density, then puts it on screen.
 * @param {NonNullable<typeof loaded>} current
 */
async function draw({ version, page, server, received, started, parsed }) {
  const natural = page.getViewport({ scale: 1 });
  const fit = Math.min((view.clientWidth - FIT_MARGIN) / natural.width, (view.clientHeight - FIT_MARGIN) / natural.height);
  const scale = zoom === 'fit' ? Math.max(0.1, fit) : zoom * CSS_PER_POINT;
  const viewport = page.getViewport({ scale });
  let pixelRatio = window.devicePixelRatio * (window.visualViewport?.scale ?? 1);
  const pixels = viewport.width * viewport.height * pixelRatio * pixelRatio;
  if (pixels > MAX_CANVAS_PIXELS) pixelRatio *= Math.sqrt(MAX_CANVAS_PIXELS / pixels);

  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * pixelRatio);
  canvas.height = Math.floor(viewport.height * pixelRatio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', status?.rendered?.title ?? 'the briefing page');
  await page.render({ canvas, viewport, ...(pixelRatio === 1 ? {} : { transform: [pixelRatio, 0, 0, pixelRatio, 0, 0] }) }).promise;
  if (!statusShown && status?.version === version) showStatus();
  // The text layer's spans are placed in units of this (CSS px per PDF point): they move with the canvas.
  pageBox.style.setProperty('--scale-factor', String(scale));
  pageBox.replaceChildren(canvas);
  if (pageText?.version === version) showText(version, page, viewport);
  else {
    pageText?.text.cancel();
    pageText = undefined;
  }
  updateZoomLabel(scale);
  const drawn = now();

  if (version !== shown) {
    shown = version;
    await new Promise((resolveFrame) => requestAnimationFrame(resolveFrame));
    view.dataset.version = version;
    updateState();
    const detail = { version, pixelRatio, server, received, started, parsed, drawn, shownAt: now() };
    Object.assign(window, { briefingPreview: detail });
    document.dispatchEvent(new CustomEvent('briefing:shown', { detail }));
    for (const old of retired.splice(0)) void old.destroy();
    // Built after the drawing is on screen, so that it never delays it.
    showText(version, page, viewport);
  }
  document.dispatchEvent(new CustomEvent('briefing:drawn', { detail: { version, pixelRatio } }));
}

/**
 * The selectable text of the version on screen (textLayer.js): none while a new version's is being built, so
 * no span of an older page is ever over a newer drawing.
 * @type {{ version: string, text: PageText, built: boolean } | undefined}
 */
let pageText;

/**
 * Puts the text layer of `version` over its drawing: built once per version (after the drawing is on
 * screen), re-measured for each new zoom.
 * @param {string} version
 * @param {import('./pdf.mjs').PDFPageProxy} page
 * @param {import('./pdf.mjs').PageViewport} viewport
 */
function showText(version, page, viewport) {
  const textShown = () => document.dispatchEvent(new CustomEvent('briefing:text', { detail: { version, scale: viewport.scale } }));
  if (pageText?.version === version) {
    pageText.text.update(viewport);
    if (pageText.built) {
      pageBox.append(pageText.text.div);
      textShown();
    }
    return;
  }
  pageText?.text.cancel();
  const entry = { version, text: new PageText(page, viewport), built: false };
  entry.text.div.dataset.version = version;
  pageText = entry;
  entry.text.ready.then(
    () => {
      if (pageText !== entry) return;
      entry.built = true;
      pageBox.append(entry.text.div);
      textShown();
    },
    (error) => {
      // A build cancelled by a newer version or zoom is no error.
      if (pageText === entry) console.error(error);
    },
  );
}

// ---------------------------------------------------------------------------------------------------------
// The status from the server

/**
 * A status that brings a new PDF, while a page is on screen, is shown with that PDF: the toolbar, the title and
 * the direction change in the frame the page does (and the drawing is not held up by a frame for the toolbar
 * alone). Any other status (an error, the first) is shown at once.
 * @param {PreviewStatus} next
 */
function onStatus(next) {
  status = next;
  const newVersion = next.version !== null && next.version !== wanted;
  if (newVersion) {
    wanted = next.version;
    wantedAt = now();
    wantedTiming = next.rendered?.timing ?? null;
    requestDraw();
  }
  if (newVersion && shown !== null) statusShown = false;
  else showStatus();
}

/** Whether the latest status is on the page (see `onStatus`). */
let statusShown = true;

/** Puts the latest status on the page. */
function showStatus() {
  const next = /** @type {PreviewStatus} */ (status);
  statusShown = true;
  document.documentElement.lang = next.rendered?.lang ?? next.lang ?? 'en';
  document.documentElement.dir = next.direction;
  document.title = `${next.rendered?.title ?? next.fileName} · briefing serve`;
  byId('file').textContent = next.fileName;
  showLanguages(next);
  showError(next.error, next.version !== null);
  if (next.version === null) download.setAttribute('aria-disabled', 'true');
  else download.removeAttribute('aria-disabled');
  if (next.error) setStatusLine(`error · ${clock(new Date())}`, 'error');
  else if (next.rendered) setStatusLine(renderedLine(next.rendered), 'ok', next.rendered.warnings.join('\n'));
  else setStatusLine('rendering…', 'ok');
  updateState();
  document.dispatchEvent(new CustomEvent('briefing:status', { detail: next }));
}

/** @param {Rendered} rendered */
function renderedLine(rendered) {
  const size = `${rendered.bodySize.toFixed(1)} pt${rendered.shrank ? ', shrunk to fit' : ''}`;
  const warnings = rendered.warnings.length === 0 ? '' : ` · ${rendered.warnings.length} warning${rendered.warnings.length === 1 ? '' : 's'}`;
  return `rendered ${clock(new Date(rendered.at))} in ${rendered.ms} ms · ${size}${warnings}`;
}

/** @param {Date} date */
function clock(date) {
  return date.toTimeString().slice(0, 8);
}

/** @param {string} text @param {'ok' | 'error'} kind @param {string} [title] */
function setStatusLine(text, kind, title = '') {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
  statusLine.title = title;
}

function updateState() {
  view.dataset.state = status?.error ? 'error' : shown === null ? 'loading' : 'ok';
}

/** @param {ErrorView | null} error @param {boolean} hasPage */
function showError(error, hasPage) {
  const panel = byId('error');
  panel.hidden = error === null;
  if (error === null) return;
  byId('error-summary').textContent = error.summary;
  byId('error-problems').replaceChildren(
    ...error.problems.map((problem) => {
      const item = document.createElement('li');
      item.dir = 'auto';
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = `${problem.where}: `;
      item.append(where);
      if (problem.path) {
        const path = document.createElement('span');
        path.className = 'path';
        path.textContent = `${problem.path}: `;
        item.append(path);
      }
      item.append(problem.message);
      return item;
    }),
  );
  const hint = byId('error-hint');
  hint.hidden = !error.hint;
  hint.textContent = error.hint ? `hint: ${error.hint}` : '';
  byId('error-kept').hidden = !hasPage;
}

/** @param {PreviewStatus} next */
function showLanguages(next) {
  byId('languages-label').hidden = next.languages.length < 2;
  const current = [...languages.options].map((option) => option.value).join(' ');
  if (current !== next.languages.join(' ')) {
    languages.replaceChildren(
      ...next.languages.map((tag) => {
        const option = document.createElement('option');
        option.value = tag;
        option.textContent = languageName(tag);
        option.lang = tag;
        return option;
      }),
    );
  }
  if (next.lang !== null) languages.value = next.languages.find((tag) => tag.toLowerCase() === next.lang?.toLowerCase()) ?? next.lang;
}

/** The language's name in itself (العربية, English), with its tag. @param {string} tag */
function languageName(tag) {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

languages.addEventListener('change', async () => {
  setStatusLine(`rendering in ${languages.value}…`, 'ok');
  const response = await fetch('/lang', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ lang: languages.value }) });
  if (!response.ok) setStatusLine(await response.text(), 'error');
});

// ---------------------------------------------------------------------------------------------------------
// Zoom

/** @param {number} scale */
function updateZoomLabel(scale) {
  byId('zoom-value').textContent = `${Math.round((scale / CSS_PER_POINT) * 100)}%`;
}

/** The zoom now, as a factor of 100 %. */
function currentZoom() {
  if (zoom !== 'fit') return zoom;
  const canvas = pageBox.querySelector('canvas');
  const natural = loaded?.page.getViewport({ scale: 1 });
  return canvas && natural ? canvas.clientWidth / natural.width / CSS_PER_POINT : 1;
}

/** @param {1 | -1} step */
function zoomBy(step) {
  const now = currentZoom();
  const next = step > 0 ? ZOOMS.find((z) => z > now + 0.001) : [...ZOOMS].reverse().find((z) => z < now - 0.001);
  if (next === undefined) return;
  zoom = next;
  requestDraw();
}

byId('zoom-in').addEventListener('click', () => zoomBy(1));
byId('zoom-out').addEventListener('click', () => zoomBy(-1));
byId('zoom-fit').addEventListener('click', () => {
  zoom = 'fit';
  requestDraw();
});

/** Draws again, shortly after the last of a series of changes (a window being resized, a pinch). */
let redrawTimer = 0;
function redrawSoon() {
  clearTimeout(redrawTimer);
  redrawTimer = window.setTimeout(requestDraw, 100);
}
window.addEventListener('resize', () => {
  if (zoom === 'fit') redrawSoon();
});
window.visualViewport?.addEventListener('resize', redrawSoon);
/** Browser zoom changes the pixel density: follow it. */
function watchPixelRatio() {
  window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener(
    'change',
    () => {
      redrawSoon();
      watchPixelRatio();
    },
    { once: true },
  );
}
watchPixelRatio();

/** @param {string} base64 */
function fromBase64(base64) {
  /** @type {{ fromBase64?: (text: string) => Uint8Array }} */
  const native = /** @type {any} */ (Uint8Array);
  if (native.fromBase64) return native.fromBase64(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------
// The event stream (EventSource reconnects by itself, also to a restarted server)

const events = new EventSource('/events');
events.addEventListener('pdf', (event) => {
  const { version, base64 } = JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
  received = { version, data: fromBase64(base64) };
});
events.addEventListener('status', (event) => onStatus(JSON.parse(/** @type {MessageEvent<string>} */ (event).data)));
events.addEventListener('error', () => {
  if (events.readyState !== EventSource.OPEN) setStatusLine('connection lost: is briefing serve still running? reconnecting…', 'error');
});
