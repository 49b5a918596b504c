/**
 * Copy-paste in the viewers people use (issue 15): every golden case and every row and text field of the
 * example briefings comes back in reading order, read the way each viewer copies a page —
 *   - Firefox (pdf.js): text items in content order, a line break at hasEOL (test/readers/pdfjs.ts);
 *   - Chrome (PDFium): FPDFText_GetText over the page (test/readers/pdfium.ts, @embedpdf/pdfium);
 *   - poppler: pdftotext, when installed (test/readers/poppler.ts).
 * A row is a line of the page as a reader sees it: a fact's label and its value, a list's marker and its item,
 * separated by a space (poppler, which finds columns, may give each part a line of its own). A field must be
 * found in the page's text with no letter glued to it, so a search for it finds it.
 * `npx tsx scripts/copy-readback.ts` prints the same counts, and every failure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { examplePages, goldenPages, readerLines, score, type CorpusPage } from '../readers/corpus.js';
import { pdfiumPageTexts } from '../readers/pdfium.js';
import { pdfjsPageTexts } from '../readers/pdfjs.js';
import { hasPdftotext, popplerPageTexts } from '../readers/poppler.js';
import { pdfiumReorder, pdfiumVisual } from '../../src/pdf/textLayer.js';

const readers = {
  'pdf.js (content order)': pdfjsPageTexts,
  PDFium: pdfiumPageTexts,
  pdftotext: popplerPageTexts,
} as const;

let corpus: CorpusPage[] = [];
beforeAll(async () => {
  corpus = [...(await goldenPages()), ...(await examplePages())];
}, 60_000);

describe.each(Object.keys(readers) as (keyof typeof readers)[])('copy-paste through %s', (reader) => {
  it.skipIf(reader === 'pdftotext' && !hasPdftotext())('gives every golden case, row and field back in reading order', async () => {
    expect(corpus.length).toBeGreaterThan(3);
    const wrong: string[] = [];
    for (const page of corpus) {
      const text = (await readers[reader](page.pdf)).join('\n');
      const result = score(page, text);
      const lines = readerLines(text);
      for (const line of result.lines.wrong) wrong.push(`${page.name} · ${line.name}: want ${JSON.stringify(line.text)}, lines near: ${JSON.stringify(lines.filter((l) => l.includes(line.text.slice(0, 6))))}`);
      for (const field of result.fields.wrong) wrong.push(`${page.name} · field ${field.name}: ${JSON.stringify(field.text)} not found`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the PDFium text of a line', () => {
  // pdfiumReorder is PDFium's pass over a line (CPDF_TextPage::CloseTempLine); pdfiumVisual must be its inverse.
  const lines = [
    'زيارة مارك روته إلى العراق، 4 إلى 5 فبراير 2025',
    'بعثة الناتو في العراق (NMI) في بغداد',
    'قال: «سمعته يقول "نعمل معًا" أمس»',
    'The mission (بعثة الناتو) met in Baghdad',
    'راجع https://www.nato.int/cps/en/natohq/news.htm للمزيد',
    'مُحَمَّد رَسُولُ اللَّهِ',
  ];
  it.each(lines)('reads back %s', (line) => {
    expect(pdfiumReorder(pdfiumVisual(line))).toBe(line);
  });
  it('is PDFium\'s reading of a line as drawn: "5–4 فبراير" for "4–5 فبراير" (the bug the PDFium text fixes)', () => {
    const drawn = `${[...'فبراير'].reverse().join('')} 4–5`;
    expect(pdfiumReorder(drawn)).toBe('5–4 فبراير');
    expect(pdfiumVisual('4–5 فبراير')).not.toBe(drawn);
  });
});
