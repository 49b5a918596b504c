/**
 * The paint stage writes exactly the glyphs and positions the engine computed. The page content PDFKit is given
 * (`PageContent.take`) is replayed operator by operator — Tf, Tm, Ts and TJ with its adjustments, each CID mapped to
 * its glyph and advanced by its /W width through the font objects paintPage used — and every glyph drawn must be
 * the layout's glyph at the layout's position, each laid-out glyph drawn once, in any order. The only glyphs
 * allowed in addition are blank ones (the face's space glyph) that carry text for pdf.js or mark a line's ends
 * for poppler (src/pdf/pdfjsText.ts, src/pdf/paint.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBriefing } from '../../src/data/load.js';
import { layoutPage } from '../../src/layout/page.js';
import type { PageLayout } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { writePdf } from '../../src/pdf/document.js';
import { FaceEmbedder, type EmbeddedFace } from '../../src/pdf/fontEmbedding.js';
import { PageContent } from '../../src/pdf/pdfkitInternals.js';
import { renderBriefing } from '../../src/pipeline.js';
import type { FontFace } from '../../src/text/fonts.js';
import { loadGoldenCases, pageMarkup, pagesOf } from '../golden/cases.js';
import { realEngines, theme } from '../text/engines.js';

interface DrawnGlyph {
  face: string;
  id: number;
  x: number;
  y: number;
  /** Width in /W, points. */
  width: number;
}

afterEach(() => vi.restoreAllMocks());

/** Runs `paint` (something that writes one PDF) and returns the glyphs its page content draws, in order. */
async function drawnGlyphs(paint: () => Promise<unknown>): Promise<DrawnGlyph[]> {
  // The page's content as handed to PDFKit (PageContent.take): all of it, PDFKit's own operators included.
  const take = vi.spyOn(PageContent.prototype, 'take');
  const use = vi.spyOn(FaceEmbedder.prototype, 'use');
  await paint();
  const fonts = new Map<string, EmbeddedFace>();
  for (const result of use.mock.results) {
    const embedded = result.value as EmbeddedFace;
    fonts.set(embedded.resourceName, embedded);
  }
  const drawn: DrawnGlyph[] = [];
  let font: EmbeddedFace | undefined;
  let size = 0;
  let origin = { x: 0, y: 0 };
  let pen = 0;
  let rise = 0;
  for (const op of take.mock.results.flatMap((taken) => (taken.value as Buffer).toString('latin1').split('\n'))) {
    let m: RegExpExecArray | null;
    if ((m = /^\/(\w+) ([\d.]+) Tf$/.exec(op))) {
      font = fonts.get(m[1]!);
      size = Number(m[2]);
    } else if ((m = /^1 0 0 1 (\S+) (\S+) Tm$/.exec(op))) {
      origin = { x: Number(m[1]), y: Number(m[2]) };
      pen = 0;
    } else if ((m = /^(\S+) Ts$/.exec(op))) {
      rise = Number(m[1]);
    } else if ((m = /^\[(.*)\] TJ$/.exec(op))) {
      for (const token of m[1]!.split(' ')) {
        if (token.startsWith('<')) {
          const cid = parseInt(token.slice(1, -1), 16);
          const width = (font!.pdfWidth(cid) * size) / 1000;
          drawn.push({ face: font!.face.key, id: font!.glyphIds[cid]!, x: origin.x + pen, y: origin.y + rise, width });
          pen += width;
        } else {
          pen -= (Number(token) * size) / 1000;
        }
      }
    }
  }
  return drawn;
}

/** The glyphs the layout places, in paint order, in PDF coordinates (origin bottom left). */
function laidOutGlyphs(page: PageLayout): Omit<DrawnGlyph, 'width'>[] {
  return page.items.flatMap((item) => {
    if (item.kind !== 'text') return [];
    const left = item.x + item.line.x;
    const baseline = page.height - (item.y + item.line.baseline);
    return item.line.runs.flatMap((run) =>
      run.glyphs.map((g) => ({ face: run.face.key, id: g.id, x: left + run.x + g.x + g.dx, y: baseline + g.dy })),
    );
  });
}

/**
 * Problems between what was drawn and what was laid out (empty: the same glyphs at the same places). The order
 * of the content stream is free (lines are painted in reading order for pdf.js, every glyph placed absolutely),
 * so each drawn glyph is matched with a laid-out glyph of the same face and id at its place, each used once.
 */
function compare(drawn: DrawnGlyph[], page: PageLayout, faces: Map<string, FontFace>): string[] {
  const key = (g: { face: string; id: number }) => `${g.face}#${g.id}`;
  const waiting = new Map<string, Omit<DrawnGlyph, 'width'>[]>();
  for (const want of laidOutGlyphs(page)) waiting.set(key(want), [...(waiting.get(key(want)) ?? []), want]);
  const near = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.abs(a.x - b.x) <= 0.005 && Math.abs(a.y - b.y) <= 0.005;
  const strays: DrawnGlyph[] = [];
  for (const glyph of drawn) {
    const candidates = waiting.get(key(glyph)) ?? [];
    const k = candidates.findIndex((want) => near(want, glyph));
    if (k >= 0) candidates.splice(k, 1);
    else if (glyph.id !== faces.get(glyph.face)?.hbFont.nominalGlyph(0x20)) strays.push(glyph);
  }
  const problems: string[] = [];
  for (const glyph of strays.slice(0, 10)) {
    const want = waiting.get(key(glyph))?.[0];
    problems.push(`glyph ${key(glyph)} drawn at ${glyph.x},${glyph.y}, ${want ? `laid out at ${want.x},${want.y}` : 'not in the layout'}`);
    if (want) waiting.get(key(glyph))!.shift();
  }
  const notDrawn = [...waiting.values()].reduce((n, list) => n + list.length, 0);
  if (notDrawn > 0) problems.push(`${notDrawn} laid-out glyphs not drawn`);
  return problems;
}

function facesOf(page: PageLayout): Map<string, FontFace> {
  const faces = new Map<string, FontFace>();
  for (const item of page.items) if (item.kind === 'text') for (const run of item.line.runs) faces.set(run.face.key, run.face as FontFace);
  return faces;
}

describe('paint: the glyphs and positions of the layout, nothing else', () => {
  const cases = loadGoldenCases();
  for (const family of ['Noto Naskh Arabic', 'Amiri']) {
    it(`golden pages with ${family}`, async () => {
      const t = structuredClone(theme());
      t.fonts.families.body!.Arab = [family];
      const engines = realEngines(t);
      for (const [n, page] of pagesOf(cases, 40).entries()) {
        const layout = layoutPage(parseMarkup(pageMarkup(page.dir, page.cases), `golden page ${n + 1}`, t), t, engines, 1);
        const drawn = await drawnGlyphs(() => writePdf(layout, { title: 'golden', creationDate: new Date(Date.UTC(2025, 1, 4)) }));
        expect(drawn.length).toBeGreaterThan(200);
        expect(compare(drawn, layout, facesOf(layout))).toEqual([]);
        vi.restoreAllMocks();
      }
    });
  }

  it('the example briefing', async () => {
    let layout: PageLayout | undefined;
    const drawn = await drawnGlyphs(async () => {
      layout = (await renderBriefing(await loadBriefing('examples/nato-iraq-2025.yaml'))).layout;
    });
    expect(drawn.length).toBeGreaterThan(2000);
    expect(compare(drawn, layout!, facesOf(layout!))).toEqual([]);
  });

  // Regression: paint measured with the exact size but wrote it rounded to three decimals in Tf, so at a fitting
  // scale such as 0.97³ (9.1267 pt body text) every glyph after the first drifted right along its run (0.005 pt by 120 pt).
  it('draws in place at a scale whose sizes have more than three decimals', async () => {
    const t = theme();
    const sentence = 'NATO Secretary General Mark Rutte visited Iraq from 4 to 5 February 2025 with SACEUR. ';
    const markup = `<page dir="ltr" lang="en"><p>${sentence.repeat(8)}</p><p align="justify">${sentence.repeat(8)}</p></page>`;
    const layout = layoutPage(parseMarkup(markup, 'scaled', t), t, realEngines(t), 0.97 ** 3);
    const drawn = await drawnGlyphs(() => writePdf(layout, { title: 'x', creationDate: new Date(0) }));
    expect(compare(drawn, layout, facesOf(layout))).toEqual([]);
  });

  it('notices a glyph drawn out of place', async () => {
    const t = theme();
    const layout = layoutPage(parseMarkup(pageMarkup('rtl', cases.slice(0, 3)), 'three cases', t), t, realEngines(t), 1);
    const drawn = await drawnGlyphs(() => writePdf(layout, { title: 'x', creationDate: new Date(0) }));
    expect(compare(drawn, layout, facesOf(layout))).toEqual([]);
    drawn[5]!.x += 0.5;
    expect(compare(drawn, layout, facesOf(layout))).toHaveLength(1);
    drawn[5]!.x -= 0.5;
    drawn.splice(7, 1);
    expect(compare(drawn, layout, facesOf(layout))).toEqual(['1 laid-out glyphs not drawn']);
  });
});
