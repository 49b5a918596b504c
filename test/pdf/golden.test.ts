/**
 * The golden bidi cases (test/golden/bidi-cases.yaml), each checked three ways:
 *   1. layout: `layoutParagraph` with the real engines gives one line whose glyphs, left to right, show the
 *      characters in UAX #9 order (bidi-js's L1/L2 as the reference), right-to-left runs with decreasing and
 *      left-to-right runs with increasing clusters, digits/Latin/URLs left to right, brackets mirrored exactly
 *      in right-to-left runs, no character without a font;
 *   2. pdf.js: the case painted on a page (markup → parseMarkup → layoutPage → writePdf) and read back by
 *      position gives the logical text (bidi controls removed, white space normalized);
 *   3. poppler: `pdftotext file.pdf -` (not -layout) gives the same, when poppler is installed.
 * Cases share pages: one A4 page per direction and up to 40 cases, one <p> per case.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutPage } from '../../src/layout/page.js';
import type { PageLayout } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { writePdf } from '../../src/pdf/document.js';
import { layoutParagraph } from '../../src/text/paragraph.js';
import type { LineBox } from '../../src/text/types.js';
import { directionOf, loadGoldenCases, pageMarkup, pagesOf, readBack, type GoldenCase } from '../golden/cases.js';
import { lineOrderProblems, MIRROR, placedGlyphs } from '../golden/layoutOrder.js';
import { realEngines, shaper, style, theme } from '../text/engines.js';
import { tempDirs } from '../tempDirs.js';
import { extractRows } from './extractRows.js';

const cases = loadGoldenCases();

/**
 * The theme as shipped: the Urdu cases are set in Noto Nastaliq Urdu (`ur-Arab`), whose cascading words pdf.js
 * reads back whole only because paint hands the text of a raised glyph to one on the baseline. The variants
 * below swap the Arabic face of the Naskh chain and set Urdu like Persian, to test the Naskh-style faces' tricks.
 */
function naskhTheme() {
  const t = structuredClone(theme());
  for (const family of Object.values(t.fonts.families)) delete family['ur-Arab'];
  return t;
}
const pageTheme = theme();
const engines = realEngines(pageTheme);

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const POPPLER = hasPdftotext();

// --- the cases ------------------------------------------------------------------------------------------------

describe('the golden file', () => {
  it('has at least 50 one-line cases in all four languages, each name once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(new Set(cases.map((c) => c.lang))).toEqual(new Set(['ar', 'en', 'fa', 'ur']));
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });
});

/** Width of the page's content box, so the engine-level layout breaks exactly as the page does. */
const MM = 72 / 25.4;
const BOX = 595.28 - 2 * pageTheme.page.marginInlineMm * MM;

function layoutCase(c: GoldenCase) {
  return layoutParagraph(
    { runs: [{ text: c.text, style: style({ lang: c.lang }) }], direction: directionOf(c.lang), align: 'start', lineHeight: 1.36 },
    BOX,
    engines,
  );
}

/** The glyph id `face` shows for `char` alone in a left-to-right run. */
function plainGlyph(line: LineBox, runIndex: number, char: string): number {
  const face = line.runs[runIndex]!.face;
  return shaper.shape({ text: char, start: 0, end: char.length, face, direction: 'ltr', script: 'Zyyy', lang: 'en' })[0]!.id;
}

describe('layout: the order check itself', () => {
  const c = cases.find((k) => k.name === 'ar-western-digits')!;
  const fresh = () => layoutCase(c).layout;

  it('passes the engine\'s line and catches digits drawn right to left (the fontkit bug)', () => {
    const layout = fresh();
    expect(lineOrderProblems(layout.text, layout.lines[0]!, 'rtl')).toEqual([]);
    const run = layout.lines[0]!.runs.find((r) => r.text === '2025')!;
    const xs = run.glyphs.map((g) => g.x);
    run.glyphs.reverse().forEach((g, k) => (g.x = xs[k]!));
    const problems = lineOrderProblems(layout.text, layout.lines[0]!, 'rtl');
    expect(problems.some((p) => p.includes('not increasing'))).toBe(true);
    expect(problems.some((p) => p.includes('UAX #9'))).toBe(true);
    expect(problems.some((p) => p.includes('"2025" does not read left to right'))).toBe(true);
  });

  it('catches words in left-to-right order on a right-to-left line', () => {
    const layout = fresh();
    const line = layout.lines[0]!;
    line.runs.reverse();
    let pen = 0;
    for (const run of line.runs) {
      run.x = pen;
      pen += run.width;
    }
    expect(lineOrderProblems(layout.text, line, 'rtl').some((p) => p.includes('UAX #9'))).toBe(true);
  });
});

describe('layout: glyphs in UAX #9 order', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.note}`, () => {
      const { layout, missing } = layoutCase(c);
      expect(missing, 'characters without a font').toEqual([]);
      expect(layout.lines, 'one line').toHaveLength(1);
      const line = layout.lines[0]!;
      // Every character has a font in its chain, so no glyph may be the .notdef box (glyph 0).
      const boxes = placedGlyphs(line).filter((g) => g.id === 0);
      expect(boxes.map((g) => `${JSON.stringify(layout.text.slice(g.cluster, g.clusterEnd))} in ${g.run.face.key}`), '.notdef boxes').toEqual([]);
      expect(line.logicalStart).toBe(0);
      expect(line.logicalEnd).toBe(c.text.length);
      expect(lineOrderProblems(layout.text, line, directionOf(c.lang))).toEqual([]);
      // Brackets and quotes: in a right-to-left run drawn with the glyph of their mirror image, else as they are.
      for (const g of placedGlyphs(line)) {
        const char = layout.text.slice(g.cluster, g.clusterEnd);
        if (!(char in MIRROR)) continue;
        const shown = g.run.level % 2 ? MIRROR[char]! : char;
        expect(g.id, `${char} at ${g.cluster} (level ${g.run.level}) drawn as ${shown}`).toBe(plainGlyph(line, g.runIndex, shown));
      }
    });
  }
});

interface RenderedPage {
  layout: PageLayout;
  /** Text read back per case, in the page's case order. */
  pdfjs: string[];
  poppler: string[];
}

const pages = pagesOf(cases, 40);
const workDir = tempDirs('golden')();

pages.forEach((page, pageIndex) => {
  describe(`page ${pageIndex + 1} (${page.dir}, ${page.cases.length} cases): text read back in logical order`, () => {
    let rendered: RenderedPage;
    beforeAll(async () => {
      const layout = layoutPage(parseMarkup(pageMarkup(page.dir, page.cases), `golden page ${pageIndex + 1}`, pageTheme), pageTheme, engines, 1);
      const pdf = await writePdf(layout, { title: 'golden bidi cases', creationDate: new Date(Date.UTC(2025, 1, 4)) });
      const lines = layout.items.flatMap((item) => (item.kind === 'text' ? [item] : []));
      const extracted = await extractRows(
        pdf,
        lines.map((item) => ({ baseline: item.y + item.line.baseline, direction: page.dir })),
      );
      let poppler: string[] = [];
      if (POPPLER) {
        const file = join(workDir, `page-${pageIndex + 1}.pdf`);
        writeFileSync(file, pdf);
        poppler = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
          .split('\n')
          .filter((l) => readBack(l) !== '');
      }
      rendered = { layout, pdfjs: extracted.rows.map((r) => r.text), poppler };
    });

    it('is one page with one line per case, every character in a font', () => {
      const lines = rendered.layout.items.filter((item) => item.kind === 'text');
      expect(rendered.layout.overflow).toBe(0);
      expect(rendered.layout.missing).toEqual([]);
      expect(lines).toHaveLength(page.cases.length);
      expect(rendered.pdfjs).toHaveLength(page.cases.length);
      if (POPPLER) expect(rendered.poppler).toHaveLength(page.cases.length);
    });

    page.cases.forEach((c, k) => {
      it(`${c.name}: pdf.js`, () => {
        expect(readBack(rendered.pdfjs[k] ?? '')).toBe(readBack(c.text));
      });
      it.skipIf(!POPPLER)(`${c.name}: pdftotext`, () => {
        expect(readBack(rendered.poppler[k] ?? '')).toBe(readBack(c.text));
      });
    });
  });
});

// The tricks of the paint stage for pdf.js (src/pdf/paint.ts `streamGlyphs`) depend on how a font draws: Noto
// Naskh Arabic makes lam-alef of two glyphs, Amiri moves letters with GPOS and changes advances, Noto Sans Arabic
// ligates lam-alef with its tanween. Every case must read back with each of them as the Arabic face.
describe.each(['Amiri', 'Noto Sans Arabic'])('with %s as the Arabic face: pdf.js reads every case back', (family) => {
  const familyTheme = naskhTheme();
  familyTheme.fonts.families.body!.Arab = [family];
  const familyEngines = realEngines(familyTheme);

  pages.forEach((page, pageIndex) => {
    it(`page ${pageIndex + 1} (${page.dir}, ${page.cases.length} cases)`, async () => {
      const layout = layoutPage(parseMarkup(pageMarkup(page.dir, page.cases), `golden page ${pageIndex + 1}`, familyTheme), familyTheme, familyEngines, 1);
      expect(layout.overflow).toBe(0);
      const lines = layout.items.flatMap((item) => (item.kind === 'text' ? [item] : []));
      expect(lines.some((item) => item.line.runs.some((run) => run.face.key.startsWith(family.replaceAll(' ', ''))))).toBe(true);
      const pdf = await writePdf(layout, { title: 'golden bidi cases', creationDate: new Date(Date.UTC(2025, 1, 4)) });
      const { rows } = await extractRows(pdf, lines.map((item) => ({ baseline: item.y + item.line.baseline, direction: page.dir })));
      const wrong = page.cases.flatMap((c, k) => (readBack(rows[k]?.text ?? '') === readBack(c.text) ? [] : [`${c.name}: ${JSON.stringify(rows[k]?.text)}`]));
      expect(wrong).toEqual([]);
    });
  });
});
