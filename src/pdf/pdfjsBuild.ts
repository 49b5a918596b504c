/**
 * Where pdf.js's build files are. The build (build/build.mjs) copies the few that run (the browser build that
 * `briefing serve` sends to the page, the Node build that `extract` and `preview` read PDFs with, and their
 * licence) into dist/pdfjs/, so an installed briefing needs no pdfjs-dist package (41 MB, most of it source
 * maps, other builds and data our PDFs never need). Running from the sources before a build, they come from
 * the pdfjs-dist package of the development install, the same version.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importModule } from '../importModule.js';
import { PACKAGE_ROOT } from '../resources.js';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** dist/pdfjs/: `browser/` (pdf.min.mjs, pdf.worker.min.mjs) and `node/` (pdf.mjs, pdf.worker.mjs). */
export const PDFJS_COPY = join(PACKAGE_ROOT, 'dist', 'pdfjs');

function fromPackage(): string {
  return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/** The folder of pdf.js's browser build: `pdf.min.mjs` and `pdf.worker.min.mjs`. */
export function pdfjsBrowserBuild(): string {
  const copy = join(PDFJS_COPY, 'browser');
  return existsSync(join(copy, 'pdf.min.mjs')) ? copy : join(fromPackage(), 'build');
}

/** What pdf.js's Node build takes from the canvas package when they are not globals. */
type CanvasGlobals = Record<'DOMMatrix' | 'Path2D' | 'ImageData', unknown>;

/**
 * pdf.js's Node build evaluates `new DOMMatrix()` when it is imported, and takes DOMMatrix, Path2D and
 * ImageData from @napi-rs/canvas when they are not globals. That canvas is an optional peer dependency (only
 * `preview` draws, and hands in the one it loaded); without it, `extract` (which only reads a PDF's
 * attachments, never draws) gets empty stand-ins, so that pdf.js loads. Returns whether the canvas is there.
 */
async function provideCanvasGlobals(given?: CanvasGlobals): Promise<boolean> {
  const globals = globalThis as Record<string, unknown>;
  if (!given && globals.DOMMatrix !== undefined) return true;
  try {
    const canvas = given ?? (await importModule<CanvasGlobals>('@napi-rs/canvas'));
    globals.DOMMatrix = canvas.DOMMatrix;
    globals.Path2D = canvas.Path2D;
    globals.ImageData = canvas.ImageData;
    return true;
  } catch {
    globals.DOMMatrix = class DOMMatrix {};
    globals.Path2D = class Path2D {};
    globals.ImageData = class ImageData {};
    return false;
  }
}

/** pdf.js's legacy (Node) build, imported once; `canvas`: the canvas package, when the caller has loaded it. */
export async function importPdfjs(canvas?: CanvasGlobals): Promise<PdfjsModule> {
  if (!(await provideCanvasGlobals(canvas))) quietenCanvasWarning();
  const copy = join(PDFJS_COPY, 'node', 'pdf.mjs');
  return await importModule<PdfjsModule>(existsSync(copy) ? pathToFileURL(copy).href : 'pdfjs-dist/legacy/build/pdf.mjs');
}

/**
 * pdf.js and its worker also try to load the canvas themselves when imported, and say on the console that it is
 * missing: expected without the optional canvas, not the user's business. Only that one line is dropped.
 */
function quietenCanvasWarning(): void {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Warning: Cannot load "@napi-rs/canvas" package')) return;
    warn(...args);
  };
}

/** What `standardFontDataUrl` names (our PDFs embed every font: pdf.js never reads it). */
export function pdfjsStandardFonts(): string {
  const copy = join(PDFJS_COPY, 'node', 'standard_fonts');
  return `${existsSync(join(PDFJS_COPY, 'node', 'pdf.mjs')) ? copy : join(fromPackage(), 'standard_fonts')}/`;
}
