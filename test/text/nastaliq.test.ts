/**
 * Nastaliq set properly: Noto Nastaliq Urdu inks about 1.7 em above and 0.6 em below the baseline, far beyond a
 * theme line height of 1.36. Line boxes are checked against the font's real glyph extents (HarfBuzz's glyph
 * extents of every glyph drawn): no line's ink leaves its box, and no two consecutive lines' ink can touch.
 */
import { describe, expect, it } from 'vitest';
import { loadBriefing } from '../../src/data/load.js';
import { renderBriefing } from '../../src/pipeline.js';
import { layoutParagraph } from '../../src/text/paragraph.js';
import type { LineBox } from '../../src/text/types.js';
import { library, realEngines, shaper, style } from './engines.js';

const URDU =
  'نیٹو کے سیکریٹری جنرل مارک روٹے نے یورپ میں اتحادی افواج کے سپریم کمانڈر کے ہمراہ عراق کا دورہ کیا۔ انہوں نے صدر، وزیرِ اعظم اور عراقی حکومت کے دیگر اعلیٰ حکام سے ملاقات کی اور خطے کی سلامتی کی صورتِ حال پر تبادلۂ خیال کیا۔';

/** How far a line's glyphs ink above and below its baseline, in points, from the font's glyph extents. */
function ink(line: LineBox): { above: number; below: number } {
  let above = 0;
  let below = 0;
  for (const run of line.runs) {
    const scale = run.style.size / run.face.upem;
    for (const glyph of run.glyphs) {
      const extents = run.face.glyphInk?.(glyph.id);
      if (!extents) continue;
      above = Math.max(above, extents.yMax * scale + glyph.dy);
      below = Math.max(below, -(extents.yMin * scale + glyph.dy));
    }
  }
  return { above, below };
}

function boxProblems(lines: readonly LineBox[]): string[] {
  const problems: string[] = [];
  lines.forEach((line, k) => {
    const { above, below } = ink(line);
    if (above > line.ascent + 1e-9) problems.push(`line ${k}: ink ${above.toFixed(2)} pt above the baseline, box ${line.ascent.toFixed(2)}`);
    const next = lines[k + 1];
    if (next) {
      const gap = next.baseline - line.baseline - below - ink(next).above;
      if (gap <= 0) problems.push(`lines ${k} and ${k + 1}: ink ${(-gap).toFixed(2)} pt into each other`);
    }
  });
  return problems;
}

describe('Nastaliq line height from the font\'s real extents', () => {
  const engines = realEngines();
  const layout = (size: number, lineHeight = 1.36) =>
    layoutParagraph({ runs: [{ text: URDU, style: style({ lang: 'ur', size }) }], direction: 'rtl', align: 'justify', lineHeight }, 300, engines).layout;

  it('sets Urdu in Noto Nastaliq Urdu, chosen by language', () => {
    expect(layout(10).lines[0]!.runs.every((run) => run.face.key === 'NotoNastaliqUrdu-Regular.ttf')).toBe(true);
  });

  it.each([8.5, 10, 14])('%s pt: no line\'s ink leaves its box or touches the next line', (size) => {
    const lines = layout(size).lines;
    expect(lines.length).toBeGreaterThan(2);
    // the font really inks beyond the theme's 1.36: the test would catch a collision
    const reach = Math.max(...lines.map((l) => ink(l).above + ink(l).below));
    expect(reach).toBeGreaterThan(1.36 * size);
    expect(boxProblems(lines)).toEqual([]);
    // evenly spaced: one line pitch for the paragraph
    expect(new Set(lines.map((l) => l.height.toFixed(6))).size).toBe(1);
  });

  it('keeps the theme\'s line height for a face whose ink fits it (Naskh without stacked marks)', () => {
    const arabic = layoutParagraph(
      { runs: [{ text: 'زار الأمين العام لحلف شمال الأطلسي العراق في الفترة من 4 إلى 5 فبراير 2025 برفقة القائد الأعلى لقوات الحلفاء', style: style({ lang: 'ar' }) }], direction: 'rtl', align: 'start', lineHeight: 1.36 },
      150,
      engines,
    ).layout;
    expect(arabic.lines.length).toBeGreaterThan(2);
    for (const line of arabic.lines) expect(line.height).toBeCloseTo(13.6, 6);
  });

  it('shapes Urdu digits with the URD language system: the Urdu forms of ۴ ۶ ۷, not the Persian ones', () => {
    const face = library.face('NotoNastaliqUrdu-Regular.ttf');
    const ids = (lang: string) => shaper.shape({ text: '۴۶۷', start: 0, end: 3, face, direction: 'ltr', script: 'Arab', lang }).map((g) => g.id);
    expect(ids('ur')).not.toEqual(ids('fa'));
  });

  it('the Urdu example: every paragraph\'s lines clear of each other, one page (fitting counted the taller lines)', async () => {
    const result = await renderBriefing(await loadBriefing('examples/nato-iraq-2025-ur.yaml'));
    const paragraphs = new Map<string, LineBox[]>();
    for (const item of result.layout.items) {
      if (item.kind !== 'text') continue;
      const key = `${item.x}|${item.y}`;
      paragraphs.set(key, [...(paragraphs.get(key) ?? []), item.line]);
    }
    const problems = [...paragraphs.values()].flatMap(boxProblems);
    expect(problems).toEqual([]);
    expect(result.layout.overflow).toBe(0);
  });
});
