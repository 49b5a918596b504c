import { describe, expect, it } from 'vitest';
import { layoutParagraph, type TextEngines } from '../../src/text/paragraph.js';
import type { Align, Direction, GlyphRun, LineBox, ParagraphLayout, TextStyle } from '../../src/text/types.js';
import { realEngines, shaper, style, theme } from './engines.js';

const body = realEngines();
const amiriTheme = structuredClone(theme()); // the loaded theme is shared and frozen
amiriTheme.fonts.families.body!.Arab = ['Amiri'];
const amiri = realEngines(amiriTheme);

function lay(text: string, maxWidth: number, opts: { engines?: TextEngines; align?: Align; direction?: Direction | 'auto'; style?: Partial<TextStyle> } = {}) {
  return layoutParagraph(
    { runs: [{ text, style: style(opts.style) }], direction: opts.direction ?? 'rtl', align: opts.align ?? 'start', lineHeight: 1.36 },
    maxWidth,
    opts.engines ?? body,
  );
}

interface AbsGlyph {
  x: number;
  id: number;
  cluster: number;
  run: GlyphRun;
}

/** Every glyph of a line with its absolute x (paragraph box coordinates), sorted left to right. */
function glyphsByX(line: LineBox): AbsGlyph[] {
  return line.runs
    .flatMap((run) => run.glyphs.map((g) => ({ x: line.x + run.x + g.x, id: g.id, cluster: g.cluster, run })))
    .sort((a, b) => a.x - b.x);
}

/** How many glyph cluster ranges cover each logical offset of the paragraph text. */
function clusterCoverage(layout: ParagraphLayout): number[] {
  const count = new Array<number>(layout.text.length).fill(0);
  for (const line of layout.lines) {
    for (const run of line.runs) {
      for (const g of run.glyphs) {
        expect(g.cluster).toBeGreaterThanOrEqual(run.logicalStart);
        expect(g.cluster).toBeLessThan(run.logicalEnd);
      }
      const starts = [...new Set(run.glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
      starts.forEach((start, k) => {
        const end = k + 1 < starts.length ? starts[k + 1]! : run.logicalEnd;
        for (let i = start; i < end; i++) count[i]!++;
      });
    }
  }
  return count;
}

/** Left x of the first glyph (in visual order) showing logical offset `cluster`. */
function xOf(glyphs: AbsGlyph[], cluster: number): number {
  const g = glyphs.find((a) => a.cluster === cluster);
  if (!g) throw new Error(`no glyph for cluster ${cluster}`);
  return g.x;
}

describe('mixed Arabic / digits / Latin on one line', () => {
  const text = 'زار الأمين العام العراق في 4 إلى 5 فبراير 2025 مع NMI.';
  const { layout, missing } = lay(text, 1000);
  const line = layout.lines[0]!;
  const glyphs = glyphsByX(line);

  it('is one right-aligned line with nothing missing', () => {
    expect(missing).toEqual([]);
    expect(layout.lines).toHaveLength(1);
    expect(layout.direction).toBe('rtl');
    expect(line.x + line.width).toBeCloseTo(1000, 2);
  });

  it('keeps Arabic runs right-to-left and digit/Latin runs left-to-right', () => {
    const arabicRuns = line.runs.filter((r) => /\p{Script=Arabic}/u.test(r.text));
    expect(arabicRuns.length).toBeGreaterThan(0);
    for (const run of arabicRuns) {
      expect(run.level % 2).toBe(1);
      const clusters = run.glyphs.map((g) => g.cluster);
      for (let k = 1; k < clusters.length; k++) expect(clusters[k]).toBeLessThanOrEqual(clusters[k - 1]!);
    }
    // Regression "digits reversed in RTL run": 2025 and NMI read left to right at level 2.
    for (const word of ['2025', 'NMI']) {
      const start = text.indexOf(word);
      const run = line.runs.find((r) => r.text === word);
      expect(run, word).toBeDefined();
      expect(run!.level).toBe(2);
      expect(run!.glyphs.map((g) => g.cluster)).toEqual([...word].map((_, k) => start + k));
      const xs = run!.glyphs.map((g) => g.x);
      for (let k = 1; k < xs.length; k++) expect(xs[k]).toBeGreaterThan(xs[k - 1]!);
    }
  });

  it('orders the words right to left and puts the final full stop at the far left', () => {
    const at = (word: string) => xOf(glyphs, text.indexOf(word));
    const stop = text.length - 1;
    expect(text[stop]).toBe('.');
    expect(glyphs[0]!.cluster).toBe(stop);
    // Reading right to left: زار … فبراير 2025 مع NMI.
    const leftToRight = [xOf(glyphs, stop), at('NMI'), at('مع'), at('2025'), at('فبراير'), at('إلى'), at('العراق'), at('زار')];
    for (let k = 1; k < leftToRight.length; k++) expect(leftToRight[k]).toBeGreaterThan(leftToRight[k - 1]!);
    // The first logical character is drawn at the right end of the line.
    expect(glyphs[glyphs.length - 1]!.cluster).toBe(0);
  });

  it('covers every character by exactly one glyph cluster range', () => {
    expect(clusterCoverage(layout)).toEqual(new Array(text.length).fill(1));
    // The runs' logical text partitions the line's text.
    const parts = [...line.runs].sort((a, b) => a.logicalStart - b.logicalStart);
    expect(parts.map((r) => r.text).join('')).toBe(text);
  });
});

describe('bracket mirroring in right-to-left text', () => {
  const text = '(نص) «كلمة»';
  /** The glyph id `face` gives `char` in a left-to-right run. */
  const ltrId = (run: GlyphRun, char: string) =>
    shaper.shape({ text: char, start: 0, end: 1, face: run.face, direction: 'ltr', script: 'Latn', lang: 'en' })[0]!.id;

  for (const [name, engines, parenFont] of [
    ['Noto Naskh Arabic (no rtlm; parentheses fall back to Noto Serif)', body, 'NotoSerif-Regular.ttf'],
    ['Amiri (rtlm)', amiri, 'Amiri-Regular.ttf'],
  ] as const) {
    it(name, () => {
      const { layout } = lay(text, 1000, { engines });
      expect(layout.lines).toHaveLength(1);
      const glyphs = glyphsByX(layout.lines[0]!);
      const open = glyphs.find((g) => g.cluster === 0)!;
      const close = glyphs.find((g) => g.cluster === 3)!;
      expect(open.run.face.key).toBe(parenFont);
      // "(" opens the group, so in right-to-left reading it is the group's right end, ")" its left end.
      for (const g of glyphs.filter((a) => a.cluster >= 1 && a.cluster <= 2)) {
        expect(open.x).toBeGreaterThan(g.x);
        expect(close.x).toBeLessThan(g.x);
      }
      // …and it is drawn mirrored: the glyph of ")" in left-to-right text, and vice versa.
      expect(ltrId(open.run, ')')).not.toBe(ltrId(open.run, '('));
      expect(open.id).toBe(ltrId(open.run, ')'));
      expect(close.id).toBe(ltrId(close.run, '('));
      // «كلمة» reads after (نص), so it lies to its left, « at its right end.
      const guillemetOpen = glyphs.find((g) => g.cluster === 5)!;
      const guillemetClose = glyphs.find((g) => g.cluster === 10)!;
      expect(guillemetOpen.x).toBeLessThan(close.x);
      for (const g of glyphs.filter((a) => a.cluster > 5 && a.cluster < 10)) {
        expect(guillemetOpen.x).toBeGreaterThan(g.x);
        expect(guillemetClose.x).toBeLessThan(g.x);
      }
    });
  }

  it('draws « with the glyph of » in Noto Naskh Arabic', () => {
    const glyphs = glyphsByX(lay(text, 1000).layout.lines[0]!);
    const guillemetOpen = glyphs.find((g) => g.cluster === 5)!;
    expect(guillemetOpen.run.face.key).toBe('NotoNaskhArabic-Regular.ttf');
    expect(guillemetOpen.id).toBe(ltrId(guillemetOpen.run, '»'));
    expect(guillemetOpen.id).not.toBe(ltrId(guillemetOpen.run, '«'));
  });
});

describe('Arabic shaping', () => {
  it('forms the lam-alef ligature', () => {
    // Noto Sans Arabic has one lam-alef glyph.
    const sans = lay('لا', 1000, { style: { family: 'sans' } }).layout;
    const sansGlyphs = sans.lines[0]!.runs.flatMap((r) => r.glyphs);
    expect(sansGlyphs.length).toBeLessThan(2);
    expect(sansGlyphs[0]!.cluster).toBe(0);
    // Noto Naskh Arabic draws it as one spacing glyph plus an empty zero-width one.
    const naskh = lay('لا', 1000).layout.lines[0]!.runs.flatMap((r) => r.glyphs);
    expect(naskh.filter((g) => g.advance > 0)).toHaveLength(1);
    // Either way it is narrower than the two isolated letters side by side.
    const isolated = lay('ل ا', 1000).layout.lines[0]!.runs.flatMap((r) => r.glyphs);
    const width = (gs: { advance: number }[]) => gs.reduce((s, g) => s + g.advance, 0);
    expect(width(naskh)).toBeLessThan(width(isolated.filter((g) => g.cluster !== 1)));
  });

  for (const [name, engines] of [
    ['Noto Naskh Arabic', body],
    ['Amiri', amiri],
  ] as const) {
    it(`positions harakat over/under their letters (${name})`, () => {
      const text = 'مُحَمَّد';
      const { layout } = lay(text, 1000, { engines });
      const glyphs = layout.lines[0]!.runs.flatMap((r) => r.glyphs);
      for (const mark of [1, 3, 5]) {
        const markGlyphs = glyphs.filter((g) => g.cluster === mark);
        expect(markGlyphs.length, `cluster ${mark}`).toBeGreaterThan(0);
        for (const g of markGlyphs) expect(g.dx !== 0 || g.dy !== 0, `cluster ${mark}`).toBe(true);
      }
      expect(clusterCoverage(layout)).toEqual(new Array(text.length).fill(1));
    });
  }
});

describe('font choice for left-to-right text inside right-to-left text', () => {
  /** The face key of each run of the single line, with the run's text. */
  const faces = (text: string, direction: Direction = 'rtl') => lay(text, 500, { direction }).layout.lines[0]!.runs.map((r) => `${r.text}=${r.face.key}`);

  it('sets a date in one face when the Arabic face has the digits but not the slashes', () => {
    // Noto Naskh Arabic has 0-9 but no '/', Noto Serif (next in the chain) has both.
    expect(faces('التاريخ 2025/02/04 في بغداد')).toContain('2025/02/04=NotoSerif-Regular.ttf');
    expect(faces('درجة الحرارة \u200E-5\u200E اليوم')).toContain('\u200E-5\u200E=NotoSerif-Regular.ttf');
  });

  it('leaves a number the Arabic face covers alone in it', () => {
    expect(faces('عام 2025 هو')).toContain('2025=NotoNaskhArabic-Regular.ttf');
    expect(faces('الساعة 10:30 صباحًا')).toContain('10:30=NotoNaskhArabic-Regular.ttf');
  });

  it('takes the first face of the chain that covers all of it (Arabic-Indic digits with slashes: Amiri)', () => {
    expect(faces('التاريخ ٢٠٢٥/٠٢/٠٤ في بغداد')).toContain('٢٠٢٥/٠٢/٠٤=Amiri-Regular.ttf');
  });

  it('leaves letters to the character-by-character choice, and left-to-right paragraphs alone', () => {
    // U+2212 MINUS SIGN is in Amiri only; "a" and "b" stay in Noto Serif around it.
    expect(faces('كتب a\u2212b اليوم')).toEqual(expect.arrayContaining(['a=NotoSerif-Regular.ttf', '\u2212=Amiri-Regular.ttf']));
    expect(faces('+5 on 2025/02/04', 'ltr')).toEqual(['+5 on 2025/02/04=NotoSerif-Regular.ttf']);
    expect(faces('x \u22125', 'ltr')).toEqual(['x =NotoSerif-Regular.ttf', '\u2212=Amiri-Regular.ttf', '5=NotoSerif-Regular.ttf']);
  });
});

describe('alignment', () => {
  const text =
    'زار الأمين العام لحلف شمال الأطلسي العراق في زيارة رسمية استمرت يومين، التقى خلالها بكبار المسؤولين في الحكومة العراقية وبحث معهم سبل تعزيز التعاون في مجالات الأمن والتدريب وبناء القدرات، كما زار مقر بعثة الناتو في بغداد.';

  it('justifies every line but the last to the box width', () => {
    const { layout } = lay(text, 200, { align: 'justify' });
    expect(layout.lines.length).toBeGreaterThanOrEqual(3);
    layout.lines.forEach((line, k) => {
      expect(line.width).toBeLessThanOrEqual(200 + 0.01);
      const glyphs = glyphsByX(line);
      const right = Math.max(...line.runs.flatMap((r) => r.glyphs.map((g) => line.x + r.x + g.x + g.advance)));
      expect(right).toBeLessThanOrEqual(200 + 0.01);
      expect(glyphs[0]!.x).toBeGreaterThanOrEqual(-0.01);
      if (k < layout.lines.length - 1) {
        expect(Math.abs(line.width - 200)).toBeLessThan(0.01);
        expect(Math.abs(right - 200)).toBeLessThan(0.01);
      }
    });
    const last = layout.lines[layout.lines.length - 1]!;
    expect(last.width).toBeLessThan(190);
    expect(last.x + last.width).toBeCloseTo(200, 2);
    // Justified and unjustified layouts break at the same places.
    const plain = lay(text, 200).layout;
    expect(plain.lines.map((l) => l.text)).toEqual(layout.lines.map((l) => l.text));
    expect(clusterCoverage(layout)).toEqual(clusterCoverage(plain));
  });

  it('right-aligns right-to-left lines with align start', () => {
    const { layout } = lay(text, 200);
    expect(layout.lines.length).toBeGreaterThanOrEqual(3);
    for (const line of layout.lines) {
      expect(line.width).toBeLessThanOrEqual(200 + 0.01);
      expect(line.x + line.width).toBeCloseTo(200, 2);
    }
    expect(layout.lines.some((l) => l.x > 1)).toBe(true);
    // The first line of the paragraph is at the top and begins with the first word.
    expect(layout.lines[0]!.logicalStart).toBe(0);
    expect(layout.lines[0]!.baseline).toBeLessThan(layout.lines[1]!.baseline);
    // Only the spaces at the breaks are dropped.
    const coverage = clusterCoverage(layout);
    coverage.forEach((n, i) => expect(n, `offset ${i} ${JSON.stringify(text[i])}`).toBe(text[i] === ' ' && layout.lines.some((l) => l.logicalEnd === i) ? 0 : 1));
  });
});

describe('degenerate input', () => {
  for (const text of ['', '   ', ' \n\t ']) {
    it(`lays out ${JSON.stringify(text)} as no lines`, () => {
      const { layout } = lay(text, 200);
      expect(layout.lines).toEqual([]);
      expect(layout.height).toBe(0);
      expect(layout.width).toBe(0);
    });
  }

  for (const [name, word, lang] of [
    ['Latin', 'abcdefghij'.repeat(30), 'en'],
    ['Arabic (beh)', 'ب'.repeat(300), 'ar'],
  ] as const) {
    it(`cuts a 300-character ${name} word into lines no wider than the box`, () => {
      const { layout } = lay(word, 100, { style: { lang }, direction: 'auto' });
      expect(layout.lines.length).toBeGreaterThan(2);
      for (const line of layout.lines) {
        expect(line.width).toBeLessThanOrEqual(100 + 0.01);
        expect(line.width).toBeGreaterThan(0);
      }
      expect(layout.lines.map((l) => l.text).join('')).toBe(word);
      expect(clusterCoverage(layout)).toEqual(new Array(word.length).fill(1));
      expect(layout.height).toBeCloseTo(layout.lines.length * 10 * 1.36, 6);
    });
  }

  // Regression: the last piece of a cut word was never measured (the word's end was not among the grapheme
  // stops), so with Noto Naskh Arabic 'ع' × 300 in a 50 pt box the last line came out 54.45 pt wide.
  it('cuts a long joining Arabic word into lines no wider than the box (reshaped widths)', () => {
    const { layout } = lay('ع'.repeat(300), 50);
    for (const line of layout.lines) expect(line.width).toBeLessThanOrEqual(50 + 0.01);
  });
});
