/**
 * A subset of a TrueType (`glyf`) font that keeps every glyph id, in JavaScript: what fontSubset.ts asks of
 * hb-subset (HB_SUBSET_FLAGS_RETAIN_GIDS | NO_HINTING | NOTDEF_OUTLINE | NO_LAYOUT_CLOSURE, layout tables
 * dropped), without instantiating hb-subset's WebAssembly (a 65 MB memory and a compile on every cold start).
 *
 * With the ids kept there is nothing to renumber: the glyphs asked for, and the components of composite ones
 * (OpenType `glyf`, composite glyph description), keep their outlines without hinting instructions; every other
 * glyph becomes empty. The result has the tables hb-subset writes for these flags, and no others:
 *  - glyf and loca rebuilt, the glyph count cut after the highest glyph kept (maxp, hhea, hmtx follow);
 *  - maxp's hinting limits zeroed (no instructions are left), head's checkSumAdjustment and loca format set;
 *  - cmap: only the characters of the glyphs asked for (format 4, and format 12 beyond the BMP);
 *  - name: the records 0–6 (copyright to PostScript name), as hb-subset keeps by default;
 *  - post: format 3 (no glyph names: a PDF addresses glyphs by id); OS/2 and gasp as they are.
 * The PDF reads glyphs through /CIDToGIDMap and widths from /W, never through this font's cmap or names.
 */
import { copyOf, readTables, view, writeFont } from './sfnt.js';

/** Tables copied as they are. */
const COPIED = ['OS/2', 'gasp'];

/** Composite glyph flags (OpenType `glyf`). */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

/** True for a font this module can subset: TrueType outlines (`glyf`, `loca`) and the tables it rewrites. */
export function isTrueTypeOutlineFont(font: Uint8Array): boolean {
  const tables = readTables(font);
  return ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf'].every((name) => tables.has(name));
}

/** The font with only `glyphIds` (and their components) drawn, each at its own id. */
export function subsetTrueType(font: Uint8Array, glyphIds: Iterable<number>): Uint8Array {
  const tables = readTables(font);
  const head = tables.get('head')!;
  const hhea = tables.get('hhea')!;
  const maxp = tables.get('maxp')!;
  const hmtx = tables.get('hmtx')!;
  const numGlyphs = view(maxp).getUint16(4);
  const glyphOf = glyphReader(tables.get('glyf')!, tables.get('loca')!, numGlyphs, view(head).getInt16(50) === 1);

  // The glyphs kept: those asked for (ids beyond the font are not there to keep) and their components.
  const kept = new Set<number>();
  const asked = new Set([...glyphIds].filter((id) => Number.isInteger(id) && id >= 0 && id < numGlyphs));
  const pending = [...asked];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (kept.has(id)) continue;
    kept.add(id);
    for (const component of componentsOf(glyphOf(id))) if (component < numGlyphs && !kept.has(component)) pending.push(component);
  }
  const count = Math.max(0, ...kept) + 1;

  // Only the kept glyphs are read and copied; every other id gets an empty outline (equal loca offsets).
  const outlines = new Map<number, Uint8Array>();
  let glyfLength = 0;
  for (const id of kept) {
    const outline = withoutInstructions(glyphOf(id));
    outlines.set(id, outline);
    glyfLength += align2(outline.length);
  }
  const longLoca = glyfLength > 0x1fffe;
  const loca = new DataView(new ArrayBuffer((count + 1) * (longLoca ? 4 : 2)));
  const glyf = new Uint8Array(glyfLength);
  let offset = 0;
  for (let id = 0; id < count; id++) {
    if (longLoca) loca.setUint32(id * 4, offset);
    else loca.setUint16(id * 2, offset / 2);
    const outline = outlines.get(id);
    if (!outline) continue;
    glyf.set(outline, offset);
    offset += align2(outline.length);
  }
  if (longLoca) loca.setUint32(count * 4, offset);
  else loca.setUint16(count * 2, offset / 2);

  // Metrics: a glyph left out gets advance and side bearing 0 (as hb-subset does: it compresses away), and the
  // run of equal advances at the end is written as side bearings only (hmtx's short form).
  const numberOfHMetrics = view(hhea).getUint16(34);
  const metricsIn = view(hmtx);
  const advances = new Uint16Array(count);
  const bearings = new Int16Array(count);
  for (const id of kept) {
    advances[id] = metricsIn.getUint16(Math.min(id, numberOfHMetrics - 1) * 4);
    bearings[id] = id < numberOfHMetrics ? metricsIn.getInt16(id * 4 + 2) : metricsIn.getInt16(numberOfHMetrics * 4 + (id - numberOfHMetrics) * 2);
  }
  let metrics = count;
  while (metrics > 1 && advances[metrics - 2] === advances[count - 1]) metrics--;
  const newHmtx = new Uint8Array(metrics * 4 + (count - metrics) * 2);
  const metricsOut = view(newHmtx);
  for (let id = 0; id < count; id++) {
    if (id < metrics) {
      metricsOut.setUint16(id * 4, advances[id]!);
      metricsOut.setInt16(id * 4 + 2, bearings[id]!);
    } else metricsOut.setInt16(metrics * 4 + (id - metrics) * 2, bearings[id]!);
  }
  const newHhea = copyOf(hhea);
  view(newHhea).setUint16(34, metrics);
  view(newHhea).setUint16(10, advances.reduce((max, advance) => Math.max(max, advance), 0)); // advanceWidthMax
  const newMaxp = copyOf(maxp);
  view(newMaxp).setUint16(4, count);
  if (view(maxp).getUint32(0) === 0x00010000 && maxp.length >= 32) {
    // maxZones 1 (no twilight zone), then twilight points, storage, function and instruction definitions,
    // stack elements and instruction size: none, as there are no instructions left.
    view(newMaxp).setUint16(14, 1);
    for (let at = 16; at <= 26; at += 2) view(newMaxp).setUint16(at, 0);
  }
  const newHead = copyOf(head);
  view(newHead).setInt16(50, longLoca ? 1 : 0);
  view(newHead).setUint32(8, 0); // checkSumAdjustment: set by writeFont

  const out = new Map<string, Uint8Array>([
    ['head', newHead],
    ['hhea', newHhea],
    ['maxp', newMaxp],
    ['hmtx', newHmtx],
    ['loca', new Uint8Array(loca.buffer)],
    ['glyf', glyf],
  ]);
  for (const name of COPIED) if (tables.has(name)) out.set(name, tables.get(name)!);
  const cmap = tables.get('cmap');
  if (cmap) out.set('cmap', cmapOf(characterMap(cmap), asked));
  const name = tables.get('name');
  if (name) out.set('name', nameRecords(name, (nameId) => nameId <= 6));
  const post = tables.get('post');
  if (post && post.length >= 32) {
    const newPost = copyOf(post.subarray(0, 32));
    view(newPost).setUint32(0, 0x00030000);
    out.set('post', newPost);
  }
  return writeFont(view(font).getUint32(0), out);
}

/** A reader of the font's glyphs by id (empty for an id whose loca range is empty or out of the table). */
function glyphReader(glyf: Uint8Array, loca: Uint8Array, numGlyphs: number, longLoca: boolean): (id: number) => Uint8Array {
  const dv = view(loca);
  const at = (i: number) => Math.min(longLoca ? dv.getUint32(i * 4) : dv.getUint16(i * 2) * 2, glyf.length);
  return (id) => (id < numGlyphs ? glyf.subarray(at(id), Math.max(at(id), at(id + 1))) : new Uint8Array(0));
}

/** Walks a composite glyph's components: calls `visit` with each one's flags offset; returns the end of the last. */
function walkComponents(glyph: Uint8Array, visit: (flagsAt: number) => void): number {
  const dv = view(glyph);
  let at = 10;
  for (;;) {
    const flags = dv.getUint16(at);
    visit(at);
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return at;
  }
}

function isComposite(glyph: Uint8Array): boolean {
  return glyph.length >= 10 && view(glyph).getInt16(0) < 0;
}

function componentsOf(glyph: Uint8Array): number[] {
  if (!isComposite(glyph)) return [];
  const ids: number[] = [];
  walkComponents(glyph, (flagsAt) => ids.push(view(glyph).getUint16(flagsAt + 2)));
  return ids;
}

/** The glyph without its hinting instructions (outline and components unchanged). */
function withoutInstructions(glyph: Uint8Array): Uint8Array {
  if (glyph.length < 10) return new Uint8Array(0);
  const dv = view(glyph);
  const contours = dv.getInt16(0);
  if (contours >= 0) {
    const lengthAt = 10 + contours * 2;
    const instructions = dv.getUint16(lengthAt);
    const out = new Uint8Array(glyph.length - instructions);
    out.set(glyph.subarray(0, lengthAt));
    // instructionLength stays 0 (the new array is zero-filled); the flags and coordinates follow.
    out.set(glyph.subarray(lengthAt + 2 + instructions), lengthAt + 2);
    return out;
  }
  let last = 10;
  const end = walkComponents(glyph, (flagsAt) => (last = flagsAt));
  const out = copyOf(glyph.subarray(0, end));
  view(out).setUint16(last, view(out).getUint16(last) & ~WE_HAVE_INSTRUCTIONS);
  return out;
}

/** Unicode code point → glyph id, from the font's best Unicode subtable (format 12 before format 4). */
function characterMap(cmap: Uint8Array): { map: Map<number, number>; symbol: boolean } {
  const dv = view(cmap);
  const subtables = Array.from({ length: dv.getUint16(2) }, (_, i) => ({
    platform: dv.getUint16(4 + i * 8),
    encoding: dv.getUint16(6 + i * 8),
    offset: dv.getUint32(8 + i * 8),
  })).map((s) => ({ ...s, format: s.offset + 2 <= cmap.length ? dv.getUint16(s.offset) : -1 }));
  const rank = (s: { platform: number; encoding: number; format: number }) =>
    s.format === 12 && ((s.platform === 3 && s.encoding === 10) || s.platform === 0) ? 0
    : s.format === 4 && ((s.platform === 3 && s.encoding === 1) || s.platform === 0) ? 1
    : s.format === 4 && s.platform === 3 && s.encoding === 0 ? 2
    : -1;
  const best = subtables.filter((s) => rank(s) >= 0).sort((a, b) => rank(a) - rank(b))[0];
  const map = new Map<number, number>();
  if (!best) return { map, symbol: false };
  const at = best.offset;
  if (best.format === 12) {
    const groups = dv.getUint32(at + 12);
    for (let g = 0; g < groups; g++) {
      const start = dv.getUint32(at + 16 + g * 12);
      const end = dv.getUint32(at + 20 + g * 12);
      const glyph = dv.getUint32(at + 24 + g * 12);
      for (let c = start; c <= end; c++) map.set(c, glyph + (c - start));
    }
  } else {
    const segments = dv.getUint16(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let s = 0; s < segments; s++) {
      const start = dv.getUint16(starts + s * 2);
      const end = dv.getUint16(ends + s * 2);
      const delta = dv.getInt16(deltas + s * 2);
      const rangeOffset = dv.getUint16(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const glyphAt = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
          glyph = glyphAt + 2 <= cmap.length ? dv.getUint16(glyphAt) : 0;
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) map.set(c, glyph);
      }
    }
  }
  return { map, symbol: best.format === 4 && best.platform === 3 && best.encoding === 0 };
}

/** A cmap of the characters of `glyphs`: format 4 (3,1 or 3,0), and format 12 (3,10) beyond the BMP. */
function cmapOf({ map, symbol }: { map: Map<number, number>; symbol: boolean }, glyphs: ReadonlySet<number>): Uint8Array {
  const pairs = [...map].filter(([, glyph]) => glyph !== 0 && glyphs.has(glyph)).sort((a, b) => a[0] - b[0]);
  const bmp = pairs.filter(([code]) => code <= 0xfffe);
  const tables: { platform: number; encoding: number; bytes: Uint8Array }[] = [{ platform: 3, encoding: symbol ? 0 : 1, bytes: format4(bmp) }];
  if (pairs.length > bmp.length) tables.push({ platform: 3, encoding: 10, bytes: format12(pairs) });
  const header = 4 + tables.length * 8;
  const out = new Uint8Array(header + tables.reduce((sum, t) => sum + t.bytes.length, 0));
  const dv = view(out);
  dv.setUint16(2, tables.length);
  let offset = header;
  tables.forEach((table, i) => {
    dv.setUint16(4 + i * 8, table.platform);
    dv.setUint16(6 + i * 8, table.encoding);
    dv.setUint32(8 + i * 8, offset);
    out.set(table.bytes, offset);
    offset += table.bytes.length;
  });
  return out;
}

/** Runs of consecutive characters mapped to consecutive glyphs: [first code, last code, first glyph]. */
function runsOf(pairs: readonly (readonly [number, number])[]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (const [code, glyph] of pairs) {
    const run = runs[runs.length - 1];
    if (run && code === run[1] + 1 && glyph === run[2] + (code - run[0])) run[1] = code;
    else runs.push([code, code, glyph]);
  }
  return runs;
}

function format4(pairs: readonly (readonly [number, number])[]): Uint8Array {
  const segments = [...runsOf(pairs), [0xffff, 0xffff, 1] as [number, number, number]];
  const n = segments.length;
  const out = new Uint8Array(16 + n * 8);
  const dv = view(out);
  const entrySelector = Math.floor(Math.log2(n));
  dv.setUint16(0, 4);
  dv.setUint16(2, out.length);
  dv.setUint16(6, n * 2);
  dv.setUint16(8, 2 ** entrySelector * 2);
  dv.setUint16(10, entrySelector);
  dv.setUint16(12, n * 2 - 2 ** entrySelector * 2);
  segments.forEach(([start, end, glyph], s) => {
    dv.setUint16(14 + s * 2, end);
    dv.setUint16(16 + n * 2 + s * 2, start);
    dv.setUint16(16 + n * 4 + s * 2, (glyph - start) & 0xffff); // idDelta; idRangeOffset stays 0
  });
  return out;
}

function format12(pairs: readonly (readonly [number, number])[]): Uint8Array {
  const runs = runsOf(pairs);
  const out = new Uint8Array(16 + runs.length * 12);
  const dv = view(out);
  dv.setUint16(0, 12);
  dv.setUint32(4, out.length);
  dv.setUint32(12, runs.length);
  runs.forEach(([start, end, glyph], g) => {
    dv.setUint32(16 + g * 12, start);
    dv.setUint32(20 + g * 12, end);
    dv.setUint32(24 + g * 12, glyph);
  });
  return out;
}

/** The name table (format 0) with only the records whose name id `keep` takes. */
function nameRecords(name: Uint8Array, keep: (nameId: number) => boolean): Uint8Array {
  const dv = view(name);
  const storage = dv.getUint16(4);
  const records = Array.from({ length: dv.getUint16(2) }, (_, i) => 6 + i * 12)
    .map((at) => ({ at, nameId: dv.getUint16(at + 6), length: dv.getUint16(at + 8), offset: dv.getUint16(at + 10) }))
    .filter((r) => keep(r.nameId) && storage + r.offset + r.length <= name.length);
  const header = 6 + records.length * 12;
  const out = new Uint8Array(header + records.reduce((sum, r) => sum + r.length, 0));
  const ov = view(out);
  ov.setUint16(2, records.length);
  ov.setUint16(4, header);
  let offset = 0;
  records.forEach((r, i) => {
    out.set(name.subarray(r.at, r.at + 8), 6 + i * 12); // platform, encoding, language, name id
    ov.setUint16(6 + i * 12 + 8, r.length);
    ov.setUint16(6 + i * 12 + 10, offset);
    out.set(name.subarray(storage + r.offset, storage + r.offset + r.length), header + offset);
    offset += r.length;
  });
  return out;
}

function align2(n: number): number {
  return (n + 1) & ~1;
}

