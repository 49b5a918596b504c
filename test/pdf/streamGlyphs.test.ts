/**
 * What each glyph of a run stands for in the PDF (src/pdf/paint.ts `streamGlyphs`): the text pdf.js rebuilds
 * from a run is the concatenation of its glyphs' texts in content order, reversed for a right-to-left run, so
 * that concatenation must be the run's characters; the rules that keep pdf.js from dropping or adding
 * characters must hold. The golden test (golden.test.ts) checks the same cases through pdf.js itself.
 */
import { fc, it as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { layoutPage } from '../../src/layout/page.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { writePdf } from '../../src/pdf/document.js';
import { lineStreams, readAs, streamGlyphs } from '../../src/pdf/pdfjsText.js';
import { stripBidiControls } from '../../src/text/controls.js';
import { layoutParagraph } from '../../src/text/paragraph.js';
import type { FontFace } from '../../src/text/fonts.js';
import type { Direction, GlyphRun } from '../../src/text/types.js';
import { pageMarkup, readBack } from '../golden/cases.js';
import { realEngines, style, theme } from '../text/engines.js';
import { extractRows } from './extractRows.js';

const engines = realEngines();

function runsOf(text: string, direction: Direction = 'rtl', width = 400): GlyphRun[] {
  const { layout } = layoutParagraph({ runs: [{ text, style: style({ lang: direction === 'rtl' ? 'ar' : 'en' }) }], direction, align: 'start', lineHeight: 1.36 }, width, engines);
  return layout.lines.flatMap((line) => line.runs).filter((run) => run.glyphs.length > 0);
}

/** The run's text as pdf.js would rebuild it from the stream: concatenated in content order, reversed if RTL. */
function rebuilt(run: GlyphRun): string {
  const stored = streamGlyphs(run)
    .map((g) => g.text)
    .join('');
  return run.level % 2 ? [...stored].reverse().join('') : stored;
}

/** The run's text as streamGlyphs leaves it: a space that stands for nothing (first in the stream, before a mark). */
function expectedText(run: GlyphRun): string {
  const text = stripBidiControls(run.text);
  const first = streamGlyphs(run).find((g) => g.text !== '' || run.text[g.glyph.cluster - run.logicalStart] === ' ');
  const blankSpace = first && first.text === '' && run.glyphs.indexOf(first.glyph) === 0;
  if (!blankSpace) return text;
  return run.level % 2 ? text.replace(/ $/, '') : text.replace(/^ /, '');
}

const amiriTheme = structuredClone(theme());
amiriTheme.fonts.families.body!.Arab = ['Amiri'];
const amiri = realEngines(amiriTheme);

function widthInPdf(run: GlyphRun, g: { glyph: GlyphRun['glyphs'][number]; extraWidth: number }): number {
  const face = run.face as FontFace;
  return (face.glyphAdvance(g.glyph.id) * run.style.size) / face.upem + g.extraWidth;
}

describe('streamGlyphs', () => {
  it('gives back every character of a run once, in logical order', () => {
    for (const text of ['مُحَمَّد رَسُولُ اللَّهِ', 'شُكْرًا جَزِيلًا كِتَابٌ', 'لا إله إلا الله', 'می‌خواهم کتاب‌ها', 'الحرف ب‍ وحده']) {
      for (const run of runsOf(text)) expect(rebuilt(run)).toBe(stripBidiControls(run.text));
    }
  });

  it('widens the haraka that ends the word after a space by the gap to its letter, so pdf.js measures the space once', () => {
    const [run] = runsOf('رَسُولُ اللَّهِ');
    const stream = streamGlyphs(run!);
    const space = stream.findIndex((g) => g.text === ' ');
    const mark = stream[space + 1]!;
    const letter = stream[space + 2]!;
    expect(mark.text).toBe('ُ');
    expect(mark.glyph.advance).toBe(0);
    // The mark's /W is the distance from where the word before the space ends to where the letter starts: pdf.js,
    // whose pen does not move over the mark, then finds the letter where it measures from and adds no space.
    expect(widthInPdf(run!, mark)).toBeCloseTo(letter.glyph.x + letter.glyph.dx - stream[space]!.glyph.x, 6);
    expect(widthInPdf(run!, mark)).toBeGreaterThan(stream[space]!.glyph.advance * 0.9);
    expect(stream.filter((g) => g.glyph.advance === 0 && g !== mark).every((g) => Math.abs(widthInPdf(run!, g)) < 1e-9)).toBe(true);
  });

  it('moves the text of a compared glyph of no advance (the alef half of lam-alef) to the next glyph', () => {
    const [run] = runsOf('لا');
    const stream = streamGlyphs(run!);
    expect(stream.map((g) => g.text)).toEqual(['', 'ال']); // stored reversed; pdf.js turns it into لا
    expect(stream[0]!.glyph.advance).toBe(0);
  });

  it('makes each glyph end in /W where the next one starts (Amiri moves ز with GPOS)', () => {
    const { layout } = layoutParagraph({ runs: [{ text: 'الزيارة', style: style() }], direction: 'rtl', align: 'start', lineHeight: 1.36 }, 400, amiri);
    const run = layout.lines[0]!.runs[0]!;
    const stream = streamGlyphs(run);
    expect(stream.some((g) => g.glyph.dx !== 0)).toBe(true);
    stream.slice(0, -1).forEach((g, k) => {
      const next = stream[k + 1]!;
      expect(g.glyph.x + g.glyph.dx + widthInPdf(run, g), g.text).toBeCloseTo(next.glyph.x + next.glyph.dx, 6);
    });
  });

  it('never ends a glyph\'s text with ZWNJ or ZWJ (pdf.js drops such a glyph whole)', () => {
    for (const text of ['می‌خواهم کتاب‌ها', 'الحرف ب‍ وحده', 'a\u200cb x\u200dy']) {
      for (const run of runsOf(text, /^[a-z]/.test(text) ? 'ltr' : 'rtl')) {
        const stream = streamGlyphs(run);
        expect(stream.map((g) => g.text).filter((t) => /\p{Cf}$/u.test(t))).toEqual([]);
        expect(stream.some((g) => /[\u200c\u200d]/.test(g.text))).toBe(true);
      }
    }
  });

  it('leaves a space before a haraka that opens the next run to pdf.js\'s gap ("e-mail 50% كِتَابٌ" in English)', () => {
    const { layout } = layoutParagraph(
      { runs: [{ text: 'e-mail 50% كِتَابٌ', style: style({ lang: 'en' }) }], direction: 'ltr', align: 'start', lineHeight: 1.36 },
      400,
      engines,
    );
    const runs = layout.lines[0]!.runs;
    const streams = lineStreams(runs, (run) => `${run.face.key} ${run.level}`);
    const latin = streams[runs.findIndex((r) => r.text.endsWith(' '))]!;
    const arabic = streams[runs.findIndex((r) => r.text.includes('كِتَابٌ'))]!;
    expect(readAs(arabic[0]!)).toBe('mark');
    expect(latin.at(-1)!.text).toBe('');
    expect(latin.slice(0, -1).map((g) => g.text).join('')).toBe('e-mail 50%');
  });

  it('leaves a run-opening space before a haraka to pdf.js\'s gap ("كِتَابٌ NATO")', () => {
    const run = runsOf('كِتَابٌ NATO').find((r) => r.text.startsWith('كِتَابٌ'))!;
    expect(run.text).toBe('كِتَابٌ ');
    expect(streamGlyphs(run)[0]!.text).toBe('');
    expect(expectedText(run)).toBe('كِتَابٌ');
    expect(rebuilt(run)).toBe('كِتَابٌ');
  });
});

const WORDS = ['مُحَمَّد', 'رَسُولُ', 'اللَّهِ', 'كِتَابٌ', 'شُكْرًا', 'جَزِيلًا', 'لا', 'الزيارة', 'می‌خواهم', 'ب‍', 'NATO', '2025/02/04', '+964', '«قال»', '(NMI)', 'ـــ', 'چگونه'];
const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));

describe('streamGlyphs on random phrases', () => {
  prop.prop([phrase, fc.constantFrom<Direction>('rtl', 'ltr'), fc.integer({ min: 60, max: 400 })], { seed: 20250204, numRuns: 150 })(
    'rebuild each run\'s text exactly and end no text with a format character',
    (text, direction, width) => {
      for (const run of runsOf(text, direction, width)) {
        const stream = streamGlyphs(run);
        expect(rebuilt(run)).toBe(expectedText(run));
        const last = stream.findLastIndex((g) => g.text !== '');
        stream.forEach((g, k) => expect(k === last || !/\p{Cf}$/u.test(g.text), JSON.stringify(g.text)).toBe(true));
      }
    },
  );

  // Through pdf.js itself, with each Arabic face of the project (they draw lam-alef, harakat and spacing
  // differently): one paragraph on a page, read back by position.
  const engineFor = new Map(
    ['Noto Naskh Arabic', 'Amiri', 'Noto Sans Arabic'].map((family) => {
      const t = structuredClone(theme());
      t.fonts.families.body!.Arab = [family];
      return [family, { theme: t, engines: realEngines(t) }] as const;
    }),
  );
  prop.prop([phrase, fc.constantFrom(...engineFor.keys())], { seed: 20250204, numRuns: 60 })('read back by pdf.js in logical order', async (text, family) => {
    const { theme: t, engines: e } = engineFor.get(family)!;
    const layout = layoutPage(parseMarkup(pageMarkup('rtl', [{ name: 'random', lang: 'ar', text, note: '' }]), 'random phrase', t), t, e, 1);
    const lines = layout.items.flatMap((item) => (item.kind === 'text' ? [item] : []));
    expect(lines).toHaveLength(1);
    const pdf = await writePdf(layout, { title: 'random phrase', creationDate: new Date(Date.UTC(2025, 1, 4)) });
    const { rows } = await extractRows(pdf, lines.map((item) => ({ baseline: item.y + item.line.baseline, direction: 'rtl' as const })));
    // The line as the engine shows it (a ZWJ ending the paragraph is consumed at the line end, UAX #9 L1).
    expect(readBack(rows[0]!.text)).toBe(readBack(lines[0]!.line.text));
  });
});
