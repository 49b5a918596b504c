/**
 * The JavaScript TrueType subsetter (src/pdf/trueTypeSubset.ts), checked by opening its output with HarfBuzz
 * and against hb-subset with the same flags: every glyph asked for (and every component of it) draws the same
 * outline with the same advance at the same id; nothing else is drawn; no hinting is left; the characters of
 * the glyphs asked for still map to them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hbSubsetFont, subsetFont } from '../../src/pdf/fontSubset.js';
import { readTables } from '../../src/pdf/sfnt.js';
import { isTrueTypeOutlineFont, subsetTrueType } from '../../src/pdf/trueTypeSubset.js';
import { FONTS_DIR } from '../../src/resources.js';
import { FontFace } from '../../src/text/fonts.js';

const FONT_FILES = readdirSync(FONTS_DIR).filter((name) => name.endsWith('.ttf')).sort();

function fontBytes(file: string): Buffer {
  return readFileSync(join(FONTS_DIR, file));
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A few glyphs of a face: those of some characters it has, and a composite glyph with its components. */
function glyphsOf(face: FontFace, text: string): number[] {
  return [...new Set([0, ...[...text].map((c) => face.hbFont.nominalGlyph(c.codePointAt(0)!)).filter((g): g is number => g !== undefined)])].sort((a, b) => a - b);
}

const TEXT = 'Baghdad 2025 — «بغداد» ٢٠٢٥ שלום ހ ✓ ∑ ءآأؤإئ';

describe('subsetTrueType', () => {
  it.each(FONT_FILES)('%s: the glyphs asked for draw as in the font, at their ids, and keep their characters', (file) => {
    const original = new FontFace(file, fontBytes(file));
    const glyphs = glyphsOf(original, TEXT);
    const subset = new FontFace('subset', subsetTrueType(fontBytes(file), glyphs));
    for (const id of glyphs) {
      expect(subset.hbFont.glyphToPath(id), `glyph ${id}`).toBe(original.hbFont.glyphToPath(id));
      expect(subset.glyphAdvance(id), `glyph ${id}`).toBe(original.glyphAdvance(id));
    }
    for (const c of TEXT) {
      const code = c.codePointAt(0)!;
      const glyph = original.hbFont.nominalGlyph(code);
      expect(subset.hbFont.nominalGlyph(code)).toBe(glyph !== undefined && glyphs.includes(glyph) ? glyph : undefined);
    }
  });

  it.each(FONT_FILES)('%s: draws what hb-subset draws, glyph by glyph (nothing else), with the same glyph count and tables', (file) => {
    const glyphs = glyphsOf(new FontFace(file, fontBytes(file)), TEXT);
    const ours = subsetTrueType(fontBytes(file), glyphs);
    const theirs = hbSubsetFont(fontBytes(file), glyphs);
    const [a, b] = [new FontFace('ours', ours), new FontFace('hb-subset', theirs)];
    const count = (font: Uint8Array) => view(readTables(font).get('maxp')!).getUint16(4);
    expect(count(ours)).toBe(count(theirs));
    for (let id = 0; id < count(ours); id++) expect(a.hbFont.glyphToPath(id), `glyph ${id}`).toBe(b.hbFont.glyphToPath(id));
    expect([...readTables(ours).keys()].sort()).toEqual([...readTables(theirs).keys()].sort());
  });

  it('keeps the components of a composite glyph asked for', () => {
    // Amiri draws أ (U+0623) as a composite: alef and hamza.
    const file = 'Amiri-Regular.ttf';
    const original = new FontFace(file, fontBytes(file));
    const tables = readTables(fontBytes(file));
    const longLoca = view(tables.get('head')!).getInt16(50) === 1;
    const at = (i: number) => (longLoca ? view(tables.get('loca')!).getUint32(i * 4) : view(tables.get('loca')!).getUint16(i * 2) * 2);
    const glyf = tables.get('glyf')!;
    const numGlyphs = view(tables.get('maxp')!).getUint16(4);
    const composite = Array.from({ length: numGlyphs }, (_, id) => id).find((id) => at(id + 1) - at(id) >= 10 && view(glyf.subarray(at(id))).getInt16(0) < 0)!;
    expect(composite).toBeDefined();
    const subset = new FontFace('subset', subsetTrueType(fontBytes(file), [0, composite]));
    expect(subset.hbFont.glyphToPath(composite)).toBe(original.hbFont.glyphToPath(composite));
    expect(subset.hbFont.glyphToPath(composite)).not.toBe('');
  });

  it('leaves no hinting: no instructions in any glyph, no cvt, fpgm or prep', () => {
    for (const file of FONT_FILES) {
      const subset = subsetTrueType(fontBytes(file), glyphsOf(new FontFace(file, fontBytes(file)), TEXT));
      const tables = readTables(subset);
      for (const name of ['cvt ', 'fpgm', 'prep', 'GSUB', 'GPOS', 'GDEF', 'DSIG']) expect(tables.has(name), `${file} ${name}`).toBe(false);
      const longLoca = view(tables.get('head')!).getInt16(50) === 1;
      const loca = tables.get('loca')!;
      const glyf = tables.get('glyf')!;
      const numGlyphs = view(tables.get('maxp')!).getUint16(4);
      for (let id = 0; id < numGlyphs; id++) {
        const start = longLoca ? view(loca).getUint32(id * 4) : view(loca).getUint16(id * 2) * 2;
        const end = longLoca ? view(loca).getUint32(id * 4 + 4) : view(loca).getUint16(id * 2 + 2) * 2;
        if (end - start < 10) continue;
        const contours = view(glyf).getInt16(start);
        if (contours >= 0) expect(view(glyf).getUint16(start + 10 + contours * 2), `${file} glyph ${id}`).toBe(0);
      }
    }
  });

  it('font bytes unchanged after subsetting (a Buffer\'s slice is a view, not a copy)', () => {
    const bytes = fontBytes('NotoNaskhArabic-Regular.ttf');
    const before = Buffer.from(bytes);
    subsetTrueType(bytes, [0, 5, 7]);
    expect(bytes.equals(before)).toBe(true);
  });

  it('is what subsetFont uses for TrueType fonts; a font without glyf goes to hb-subset', () => {
    const bytes = fontBytes('NotoSans-Regular.ttf');
    expect(isTrueTypeOutlineFont(bytes)).toBe(true);
    expect(Buffer.from(subsetFont(bytes, [3, 5])).equals(Buffer.from(subsetTrueType(bytes, [0, 3, 5])))).toBe(true);
    // The same font with its glyf table renamed: not TrueType outlines any more.
    const renamed = Buffer.from(bytes);
    const count = renamed.readUInt16BE(4);
    for (let i = 0; i < count; i++) if (renamed.toString('latin1', 12 + i * 16, 16 + i * 16) === 'glyf') renamed.write('glyX', 12 + i * 16, 'latin1');
    expect(isTrueTypeOutlineFont(renamed)).toBe(false);
  });
});
