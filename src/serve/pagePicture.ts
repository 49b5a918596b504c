/**
 * The picture of the page that `briefing serve` shows: page 1 of the PDF drawn by PDFium (the renderer of
 * Chrome's PDF viewer, as WebAssembly: @embedpdf/pdfium) at the pixel width the page asks for, as a PNG.
 *
 * Why a picture drawn here and not pdf.js in the browser: pdf.js's worker parses and converts each of the page's
 * 14 embedded fonts and builds the outline of every glyph again for each new document (≈ 70 ms of a new
 * version), and its canvas then fills every outline (≈ 55 ms): ≈ 110 ms from the bytes to a drawn page in
 * Chromium, against ≈ 30 ms for PDFium to open and draw it here (docs/performance.md, the serve part). A picture
 * is sharp at one pixel density: the page asks for a new one at each zoom, which costs as little.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import { importModule } from '../importModule.js';

type Pdfium = import('@embedpdf/pdfium').WrappedPdfiumModule;

/** The largest picture drawn, in pixels (pdf.js's default canvas limit, which the page keeps to as well). */
export const MAX_PICTURE_PIXELS = 2 ** 25;
/** FPDF_RenderPageBitmap's flags: annotations drawn, the bytes in RGBA order (PDFium's own is BGRA). */
const FPDF_ANNOT = 0x01;
const FPDF_REVERSE_BYTE_ORDER = 0x10;
const WHITE = 0xffffffff;

export interface PagePicture {
  /** The picture's size in pixels; `height` follows from the page's shape. */
  width: number;
  height: number;
  png: Buffer;
}

/** PDFium, loaded on first use (only `serve` draws pictures), once per process. */
let pdfium: Promise<Pdfium> | undefined;

function loadPdfium(): Promise<Pdfium> {
  pdfium ??= (async () => {
    const { init } = await importModule<typeof import('@embedpdf/pdfium')>('@embedpdf/pdfium');
    const wasm = readFileSync(createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm'));
    const module = await init({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    module.PDFiumExt_Init();
    return module;
  })();
  return pdfium;
}

/**
 * Draws page 1 of PDFs. It keeps the last PDF open (its bytes in PDFium's memory), so pictures of one version
 * at other widths (a zoom) do not parse it again.
 */
export class PagePainter {
  private lib: Pdfium | undefined;
  private open: { pdf: Uint8Array; memory: number; document: number; page: number; width: number; height: number } | undefined;

  /**
   * Page 1 of `pdf`, `width` pixels wide (the height from the page's shape), as a PNG. A RangeError when the
   * picture would have more than MAX_PICTURE_PIXELS. Everything after PDFium is loaded runs in one go (no await),
   * so calls for different PDFs cannot interleave.
   */
  async draw(pdf: Uint8Array, width: number): Promise<PagePicture> {
    const lib = (this.lib ??= await loadPdfium());
    const open = this.load(lib, pdf);
    const height = Math.max(1, Math.round((width * open.height) / open.width));
    if (!Number.isInteger(width) || width < 1 || width * height > MAX_PICTURE_PIXELS) throw new RangeError(`no picture ${width} × ${height} pixels`);
    const bitmap = lib.FPDFBitmap_Create(width, height, 1);
    if (!bitmap) throw new Error(`PDFium cannot make a ${width} × ${height} bitmap`);
    try {
      lib.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, WHITE);
      lib.FPDF_RenderPageBitmap(bitmap, open.page, 0, 0, width, height, 0, FPDF_ANNOT | FPDF_REVERSE_BYTE_ORDER);
      const stride = lib.FPDFBitmap_GetStride(bitmap);
      if (stride !== width * 4) throw new Error(`PDFium's bitmap rows are ${stride} bytes, not ${width * 4}`);
      // A view of PDFium's memory (no copy): the PNG is made before anything else runs in it.
      const heap = (lib.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;
      const rgba = heap.subarray(lib.FPDFBitmap_GetBuffer(bitmap), lib.FPDFBitmap_GetBuffer(bitmap) + stride * height);
      return { width, height, png: encodePng(rgba, width, height) };
    } finally {
      lib.FPDFBitmap_Destroy(bitmap);
    }
  }

  /** Frees PDFium's copy of the last PDF. */
  close(): void {
    const { lib, open } = this;
    if (!lib || !open) return;
    this.open = undefined;
    lib.FPDF_ClosePage(open.page);
    lib.FPDF_CloseDocument(open.document);
    lib.pdfium.wasmExports.free(open.memory);
  }

  private load(lib: Pdfium, pdf: Uint8Array): NonNullable<PagePainter['open']> {
    if (this.open?.pdf === pdf) return this.open;
    this.close();
    // PDFium reads the document from its own memory for as long as it is open.
    const memory = lib.pdfium.wasmExports.malloc(pdf.byteLength);
    (lib.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8.set(pdf, memory);
    const document = lib.FPDF_LoadMemDocument(memory, pdf.byteLength, '');
    if (!document) {
      lib.pdfium.wasmExports.free(memory);
      throw new Error(`PDFium cannot open the PDF (error ${lib.FPDF_GetLastError()})`);
    }
    const page = lib.FPDF_LoadPage(document, 0);
    if (!page) {
      lib.FPDF_CloseDocument(document);
      lib.pdfium.wasmExports.free(memory);
      throw new Error('PDFium cannot read the PDF\'s page');
    }
    this.open = { pdf, memory, document, page, width: lib.FPDF_GetPageWidthF(page), height: lib.FPDF_GetPageHeightF(page) };
    return this.open;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** IHDR's colour type for 8-bit RGBA (PNG spec, 11.2.2). */
const PNG_RGBA = 6;

/**
 * 8-bit RGBA pixels (`width * 4` bytes a row, top row first) as a PNG: one IDAT, no row filters (filter type 0
 * before each row), zlib's fastest level. Written here rather than with pngjs, which repacks every pixel in
 * JavaScript: 14–20 ms for a 673 × 952 page against 6 ms (zlib does the work), and the picture is on the way
 * to the screen. The size matters little over the loopback: ≈ 140 KB for that page.
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const row = width * 4;
  const filtered = Buffer.alloc((row + 1) * height);
  for (let y = 0; y < height; y++) filtered.set(rgba.subarray(y * row, (y + 1) * row), y * (row + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = PNG_RGBA; // compression, filter method and interlace: 0
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(filtered, { level: 1 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A PNG chunk: length, type, data, and the CRC-32 of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'ascii');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}
