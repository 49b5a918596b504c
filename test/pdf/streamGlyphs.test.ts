/**
 * What each glyph of a run stands for in the PDF (src/pdf/paint.ts `streamGlyphs`): the text pdf.js rebuilds
 * from a run is the concatenation of its glyphs' texts in content order, reversed for a right-to-left run, so
 * that concatenation must be the run's characters; the rules that keep pdf.js from dropping or adding
 * characters must hold. The golden test (golden.test.ts) checks the same cases through pdf.js itself.
 */
import { fc, it as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { streamGlyphs } from '../../src/pdf/paint.js';
import { stripBidiControls } from '../../src/text/controls.js';
import { layoutParagraph } from '../../src/text/paragraph.js';
import type { Direction, GlyphRun } from '../../src/text/types.js';
import { realEngines, style } from '../text/engines.js';

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

describe('streamGlyphs', () => {
  it('gives back every character of a run once, in logical order', () => {
    for (const text of ['مُحَمَّد رَسُولُ اللَّهِ', 'شُكْرًا جَزِيلًا كِتَابٌ', 'لا إله إلا الله', 'می‌خواهم کتاب‌ها', 'الحرف ب‍ وحده']) {
      for (const run of runsOf(text)) expect(rebuilt(run)).toBe(stripBidiControls(run.text));
    }
  });

  it('draws no space glyph before a haraka that ends the next word: the glyph before it stands for the space too', () => {
    const [run] = runsOf('رَسُولُ اللَّهِ');
    const stream = streamGlyphs(run!);
    const space = run!.glyphs.find((g) => run!.text[g.cluster - run!.logicalStart] === ' ')!;
    expect(stream.some((g) => g.glyph === space), 'space glyph drawn').toBe(false);
    const carrier = stream.find((g) => g.text.endsWith(' '))!;
    expect(carrier.text).toBe('ا ');
    // Its /W advance reaches the start of the letter the haraka sits on: the space's own advance.
    expect(carrier.extraWidth).toBeCloseTo(space.advance, 6);
    expect(stream[stream.indexOf(carrier) + 1]!.glyph.advance).toBe(0);
  });

  it('keeps the space glyph where no haraka follows it', () => {
    const [run] = runsOf('رسول الله');
    const stream = streamGlyphs(run!);
    expect(stream).toHaveLength(run!.glyphs.length);
    expect(stream.filter((g) => g.text === ' ')).toHaveLength(1);
    expect(stream.every((g) => g.extraWidth === 0)).toBe(true);
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
});

const WORDS = ['مُحَمَّد', 'رَسُولُ', 'اللَّهِ', 'كِتَابٌ', 'شُكْرًا', 'لا', 'می‌خواهم', 'ب‍', 'NATO', '2025/02/04', '+964', '«قال»', '(NMI)', 'ـــ'];

describe('streamGlyphs on random phrases', () => {
  const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));
  prop.prop([phrase, fc.constantFrom<Direction>('rtl', 'ltr'), fc.integer({ min: 60, max: 400 })], { seed: 20250204, numRuns: 150 })(
    'rebuild each run\'s text exactly, end no text with a format character and keep the drawn advance',
    (text, direction, width) => {
      for (const run of runsOf(text, direction, width)) {
        const stream = streamGlyphs(run);
        expect(rebuilt(run)).toBe(stripBidiControls(run.text));
        const last = stream.findLastIndex((g) => g.text !== '');
        stream.forEach((g, k) => expect(k === last || !/\p{Cf}$/u.test(g.text), JSON.stringify(g.text)).toBe(true));
        // A dropped glyph is a word space whose advance went to the glyph before it.
        const dropped = run.glyphs.filter((g) => !stream.some((s) => s.glyph === g));
        const extra = stream.reduce((sum, g) => sum + g.extraWidth, 0);
        expect(extra).toBeCloseTo(dropped.reduce((sum, g) => sum + g.advance, 0), 6);
      }
    },
  );
});
