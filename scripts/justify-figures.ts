/**
 * How evenly the example's justified paragraphs are set: for each justified line (every line of a justified
 * paragraph but its last), the widest inter-word space relative to the font's natural space, in three ways:
 *
 *   spaces        first-fit line breaking, spaces widened only (what Chromium and Typst do)
 *   kashida       first-fit line breaking, spaces to their soft maximum, then kashida, then spaces
 *   total-fit     Knuth–Plass line breaking with the stretch of spaces and kashida, then as kashida
 *
 * The paragraphs are the example's (examples/nato-iraq-2025.yaml, Arabic): the visit summary, the mandate and
 * the quotes, set in the body style at the size and measure of the rendered example (the full measure of the
 * built-in template) and at the column measure of templates/columns.hbs (two narrow columns). The English
 * version of the same paragraphs follows, first fit with spaces against total fit with hyphenation.
 *
 *   npx tsx scripts/justify-figures.ts [--lines]      (--lines: every line's figure, not only the summary)
 */
import { loadBriefing } from '../src/data/load.js';
import { localizeBriefing } from '../src/data/localize.js';
import { renderBriefing } from '../src/pipeline.js';
import { PatternHyphenator } from '../src/text/hyphenate.js';
import { DEFAULT_JUSTIFICATION, type Justification } from '../src/text/justify.js';
import { layoutParagraph, type TextEngines } from '../src/text/paragraph.js';
import type { LineBox } from '../src/text/types.js';
import { realEngines, shaper, style, theme } from '../test/text/engines.js';

const showLines = process.argv.includes('--lines');
const data = await loadBriefing('examples/nato-iraq-2025.yaml');
const paragraphsIn = (lang: string, open: string, close: string) => {
  const briefing = localizeBriefing(data, lang);
  return [
    ...briefing.visit.summary.split(/\n\s*\n/),
    ...(briefing.mission?.mandate.split(/\n\s*\n/) ?? []),
    ...(briefing.quotes ?? []).map((q) => `${open}${q.text}${close}`),
  ].map((p) => p.replace(/\s+/g, ' ').trim());
};

// The measure and size of the rendered example; the columns template has two columns 40 pt apart.
const { layout } = await renderBriefing(data);
const full = layout.content.right - layout.content.left;
const measures = [
  { name: `full measure (${full.toFixed(0)} pt)`, width: full },
  { name: `two columns (${((full - 40) / 2).toFixed(0)} pt)`, width: (full - 40) / 2 },
];
const size = layout.bodySize;

const base = realEngines(theme());
const languages: { lang: string; direction: 'rtl' | 'ltr'; paragraphs: string[]; ways: { name: string; justification: Justification }[] }[] = [
  {
    lang: 'ar',
    direction: 'rtl',
    paragraphs: paragraphsIn('ar', '«', '»'),
    ways: [
      { name: 'spaces', justification: { ...DEFAULT_JUSTIFICATION, arabic: 'spaces', lines: 'greedy' } },
      { name: 'kashida', justification: { ...DEFAULT_JUSTIFICATION, arabic: 'kashida', lines: 'greedy' } },
      { name: 'total-fit', justification: { ...DEFAULT_JUSTIFICATION, arabic: 'kashida', lines: 'total-fit' } },
    ],
  },
  {
    lang: 'en',
    direction: 'ltr',
    paragraphs: paragraphsIn('en', '“', '”'),
    ways: [
      { name: 'spaces', justification: { ...DEFAULT_JUSTIFICATION, lines: 'greedy', hyphenate: false } },
      { name: 'total-fit', justification: { ...DEFAULT_JUSTIFICATION, lines: 'total-fit', hyphenate: true } },
    ],
  },
];

/** Widest space of a line over the natural width of a space in its face and size. */
function widestSpace(line: LineBox): number | undefined {
  let widest: number | undefined;
  for (const run of line.runs) {
    const natural = shaper.shape({ text: ' ', start: 0, end: 1, face: run.face, direction: 'ltr', script: 'Zyyy', lang: run.style.lang })[0]!.advance * (run.style.size / run.face.upem);
    for (const glyph of run.glyphs) {
      if (run.text[glyph.cluster - run.logicalStart] !== ' ') continue;
      const ratio = glyph.advance / natural;
      widest = widest === undefined ? ratio : Math.max(widest, ratio);
    }
  }
  return widest;
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
  const over2 = values.filter((v) => v > 2).length;
  return `max ${sorted.at(-1)!.toFixed(2)}  median ${median.toFixed(2)}  mean ${mean.toFixed(2)}  lines over 2× ${over2}`;
};

for (const { lang, direction, paragraphs, ways } of languages) {
  for (const measure of measures) {
    console.log(`\n${lang}, ${measure.name}, body ${size.toFixed(1)} pt, ${paragraphs.length} paragraphs`);
    for (const way of ways) {
      const engines: TextEngines = { ...base, justification: way.justification, hyphenator: new PatternHyphenator() };
      const figures: number[] = [];
      let lines = 0;
      let elongated = 0;
      let hyphenated = 0;
      for (const text of paragraphs) {
        const { layout: para } = layoutParagraph(
          { runs: [{ text, style: style({ size, lang }) }], direction, align: 'justify', lineHeight: 1.36 },
          measure.width,
          engines,
        );
        const justified = para.lines.slice(0, -1);
        lines += para.lines.length;
        for (const line of justified) {
          elongated += line.runs.reduce((n, run) => n + run.glyphs.filter((g) => g.elongation).length, 0);
          if (line.hyphenated) hyphenated++;
          const widest = widestSpace(line);
          if (widest !== undefined) figures.push(widest);
        }
        if (showLines) console.log(`  ${way.name.padEnd(9)} ${justified.map((l) => (widestSpace(l) ?? 0).toFixed(2)).join(' ')}`);
      }
      const extra = lang === 'ar' ? `tatweels ${elongated}` : `hyphenated lines ${hyphenated}`;
      console.log(`  ${way.name.padEnd(9)} ${String(lines).padStart(3)} lines  ${summary(figures)}  ${extra}`);
    }
  }
}
