import { describe, expect, it } from 'vitest';
import { hyphenationPoints, PatternHyphenator } from '../../src/text/hyphenate.js';
import { layoutParagraph, type TextEngines } from '../../src/text/paragraph.js';
import type { Direction, ParagraphLayout } from '../../src/text/types.js';
import { realEngines, style } from './engines.js';

const hyphenator = new PatternHyphenator();
const engines: TextEngines = { ...realEngines(), hyphenator };

function lay(text: string, maxWidth: number, lang: string, direction: Direction, eng: TextEngines = engines): ParagraphLayout {
  return layoutParagraph({ runs: [{ text, style: style({ lang }) }], direction, align: 'justify', lineHeight: 1.3 }, maxWidth, eng).layout;
}

const hyphens = (layout: ParagraphLayout) => layout.lines.flatMap((line) => line.runs.flatMap((run) => run.glyphs.filter((g) => g.hyphen)));

const ENGLISH =
  'The Secretary General of the North Atlantic Treaty Organization visited Iraq, accompanied by the Supreme Allied Commander Europe, and met the President, the Prime Minister and other senior representatives of the Iraqi government.';
const ARABIC =
  'زار الأمين العام لحلف شمال الأطلسي العراق برفقة القائد الأعلى لقوات الحلفاء في أوروبا، والتقى بالرئيس ورئيس الوزراء ومسؤولين آخرين رفيعي المستوى في الحكومة العراقية.';

describe('PatternHyphenator', () => {
  it('finds TeX pattern points by language, two letters before and three after at least', () => {
    expect(hyphenator.points('representatives', 'en')).toEqual([3, 5, 8, 10]);
    expect(hyphenator.points('gouvernement', 'fr')).toEqual([3, 6, 8]);
    expect(hyphenator.points('gouvernement', 'fr-CA')).toEqual([3, 6, 8]);
    expect(hyphenator.points('Regierung', 'de')).toEqual([2, 5]);
  });

  it('has nothing for a language without patterns, a tag that is no language, or a short word', () => {
    expect(hyphenator.points('representatives', 'xx')).toEqual([]);
    expect(hyphenator.points('representatives', '../../etc')).toEqual([]);
    expect(hyphenator.points('Iraq', 'en')).toEqual([]);
  });
});

describe('hyphenationPoints: Latin script only', () => {
  it('asks about Latin words and never about Arabic ones', () => {
    const text = 'بعثة NATO representatives في العراق الاستشارية';
    const points = hyphenationPoints(text, 0, text.length, () => 'en', hyphenator);
    const word = text.indexOf('representatives');
    expect(points).toEqual([3, 5, 8, 10].map((p) => word + p));
  });
});

describe('hyphenation of justified paragraphs', () => {
  it('hyphenates English on a narrow measure and draws the hyphen at the right end of the line', () => {
    const layout = lay(ENGLISH, 140, 'en', 'ltr');
    const hyphenated = layout.lines.filter((line) => line.hyphenated);
    expect(hyphenated.length).toBeGreaterThan(0);
    expect(hyphens(layout)).toHaveLength(hyphenated.length);
    for (const line of hyphenated) {
      const lastRun = line.runs.at(-1)!;
      expect(lastRun.glyphs.at(-1)!.hyphen).toBe(true);
      expect(line.width).toBeCloseTo(140, 1);
      expect(line.text).not.toMatch(/[-\u2010]$/); // the hyphen is drawn, not in the text
      expect(/\p{L}$/u.test(line.text)).toBe(true);
    }
    // The lines give the paragraph back: a hyphenated line joins the next without a space.
    expect(layout.lines.map((l) => l.text + (l.hyphenated ? '' : ' ')).join('').trim()).toBe(ENGLISH);
  });

  it('never hyphenates Arabic script', () => {
    for (const width of [100, 140, 180]) {
      const layout = lay(ARABIC, width, 'ar', 'rtl');
      expect(hyphens(layout)).toEqual([]);
      expect(layout.lines.some((l) => l.hyphenated)).toBe(false);
    }
  });

  it('is off with "hyphenate": false, and without patterns', () => {
    const off: TextEngines = { ...engines, justification: { arabic: 'kashida', lines: 'total-fit', hyphenate: false } };
    expect(hyphens(lay(ENGLISH, 140, 'en', 'ltr', off))).toEqual([]);
    expect(hyphens(lay(ENGLISH, 140, 'en', 'ltr', realEngines()))).toEqual([]);
  });

  it('does not hyphenate paragraphs that are not justified', () => {
    const layout = layoutParagraph({ runs: [{ text: ENGLISH, style: style({ lang: 'en' }) }], direction: 'ltr', align: 'start', lineHeight: 1.3 }, 140, engines).layout;
    expect(hyphens(layout)).toEqual([]);
  });
});

describe('regression: words inside a bidi isolate (every field a template inserts) were never hyphenated', () => {
  it('hyphenates an English field set as FSI … PDI', () => {
    const isolated = `\u2068${ENGLISH}\u2069`;
    const layout = lay(isolated, 140, 'en', 'ltr');
    expect(layout.lines.filter((l) => l.hyphenated).length).toBeGreaterThan(0);
    for (const line of layout.lines.filter((l) => l.hyphenated)) expect(line.runs.at(-1)!.glyphs.at(-1)!.hyphen).toBe(true);
  });
});
