/**
 * Glyph copies with advances of their own (src/pdf/glyphCopies.ts): what a widened CID is sent to, so that
 * the PDF's /W widths are the font program's (PDF/A). Checked by opening the result with HarfBuzz.
 */
import { describe, expect, it } from 'vitest';
import { subsetFont } from '../../src/pdf/fontSubset.js';
import { withGlyphCopies } from '../../src/pdf/glyphCopies.js';
import { FontFace, FontLibrary } from '../../src/text/fonts.js';

const library = new FontLibrary('fonts');

describe('withGlyphCopies', () => {
  it.each(['NotoNaskhArabic-Regular.ttf', 'NotoSerif-Regular.ttf', 'Amiri-Regular.ttf'])('appends copies to %s that draw their original with the advance asked for', (file) => {
    const face = library.face(file);
    const beh = face.hbFont.nominalGlyph(0x628) ?? face.hbFont.nominalGlyph(0x61)!;
    const fatha = face.hbFont.nominalGlyph(0x64e) ?? face.hbFont.nominalGlyph(0x2c)!;
    const space = face.hbFont.nominalGlyph(0x20)!;
    const subset = subsetFont(face.bytes, [0, beh, fatha, space].sort((a, b) => a - b));
    const before = new FontFace('subset', subset);
    const copies = [
      { glyph: fatha, advance: face.glyphAdvance(fatha) + 260 },
      { glyph: beh, advance: face.glyphAdvance(beh) + 1 },
      { glyph: space, advance: 0 },
    ];
    const { bytes, ids } = withGlyphCopies(subset, copies);
    const after = new FontFace('with copies', bytes);
    expect(new Set(ids).size).toBe(3);
    ids.forEach((id, k) => {
      expect(id).toBeGreaterThan(Math.max(beh, fatha, space));
      expect(after.glyphAdvance(id)).toBe(copies[k]!.advance);
      expect(after.hbFont.glyphToPath(id)).toBe(before.hbFont.glyphToPath(copies[k]!.glyph));
    });
    // The glyphs that were there are unchanged.
    for (const glyph of [0, beh, fatha, space]) {
      expect(after.glyphAdvance(glyph)).toBe(before.glyphAdvance(glyph));
      expect(after.hbFont.glyphToPath(glyph)).toBe(before.hbFont.glyphToPath(glyph));
    }
    expect(before.hbFont.glyphToPath(beh).length).toBeGreaterThan(20);
  });

  it('leaves a font without copies as it is', () => {
    const face = library.face('NotoSerif-Regular.ttf');
    const subset = subsetFont(face.bytes, [0, 5]);
    expect(withGlyphCopies(subset, []).bytes).toBe(subset);
  });

  it('refuses an advance a font cannot hold', () => {
    const face = library.face('NotoSerif-Regular.ttf');
    expect(() => withGlyphCopies(subsetFont(face.bytes, [0, 5]), [{ glyph: 5, advance: -1 }])).toThrow(/0 to 65535/);
  });
});
