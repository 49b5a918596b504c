/**
 * Copies of glyphs with advances of their own, appended to a TrueType font (a subset from fontSubset.ts).
 *
 * Why: for pdf.js's reading, a few glyphs need a /W width other than their advance (a mark widened by the space
 * after it, a glyph whose width must end where the next one starts: src/pdf/pdfjsText.ts). PDF/A (ISO 19005-3,
 * 6.2.11.5) wants every width in the font dictionary to be the font program's advance for that glyph. So such a
 * CID is sent (/CIDToGIDMap) to a copy of its glyph whose advance is that width: a composite glyph of one
 * component, the original, not moved (OpenType `glyf`, composite glyph description), which draws exactly the
 * same outline.
 *
 * Tables rewritten: glyf and loca (long offsets), hmtx (a full metric per glyph), hhea.numberOfHMetrics and
 * advanceWidthMax, maxp.numGlyphs and component limits, post (format 3: glyph names are not needed in a PDF),
 * head.indexToLocFormat and checkSumAdjustment. Tables sized by the glyph count that a PDF viewer does not read
 * (hdmx, LTSH, VDMX, vhea, vmtx) are dropped. A font without `glyf` (CFF outlines) is returned as it is.
 */
import { copyOf, readTables, view, writeFont } from './sfnt.js';

/** A copy to add: `glyph` drawn with `advance` (font units). */
export interface GlyphCopy {
  glyph: number;
  advance: number;
}

const DROPPED = new Set(['hdmx', 'LTSH', 'VDMX', 'vhea', 'vmtx']);

/** The font with `copies` appended, and the glyph id of each copy (in the order given). */
export function withGlyphCopies(font: Uint8Array, copies: readonly GlyphCopy[]): { bytes: Uint8Array; ids: number[] } {
  const tables = readTables(font);
  const [head, hhea, maxp, hmtx, loca, glyf] = ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf'].map((name) => tables.get(name));
  if (copies.length === 0 || !head || !hhea || !maxp || !hmtx || !loca || !glyf) return { bytes: font, ids: copies.map((c) => c.glyph) };

  const numGlyphs = view(maxp).getUint16(4);
  const longLoca = view(head).getInt16(50) === 1;
  const locaIn = view(loca);
  const offsets = Array.from({ length: numGlyphs + 1 }, (_, i) => (longLoca ? locaIn.getUint32(i * 4) : locaIn.getUint16(i * 2) * 2));
  const numberOfHMetrics = view(hhea).getUint16(34);
  const metricsIn = view(hmtx);
  const advances: number[] = [];
  const lsbs: number[] = [];
  for (let i = 0; i < numGlyphs; i++) {
    const metric = Math.min(i, numberOfHMetrics - 1);
    advances.push(metricsIn.getUint16(metric * 4));
    lsbs.push(i < numberOfHMetrics ? metricsIn.getInt16(i * 4 + 2) : metricsIn.getInt16(numberOfHMetrics * 4 + (i - numberOfHMetrics) * 2));
  }

  const glyphs: Uint8Array[] = [];
  for (let i = 0; i < numGlyphs; i++) glyphs.push(glyf.subarray(offsets[i]!, offsets[i + 1]!));
  const ids = copies.map(({ glyph, advance }) => {
    if (glyph >= numGlyphs) throw new Error(`glyph ${glyph} is not in the font (${numGlyphs} glyphs)`);
    if (!Number.isInteger(advance) || advance < 0 || advance > 0xffff) throw new Error(`a glyph advance must be 0 to 65535 font units, not ${advance}`);
    const original = glyphs[glyph]!;
    glyphs.push(original.length === 0 ? original : compositeOf(glyph, original));
    advances.push(advance);
    lsbs.push(lsbs[glyph]!);
    return glyphs.length - 1;
  });
  const total = glyphs.length;

  const newLoca = new DataView(new ArrayBuffer((total + 1) * 4));
  const glyfParts: Uint8Array[] = [];
  let offset = 0;
  glyphs.forEach((g, i) => {
    newLoca.setUint32(i * 4, offset);
    const padded = g.length % 4 === 0 ? g : concat([g, new Uint8Array(4 - (g.length % 4))]);
    glyfParts.push(padded);
    offset += padded.length;
  });
  newLoca.setUint32(total * 4, offset);

  const newHmtx = new DataView(new ArrayBuffer(total * 4));
  advances.forEach((advance, i) => {
    newHmtx.setUint16(i * 4, advance);
    newHmtx.setInt16(i * 4 + 2, lsbs[i]!);
  });

  const newHhea = copyOf(hhea);
  view(newHhea).setUint16(34, total);
  view(newHhea).setUint16(10, Math.max(view(hhea).getUint16(10), ...advances));
  const newMaxp = copyOf(maxp);
  view(newMaxp).setUint16(4, total);
  if (view(maxp).getUint32(0) === 0x00010000 && maxp.length >= 32) {
    // maxComponentElements, maxComponentDepth: a copy is one component deep over its original.
    view(newMaxp).setUint16(28, Math.max(view(maxp).getUint16(28), 1));
    view(newMaxp).setUint16(30, view(maxp).getUint16(30) + 1);
  }
  const newHead = copyOf(head);
  view(newHead).setInt16(50, 1);
  view(newHead).setUint32(8, 0);

  tables.set('glyf', concat(glyfParts));
  tables.set('loca', new Uint8Array(newLoca.buffer));
  tables.set('hmtx', new Uint8Array(newHmtx.buffer));
  tables.set('hhea', newHhea);
  tables.set('maxp', newMaxp);
  tables.set('head', newHead);
  const post = tables.get('post');
  if (post && post.length >= 32) {
    const newPost = copyOf(post.subarray(0, 32));
    view(newPost).setUint32(0, 0x00030000);
    tables.set('post', newPost);
  }
  for (const name of DROPPED) tables.delete(name);
  return { bytes: writeFont(view(font).getUint32(0), tables), ids };
}

/** A composite glyph of one component: `glyph` at (0, 0), with the original's bounding box. */
function compositeOf(glyph: number, original: Uint8Array): Uint8Array {
  const out = new DataView(new ArrayBuffer(18));
  out.setInt16(0, -1); // numberOfContours: composite
  for (let k = 2; k < 10; k += 2) out.setInt16(k, view(original).getInt16(k)); // xMin, yMin, xMax, yMax
  out.setUint16(10, 0x0001 | 0x0002); // ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES; no USE_MY_METRICS: the copy's own advance
  out.setUint16(12, glyph);
  out.setInt16(14, 0);
  out.setInt16(16, 0);
  return new Uint8Array(out.buffer);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
