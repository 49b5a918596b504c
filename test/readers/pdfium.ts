/**
 * Page text as Chrome's viewer copies it: PDFium's FPDFText_GetText over the whole page (select all, copy), in
 * the @embedpdf/pdfium WebAssembly build of PDFium. PDFium orders characters by its own analysis of the page
 * (lines by position, each line's characters through its bidi pass), not by the content stream.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init, type WrappedPdfiumModule } from '@embedpdf/pdfium';

let module: Promise<WrappedPdfiumModule> | undefined;

function pdfium(): Promise<WrappedPdfiumModule> {
  module ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm'));
    const instance = await init({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    instance.PDFiumExt_Init();
    return instance;
  })();
  return module;
}

/** The text of every page of `pdf`, one string per page, as FPDFText_GetText gives it. */
export async function pdfiumPageTexts(pdf: Uint8Array): Promise<string[]> {
  const lib = await pdfium();
  const { pdfium: rt } = lib;
  const data = rt.wasmExports.malloc(pdf.byteLength);
  // HEAPU8 is on the Emscripten module at run time; @embedpdf/pdfium's typings leave it out.
  (rt as unknown as { HEAPU8: Uint8Array }).HEAPU8.set(pdf, data);
  const doc = lib.FPDF_LoadMemDocument(data, pdf.byteLength, '');
  try {
    if (!doc) throw new Error(`PDFium cannot open the PDF (error ${lib.FPDF_GetLastError()})`);
    const texts: string[] = [];
    for (let index = 0; index < lib.FPDF_GetPageCount(doc); index++) {
      const page = lib.FPDF_LoadPage(doc, index);
      const textPage = lib.FPDFText_LoadPage(page);
      const count = lib.FPDFText_CountChars(textPage);
      // UTF-16 code units plus the terminating NUL.
      const buffer = rt.wasmExports.malloc((count + 1) * 2);
      const written = lib.FPDFText_GetText(textPage, 0, count, buffer);
      // Chrome's viewer drops the two characters PDFium writes for itself (IsIgnorableCharacter in
      // pdf/pdfium/pdfium_range.cc): ZWSP, and U+FFFE, its mark for a line-end hyphen it joined the word across.
      texts.push(written > 0 ? rt.UTF16ToString(buffer).replace(/[\u200b\ufffe]/g, '') : '');
      rt.wasmExports.free(buffer);
      lib.FPDFText_ClosePage(textPage);
      lib.FPDF_ClosePage(page);
    }
    return texts;
  } finally {
    if (doc) lib.FPDF_CloseDocument(doc);
    rt.wasmExports.free(data);
  }
}
