/**
 * Justified paragraphs: kashida on Arabic-script lines, spaces elsewhere, the last line left alone, and the
 * placement of lines that cannot be spread.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FontFace } from '../../src/text/fonts.js';
import { MAX_TATWEELS_PER_WORD } from '../../src/text/elongate.js';
import { DEFAULT_JUSTIFICATION, type Justification } from '../../src/text/justify.js';
import { layoutParagraph, type TextEngines } from '../../src/text/paragraph.js';
import type { Align, Direction, LineBox, ParagraphLayout } from '../../src/text/types.js';
import { realEngines, shaper, style } from './engines.js';

const body = realEngines();
const withJustification = (justification: Partial<Justification>, engines: TextEngines = body): TextEngines => ({
  ...engines,
  justification: { ...DEFAULT_JUSTIFICATION, ...justification },
});

function lay(text: string, maxWidth: number, opts: { engines?: TextEngines; align?: Align; direction?: Direction; lang?: string } = {}): ParagraphLayout {
  return layoutParagraph(
    { runs: [{ text, style: style({ lang: opts.lang ?? 'ar' }) }], direction: opts.direction ?? 'rtl', align: opts.align ?? 'justify', lineHeight: 1.36 },
    maxWidth,
    opts.engines ?? body,
  ).layout;
}

const elongations = (line: LineBox) => line.runs.flatMap((run) => run.glyphs.filter((g) => g.elongation));

/** Index of the word (counted by spaces from the paragraph start) each elongation of the line is in. */
function elongatedWords(layout: ParagraphLayout, line: LineBox): number[] {
  return elongations(line).map((g) => layout.text.slice(0, g.cluster).split(' ').length - 1);
}

const SUMMARY =
  'زار الأمين العام لحلف شمال الأطلسي، مارك روته، العراق في الفترة من 4 إلى 5 فبراير 2025، برفقة القائد الأعلى لقوات الحلفاء في أوروبا، الجنرال كريستوفر ج. كافولي. وخلال رحلته، التقى بالرئيس الدكتور عبد اللطيف رشيد، ورئيس الوزراء محمد شياع السوداني، ومسؤولين آخرين رفيعي المستوى في الحكومة العراقية.';

describe('kashida justification', () => {
  const layout = lay(SUMMARY, 160);

  it('fills every line but the last to the measure', () => {
    expect(layout.lines.length).toBeGreaterThan(5);
    for (const line of layout.lines.slice(0, -1)) expect(line.width).toBeCloseTo(160, 1);
    expect(layout.lines.at(-1)!.width).toBeLessThan(159);
  });

  it('elongates words on a narrow measure, never on the last line', () => {
    expect(layout.lines.slice(0, -1).flatMap(elongations).length).toBeGreaterThan(5);
    expect(elongations(layout.lines.at(-1)!)).toEqual([]);
  });

  it('elongates a word at one place at most, with at most three tatweels', () => {
    for (const line of layout.lines) {
      const places = new Map<number, Set<number>>();
      for (const run of line.runs) {
        for (const g of run.glyphs.filter((x) => x.elongation)) {
          const word = layout.text.slice(0, g.cluster).split(' ').length - 1;
          if (!places.has(word)) places.set(word, new Set());
          places.get(word)!.add(g.cluster);
        }
      }
      for (const clusters of places.values()) expect(clusters.size).toBe(1);
      const perWord = elongatedWords(layout, line).reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<number, number>());
      for (const count of perWord.values()) expect(count).toBeLessThanOrEqual(MAX_TATWEELS_PER_WORD);
    }
  });

  it('keeps the text of every line as the data has it (no U+0640 added)', () => {
    expect(SUMMARY).not.toContain('\u0640');
    for (const line of layout.lines) {
      expect(line.text).not.toContain('\u0640');
      for (const run of line.runs) expect(run.text).not.toContain('\u0640');
    }
  });

  it('narrows the widest space compared with spaces alone', () => {
    const widest = (l: ParagraphLayout) =>
      Math.max(...l.lines.slice(0, -1).flatMap((line) => line.runs.flatMap((run) => run.glyphs.filter((g) => run.text[g.cluster - run.logicalStart] === ' ').map((g) => g.advance))));
    const spaces = lay(SUMMARY, 160, { engines: withJustification({ arabic: 'spaces' }) });
    expect(widest(layout)).toBeLessThan(widest(spaces) * 0.8);
  });

  it('is off with "arabic": "spaces"', () => {
    const spaces = lay(SUMMARY, 160, { engines: withJustification({ arabic: 'spaces' }) });
    expect(spaces.lines.flatMap(elongations)).toEqual([]);
    for (const line of spaces.lines.slice(0, -1)) expect(line.width).toBeCloseTo(160, 1);
  });

  it('leaves paragraphs that are not justified alone', () => {
    expect(lay(SUMMARY, 160, { align: 'start' }).lines.flatMap(elongations)).toEqual([]);
  });

  it('leaves Latin text to the spaces', () => {
    const english = lay('The Secretary General of NATO visited Iraq on 4 and 5 February 2025 with the Supreme Allied Commander Europe.', 150, {
      direction: 'ltr',
      lang: 'en',
    });
    expect(english.lines.flatMap(elongations)).toEqual([]);
  });
});

describe('Nastaliq is left to the spaces', () => {
  it('for Urdu (by language)', () => {
    const urdu = lay('نیٹو کے سیکرٹری جنرل نے عراق کا دورہ کیا اور حکومت کے ساتھ سلامتی کی صورتحال پر بات چیت کی اور مشن کی تعریف کی۔', 150, { lang: 'ur' });
    expect(urdu.lines.length).toBeGreaterThan(2);
    expect(urdu.lines.flatMap(elongations)).toEqual([]);
    for (const line of urdu.lines.slice(0, -1)) expect(line.width).toBeCloseTo(150, 1);
  });

  it('for a Nastaliq face (by font), whatever the language', () => {
    const nastaliq = new FontFace('NotoNastaliqUrdu-Regular.ttf', readFileSync('fonts/NotoNaskhArabic-Regular.ttf'));
    const engines: TextEngines = { fonts: { chain: () => [nastaliq] }, shaper };
    expect(lay(SUMMARY, 160, { engines }).lines.flatMap(elongations)).toEqual([]);
    const naskh = new FontFace('NotoNaskhArabic-Regular.ttf', readFileSync('fonts/NotoNaskhArabic-Regular.ttf'));
    expect(lay(SUMMARY, 160, { engines: { fonts: { chain: () => [naskh] }, shaper } }).lines.flatMap(elongations).length).toBeGreaterThan(0);
  });
});

describe('regression: a justified line holding a single word was placed at the left edge in right-to-left text', () => {
  // Two words, each on a line of its own: the first line is a justified line with no space to widen.
  const cases: { direction: Direction; text: string; lang: string }[] = [
    { direction: 'rtl', text: 'فيفي فيفي', lang: 'ar' },
    { direction: 'ltr', text: 'Baghdad Baghdad', lang: 'en' },
  ];
  for (const { direction, text, lang } of cases) {
    for (const align of ['start', 'end', 'center', 'justify'] as const) {
      it(`${align}, ${direction}`, () => {
        const oneWord = lay(text.split(' ')[0]!, 1000, { direction, lang, align: 'start' }).lines[0]!.width;
        const width = oneWord * 1.5;
        const layout = lay(text, width, { direction, lang, align, engines: withJustification({ arabic: 'spaces' }) });
        expect(layout.lines).toHaveLength(2);
        const startSide = direction === 'rtl' ? 'right' : 'left';
        const side = align === 'center' ? 'center' : align === 'end' ? (startSide === 'right' ? 'left' : 'right') : startSide;
        for (const line of layout.lines) {
          const expected = side === 'left' ? 0 : side === 'right' ? width - line.width : (width - line.width) / 2;
          expect(line.x).toBeCloseTo(expected, 3);
        }
      });
    }
  }

  it('justify, rtl: a summary ending in a long URL that had to be cut keeps every line on the right edge', () => {
    const text = 'للمزيد من المعلومات راجع https://www.nato.int/cps/en/natohq/news_232978.htm?selectedLocale=en';
    const width = 120;
    const layout = lay(text, width, {});
    expect(layout.lines.length).toBeGreaterThan(2);
    for (const line of layout.lines) expect(line.x + line.width).toBeCloseTo(width, 3);
  });

  it('justify, rtl, with kashida: the word is elongated as far as it goes and still sits on the right', () => {
    const word = 'محمد';
    const oneWord = lay(word, 1000, { align: 'start' }).lines[0]!.width;
    const layout = lay(`${word} ${word}`, oneWord * 1.8, {});
    const first = layout.lines[0]!;
    expect(elongations(first).length).toBe(MAX_TATWEELS_PER_WORD);
    expect(first.width).toBeGreaterThan(oneWord);
    expect(first.x + first.width).toBeCloseTo(oneWord * 1.8, 3);
    expect(first.x).toBeGreaterThan(0);
  });
});

describe('regression: a tatweel typed in a run of its own crashed kashida justification', () => {
  it('lays the paragraph out and elongates at a typed tatweel inside a word', () => {
    const layout = layoutParagraph(
      {
        runs: [
          { text: 'صا', style: style() },
          { text: 'ـ', style: style({ bold: true }) },
          { text: ' كلمة جميـلة وكلمات أخرى كثيرة هنا', style: style() },
        ],
        direction: 'rtl',
        align: 'justify',
        lineHeight: 1.36,
      },
      60,
      body,
    ).layout;
    expect(layout.lines.length).toBeGreaterThan(1);
    const typed = layout.text.indexOf('جميـلة') + 3;
    const line = layout.lines.find((l) => l.logicalStart <= typed && typed < l.logicalEnd)!;
    expect(line).not.toBe(layout.lines.at(-1));
    // The word with the typed tatweel is elongated there (rule 0): the tatweels go before it, after its letter.
    expect(elongations(line).map((g) => g.cluster)).toContain(typed - 1);
  });
});

describe('kashida and harakat', () => {
  // Each haraka keeps its place on its letter: its offset from the letter's glyph is what it is unelongated.
  const MARK = /\p{Mn}/u;
  function markOffsets(layout: ParagraphLayout, line: LineBox): Map<number, number> {
    const offsets = new Map<number, number>();
    for (const run of line.runs) {
      const letterAt = new Map(run.glyphs.filter((g) => !g.elongation && !MARK.test(layout.text[g.cluster]!)).map((g) => [g.cluster, g]));
      for (const g of run.glyphs) {
        if (!MARK.test(layout.text[g.cluster]!)) continue;
        let base = g.cluster - 1;
        while (base >= 0 && MARK.test(layout.text[base]!)) base--;
        const letter = letterAt.get(base);
        if (letter) offsets.set(g.cluster, g.x + g.dx - letter.x);
      }
    }
    return offsets;
  }

  it('never moves a mark off its letter, nor puts a tatweel between them', () => {
    const words = ['مُحَمَّدٌ', 'بِسْمِ', 'الرَّحِيمِ', 'نَسْتَعِينُ', 'الْمُسْتَقِيمَ', 'كِتَابٌ'];
    for (const word of words) {
      const natural = lay(word, 1000, { align: 'start' });
      const width = natural.lines[0]!.width * 1.6;
      const elongated = lay(`${word} ${word}`, width, {});
      const first = elongated.lines[0]!;
      expect(elongations(first).length, word).toBeGreaterThan(0);
      const before = markOffsets(natural, natural.lines[0]!);
      const after = markOffsets(elongated, first);
      expect(after.size, word).toBe(before.size);
      for (const [cluster, offset] of before) expect(after.get(cluster), `${word} mark at ${cluster}`).toBeCloseTo(offset, 3);
      // No tatweel between a letter and its marks: the glyph after an elongation, in reading order, is a letter.
      for (const run of first.runs) {
        run.glyphs.forEach((g, i) => {
          if (!g.elongation) return;
          let k = i - 1; // right to left: the next glyph in reading order is the one to the left
          while (k >= 0 && run.glyphs[k]!.elongation) k--;
          expect(MARK.test(elongated.text[run.glyphs[k]!.cluster]!), word).toBe(false);
        });
      }
    }
  });
});
