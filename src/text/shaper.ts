/**
 * Shaping behind one interface, so tests can hand in a fake font with fixed advances. The real shaper is
 * HarfBuzz (harfbuzzjs): direction, script and language are always set explicitly, never guessed from the
 * string, and the characters around the run are given as context so letters join across run boundaries.
 */
import * as hb from 'harfbuzzjs';
import type { Direction, FontFaceRef } from './types.js';
import type { FontFace } from './fonts.js';

/** One shaped glyph in font units; glyphs of a shaped run come in visual (left-to-right) order. */
export interface ShapedGlyph {
  id: number;
  /** Logical offset (into the paragraph text) of the first character of the glyph's cluster. */
  cluster: number;
  advance: number;
  dx: number;
  dy: number;
  /** Breaking or cutting the run before this glyph needs reshaping (HarfBuzz's UNSAFE_TO_BREAK). */
  unsafeToBreak: boolean;
  /**
   * A tatweel (U+0640) may be inserted before this glyph's cluster, logically, without breaking the shaping
   * around it (HarfBuzz's SAFE_TO_INSERT_TATWEEL, asked for with PRODUCE_SAFE_TO_INSERT_TATWEEL in Arabic
   * runs): the letters on both sides join and no lookup of the font spans the place. Absent: not known safe.
   */
  safeToInsertTatweel?: boolean;
  /** A tatweel inserted by kashida justification (src/text/elongate.ts): drawn, but no text of the paragraph. */
  elongation?: boolean;
  /** The hyphen drawn at the end of a hyphenated line: reads back as '-' (and poppler joins the word again). */
  hyphen?: boolean;
}

export interface ShapeRequest {
  /** The paragraph text; only `contextWindow` of it around [start, end) is read. */
  text: string;
  start: number;
  end: number;
  face: FontFaceRef;
  direction: Direction;
  /** ISO 15924 script tag, e.g. `Arab`. */
  script: string;
  lang: string;
}

export interface Shaper {
  /** New glyphs each call: the caller owns them (the caching shaper rebases their clusters in place). */
  shape(request: ShapeRequest): ShapedGlyph[];
}

/**
 * Characters of context on each side of a run that shaping sees. HarfBuzz keeps at most 5 characters of
 * pre- and post-context (HB_BUFFER_MAX_CONTEXT_LEN); 16 UTF-16 code units hold 5 characters even outside the BMP, and a
 * bounded window keeps the cost of a run proportional to the run, not to its paragraph (a list of 10,000
 * topics is one paragraph).
 */
export const SHAPING_CONTEXT = 16;

/** The part of `text` shaping a run [start, end) reads: the run and up to `SHAPING_CONTEXT` units on each side, never cutting a surrogate pair. */
export function contextWindow(text: string, start: number, end: number): { from: number; to: number } {
  let from = Math.max(0, start - SHAPING_CONTEXT);
  let to = Math.min(text.length, end + SHAPING_CONTEXT);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  return { from, to };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** HarfBuzz shaping; faces must be `FontFace`s from the font library. */
export class HarfBuzzShaper implements Shaper {
  private readonly buffer = new hb.Buffer();

  shape({ text, start, end, face, direction, script, lang }: ShapeRequest): ShapedGlyph[] {
    const buffer = this.buffer;
    buffer.reset();
    const { from, to } = contextWindow(text, start, end);
    buffer.addText(text.slice(from, to), start - from, end - start);
    buffer.setDirection(direction === 'rtl' ? hb.Direction.RTL : hb.Direction.LTR);
    buffer.setScript(script);
    buffer.setLanguage(lang);
    // Monotone characters: clusters never merge across characters more than the font requires, so a cluster
    // maps back to exactly the characters it shows (copy-paste, hit testing, accounting in tests).
    buffer.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
    // Default ignorables (bidi controls, ZWJ/ZWNJ, variation selectors) do their work during shaping and then
    // leave no glyph: their characters fall into the neighbouring cluster, and a mark after one keeps its glyph.
    // Arabic runs also ask where a tatweel could go (kashida justification, src/text/kashida.ts); the flag only
    // adds glyph flags, the glyphs and positions are the same.
    const elongating = script === 'Arab';
    buffer.setFlags(hb.BufferFlag.REMOVE_DEFAULT_IGNORABLES | (elongating ? hb.BufferFlag.PRODUCE_SAFE_TO_INSERT_TATWEEL : 0));
    hb.shape((face as FontFace).hbFont, buffer);
    // The infos and positions as two plain arrays: harfbuzzjs's combined getter defines four hidden properties
    // on every glyph, the largest cost of reading a shaped run in a cold process.
    const infos = buffer.getGlyphInfos();
    const positions = buffer.getGlyphPositions();
    const glyphs: ShapedGlyph[] = new Array(infos.length);
    for (let k = 0; k < infos.length; k++) {
      const { codepoint, cluster, flags } = infos[k]!;
      const { xAdvance, xOffset, yOffset } = positions[k]!;
      const glyph: ShapedGlyph = { id: codepoint, cluster: cluster + from, advance: xAdvance, dx: xOffset, dy: yOffset, unsafeToBreak: (flags & hb.GlyphFlag.UNSAFE_TO_BREAK) !== 0 };
      if (elongating) glyph.safeToInsertTatweel = (flags & hb.GlyphFlag.SAFE_TO_INSERT_TATWEEL) !== 0;
      glyphs[k] = glyph;
    }
    return glyphs;
  }
}
