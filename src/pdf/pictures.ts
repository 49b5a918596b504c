/**
 * Drawing the page's pictures: SVG through svg-to-pdfkit (vectors), PNG and JPEG through PDFKit. What the next
 * render of the same picture at the same place can reuse is kept in the renderer's cache (`PictureMemo`): the
 * operators an SVG drew, a PNG's split channels. Same picture, same box, same bytes.
 */
import SVGtoPDF from 'svg-to-pdfkit';
import type { PaintItem } from '../layout/types.js';
import { noMemo, type Memo } from '../renderCache.js';
import { contentWrittenBy, pngWithChannels, type PngChannels } from './pdfkitInternals.js';

export interface PictureMemo {
  /** An SVG's drawing operators by picture, box and page height (none when the drawing made PDF objects). */
  svgDrawings: Memo<{ operators?: string }>;
  /** A PNG's split channels by picture. */
  pngChannels: Memo<{ channels?: PngChannels }>;
}

export const NO_PICTURE_MEMO: PictureMemo = { svgDrawings: noMemo(), pngChannels: noMemo() };

export function drawPicture(doc: PDFKit.PDFDocument, item: Extract<PaintItem, { kind: 'image' }>, memo: PictureMemo, pageHeight: number): void {
  const { image, x, y, width, height } = item;
  if (image.format === 'svg') {
    const kept = memo.svgDrawings.get(`${image.sha256}|${x}|${y}|${width}|${height}|${pageHeight}`, () => ({}));
    if (kept.operators !== undefined) {
      doc.addContent(kept.operators);
      return;
    }
    // Vectors: svg-to-pdfkit turns the SVG's shapes into PDF paths in the box (checked when it was loaded).
    const operators = contentWrittenBy(doc, () =>
      SVGtoPDF(doc, new TextDecoder().decode(image.bytes), x, y, { width, height, preserveAspectRatio: 'xMidYMid meet' }),
    );
    if (operators !== undefined) kept.operators = operators;
    return;
  }
  // PDFKit embeds PNG (FlateDecode, alpha as a soft mask) and JPEG (DCTDecode, as is) itself.
  const source = image.format === 'png' ? pngWithChannels(doc, image.bytes, memo.pngChannels.get(image.sha256, () => ({}))) : Buffer.from(image.bytes);
  doc.image(source as Buffer, x, y, { width, height });
}
