/**
 * The paint stage: writes exactly the glyphs and positions layout computed. PDFKit neither shapes nor wraps
 * anything here; text goes in as glyph ids through `TJ` with explicit adjustments.
 *
 * Each line is one marked-content span carrying its language and its logical text as /ActualText, so copy-paste
 * and search give the sentence back in reading order (poppler honours /ActualText; pdf.js reads the ToUnicode map
 * in content order and reorders right-to-left text itself).
 */
import SVGtoPDF from 'svg-to-pdfkit';
import { paintItemsOf } from '../layout/structure.js';
import { paintTagged, type DrawItem } from './tagging.js';
import type { PageLayout, PaintItem } from '../layout/types.js';
import type { FontFace } from '../text/fonts.js';
import type { GlyphRun, LineBox } from '../text/types.js';
import { FaceEmbedder, type EmbeddedFace } from './fontEmbedding.js';
import { lineStreams, readAs, type StreamGlyph } from './pdfjsText.js';
import { popplerPrimaryLtr, popplerVisual } from './textLayer.js';
import { stripBidiControls } from '../text/controls.js';

/**
 * Paints the leaves of the page's structure tree, depth first; the tagging walk (tagging.ts) marks each one as
 * content of its structure element or as an artifact around the drawing.
 */
export function paintPage(doc: PDFKit.PDFDocument, page: PageLayout): void {
  const embedder = new FaceEmbedder(doc);
  const lines = paintItemsOf(page.tree).flatMap((item) => (item.kind === 'text' ? [item.line.text] : []));
  const primaryLtr = popplerPrimaryLtr(lines);
  paintTagged(doc, page.tree, (item, link) => paintItem(doc, embedder, page, item, primaryLtr, link));
  embedder.finish();
}

function paintItem(doc: PDFKit.PDFDocument, embedder: FaceEmbedder, page: PageLayout, item: PaintItem, primaryLtr: boolean, link?: Parameters<DrawItem>[1]): void {
  switch (item.kind) {
    case 'rect':
      doc.rect(item.x, item.y, item.width, item.height).fill(item.color);
      return;
    case 'rule':
      doc.save().moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.width).strokeColor(item.color).stroke().restore();
      return;
    case 'link':
      // A tagged link names its target for assistive technology (/Contents, PDF/UA-1 §7.18.1).
      doc.link(item.x, item.y, item.width, item.height, item.url, (link ? { structParent: link.structParent, Contents: new String(item.url) } : {}) as PDFKit.Mixins.AnnotationOption);
      return;
    case 'text':
      paintLine(doc, embedder, page, item.line, item.x + item.line.x, item.y + item.line.baseline, primaryLtr);
      return;
    case 'image':
      if (item.image.format === 'svg') {
        // Vectors: svg-to-pdfkit turns the SVG's shapes into PDF paths in the box (checked when it was loaded).
        SVGtoPDF(doc, new TextDecoder().decode(item.image.bytes), item.x, item.y, { width: item.width, height: item.height, preserveAspectRatio: 'xMidYMid meet' });
      } else {
        // PDFKit embeds PNG (FlateDecode, alpha as a soft mask) and JPEG (DCTDecode, as is) itself.
        doc.image(Buffer.from(item.image.bytes), item.x, item.y, { width: item.width, height: item.height });
      }
      return;
    case 'qr':
      paintQr(doc, item);
      return;
    default:
      return item satisfies never;
  }
}

/** A QR code as one filled path: each row's runs of dark modules as rectangles. */
function paintQr(doc: PDFKit.PDFDocument, item: Extract<PaintItem, { kind: 'qr' }>): void {
  doc.save();
  item.modules.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      let end = c;
      while (end + 1 < row.length && row[end + 1]) end++;
      doc.rect(item.x + c * item.module, item.y + r * item.module, (end - c + 1) * item.module, item.module);
      c = end;
    }
  });
  doc.fill(item.color).restore();
}

/** `left`/`baseline` in layout coordinates (top-left origin). */
function paintLine(doc: PDFKit.PDFDocument, embedder: FaceEmbedder, page: PageLayout, line: LineBox, left: number, baseline: number, primaryLtr: boolean): void {
  // A hyphenated line's hyphen is part of what it shows (poppler joins the word again at a line-end hyphen).
  const actualText = popplerVisual(stripBidiControls(line.text) + (line.hyphenated ? '-' : ''), primaryLtr);
  const ops: string[] = [];
  // PDFKit's page content is flipped to a top-left origin; text needs PDF's own y-up space back.
  ops.push('q', `1 0 0 -1 0 ${num(page.height)} cm`);
  ops.push(`/Span <</Lang ${pdfString(line.lang)} /ActualText ${pdfString(actualText)}>> BDC`, 'BT');
  const shown = line.runs
    .filter((run) => run.glyphs.length > 0)
    .map((run) => {
      const embedded = embedder.use(run.face as FontFace, run.level > (line.direction === 'rtl' ? 1 : 0));
      return { run, embedded, font: `/${embedded.resourceName} ${num(run.style.size)} Tf` };
    });
  const fonts = new Map(shown.map(({ run, font }) => [run, font]));
  const streams = lineStreams([...fonts.keys()], (run) => fonts.get(run)!);
  let currentFont = '';
  let currentColor = '';
  shown.forEach(({ run, embedded, font }, k) => {
    if (font !== currentFont) ops.push(font);
    currentFont = font;
    const color = rgb(run.style.color);
    if (color !== currentColor) ops.push(`${color} rg`);
    currentColor = color;
    // PDF text space: origin bottom-left, y up.
    ops.push(`1 0 0 1 ${num(left + run.x)} ${num(page.height - baseline)} Tm`);
    ops.push(...showRun(run, embedded, streams[k]!));
  });
  ops.push('ET', 'EMC', 'Q');
  for (const op of ops) doc.addContent(op);
}

/** TJ operations for a run: glyph ids with position adjustments, text rise for marks raised or lowered by GPOS. */
function showRun(run: GlyphRun, embedded: EmbeddedFace, stream: readonly StreamGlyph[]): string[] {
  // The size as written in Tf: advances and adjustments must use it, or the rounding drifts along the run.
  const size = Number(num(run.style.size));
  const ops: string[] = [];
  let parts: string[] = [];
  let pen = 0; // where the PDF's pen is, in points from the run's origin
  let rise = 0;
  const flush = () => {
    if (parts.length) ops.push(`[${parts.join(' ')}] TJ`);
    parts = [];
  };
  for (const shown of stream) {
    const { glyph, text, extraWidth } = shown;
    if (glyph.dy !== rise) {
      flush();
      rise = glyph.dy;
      ops.push(`${num(rise)} Ts`);
    }
    const target = glyph.x + glyph.dx;
    const adjustment = num(((pen - target) * 1000) / size);
    // The pen moves by the adjustment as written (rounded), and not at all when it rounds to nothing: tracking
    // where the PDF's pen really is keeps the rounding from adding up along a line.
    if (adjustment !== '0') {
      parts.push(adjustment);
      pen -= (Number(adjustment) * size) / 1000;
    }
    const cid = embedded.cid(glyph.id, text, (extraWidth * 1000) / size);
    parts.push(`<${cid.toString(16).padStart(4, '0')}>`);
    pen += (embedded.pdfWidth(cid) * size) / 1000;
    // pdf.js drops the adjustment that follows a glyph it skips; one at the start of a TJ it keeps.
    if (readAs(shown) === 'skipped') flush();
  }
  flush();
  if (rise !== 0) ops.push('0 Ts');
  return ops;
}

function num(n: number): string {
  return (Math.round(n * 1000) / 1000).toString();
}

function rgb(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((c) => num(c / 255)).join(' ');
}

/** A PDF text string: ASCII as a literal, anything else as UTF-16BE hex with a byte order mark. */
function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}
