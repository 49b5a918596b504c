import { beforeAll, describe, expect, it } from 'vitest';
import { loadBriefing } from '../../src/data/load.js';
import { createRenderer, renderBriefing, type RenderResult } from '../../src/pipeline.js';
import { extractText, type ExtractedPage } from '../pdf/extract.js';
import { pdfjsPageTexts } from '../readers/pdfjs.js';

const EXAMPLE = 'examples/nato-iraq-2025.yaml';

/** Whitespace-insensitive containment: pdf.js may split or join spaces differently from the source. */
function normalize(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

describe.each(['ar', 'en'])('the example briefing in %s', (lang) => {
  let result: RenderResult;
  let page: ExtractedPage;
  beforeAll(async () => {
    result = await renderBriefing(await loadBriefing(EXAMPLE), { lang });
    page = await extractText(result.pdf);
  });

  it('is one A4 page', () => {
    expect(page.pages).toBe(1);
    expect(page.width).toBeCloseTo(595.28, 1);
    expect(page.height).toBeCloseTo(841.89, 1);
  });

  it('keeps every line of text inside the margins', () => {
    const { content } = result.layout;
    expect(page.lines.length).toBeGreaterThan(30);
    for (const line of page.lines) {
      expect(line.left).toBeGreaterThanOrEqual(content.left - 0.5);
      expect(line.right).toBeLessThanOrEqual(content.right + 0.5);
      expect(line.y).toBeGreaterThan(content.top);
      expect(line.y).toBeLessThan(content.bottom);
    }
  });

  it('gives its sentences back in reading order (as the Firefox viewer copies the page)', async () => {
    const text = normalize((await pdfjsPageTexts(result.pdf)).join('\n'));
    const sentences =
      lang === 'ar'
        ? ['زار الأمين العام لحلف شمال الأطلسي، مارك روته، العراق في الفترة من 4 إلى 5 فبراير 2025،', 'البعثة: بعثة الناتو في العراق (NMI)', 'تاريخ التأسيس أكتوبر 2018، بغداد', 'لقاء قائد بعثة الناتو في العراق وموظفيها مقر بعثة الناتو في العراق', 'القائد الفريق أول لوكاس شرويرز، القائد الحالي للبعثة (هولندا)', 'أهنئ شركاءنا العراقيين وقيادة وموظفي NMI على المستوى الممتاز']
        : ['NATO Secretary General Mark Rutte visited Iraq from 4 to 5 February 2025,', 'Mission: NATO Mission Iraq (NMI)', '5 February 2025, 09:30 Meeting with the NMI Commander and staff NMI headquarters', 'Established October 2018, Baghdad', 'I congratulate our Iraqi partners and NMI leadership and staff'];
    for (const sentence of sentences) expect(text).toContain(sentence);
  });

  it('prints no warning', () => {
    expect(result.warnings).toEqual([]);
  });
});

describe('rendering', () => {
  it('is deterministic: the same data gives the same bytes', async () => {
    const data = await loadBriefing(EXAMPLE);
    const a = await renderBriefing(data);
    const b = await renderBriefing(data);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });

  it('renders the same bytes from a warm renderer as from a new one (nothing kept changes the output)', async () => {
    const data = await loadBriefing(EXAMPLE);
    const warm = await renderBriefing(data);
    const cold = await createRenderer().render(data);
    expect(Buffer.from(cold.pdf).equals(Buffer.from(warm.pdf))).toBe(true);
  });
});
