/**
 * Cost in proportion to the input (issue 13, finding 2). Each test counts work — characters handed to the
 * shaper, layouts made, characters in a cache key — rather than timing it, so it holds on any machine; the
 * figures for growing inputs are printed by `scripts/growth.ts`.
 */
import * as hb from 'harfbuzzjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fitPage } from '../../src/layout/page.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { layoutParagraph, type TextEngines } from '../../src/text/paragraph.js';
import { RenderCache } from '../../src/renderCache.js';
import { CachingShaper } from '../../src/text/shapeCache.js';
import { SHAPING_CONTEXT, type ShapeRequest, type Shaper } from '../../src/text/shaper.js';
import { catchBriefingError } from '../briefingError.js';
import { fakeEngines, fakeShaper, library, realEngines, shaper, style, theme } from '../text/engines.js';

/** A shaper that records what it is asked. */
function recording(inner: Shaper): Shaper & { requests: ShapeRequest[] } {
  const requests: ShapeRequest[] = [];
  return { requests, shape: (request) => (requests.push(request), inner.shape(request)) };
}

afterEach(() => vi.restoreAllMocks());

describe('shaping works per run, not per paragraph', () => {
  it('each run hands HarfBuzz only a bounded context, not the whole paragraph text', () => {
    const addText = vi.spyOn(hb.Buffer.prototype, 'addText');
    const topics = Array.from({ length: 400 }, (_, i) => `\u2068topic ${i}\u2069`).join('، ');
    const { layout } = layoutParagraph({ runs: [{ text: `المواضيع: ${topics}`, style: style() }], direction: 'rtl', align: 'start', lineHeight: 1.5 }, 400, realEngines());
    expect(layout.lines.length).toBeGreaterThan(10);
    expect(addText.mock.calls.length).toBeGreaterThan(100);
    for (const [text, , length] of addText.mock.calls) expect(text.length).toBeLessThanOrEqual((length ?? 0) + 2 * SHAPING_CONTEXT + 2);
  });

  it('gives the same glyphs and clusters for a run whether its paragraph is short or long', () => {
    const face = library.face('NotoNaskhArabic-Regular.ttf');
    const word = 'بغداد';
    const short = `في ${word} اليوم`;
    const long = `${'كلمة '.repeat(2000)}في ${word} اليوم`;
    const at = (text: string) => text.indexOf(word);
    const shape = (text: string) => shaper.shape({ text, start: at(text), end: at(text) + word.length, face, direction: 'rtl', script: 'Arab', lang: 'ar' });
    const a = shape(short);
    const b = shape(long);
    expect(b.map((g) => g.id)).toEqual(a.map((g) => g.id));
    expect(b.map((g) => g.cluster - at(long))).toEqual(a.map((g) => g.cluster - at(short)));
  });

  it('the shape cache key does not hold the whole paragraph text: the same run in another paragraph is a hit', () => {
    const inner = recording(fakeShaper);
    const cache = new CachingShaper(inner, new RenderCache().memo('shapes'));
    const face = { key: 'fake', upem: 1000, ascender: 800, descender: -200, covers: () => true };
    const request = (text: string, start: number, end: number) => ({ text, start, end, face, direction: 'ltr' as const, script: 'Latn', lang: 'en' });
    const tail = 'and then the same run: Baghdad';
    const first = `${'x'.repeat(5000)} ${tail}`;
    const second = `${'y'.repeat(7000)} ${tail}`;
    const run = (text: string) => request(text, text.length - 7, text.length);
    const glyphs1 = cache.shape(run(first));
    const glyphs2 = cache.shape(run(second));
    expect(inner.requests).toHaveLength(1);
    // Clusters are offsets into each caller's own paragraph.
    expect(glyphs1[0]!.cluster).toBe(first.length - 7);
    expect(glyphs2[0]!.cluster).toBe(second.length - 7);
  });
});

describe('breaking a long word is linear', () => {
  it('a 10,000-character word without break points is not reshaped once per grapheme', () => {
    const counting = recording(fakeShaper);
    const engines: TextEngines = { ...fakeEngines, shaper: counting };
    const word = 'x'.repeat(10_000);
    const { layout } = layoutParagraph({ runs: [{ text: word, style: style({ lang: 'en' }) }], direction: 'ltr', align: 'start', lineHeight: 1.2 }, 100, engines);
    // 5 pt per character, 100 pt lines: 20 characters a line.
    expect(layout.lines).toHaveLength(500);
    expect(layout.lines.every((line) => line.text.length === 20)).toBe(true);
    const shaped = counting.requests.reduce((sum, r) => sum + (r.end - r.start), 0);
    // Before: every prefix of every line was shaped, then every line again (≈ n²/2 = 50,000,000 characters).
    expect(shaped).toBeLessThan(10 * word.length);
  });

  it('still backs off when the reshaped piece is wider than the estimate (joining forms at the cut)', () => {
    // A shaper whose pieces are wider alone than inside the word: the last glyph of a piece is twice as wide.
    const widerAtCut: Shaper = {
      shape(request) {
        const glyphs = fakeShaper.shape(request);
        if (request.end < request.text.length) glyphs[glyphs.length - 1] = { ...glyphs.at(-1)!, advance: 1000 };
        return glyphs;
      },
    };
    const word = 'x'.repeat(100);
    const { layout } = layoutParagraph({ runs: [{ text: word, style: style({ lang: 'en' }) }], direction: 'ltr', align: 'start', lineHeight: 1.2 }, 100, { ...fakeEngines, shaper: widerAtCut });
    expect(layout.lines.map((l) => l.text).join('')).toBe(word);
    for (const line of layout.lines) expect(line.width).toBeLessThanOrEqual(100.01);
  });
});

describe('fitting stops once the content is past what the smallest size could recover', () => {
  it('lays a text forty pages long out twice (at the theme size and the smallest), not at every 3 % step', () => {
    const counting = recording(fakeShaper);
    const engines: TextEngines = { ...fakeEngines, shaper: counting };
    const paragraph = 'word '.repeat(20_000);
    const root = parseMarkup(`<page size="A4" dir="ltr" lang="en"><section name="visit"><p>${paragraph}</p></section></page>`, 'test.hbs', theme());
    const error = catchBriefingError(() => fitPage(root, theme(), engines), 'overflow');
    expect(error.message).toMatch(/does not fit one page even at 8\.5 pt/);
    // The paragraph is shaped whole once per layout (then line pieces): count the whole-paragraph requests.
    const layouts = counting.requests.filter((r) => r.start === 0 && r.end >= paragraph.trimEnd().length).length;
    expect(layouts).toBe(2);
  });

  it('still steps down when the content is only a little too long', () => {
    const counting = recording(fakeShaper);
    const engines: TextEngines = { ...fakeEngines, shaper: counting };
    const root = parseMarkup(`<page size="A4" dir="ltr" lang="en"><section name="visit"><p>${'word '.repeat(1300)}</p></section></page>`, 'test.hbs', theme());
    const layout = fitPage(root, theme(), engines);
    expect(layout.scale).toBeLessThan(1);
    expect(layout.overflow).toBe(0);
  });
});
