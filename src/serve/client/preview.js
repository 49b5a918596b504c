// @ts-check
/**
 * The preview page of `briefing serve`. It listens to the server's event stream: each `status` event says which
 * PDF version is current and whether the last render failed; a `picture` event just before it brings a PNG of
 * a new version's page (drawn by the server with PDFium at the width this page last asked for:
 * src/serve/pagePicture.ts says why a picture and not pdf.js's drawing), a `pdf` event just after it the PDF. The picture goes into a new canvas,
 * which replaces the old one only when complete (no blank flash). Its pixels are the screen's real pixel density
 * (browser zoom and pinch zoom included) and the zoom's: when either changes, or the picture sent is of another
 * width, the page asks the server for the picture it needs (`/page.png?version&width`), so the page is sharp at
 * any zoom. Over it, once it is on screen, lies pdf.js's text layer of the same PDF (textLayer.js). A failed
 * render shows its problems over the last good page.
 *
 * For tests and the benchmark, the page publishes what it shows:
 * - `main[data-version]` (the PDF on screen) and `main[data-state]` (loading | ok | error);
 * - the events `briefing:status` (a status, once shown), `briefing:drawn` (a drawing put on screen, at any zoom),
 *   `briefing:shown` (a new version on screen) and `briefing:text` (its selectable text over it,
 *   `.textLayer[data-version]`, `{version, scale}`: once built, and again at each zoom), dispatched on `document`;
 * - `window.briefingPreview`: the version on screen, its `pixelRatio`, and the times (ms since the epoch, the
 *   machine's clock) the status naming it came (`received`), the picture was in hand (`fetched`: the same when it
 *   came in the stream, later when it had to be asked for), decoded (`decoded`), in its canvas (`drawn`) and the
 *   first animation frame with it came (`shownAt`), with `server`, the server's times of that render
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
/** Largest picture drawn (pdf.js's default canvas limit, the server's too): past it, a lower pixel density. */
const MAX_CANVAS_PIXELS = 2 ** 25;
const ZOOMS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5];
/** Space kept around the page when it is fitted to the window (CSS px, both sides together). */
const FIT_MARGIN = 48;

/**
 * @typedef {{ where: string, path?: string, message: string }} ProblemView
 * @typedef {{ code: string, summary: string, problems: ProblemView[], hint?: string }} ErrorView
 * @typedef {{ changed: number | null, started: number, ready: number, pictured: number | null }} RenderTiming
 * @typedef {{ width: number, height: number }} PageSize
 * @typedef {{ lang: string, title: string, at: string, ms: number, page: PageSize, bodySize: number, shrank: boolean, warnings: string[], timing: RenderTiming }} Rendered
 * @typedef {{ version: string | null, lang: string | null, direction: 'rtl' | 'ltr', languages: string[], fileName: string,
 *             rendered: Rendered | null, error: ErrorView | null }} PreviewStatus
 * @typedef {{ version: string, width: number, data: Uint8Array }} Picture
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
/** The version the server has, its page's size (points), when its status came and the server's times of it. */
/** @type {{ version: string, page: PageSize, received: number, server: RenderTiming } | null} */
let wanted = null;
/** The last PDF the server sent (its `pdf` event), for the text layer. @type {{ version: string, data: Uint8Array } | undefined} */
let received;
/** The last picture the server sent (its `picture` event) or the page fetched. @type {Picture | undefined} */
let picture;
/** The clock the benchmark compares with the server's: ms since the epoch. */
const now = () => performance.timeOrigin + performance.now();
/** The version on screen, and the size of its page. @type {string | null} */
let shown = null;
/** @type {PageSize | undefined} */
let shownPage;

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
      if (wanted !== null) await draw(wanted);
    } catch (error) {
      console.error(error);
      setStatusLine(`cannot show the page: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  }
  busy = false;
}

/**
 * The picture of `version`'s page `width` pixels wide: the one the server sent, else asked for. Undefined when
 * the server has a newer version by now (its status is on the way, and draws again).
 * @param {string} version @param {number} width
 * @returns {Promise<Picture | undefined>}
 */
async function pictureOf(version, width) {
  if (picture?.version === version && picture.width === width) return picture;
  const response = await fetch(`/page.png?version=${encodeURIComponent(version)}&width=${width}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(await response.text());
  const fetched = { version, width, data: new Uint8Array(await response.arrayBuffer()) };
  // Kept unless a newer version came meanwhile (its picture is the one to keep).
  if (wanted?.version === version) picture = fetched;
  return fetched;
}

/**
 * Draws the wanted version at the current zoom and pixel density, then puts it on screen.
 * @param {NonNullable<typeof wanted>} current
 */
async function draw({ version, page, received: statusAt, server }) {
  const fit = Math.min((view.clientWidth - FIT_MARGIN) / page.width, (view.clientHeight - FIT_MARGIN) / page.height);
  const scale = zoom === 'fit' ? Math.max(0.1, fit) : zoom * CSS_PER_POINT;
  const [cssWidth, cssHeight] = [page.width * scale, page.height * scale];
  let pixelRatio = window.devicePixelRatio * (window.visualViewport?.scale ?? 1);
  const pixels = cssWidth * cssHeight * pixelRatio * pixelRatio;
  if (pixels > MAX_CANVAS_PIXELS) pixelRatio *= Math.sqrt(MAX_CANVAS_PIXELS / pixels);

  const next = await pictureOf(version, Math.max(1, Math.floor(cssWidth * pixelRatio)));
  if (!next) return;
  const fetched = now();
  const bitmap = await createImageBitmap(new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (next.data)], { type: 'image/png' }));
  const decoded = now();
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.style.width = `${Math.floor(cssWidth)}px`;
  canvas.style.height = `${Math.floor(cssHeight)}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', status?.rendered?.title ?? 'the briefing page');
  // The bitmap becomes the canvas's pixels as they are (no copy, no second drawing).
  /** @type {ImageBitmapRenderingContext} */ (canvas.getContext('bitmaprenderer')).transferFromImageBitmap(bitmap);
  if (!statusShown && status?.version === version) showStatus();
  // The text layer's spans are placed in units of this (CSS px per PDF point): they move with the canvas.
  pageBox.style.setProperty('--scale-factor', String(scale));
  pageBox.replaceChildren(canvas);
  shownPage = page;
  shownScale = scale;
  if (pageText?.version === version) void showText(version);
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
    const detail = { version, pixelRatio, server, received: statusAt, fetched, decoded, drawn, shownAt: now() };
    Object.assign(window, { briefingPreview: detail });
    document.dispatchEvent(new CustomEvent('briefing:shown', { detail }));
    // Built after the drawing is on screen, so that it never delays it.
    void showText(version);
  }
  document.dispatchEvent(new CustomEvent('briefing:drawn', { detail: { version, pixelRatio } }));
}

/** CSS px per PDF point of the drawing on screen. */
let shownScale = 1;

/**
 * pdf.js's copy of a version (its document and page), for the text layer: opened when the version is on screen,
 * the one before it destroyed then.
 * @type {{ version: string, opened: Promise<{ pdf: import('./pdf.mjs').PDFDocumentProxy, page: import('./pdf.mjs').PDFPageProxy }> } | undefined}
 */
let textSource;

/** @param {string} version */
function openTextSource(version) {
  if (textSource?.version === version) return textSource.opened;
  if (received?.version !== version) return undefined;
  const old = textSource;
  const opened = pdfjs.getDocument({ data: received.data, worker, isEvalSupported: false, disableFontFace: true }).promise.then(async (pdf) => ({ pdf, page: await pdf.getPage(1) }));
  textSource = { version, opened };
  void old?.opened.then(({ pdf }) => pdf.destroy(), () => {});
  return opened;
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
 */
async function showText(version) {
  const opened = openTextSource(version);
  if (!opened) return;
  const { page } = await opened;
  // A newer version or zoom may be on screen by now: the text follows what is.
  if (shown !== version) return;
  const viewport = page.getViewport({ scale: shownScale });
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
  const newVersion = next.version !== null && next.rendered !== null && next.version !== wanted?.version;
  if (newVersion && next.version !== null && next.rendered !== null) {
    wanted = { version: next.version, page: next.rendered.page, received: now(), server: next.rendered.timing };
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
  return canvas && shownPage ? canvas.clientWidth / shownPage.width / CSS_PER_POINT : 1;
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
  // It comes after the status: its version may be on screen already, waiting for its text.
  if (shown === version && textSource?.version !== version) void showText(version);
});
events.addEventListener('picture', (event) => {
  const { version, width, base64 } = JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
  picture = { version, width, data: fromBase64(base64) };
});
events.addEventListener('status', (event) => onStatus(JSON.parse(/** @type {MessageEvent<string>} */ (event).data)));
events.addEventListener('error', () => {
  if (events.readyState !== EventSource.OPEN) setStatusLine('connection lost: is briefing serve still running? reconnecting…', 'error');
});
