/**
 * Font faces for shaping and measuring (HarfBuzz), and the fallback chain that picks, for each character, the
 * first face of the theme's chain for its script that has a glyph for it.
 */
import * as hb from 'harfbuzzjs';
import { BriefingError } from '../errors.js';
import { fileIdentity, readRegularFile } from '../inputFiles.js';
import type { FontFaceRef, GlyphInk } from './types.js';

/** HarfBuzz's objects for a face, and the metrics read from them. */
interface HarfBuzzFace {
  font: hb.Font;
  upem: number;
  ascender: number;
  descender: number;
}

/**
 * A loaded font: bytes for the PDF writer, HarfBuzz objects for shaping. The file is checked when it is read
 * (an sfnt, not truncated); HarfBuzz parses it on first use, so the faces of a chain that no character of the
 * page reaches (the fallbacks after the first face) cost only the reading of their file.
 */
export class FontFace implements FontFaceRef {
  readonly key: string;
  readonly bytes: Uint8Array;
  private parsed: HarfBuzzFace | undefined;
  private readonly coverage = new Map<number, boolean>();
  private readonly advances = new Map<number, number>();
  private readonly inks = new Map<number, GlyphInk | undefined>();

  constructor(key: string, bytes: Uint8Array) {
    this.key = key;
    this.bytes = bytes;
    if (!looksLikeSfnt(bytes)) {
      throw new BriefingError('font', `${key}: not a TrueType/OpenType font`);
    }
    const cut = tableBeyondEnd(bytes);
    if (cut) throw new BriefingError('font', `${key}: the font file is truncated (its ${cut} table runs past the end of the file)`);
  }

  private get harfBuzz(): HarfBuzzFace {
    if (!this.parsed) {
      const face = new hb.Face(new hb.Blob(this.bytes));
      const upem = face.upem;
      if (!upem || face.collectUnicodes().length === 0) {
        throw new BriefingError('font', `${this.key}: the font has no usable character map (corrupt or truncated file?)`);
      }
      const font = new hb.Font(face);
      const extents = font.hExtents();
      this.parsed = { font, upem, ascender: extents.ascender, descender: extents.descender };
    }
    return this.parsed;
  }

  get upem(): number {
    return this.harfBuzz.upem;
  }

  get ascender(): number {
    return this.harfBuzz.ascender;
  }

  get descender(): number {
    return this.harfBuzz.descender;
  }

  get hbFont(): hb.Font {
    return this.harfBuzz.font;
  }

  covers(codePoint: number): boolean {
    let known = this.coverage.get(codePoint);
    if (known === undefined) {
      known = this.hbFont.nominalGlyph(codePoint) !== undefined;
      this.coverage.set(codePoint, known);
    }
    return known;
  }

  /** The glyph's ink from its outline (HarfBuzz's glyph extents), cached per glyph. */
  glyphInk(glyphId: number): GlyphInk | undefined {
    let ink = this.inks.get(glyphId);
    if (ink === undefined && !this.inks.has(glyphId)) {
      const extents = this.hbFont.glyphExtents(glyphId);
      ink = extents && extents.height !== 0 ? { yMax: extents.yBearing, yMin: extents.yBearing + extents.height } : undefined;
      this.inks.set(glyphId, ink);
    }
    return ink;
  }

  /** Advance of a glyph in font units, as the font's hmtx has it (what the PDF's /W array must say). */
  glyphAdvance(glyphId: number): number {
    // Asked for every glyph painted, several times: a call into HarfBuzz's WebAssembly each time otherwise.
    let advance = this.advances.get(glyphId);
    if (advance === undefined) this.advances.set(glyphId, (advance = this.hbFont.glyphHAdvance(glyphId)));
    return advance;
  }
}

/** The tag of a table the font's directory places (partly) beyond the end of the file, if any. */
function tableBeyondEnd(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = view.getUint16(4);
  if (12 + tables * 16 > bytes.length) return 'table directory';
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > bytes.length) return String.fromCharCode(...bytes.subarray(record, record + 4)).trim();
  }
  return undefined;
}

function looksLikeSfnt(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const tag = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  return tag === '\0\u0001\0\0' || tag === 'OTTO' || tag === 'true';
}

/** Largest font file read (Noto's CJK fonts are about 20 MB; ours are under 1 MB). */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;

/**
 * Loads each font file once; faces are shared by every render of a renderer. A font file that changes on disk
 * (a font installed while `watch` runs) is noticed by `isCurrent`: the renderer then starts over with a new
 * library (and shapes nothing with the old faces).
 */
export class FontLibrary {
  private readonly faces = new Map<string, FontFace>();
  /** The identity (inode, size, modification time) of each loaded face's file when it was read. */
  private readonly identities = new Map<string, string>();

  constructor(private readonly fontDir: string) {}

  /** The face in `file` (a name inside the font folder). */
  face(file: string): FontFace {
    let face = this.faces.get(file);
    if (!face) {
      const path = this.pathOf(file);
      const identity = fileIdentity(path);
      // A regular file of a font's size: a theme naming /dev/zero or a FIFO must not hang or fill the memory.
      const bytes = readRegularFile(path, { what: 'a font file', code: 'font', maxBytes: MAX_FONT_BYTES });
      face = new FontFace(file, bytes);
      this.faces.set(file, face);
      this.identities.set(file, identity);
    }
    return face;
  }

  /** The path of a face's file (`face.key` is its name inside the font folder). */
  pathOf(file: string): string {
    return `${this.fontDir}/${file}`;
  }

  /** True while every loaded face's file is the one read (same inode, size and modification time). */
  isCurrent(): boolean {
    for (const [file, identity] of this.identities) if (fileIdentity(this.pathOf(file)) !== identity) return false;
    return true;
  }
}

