import { catchBriefingError } from '../briefingError.js';
import { describe, expect, it } from 'vitest';
import { fitPage, layoutPage, PAGE_SIZES } from '../../src/layout/page.js';
import type { PageLayout, PaintItem } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { realEngines, theme as loadTestTheme } from '../text/engines.js';

const theme = loadTestTheme();
const engines = realEngines(theme);
const EPS = 0.01;

const sentence = 'زار الأمين العام لحلف شمال الأطلسي العراق في 4 إلى 5 فبراير 2025 مع بعثة NMI، وبحث سبل تعزيز التعاون في مجالات الأمن والتدريب.';

function page(sections: string, footer = '', attrs = 'size="A4" dir="rtl" lang="ar"') {
  return parseMarkup(`<page ${attrs}>${sections}${footer ? `<footer>${footer}</footer>` : ''}</page>`, 'test.hbs', theme);
}

function paragraphs(n: number, text = sentence): string {
  return Array.from({ length: n }, (_, k) => `<p>${k + 1}. ${text}</p>`).join('');
}

type TextItem = Extract<PaintItem, { kind: 'text' }>;
const textItems = (layout: PageLayout) => layout.items.filter((i): i is TextItem => i.kind === 'text');
/** Top and bottom of a text line on the page. */
const lineTop = (i: TextItem) => i.y + i.line.baseline - i.line.ascent;
const lineBottom = (i: TextItem) => lineTop(i) + i.line.height;

const overflowError = (fn: () => unknown) => catchBriefingError(fn, 'overflow');

describe('layoutPage', () => {
  const root = page(
    `<section name="intro"><title>زيارة الأمين العام</title>${paragraphs(3)}</section>` +
      `<section name="details"><p align="justify">${sentence} ${sentence}</p><p align="end">NATO Mission Iraq (NMI)</p></section>`,
    '<p style="small">سري — 1</p>',
  );
  const layout = layoutPage(root, theme, engines, 1);
  const items = textItems(layout);
  const footerText = (i: TextItem) => i.line.text.includes('سري');
  const bodyItems = items.filter((i) => !footerText(i));
  const footerItems = items.filter(footerText);

  it('keeps every line of text inside the content area', () => {
    expect(layout.width).toBe(PAGE_SIZES.A4.width);
    expect(layout.direction).toBe('rtl');
    expect(layout.overflow).toBe(0);
    expect(bodyItems.length).toBeGreaterThanOrEqual(6);
    const { left, right, top, bottom } = layout.content;
    expect(left).toBeCloseTo(17 * (72 / 25.4), 6);
    expect(right).toBeCloseTo(PAGE_SIZES.A4.width - 17 * (72 / 25.4), 6);
    for (const item of items) {
      const x1 = item.x + item.line.x;
      const x2 = x1 + item.line.width;
      expect(x1, item.line.text).toBeGreaterThanOrEqual(left - EPS);
      expect(x2, item.line.text).toBeLessThanOrEqual(right + EPS);
      expect(lineTop(item), item.line.text).toBeGreaterThanOrEqual(top - EPS);
      expect(lineBottom(item), item.line.text).toBeLessThanOrEqual(bottom + EPS);
    }
  });

  it('places right-to-left start-aligned lines against the right margin and justified lines across the measure', () => {
    const { left, right } = layout.content;
    const justified = bodyItems.filter((i) => i.line.text.startsWith('زار') && !/^\d/.test(i.line.text));
    expect(justified.length).toBeGreaterThanOrEqual(1);
    expect(justified[0]!.x + justified[0]!.line.x).toBeCloseTo(left, 2);
    expect(justified[0]!.x + justified[0]!.line.x + justified[0]!.line.width).toBeCloseTo(right, 2);
    const title = bodyItems[0]!;
    expect(title.line.text).toContain('زيارة');
    expect(title.x + title.line.x + title.line.width).toBeCloseTo(right, 2);
    expect(title.line.width).toBeLessThan((right - left) / 2);
    // align="end" on a right-to-left page is the left margin.
    const end = bodyItems.find((i) => i.line.text.includes('NATO'))!;
    expect(end.x + end.line.x).toBeCloseTo(left, 2);
  });

  it('stacks the body from the top margin down without overlaps', () => {
    expect(lineTop(bodyItems[0]!)).toBeCloseTo(layout.content.top, 6);
    for (let k = 1; k < bodyItems.length; k++) {
      expect(lineTop(bodyItems[k]!)).toBeGreaterThanOrEqual(lineBottom(bodyItems[k - 1]!) - EPS);
    }
    expect(layout.sections.map((s) => s.name)).toEqual(['intro', 'details']);
    const [intro, details] = layout.sections;
    expect(intro!.top).toBeCloseTo(layout.content.top, 6);
    expect(details!.top).toBeGreaterThan(intro!.bottom);
    expect(details!.bottom).toBeCloseTo(Math.max(...bodyItems.map(lineBottom)), 6);
  });

  it('pins the footer to the bottom margin, below the body', () => {
    expect(footerItems).toHaveLength(1);
    const footer = footerItems[0]!;
    expect(lineBottom(footer)).toBeCloseTo(layout.content.bottom, 6);
    for (const item of bodyItems) expect(footer.y).toBeGreaterThan(item.y);
    expect(layout.bodyLimit).toBeLessThan(lineTop(footer));
    expect(layout.bodyLimit).toBeGreaterThan(Math.max(...bodyItems.map(lineBottom)));
  });

  it('scales the sizes with the scale argument', () => {
    const smaller = layoutPage(root, theme, engines, 0.9);
    expect(smaller.scale).toBe(0.9);
    expect(smaller.bodySize).toBeCloseTo(theme.styles.body!.size * 0.9, 9);
    const firstP = (l: PageLayout) => textItems(l).find((i) => i.line.text.startsWith('1.'))!;
    expect(firstP(smaller).line.height).toBeCloseTo(firstP(layout).line.height * 0.9, 6);
  });
});

describe('fitPage', () => {
  it('refuses 200 paragraphs with an overflow error naming the section', () => {
    const root = page(`<section name="short">${paragraphs(1)}</section><section name="endless">${paragraphs(200)}</section>`);
    const error = overflowError(() => fitPage(root, theme, engines));
    expect(error.message).toContain('"endless"');
    expect(error.message).not.toContain('"short"');
    expect(error.message).toContain(`${theme.page.minBodySize.toFixed(1)} pt`);
    expect(error.hint).toBeDefined();
  });

  it('shrinks a page that is slightly too long, but not below the minimum body size', () => {
    const overflowAt = (n: number) => layoutPage(page(`<section name="s">${paragraphs(n)}</section>`), theme, engines, 1).overflow;
    // The smallest number of paragraphs that overflows at the theme's sizes.
    let lo = 1;
    let hi = 2;
    while (overflowAt(hi) === 0) [lo, hi] = [hi, hi * 2];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (overflowAt(mid) > 0) hi = mid;
      else lo = mid;
    }
    expect(overflowAt(lo)).toBe(0);
    expect(overflowAt(hi)).toBeGreaterThan(0);

    const fitting = fitPage(page(`<section name="s">${paragraphs(lo)}</section>`), theme, engines);
    expect(fitting.scale).toBe(1);

    const root = page(`<section name="s">${paragraphs(hi)}</section>`);
    const layout = fitPage(root, theme, engines);
    expect(layout.scale).toBeLessThan(1);
    expect(layout.bodySize).toBeGreaterThanOrEqual(theme.page.minBodySize - 1e-9);
    expect(layout.overflow).toBe(0);
    // Slightly too long: one shrink step (3 %) or a few, not a jump to the minimum.
    expect(layout.scale).toBeGreaterThan(theme.page.minBodySize / theme.styles.body!.size);
    for (const item of textItems(layout)) expect(lineBottom(item)).toBeLessThanOrEqual(layout.bodyLimit + EPS);
  });
});

describe('fitPage\'s search', () => {
  /** The ladder walked one step at a time from the top, as fitting did before it searched: the reference. */
  function linearScale(root: ReturnType<typeof page>): number | undefined {
    const minScale = Math.min(1, theme.page.minBodySize / theme.styles.body!.size);
    for (let scale = 1; ; scale = Math.max(minScale, scale * 0.97)) {
      if (layoutPage(root, theme, engines, scale).overflow === 0) return scale;
      if (scale <= minScale) return undefined;
    }
  }

  it('finds the scale the step-by-step walk finds, for pages from a little to far too long', () => {
    const fitsAtOne = (n: number) => layoutPage(page(`<section name="s">${paragraphs(n)}</section>`), theme, engines, 1).overflow === 0;
    let n = 1;
    while (fitsAtOne(n + 1)) n++;
    // From the first page that overflows to ones that need many steps (or do not fit at all).
    for (const extra of [1, 2, 4, 7, 11, 16]) {
      const root = page(`<section name="s">${paragraphs(n + extra)}</section>`);
      const expected = linearScale(root);
      if (expected === undefined) expect(() => fitPage(root, theme, engines)).toThrow();
      else expect(fitPage(root, theme, engines).scale, `${n + extra} paragraphs`).toBe(expected);
    }
  }, 120_000);
});

