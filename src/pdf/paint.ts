/**
 * The paint stage: writes exactly the glyphs and positions layout computed. PDFKit neither shapes nor wraps
 * anything here; text goes in as glyph ids through `TJ` with explicit adjustments.
 *
 * Each line is one marked-content span carrying its language and its logical text as /ActualText, so copy-paste
 * and search give the sentence back in reading order (poppler honours /ActualText; pdf.js reads the ToUnicode map
 * in content order and reorders right-to-left text itself).
 */
import type { PageLayout, PaintItem } from '../layout/types.js';
import type { FontFace } from '../text/fonts.js';
import type { GlyphRun, LineBox } from '../text/types.js';
import { FaceEmbedder, type EmbeddedFace } from './fontEmbedding.js';
import { popplerPrimaryLtr, popplerVisual } from './textLayer.js';
import { stripBidiControls } from '../text/controls.js';

export function paintPage(doc: PDFKit.PDFDocument, page: PageLayout): void {
  const embedder = new FaceEmbedder(doc);
  const lines = page.items.flatMap((item) => (item.kind === 'text' ? [item.line.text] : []));
  const primaryLtr = popplerPrimaryLtr(lines);
  for (const item of page.items) paintItem(doc, embedder, page, item, primaryLtr);
  embedder.finish();
}

function paintItem(doc: PDFKit.PDFDocument, embedder: FaceEmbedder, page: PageLayout, item: PaintItem, primaryLtr: boolean): void {
  switch (item.kind) {
    case 'rect':
      doc.rect(item.x, item.y, item.width, item.height).fill(item.color);
      return;
    case 'rule':
      doc.save().moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.width).strokeColor(item.color).stroke().restore();
      return;
    case 'link':
      doc.link(item.x, item.y, item.width, item.height, item.url);
      return;
    case 'text':
      paintLine(doc, embedder, page, item.line, item.x + item.line.x, item.y + item.line.baseline, primaryLtr);
      return;
  }
}

/** `left`/`baseline` in layout coordinates (top-left origin). */
function paintLine(doc: PDFKit.PDFDocument, embedder: FaceEmbedder, page: PageLayout, line: LineBox, left: number, baseline: number, primaryLtr: boolean): void {
  const actualText = popplerVisual(stripBidiControls(line.text), primaryLtr);
  const ops: string[] = [];
  // PDFKit's page content is flipped to a top-left origin; text needs PDF's own y-up space back.
  ops.push('q', `1 0 0 -1 0 ${num(page.height)} cm`);
  ops.push(`/Span <</Lang ${pdfString(line.lang)} /ActualText ${pdfString(actualText)}>> BDC`, 'BT');
  let currentFont = '';
  let currentColor = '';
  for (const run of line.runs) {
    if (run.glyphs.length === 0) continue;
    const embedded = embedder.use(run.face as FontFace, run.level > (line.direction === 'rtl' ? 1 : 0));
    const font = `/${embedded.resourceName} ${num(run.style.size)} Tf`;
    if (font !== currentFont) ops.push(font);
    currentFont = font;
    const color = rgb(run.style.color);
    if (color !== currentColor) ops.push(`${color} rg`);
    currentColor = color;
    // PDF text space: origin bottom-left, y up.
    ops.push(`1 0 0 1 ${num(left + run.x)} ${num(page.height - baseline)} Tm`);
    ops.push(...showRun(run, embedded));
  }
  ops.push('ET', 'EMC', 'Q');
  for (const op of ops) doc.addContent(op);
}

/** TJ operations for a run: glyph ids with position adjustments, text rise for marks raised or lowered by GPOS. */
function showRun(run: GlyphRun, embedded: EmbeddedFace): string[] {
  const size = run.style.size;
  const ops: string[] = [];
  let parts: string[] = [];
  let pen = 0; // where the PDF's pen is, in points from the run's origin
  let rise = 0;
  const flush = () => {
    if (parts.length) ops.push(`[${parts.join(' ')}] TJ`);
    parts = [];
  };
  for (const { glyph, text, extraWidth } of streamGlyphs(run)) {
    if (glyph.dy !== rise) {
      flush();
      rise = glyph.dy;
      ops.push(`${num(rise)} Ts`);
    }
    const target = glyph.x + glyph.dx;
    const delta = target - pen;
    if (Math.abs(delta) > 0.0005) parts.push(num((-delta * 1000) / size));
    const cid = embedded.cid(glyph.id, text, (extraWidth * 1000) / size);
    parts.push(`<${cid.toString(16).padStart(4, '0')}>`);
    pen = target + (embedded.pdfWidth(cid) * size) / 1000;
  }
  flush();
  if (rise !== 0) ops.push('0 Ts');
  return ops;
}

type Glyph = GlyphRun['glyphs'][number];

/** A glyph as the content stream shows it. */
export interface StreamGlyph {
  glyph: Glyph;
  /** What the glyph stands for in the ToUnicode map ('' for nothing). */
  text: string;
  /** Points the PDF's /W array adds to the glyph's advance. */
  extraWidth: number;
}

const FORMAT_TAIL = /\p{Cf}+$/u;
const MARK = /\p{Mn}/u;

/**
 * The glyphs of a run in content-stream order (left to right) with the text each stands for.
 *
 * Each cluster's characters go to its first glyph in logical order (a ligature gets all its letters; in a
 * right-to-left run stored reversed, which pdf.js's reordering of the item turns back). Three rules keep
 * pdf.js's text extraction (src/core/evaluator.js, `buildTextContentItem`) from losing or adding characters;
 * none changes the concatenated text of the run:
 *  - a glyph whose text *ends* with a format character (ZWNJ, ZWJ) is dropped whole, so a trailing format
 *    character moves to the start of the next glyph that stands for something;
 *  - a glyph whose text holds a nonspacing mark counts as zero-width and does not move pdf.js's "previous glyph"
 *    position. A mark drawn right after a word space (the last haraka of a right-to-left word) thus makes pdf.js
 *    measure the space twice and add a second one ("رَسُول ُ"). There the space glyph is not drawn: the glyph
 *    before it stands for its own text and the space, and /W widens it by the space;
 *  - an empty text maps to ZWSP (fontEmbedding.ts), which extractors drop.
 */
export function streamGlyphs(run: GlyphRun): StreamGlyph[] {
  const rtl = run.level % 2 === 1;
  const starts = [...new Set(run.glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
  const charsOf = (cluster: number) => {
    const next = starts.find((s) => s > cluster) ?? run.logicalEnd;
    return stripBidiControls(run.text.slice(cluster - run.logicalStart, next - run.logicalStart));
  };
  const seen = new Set<number>();
  const texts = new Map<Glyph, string>();
  for (const glyph of rtl ? [...run.glyphs].reverse() : run.glyphs) {
    const text = seen.has(glyph.cluster) ? '' : charsOf(glyph.cluster);
    seen.add(glyph.cluster);
    texts.set(glyph, rtl ? [...text].reverse().join('') : text);
  }
  const stream: (StreamGlyph | undefined)[] = run.glyphs.map((glyph) => ({ glyph, text: texts.get(glyph)!, extraWidth: 0 }));

  stream.forEach((space, i) => {
    const before = stream[i - 1];
    const after = stream[i + 1];
    if (!space || space.text !== ' ' || !before || !after || after.glyph.advance !== 0 || after.text === '') return;
    const { glyph, text } = before;
    if (glyph.advance === 0 || glyph.dy !== 0 || text === '' || /^\s/u.test(text) || MARK.test(text)) return;
    const extra = after.glyph.x - (glyph.x + glyph.dx + glyph.advance);
    if (extra <= 0) return;
    stream[i - 1] = { glyph, text: text + ' ', extraWidth: extra };
    stream[i] = undefined;
  });

  const drawn = stream.filter((g): g is StreamGlyph => g !== undefined);
  drawn.forEach((current, i) => {
    const tail = FORMAT_TAIL.exec(current.text)?.[0];
    const next = tail && drawn.slice(i + 1).find((g) => g.text !== '');
    if (!tail || !next) return;
    current.text = current.text.slice(0, -tail.length);
    next.text = tail + next.text;
  });
  return drawn;
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
