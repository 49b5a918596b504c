/**
 * Property tests of the text engine (`layoutParagraph` with the real fonts and HarfBuzz): random mixed-script
 * paragraphs — Arabic, Persian and Urdu letters, Latin, both kinds of digits, punctuation and brackets, harakat,
 * tatweel, spaces, newlines (LF, CRLF, CR, U+2028/9), LRM/RLM/ALM, isolates, embeddings and overrides, ZWJ/ZWNJ,
 * emoji and other astral characters (never a lone surrogate) — in 1 to 3 styled runs, laid out in random boxes
 * (40–400 pt), alignments and directions.
 *
 * Properties:
 *   1. it never throws; lines come in logical order (how fast is for scripts/growth.ts, not for a test);
 *   2. every UTF-16 index of the input is shown by exactly one glyph cluster range, or is consumed in a
 *      documented way: a default ignorable (bidi controls, ZWJ/ZWNJ: the shaper leaves no glyph for them), white
 *      space at a line break (UAX #9 L1), the CR of a CRLF (normalized to LF); nothing is shown twice;
 *   3. no line is wider than its box (0.01 pt), except a line holding one grapheme wider than the box; lines lie
 *      inside the box whatever the alignment.
 * A glyph's cluster range runs from its cluster to the next larger cluster of its run (or the run's end).
 *
 * The four engine bugs the properties found are pinned as regression tests at the end of this file.
 *
 * Seeded (FC_SEED overrides, e.g. FC_SEED=$RANDOM) so runs are reproducible; FC_RUNS changes the number of runs
 * (150 per property by default; checked with seeds 1–12 × 1500 runs).
 */
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { isTrailingWhitespace } from '../../src/text/bidi.js';
import { stripBidiControls } from '../../src/text/controls.js';
import { layoutParagraph } from '../../src/text/paragraph.js';
import type { Align, Direction, InlineRun, ParagraphLayout } from '../../src/text/types.js';
import { realEngines, style } from './engines.js';

const engines = realEngines();
const SEED = Number(process.env.FC_SEED ?? 20250204);
const RUNS = Number(process.env.FC_RUNS ?? 150);
const params = { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 6000, markInterruptAsFailure: false };

// --- the alphabet ------------------------------------------------------------------------------------------------

const chars = (s: string) => [...s];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => String.fromCodePoint(from + k));

const ARABIC = chars('ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى');
const PERSIAN_URDU = chars('پچژگکیٹڈڑںےہھ');
const LATIN = chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const DIGITS = [...chars('0123456789'), ...range(0x660, 0x669), ...range(0x6f0, 0x6f9)];
const PUNCTUATION = chars('.,:;!?،؛؟()[]{}«»‹›"\'-–—/%+@#٪٫٬−');
const HARAKAT = [...range(0x64b, 0x652), '\u0670'];
const TATWEEL = ['\u0640'];
const SPACES = [' ', ' ', ' ', '\t', '\u00a0'];
const NEWLINES = ['\n', '\r\n', '\r', '\u2028', '\u2029'];
const MARKS = ['\u200e', '\u200f', '\u061c'];
const ISOLATES = ['\u2066', '\u2067', '\u2068', '\u2069'];
const EMBEDDINGS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e'];
const JOINERS = ['\u200c', '\u200d'];
const ASTRAL = ['😀', '👍🏽', '🇮🇶', '👨‍👩‍👧', '❤️', '𝐀', '𠀀', '𐎀', '\u{1F54C}'];
const WORDS = ['الأمين', 'لا', 'الله', 'مُحَمَّد', 'می‌خواهم', 'NATO', 'NMI', '2025', '1,234.5', 'https://www.nato.int', 'ععععععععععععععععععععع'];

const token = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...ARABIC) },
  { weight: 6, arbitrary: fc.constantFrom(...PERSIAN_URDU) },
  { weight: 12, arbitrary: fc.constantFrom(...LATIN) },
  { weight: 8, arbitrary: fc.constantFrom(...DIGITS) },
  { weight: 6, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 5, arbitrary: fc.constantFrom(...HARAKAT) },
  { weight: 2, arbitrary: fc.constantFrom(...TATWEEL) },
  { weight: 14, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 2, arbitrary: fc.constantFrom(...NEWLINES) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKS) },
  { weight: 2, arbitrary: fc.constantFrom(...ISOLATES) },
  { weight: 1, arbitrary: fc.constantFrom(...EMBEDDINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...JOINERS) },
  { weight: 2, arbitrary: fc.constantFrom(...ASTRAL) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
);

const runText = fc.array(token, { minLength: 0, maxLength: 40 }).map((t) => t.join(''));

const runArb = fc.record({
  text: runText,
  family: fc.constantFrom('body', 'sans'),
  bold: fc.boolean(),
  lang: fc.constantFrom('ar', 'en', 'fa', 'ur'),
  size: fc.constantFrom(8, 10, 10, 12, 30),
});

const input = fc.record({
  runs: fc.array(runArb, { minLength: 1, maxLength: 3 }),
  width: fc.double({ min: 40, max: 400, noNaN: true }),
  align: fc.constantFrom<Align>('start', 'end', 'center', 'justify'),
  direction: fc.constantFrom<Direction | 'auto'>('ltr', 'rtl', 'auto'),
});

type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

function lay(sample: Input): { layout: ParagraphLayout; runs: InlineRun[] } {
  const runs: InlineRun[] = sample.runs.map((r) => ({ text: r.text, style: style({ family: r.family, bold: r.bold, lang: r.lang, size: r.size }) }));
  const { layout } = layoutParagraph({ runs, direction: sample.direction, align: sample.align, lineHeight: 1.36 }, sample.width, engines);
  return { layout, runs };
}

// --- helpers ---------------------------------------------------------------------------------------------------

/** Characters the shaper consumes: default ignorables (bidi controls, ZWJ/ZWNJ, …) leave no glyph of their own. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** What the engine drops at a line break: what UAX #9 L1 sends to the line end (white space, isolates, BN, tab, newline). */
const breakSpace = (ch: string) => isTrailingWhitespace(ch);

/**
 * The input with CR normalized the way the engine documents it (per run, CRLF → LF, lone CR → LF), and for
 * each input index the index it has in the normalized text (undefined: the CR of a CRLF, consumed).
 */
function normalize(runs: readonly InlineRun[]): { text: string; inputToLayout: (number | undefined)[] } {
  let text = '';
  const inputToLayout: (number | undefined)[] = [];
  for (const run of runs) {
    for (let i = 0; i < run.text.length; i++) {
      if (run.text[i] === '\r' && run.text[i + 1] === '\n') {
        inputToLayout.push(undefined);
        continue;
      }
      inputToLayout.push(text.length);
      text += run.text[i] === '\r' ? '\n' : run.text[i];
    }
  }
  return { text, inputToLayout };
}

/** How many glyph cluster ranges cover each index of the layout's text. */
function coverage(layout: ParagraphLayout): number[] {
  const count = new Array<number>(layout.text.length).fill(0);
  for (const line of layout.lines) {
    for (const run of line.runs) {
      const starts = [...new Set(run.glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
      starts.forEach((start, k) => {
        const end = starts[k + 1] ?? run.logicalEnd;
        for (let i = start; i < end; i++) count[i]!++;
      });
    }
  }
  return count;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemeCount = (text: string) => [...graphemes.segment(stripBidiControls(text))].length;

/** The sample as JSON, invisible and space characters as \u escapes so a counterexample can be pasted back. */
function describeInput(sample: Input): string {
  return JSON.stringify(sample).replace(/[\u0000-\u001f\u007f-\u00a0\u061c\u0640\u200b-\u200f\u2000-\u200a\u2028-\u202e\u2066-\u2069\u3000]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// --- properties ----------------------------------------------------------------------------------------------

describe('layoutParagraph on random mixed-script text (real engines)', () => {
  it.prop([input], params)('never throws and gives lines in logical order', (sample) => {
    const { layout } = lay(sample);
    let previousEnd = 0;
    for (const line of layout.lines) {
      expect(line.logicalStart).toBeGreaterThanOrEqual(previousEnd);
      expect(line.logicalEnd).toBeGreaterThanOrEqual(line.logicalStart);
      // Between two lines only what a break consumes.
      for (const ch of layout.text.slice(previousEnd, line.logicalStart)) expect(breakSpace(ch), JSON.stringify(ch)).toBe(true);
      for (const run of line.runs) {
        expect(run.logicalStart).toBeGreaterThanOrEqual(line.logicalStart);
        expect(run.logicalEnd).toBeLessThanOrEqual(line.logicalEnd);
        expect(run.text).toBe(layout.text.slice(run.logicalStart, run.logicalEnd));
        for (const g of run.glyphs) {
          expect(g.cluster).toBeGreaterThanOrEqual(run.logicalStart);
          expect(g.cluster).toBeLessThan(run.logicalEnd);
          expect(Number.isFinite(g.x + g.dx + g.dy + g.advance)).toBe(true);
        }
      }
      previousEnd = line.logicalEnd;
    }
    const blank = layout.text.trim() === ''; // a paragraph of only white space has no lines at all
    for (const ch of layout.text.slice(previousEnd)) expect(blank || breakSpace(ch) || IGNORABLE.test(ch), JSON.stringify(ch)).toBe(true);
    expect(Number.isFinite(layout.height)).toBe(true);
  });

  it.prop([input], params)('shows every input index exactly once or consumes it in a documented way', (sample) => {
    const { layout, runs } = lay(sample);
    const { text, inputToLayout } = normalize(runs);
    expect(layout.text).toBe(text);
    const count = coverage(layout);
    const inLine = new Array<boolean>(text.length).fill(false);
    for (const line of layout.lines) for (let i = line.logicalStart; i < line.logicalEnd; i++) inLine[i] = true;
    const problems: string[] = [];
    inputToLayout.forEach((at, inputIndex) => {
      if (at === undefined) return; // the CR of a CRLF: normalized away
      const ch = text[at]!;
      const n = count[at]!;
      const what = `input ${inputIndex} ${JSON.stringify(ch)} (U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')})`;
      if (n > 1) problems.push(`${what} is shown ${n} times`);
      else if (n === 0 && !IGNORABLE.test(ch) && !(!inLine[at] && (breakSpace(ch) || text.trim() === ''))) {
        problems.push(`${what} is shown by no glyph${inLine[at] ? '' : ' (outside every line)'}`);
      }
    });
    expect(problems, describeInput(sample)).toEqual([]);
  });

  it.prop([input], params)('keeps every line inside its box (a line of one grapheme wider than the box excepted)', (sample) => {
    const { layout } = lay(sample);
    // Rounding: the engine compares sums of advances with the box + 0.01 pt; allow float noise on top.
    const limit = sample.width + 0.01 + 1e-9;
    const problems: string[] = [];
    layout.lines.forEach((line) => {
      const sum = line.runs.reduce((s, r) => s + r.width, 0);
      if (Math.abs(sum - line.width) > 1e-6) problems.push(`line ${JSON.stringify(line.text)}: runs add up to ${sum}, width says ${line.width}`);
      if (graphemeCount(line.text) <= 1) return;
      if (line.width > limit) problems.push(`line ${JSON.stringify(line.text)} is ${line.width} pt wide in a ${sample.width} pt box`);
      if (line.x < -0.01 - 1e-9 || line.x + line.width > limit) {
        problems.push(`line ${JSON.stringify(line.text)} lies at ${line.x}…${line.x + line.width}, outside 0…${sample.width}`);
      }
    });
    expect(problems, describeInput(sample)).toEqual([]);
  });
});


// --- engine bugs the properties found, pinned ------------------------------------------------------------------

describe('counterexamples the properties found (regressions)', () => {
  const one = (text: string, width: number, direction: Direction, overrides: Parameters<typeof style>[0] = {}) =>
    layoutParagraph({ runs: [{ text, style: style(overrides) }], direction, align: 'start', lineHeight: 1.36 }, width, engines).layout;

  // Fixed (the shaper now removes default ignorables, and nothing drops glyphs by cluster). Was: input "ب\u200Eً" (beh, LRM, fathatan), rtl. HarfBuzz puts the fathatan
  // into the LRM's cluster (MONOTONE_CHARACTERS merges a mark with the base before it, and the control is that
  // base); buildLine drops every zero-advance glyph whose cluster starts with a bidi control, so the fathatan's
  // glyph is dropped with the control's: the haraka vanishes from the page (the cluster range of ب still spans it,
  // so only the glyph count shows it).
  it('draws a haraka that follows a bidi control ("ب\\u200Eً": beh + fathatan)', () => {
    const layout = one('ب\u200Eً', 200, 'rtl');
    const glyphs = layout.lines.flatMap((l) => l.runs.flatMap((r) => r.glyphs));
    expect(glyphs.length, 'beh and fathatan').toBeGreaterThanOrEqual(2);
  });

  // Fixed (same cause). Was: input "\u200Eً" (LRM, fathatan), ltr: the line has no glyph at all, the fathatan at index 1 is
  // shown by no glyph. Also "اa\u2066\u200D" (LRI then ZWJ): the ZWJ goes with the LRI's dropped glyph.
  it('shows a mark right after a bidi control ("\\u200Eً")', () => {
    const layout = one('\u200Eً', 200, 'ltr');
    expect(coverage(layout)[1], 'fathatan').toBe(1);
  });

  // Fixed (both use UAX #9 L1's notion of trailing white space). Was: input "قال NATO\u00A0 Mission", rtl, box = width of
  // "قال NATO" + 1 pt. breakLines measures the first line without its trailing white space (TRAILING_SPACE is \s,
  // which includes the no-break space), but buildLine only drops trailing characters at the paragraph level after
  // L1, and L1 only resets class WS: the NBSP (class CS) between two Latin words stays at level 2, is drawn and
  // counted, and the line is ~2.5 pt wider than its box.
  it('drops a no-break space at a line end, or measures it ("قال NATO\\u00A0 Mission")', () => {
    const box = one('قال NATO', 1000, 'rtl').lines[0]!.width + 1;
    const layout = one('قال NATO\u00A0 Mission', box, 'rtl');
    expect(layout.lines.length).toBeGreaterThan(1);
    for (const line of layout.lines) expect(line.width, JSON.stringify(line.text)).toBeLessThanOrEqual(box + 0.01);
  });

  // Fixed (cut pieces are measured by shaping them). Was (the Latin twin of the it.fails in paragraph.test.ts): input "NATO" in
  // Noto Sans at 30 pt in a 40 pt box. The word is cut at graphemes with the advances of the whole shaped word,
  // where A is kerned against T; the piece "NA" is reshaped without the T, loses the kerning and is 41.97 pt wide.
  it('cuts an overlong Latin word into lines no wider than the box ("NATO", 30 pt, 40 pt box)', () => {
    const layout = one('NATO', 40, 'ltr', { family: 'sans', size: 30, lang: 'en' });
    for (const line of layout.lines) expect(line.width, JSON.stringify(line.text)).toBeLessThanOrEqual(40 + 0.01);
  });
});
