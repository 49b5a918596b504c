/**
 * A PNG picture of a PDF's first page: pdf.js (pdfjs-dist, legacy build for Node) draws the page onto a
 * canvas of @napi-rs/canvas, which encodes it as PNG. Both are loaded on first use (dynamic import), so
 * `render` and the library never pay for them; the canvas is an optional peer dependency (35 MB of native code),
 * and without it `preview` says how to add it.
 *
 * One canvas implementation throughout: pdf.js in Node draws with the `Path2D`, `DOMMatrix` and `ImageData`
 * it finds on `globalThis` (polyfilled, if absent, from the `@napi-rs/canvas` *it* resolves — which may be
 * another copy than ours, since pdfjs-dist asks for a 0.1.x range) and creates its scratch canvases with its
 * `CanvasFactory`. A canvas of one copy refuses the `Path2D` of another ("not a valid enum value of type
 * CanvasFillRule"), so we set those globals and the factory from our `@napi-rs/canvas` before rendering.
 *
 * The PDFs we render embed every font, so pdf.js needs no standard font data and no system fonts; it draws
 * glyph outlines itself (`disableFontFace`, the Node default, said explicitly) and never compiles code from
 * font data (`isEvalSupported: false`).
 */
import { BriefingError } from '../errors.js';
import { importModule } from '../importModule.js';
import { importPdfjs, pdfjsStandardFonts } from '../pdf/pdfjsBuild.js';

type CanvasModule = typeof import('@napi-rs/canvas');
type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

interface Libraries {
  canvas: CanvasModule;
  pdfjs: PdfjsModule;
  standardFontDataUrl: string;
}

let libraries: Promise<Libraries> | undefined;

/** The package `briefing preview` draws with; optional (a peer dependency), as few need pictures. */
export const CANVAS_PACKAGE = '@napi-rs/canvas';
const CANVAS_VERSION = '1.1.1';

/** @napi-rs/canvas, or a BriefingError saying how to add it when it is not installed. */
export async function importCanvas(specifier = CANVAS_PACKAGE): Promise<CanvasModule> {
  try {
    return await importModule<CanvasModule>(specifier);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    // Not the user's input: a part of the installation (exit code 1, as for the other failures that are not input).
    throw new BriefingError('internal', `a picture of the page needs ${specifier}, which is not installed`, {
      hint: `install it beside briefing: npm install --save-exact ${specifier}@${CANVAS_VERSION} (render, watch, serve and extract do not need it)`,
      cause: error,
    });
  }
}

async function loadLibraries(): Promise<Libraries> {
  const canvas = await importCanvas();
  const pdfjs = await importPdfjs(canvas);
  // Only read for PDFs that use the 14 standard fonts without embedding them (ours never do); given so that
  // pdf.js never warns about it. The path ends with a slash, as pdf.js expects.
  return { canvas, pdfjs, standardFontDataUrl: pdfjsStandardFonts() };
}

/** pdf.js's scratch canvases (patterns, masks, groups), from the same @napi-rs/canvas as the page's. */
function canvasFactoryOf(canvas: CanvasModule) {
  type Pair = { canvas: import('@napi-rs/canvas').Canvas | null; context: import('@napi-rs/canvas').SKRSContext2D | null };
  return class NapiCanvasFactory {
    create(width: number, height: number): Pair {
      if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
      const created = canvas.createCanvas(width, height);
      return { canvas: created, context: created.getContext('2d') };
    }
    reset(pair: Pair, width: number, height: number): void {
      if (!pair.canvas) throw new Error('Canvas is not specified');
      pair.canvas.width = width;
      pair.canvas.height = height;
    }
    destroy(pair: Pair): void {
      if (!pair.canvas) throw new Error('Canvas is not specified');
      pair.canvas.width = 0;
      pair.canvas.height = 0;
      pair.canvas = null;
      pair.context = null;
    }
  };
}

/**
 * Renders page 1 of `pdf` at `dpi` dots per inch (72 = one pixel per point) on a white background and returns
 * the PNG bytes. The picture is `round(width / 72 * dpi)` × `round(height / 72 * dpi)` pixels.
 */
export async function pdfToPng(pdf: Uint8Array, dpi: number): Promise<Uint8Array> {
  if (!(dpi > 0) || !Number.isFinite(dpi)) throw new RangeError(`dpi must be a positive number, not ${dpi}`);
  libraries ??= loadLibraries();
  let loaded: Libraries;
  try {
    loaded = await libraries;
  } catch (error) {
    libraries = undefined;
    throw error;
  }
  const { canvas, pdfjs, standardFontDataUrl } = loaded;

  const task = pdfjs.getDocument({
    // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
    data: pdf.slice(),
    CanvasFactory: canvasFactoryOf(canvas),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const document = await task.promise;
    const page = await document.getPage(1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const target = canvas.createCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
    const context = target.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, target.width, target.height);
    await page.render({
      // @napi-rs/canvas implements the browser canvas API pdf.js draws with (its types are the DOM's).
      canvas: target as never,
      canvasContext: context as never,
      viewport,
    }).promise;
    page.cleanup();
    return new Uint8Array(await target.encode('png'));
  } finally {
    await task.destroy();
  }
}
