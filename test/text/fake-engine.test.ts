import { describe, expect, it } from 'vitest';
import { layoutParagraph } from '../../src/text/paragraph.js';
import type { Align, Direction, InlineRun, LineBox } from '../../src/text/types.js';
import { fakeEngines, style } from './engines.js';

// Fake engine: every UTF-16 unit is one glyph 500/1000 em wide, i.e. 5 pt at 10 pt.
function lay(text: string | InlineRun[], maxWidth: number, direction: Direction | 'auto' = 'ltr', align: Align = 'start', lineHeight = 1.5) {
  const runs = typeof text === 'string' ? [{ text, style: style({ lang: direction === 'rtl' ? 'he' : 'en' }) }] : text;
  return layoutParagraph({ runs, direction, align, lineHeight }, maxWidth, fakeEngines).layout;
}

/** [absolute x, cluster] of each glyph, in visual order. */
function placed(line: LineBox): [number, number][] {
  return line.runs.flatMap((run) => run.glyphs.map((g) => [line.x + run.x + g.x, g.cluster] as [number, number]));
}

describe('line breaking with fixed advances', () => {
  it('breaks greedily at spaces and drops the space at the break', () => {
    const layout = lay('aaa bbb ccc', 40);
    expect(layout.lines.map((l) => l.text)).toEqual(['aaa bbb', 'ccc']);
    expect(layout.lines.map((l) => [l.logicalStart, l.logicalEnd])).toEqual([
      [0, 7],
      [8, 11],
    ]);
    expect(layout.lines.map((l) => l.width)).toEqual([35, 15]);
    expect(placed(layout.lines[0]!)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => [i * 5, i]));
    expect(placed(layout.lines[1]!)).toEqual([
      [0, 8],
      [5, 9],
      [10, 10],
    ]);
    expect(layout.width).toBe(35);
  });

  it('fits a line that is exactly as wide as the box', () => {
    expect(lay('aaa bbb', 35).lines.map((l) => l.text)).toEqual(['aaa bbb']);
    expect(lay('aaa bbb', 34.9).lines.map((l) => l.text)).toEqual(['aaa', 'bbb']);
  });

  it('stacks lines by line height with the baseline at the ascender', () => {
    const layout = lay('aaa bbb ccc', 40);
    // 10 pt × 1.5 = 15 pt per line; ascent 15 × 800 / (800 + 200) = 12.
    expect(layout.lines.map((l) => [l.height, l.ascent, l.baseline])).toEqual([
      [15, 12, 12],
      [15, 12, 27],
    ]);
    expect(layout.height).toBe(30);
  });

  it('cuts a word longer than the line at grapheme boundaries', () => {
    const layout = lay('abcdefghijklmnopqrst', 40);
    expect(layout.lines.map((l) => l.text)).toEqual(['abcdefgh', 'ijklmnop', 'qrst']);
    expect(layout.lines.map((l) => l.width)).toEqual([40, 40, 20]);
  });

  it('keeps a forced break and does not justify the line before it', () => {
    const layout = lay('a b\nc d e f g h', 40, 'ltr', 'justify');
    expect(layout.lines.map((l) => l.text)).toEqual(['a b', 'c d e f', 'g h']);
    expect(layout.lines[0]!.width).toBe(15);
    expect(layout.lines[1]!.width).toBeCloseTo(40, 9);
    expect(layout.lines[2]!.width).toBe(15);
  });
});

describe('alignment with fixed advances', () => {
  it('justifies by widening each space by the same amount', () => {
    const layout = lay('a b c dddddd', 40, 'ltr', 'justify');
    expect(layout.lines.map((l) => l.text)).toEqual(['a b c', 'dddddd']);
    // 'a b c' is 25 pt: 15 pt of slack over two spaces, 7.5 pt each.
    expect(placed(layout.lines[0]!)).toEqual([
      [0, 0],
      [5, 1],
      [17.5, 2],
      [22.5, 3],
      [35, 4],
    ]);
    expect(layout.lines[0]!.width).toBe(40);
    // The last line keeps its natural width and sits at the start.
    expect(layout.lines[1]!.x).toBe(0);
    expect(layout.lines[1]!.width).toBe(30);
  });

  it('places lines at the start, end and centre for each direction', () => {
    const x = (direction: Direction, align: Align) => lay('abcd', 100, direction, align).lines[0]!.x;
    expect(x('ltr', 'start')).toBe(0);
    expect(x('ltr', 'end')).toBe(80);
    expect(x('ltr', 'center')).toBe(40);
    expect(x('rtl', 'start')).toBe(80);
    expect(x('rtl', 'end')).toBe(0);
    expect(x('rtl', 'center')).toBe(40);
  });
});

describe('right-to-left visual order with fixed advances', () => {
  it('reverses a Hebrew line and right-aligns it', () => {
    const text = 'אבג דהו';
    const layout = lay(text, 100, 'rtl');
    expect(layout.direction).toBe('rtl');
    const line = layout.lines[0]!;
    expect(line.x).toBe(65);
    expect(line.runs.map((r) => r.level)).toEqual([1]);
    expect(placed(line)).toEqual([6, 5, 4, 3, 2, 1, 0].map((c, k) => [65 + k * 5, c]));
    expect(line.runs[0]!.glyphs.map((g) => g.id)).toEqual([...text].reverse().map((c) => c.charCodeAt(0)));
  });

  it('keeps a Latin word left-to-right inside a Hebrew line', () => {
    const layout = lay('אב abc גד', 100, 'rtl');
    const line = layout.lines[0]!;
    // The space after "abc" takes the Latin script (Common after a Latin letter), so it is an item of its own.
    expect(line.runs.map((r) => [r.text, r.level])).toEqual([
      ['גד', 1],
      [' ', 1],
      ['abc', 2],
      ['אב ', 1],
    ]);
    expect(placed(line).map(([, c]) => c)).toEqual([8, 7, 6, 3, 4, 5, 2, 1, 0]);
    expect(placed(line).map(([x]) => x)).toEqual([55, 60, 65, 70, 75, 80, 85, 90, 95]);
    expect(line.runs.map((r) => [r.x, r.width])).toEqual([
      [0, 10],
      [10, 5],
      [15, 15],
      [30, 15],
    ]);
  });

  it('breaks a Hebrew paragraph in logical order: the first words on the first line, at its right', () => {
    const layout = lay('אאא בבב גגג', 40, 'rtl');
    expect(layout.lines.map((l) => l.text)).toEqual(['אאא בבב', 'גגג']);
    expect(placed(layout.lines[0]!).map(([, c]) => c)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect(layout.lines.map((l) => l.x)).toEqual([5, 25]);
  });

  it('takes the direction from the first strong letter with direction auto', () => {
    expect(lay('abc אב', 100, 'auto').direction).toBe('ltr');
    expect(lay('123 אב abc', 100, 'auto').direction).toBe('rtl');
  });

  it('keeps styled runs apart and in visual order', () => {
    const bold = style({ lang: 'he', bold: true });
    const layout = lay(
      [
        { text: 'אב ', style: style({ lang: 'he' }) },
        { text: 'גד', style: bold },
      ],
      100,
      'rtl',
    );
    const line = layout.lines[0]!;
    expect(line.runs.map((r) => [r.text, r.style.bold])).toEqual([
      ['גד', true],
      ['אב ', false],
    ]);
    expect(placed(line).map(([, c]) => c)).toEqual([4, 3, 2, 1, 0]);
  });
});
