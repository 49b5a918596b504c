/**
 * Drawing the page's pictures: SVG through svg-to-pdfkit (vectors), PNG and JPEG through PDFKit. What the next
 * render of the same picture at the same place can reuse is kept in the renderer's cache (`PictureMemo`): the
 * drawing calls an SVG made, a PNG's split channels. Same picture, same box, same bytes.
 */
import SVGtoPDF from 'svg-to-pdfkit';
import type { PaintItem } from '../layout/types.js';
import { noMemo, type Memo } from '../renderCache.js';
import { pngPlanesImage } from './pdfkitInternals.js';
import { splitPngPlanes, type PngPlanes } from './pngPlanes.js';

export interface PictureMemo {
  /**
   * The PDFKit calls an SVG drew with, by picture, box and page height, once drawn; `replayable: false` when
   * they cannot be replayed (it is drawn afresh each time, not recorded again).
   */
  svgDrawings: Memo<{ calls?: readonly DrawCall[]; replayable?: false }>;
  /** A PNG's colour and alpha planes by picture (undefined for a PNG PDFKit embeds itself). */
  pngPlanes: Memo<PngPlanes | undefined>;
}

export const NO_PICTURE_MEMO: PictureMemo = { svgDrawings: noMemo(), pngPlanes: noMemo() };

export function drawPicture(doc: PDFKit.PDFDocument, item: Extract<PaintItem, { kind: 'image' }>, memo: PictureMemo, pageHeight: number): void {
  const { image, x, y, width, height } = item;
  if (image.format === 'svg') {
    const kept = memo.svgDrawings.get(`${image.sha256}|${x}|${y}|${width}|${height}|${pageHeight}`, () => ({}));
    if (kept.calls) return replay(doc, kept.calls);
    // Vectors: svg-to-pdfkit turns the SVG's shapes into PDF paths in the box (checked when it was loaded).
    const draw = (target: PDFKit.PDFDocument) => SVGtoPDF(target, new TextDecoder().decode(image.bytes), x, y, { width, height, preserveAspectRatio: 'xMidYMid meet' });
    if (kept.replayable === false) return draw(doc);
    const calls = recordCalls(doc, draw);
    if (calls) kept.calls = calls;
    else kept.replayable = false;
    return;
  }
  // A PNG with alpha as its two planes, split without decoding (./pngPlanes.ts); any other PNG (FlateDecode, its
  // rows as they are) and JPEG (DCTDecode, as is) PDFKit embeds itself.
  const planes = image.format === 'png' ? memo.pngPlanes.get(image.sha256, () => splitPngPlanes(image.bytes)) : undefined;
  doc.image((planes ? pngPlanesImage(doc, planes) : Buffer.from(image.bytes)) as Buffer, x, y, { width, height });
}

/** One call of a PDFKit drawing method, its arguments plain data; `=name` sets the document's property `name`. */
export type DrawCall = readonly [method: string, args: readonly unknown[]];

/**
 * The PDFKit methods a drawing is replayed through: paths, transforms, colours, opacity, line styles. Anything
 * else (text, images, gradients, patterns, links) is not recorded, and such a drawing is drawn afresh each time.
 * Replayed, PDFKit makes the same operators and the same opacity states (one per document) in the same order:
 * the same bytes, without parsing the SVG and converting its shapes again (most of what a logo costs).
 */
const REPLAYABLE = new Set([
  'save', 'restore', 'translate', 'scale', 'rotate', 'transform',
  'moveTo', 'lineTo', 'bezierCurveTo', 'quadraticCurveTo', 'closePath', 'rect', 'clip',
  'fill', 'stroke', 'fillAndStroke', 'fillColor', 'strokeColor', 'fillOpacity', 'strokeOpacity', 'opacity',
  'lineWidth', 'miterLimit', 'lineJoin', 'lineCap', 'dash', 'undash',
]);

/**
 * Runs `draw` on `doc` through a recorder and returns the calls it made, when every one is replayable with
 * plain-data arguments (and what it set on the document plain data too); else undefined (the drawing is done
 * all the same).
 */
function recordCalls(doc: PDFKit.PDFDocument, draw: (recording: PDFKit.PDFDocument) => void): DrawCall[] | undefined {
  const calls: DrawCall[] = [];
  let replayable = true;
  const recording: PDFKit.PDFDocument = new Proxy(doc, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (typeof property === 'string' && REPLAYABLE.has(property) && args.every(isPlainData)) calls.push([property, copyOfPlain(args)]);
        else replayable = false;
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result === target ? recording : result;
      };
    },
    // svg-to-pdfkit puts the document's fill colour back when done: replayed as a setting of plain data.
    set(target, property, value) {
      if (typeof property === 'string' && isPlainData(value)) calls.push([`=${property}`, [copyOfPlain(value)]]);
      else replayable = false;
      return Reflect.set(target, property, value, target);
    },
  });
  draw(recording);
  return replayable ? calls : undefined;
}

function replay(doc: PDFKit.PDFDocument, calls: readonly DrawCall[]): void {
  const methods = doc as unknown as Record<string, (...args: unknown[]) => unknown>;
  // Copied: a method may keep or change what it is given.
  for (const [method, args] of calls) {
    if (method.startsWith('=')) (doc as unknown as Record<string, unknown>)[method.slice(1)] = copyOfPlain(args[0]);
    else methods[method]!.apply(doc, args.map(copyOfPlain));
  }
}

/** A deep copy of plain data (`isPlainData`): numbers and strings as they are, arrays and objects anew. */
function copyOfPlain<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOfPlain) as T;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copyOfPlain(entry)])) as T;
}

function isPlainData(value: unknown): boolean {
  if (value === null || value === undefined || ['number', 'string', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  return typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every(isPlainData);
}
