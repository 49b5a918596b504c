/**
 * The kashida stage with the fake engine (every glyph 5 pt at 10 pt, a tatweel too; every Arabic glyph safe
 * for a tatweel): exact positions, as the engines object lets a test ask for.
 */
import { describe, expect, it } from 'vitest';
import { layoutParagraph, type TextEngines } from '../../src/text/paragraph.js';
import type { ShapedGlyph } from '../../src/text/shaper.js';
import type { LineBox } from '../../src/text/types.js';
import { fakeFonts, style } from './engines.js';

const elongatingShaper: TextEngines['shaper'] = {
  shape({ text, start, end, direction, script }) {
    const glyphs: ShapedGlyph[] = [];
    for (let i = start; i < end; i++) {
      glyphs.push({ id: text.charCodeAt(i), cluster: i, advance: 500, dx: 0, dy: 0, unsafeToBreak: false, ...(script === 'Arab' ? { safeToInsertTatweel: i > start } : {}) });
    }
    return direction === 'rtl' ? glyphs.reverse() : glyphs;
  },
};
const engines: TextEngines = { fonts: fakeFonts, shaper: elongatingShaper };

/** The line's glyphs left to right as `char@x`, an elongation as `ـ*@x`, the space as `␠`. */
function golden(text: string, line: LineBox): string {
  return line.runs
    .flatMap((run) =>
      run.glyphs.map((g) => {
        const char = g.elongation ? 'ـ*' : text[g.cluster] === ' ' ? '␠' : text[g.cluster]!;
        return `${char}@${+(line.x + run.x + g.x).toFixed(2)}`;
      }),
    )
    .join(' ');
}

describe('elongation with the fake engine', () => {
  const text = 'بسم محمد كتاب';
  const lay = (width: number) =>
    layoutParagraph({ runs: [{ text, style: style() }], direction: 'rtl', align: 'justify', lineHeight: 1.2 }, width, engines).layout;

  it('widens the space to its soft maximum, elongates each word once, best rule first, and gives the rest to the space', () => {
    // Line 1, "بسم محمد", is 40 pt in a 55 pt box: 2.5 pt to the space (half of 5 pt), two tatweels of 5 pt (after
    // Seen, rule 1, then before the final Dal, rule 2), the last 2.5 pt to the space again.
    const layout = lay(55);
    expect(layout.lines.map((l) => l.text)).toEqual(['بسم محمد', 'كتاب']);
    expect(golden(text, layout.lines[0]!)).toBe('د@0 ـ*@5 م@10 ح@15 م@20 ␠@25 م@35 ـ*@40 س@45 ب@50');
    expect(layout.lines[0]!.width).toBe(55);
    // The last line is not elongated and sits on the right.
    expect(golden(text, layout.lines[1]!)).toBe('ب@35 ا@40 ت@45 ك@50');
  });

  it('adds a second tatweel to the best place first, and no more than three to a word', () => {
    // 20 pt of slack: 2.5 to the space, three tatweels (rules 1, 2, 1 again), 2.5 back to the space.
    expect(golden(text, lay(60).lines[0]!)).toBe('د@0 ـ*@5 م@10 ح@15 م@20 ␠@25 م@35 ـ*@40 ـ*@45 س@50 ب@55');
    // More slack than kashida can take (35 pt): three each, the rest to the space.
    const longer = 'بسم محمد كتابتنا';
    const wide = layoutParagraph({ runs: [{ text: longer, style: style() }], direction: 'rtl', align: 'justify', lineHeight: 1.2 }, 75, engines).layout;
    expect(golden(longer, wide.lines[0]!)).toBe('د@0 ـ*@5 ـ*@10 ـ*@15 م@20 ح@25 م@30 ␠@35 م@45 ـ*@50 ـ*@55 ـ*@60 س@65 ب@70');
  });

  it('shrinks the spaces of a last line that total fit set tighter than natural', () => {
    // 65 pt in 64: one line, its two spaces narrowed by half a point each (they may lose a fifth of 5 pt).
    const line = lay(64).lines[0]!;
    expect(lay(64).lines).toHaveLength(1);
    expect(line.width).toBeCloseTo(64, 6);
    expect(golden(text, line)).toBe('ب@0 ا@5 ت@10 ك@15 ␠@20 د@24.5 م@29.5 ح@34.5 م@39.5 ␠@44.5 م@49 س@54 ب@59');
  });

  it('keeps the line text as the data has it', () => {
    for (const line of lay(60).lines) expect(line.text).not.toContain('\u0640');
  });
});
