/**
 * Placing a line in its box: alignment, and for justified lines the width the inter-word spaces take.
 *
 * Justification order (W3C alreq, "Justification"; LibreOffice does the same): spaces widen first, up to a
 * soft maximum; Arabic-script words then elongate (kashida, src/text/elongate.ts); what is left goes to the
 * spaces again. The paragraph's last line and a line ended by a forced break are not justified.
 */
import type { Align, Direction, GlyphRun, LineBox, PositionedGlyph } from './types.js';

/** How justified paragraphs are set (theme `justify`). */
export interface Justification {
  /** Arabic-script text: `kashida` elongates words after the spaces reach their soft maximum; `spaces` widens spaces only. */
  arabic: 'kashida' | 'spaces';
  /** Line breaking of justified paragraphs: `total-fit` (Knuth–Plass, the whole paragraph) or `greedy` (first fit). */
  lines: 'total-fit' | 'greedy';
  /** Hyphenate Latin-script words of justified paragraphs (by language, TeX patterns). */
  hyphenate: boolean;
}

export const DEFAULT_JUSTIFICATION: Justification = { arabic: 'kashida', lines: 'total-fit', hyphenate: true };

/**
 * A space may widen by half its width before kashida is used (TeX's interword stretch, 1/2 of the space), and
 * narrow by a fifth of it. TeX allows a third; Arabic words are told apart partly by their spacing, so less.
 */
export const SPACE_STRETCH = 0.5;
export const SPACE_SHRINK = 0.2;

/** Is this glyph an inter-word space (U+0020) of its run? */
export function isSpaceGlyph(run: Pick<GlyphRun, 'text' | 'logicalStart'>, glyph: Pick<PositionedGlyph, 'cluster'>): boolean {
  return run.text[glyph.cluster - run.logicalStart] === ' ';
}

/**
 * Sets the line's `x` (and for a justified line its spaces) so that it sits in a box `maxWidth` wide.
 * `justified`: the line is to fill the box (a justified paragraph's line other than the last).
 */
export function place(line: LineBox, maxWidth: number, align: Align, direction: Direction, justified: boolean): void {
  const slack = maxWidth - line.width;
  if (justified && Math.abs(slack) > 1e-9 && spreadSpaces(line, slack)) return;
  // A justified line that cannot be spread (one word, no space: a word before a URL that had to be cut) and
  // the last line of a justified paragraph sit at the start side, like `start`.
  const startSide = direction === 'rtl' ? 'right' : 'left';
  const endSide = direction === 'rtl' ? 'left' : 'right';
  const side = align === 'center' ? 'center' : align === 'end' ? endSide : startSide;
  line.x = side === 'left' ? 0 : side === 'right' ? slack : slack / 2;
}

/** Widens (or narrows, `slack` < 0) every inter-word space by the same amount; false if the line has none. */
function spreadSpaces(line: LineBox, slack: number): boolean {
  const spaces = line.runs.reduce((n, run) => n + run.glyphs.filter((g) => isSpaceGlyph(run, g)).length, 0);
  if (spaces === 0) return false;
  const extra = slack / spaces;
  let pen = 0;
  for (const run of line.runs) {
    run.x = pen;
    let x = 0;
    for (const glyph of run.glyphs) {
      glyph.x = x;
      if (isSpaceGlyph(run, glyph)) glyph.advance = Math.max(0, glyph.advance + extra);
      x += glyph.advance;
    }
    run.width = x;
    pen += x;
  }
  line.width = pen;
  line.x = 0;
  return true;
}
