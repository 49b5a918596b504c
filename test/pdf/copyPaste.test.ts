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

/**
 * PDFium decomposes ۀ (U+06C0), ۂ (U+06C2) and ۓ (U+06D3) in right-to-left text (ه + ٔ, ہ + ٔ, ے + ٔ), a
 * normalization of its own (pinned below).
 */
const PDFIUM_DECOMPOSES = /[\u06c0\u06c2\u06d3]/u;
/**
 * pdf.js cuts some Nastaliq words where the cascade moves a glyph back past the one before (بریفنگ, استعداد,
 * ملک), and loses the space after «م.،» before an isolated name in the Persian example (pinned below).
 */
const PDFJS_CUTS = /بریفنگ|استعداد|ملک|م\.، /u;
const known = (reader: keyof typeof readers, text: string) =>
  (reader === 'PDFium' && PDFIUM_DECOMPOSES.test(text)) || (reader === 'pdf.js (content order)' && PDFJS_CUTS.test(text));

describe.each(Object.keys(readers) as (keyof typeof readers)[])('copy-paste through %s', (reader) => {
  it.skipIf(reader === 'pdftotext' && !hasPdftotext())('gives every golden case, row and field back in reading order', async () => {
    expect(corpus.length).toBeGreaterThan(3);
    const wrong: string[] = [];
    for (const full of corpus) {
      const page = { ...full, lines: full.lines.filter((l) => !known(reader, l.text)), fields: full.fields.filter((f) => !known(reader, f.text)) };
      const text = (await readers[reader](page.pdf)).join('\n');
      const result = score(page, text);
      const lines = readerLines(text);
      for (const line of result.lines.wrong) wrong.push(`${page.name} · ${line.name}: want ${JSON.stringify(line.text)}, lines near: ${JSON.stringify(lines.filter((l) => l.includes(line.text.slice(0, 6))))}`);
      for (const field of result.fields.wrong) wrong.push(`${page.name} · field ${field.name}: ${JSON.stringify(field.text)} not found`);
    }
    expect(wrong).toEqual([]);
  });
});

// PDFium's CloseTempLine passes each character of right-to-left text through its own Unicode normalization
// table (GetUnicodeNormalization, core/fpdftext/cpdf_textpage.cpp), which splits ۀ into ه + ٔ: the same text
// to Unicode (canonically equivalent), not the same code points. No /ActualText can avoid it.
it.fails('PDFium decomposes ۀ: the golden case fa-heh-yeh-above comes back as ه + ٔ', async () => {
  const page = corpus.find((p) => p.lines.some((l) => l.name === 'fa-heh-yeh-above'))!;
  const text = (await pdfiumPageTexts(page.pdf)).join('\n');
  expect(score({ ...page, lines: page.lines.filter((l) => l.name === 'fa-heh-yeh-above'), fields: [] }, text).lines.wrong).toEqual([]);
});

it.fails('pdf.js cuts Nastaliq words where the cascade steps back (بریفنگ read «نیفگ – بر»), and loses the space in «م.، بغداد»', async () => {
  const wrong: string[] = [];
  for (const page of corpus) {
    const only = { ...page, lines: page.lines.filter((l) => PDFJS_CUTS.test(l.text)), fields: page.fields.filter((f) => PDFJS_CUTS.test(f.text)) };
    if (only.lines.length + only.fields.length === 0) continue;
    const result = score(only, (await pdfjsPageTexts(page.pdf)).join('\n'));
    wrong.push(...result.lines.wrong.map((l) => l.text), ...result.fields.wrong.map((f) => f.text));
  }
  expect(wrong).toEqual([]);
});

it('PDFium gives fa-heh-yeh-above back canonically equivalent (NFC), in reading order', async () => {
  const page = corpus.find((p) => p.lines.some((l) => l.name === 'fa-heh-yeh-above'))!;
  const want = page.lines.find((l) => l.name === 'fa-heh-yeh-above')!.text;
  const lines = readerLines((await pdfiumPageTexts(page.pdf)).join('\n')).map((l) => l.normalize('NFC'));
  expect(lines).toContain(want);
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

describe('the bugs issue 15 found in the Arabic example, by reader', () => {
  const arabic = () => corpus.find((page) => page.name === 'nato-iraq-2025 ar')!;
  const rowWith = (page: CorpusPage, start: string) => page.lines.find((line) => line.text.startsWith(start))!.text;

  it.each(['pdf.js (content order)', 'PDFium'] as const)('%s: mixed lines in reading order, labels apart from their values, brackets and ranges intact', async (reader) => {
    const page = arabic();
    const lines = readerLines((await readers[reader](page.pdf)).join('\n'));
    // pdf.js gave «2025 فبراير 5 · موجز» (the separator is a dash now), «المكانالعراق ،بغداد», «)NMI( بعثة الناتو في العراق البعثة:»;
    // PDFium «5–4 فبراير», «)NMI(», «زيارة مارك روته إلى العراق4 ،», «نسخة البيانات7a46c9c7 :».
    for (const row of [rowWith(page, 'موجز'), 'المكان بغداد، العراق', 'التاريخ 4–5 فبراير 2025', 'البعثة: بعثة الناتو في العراق (NMI)', 'زيارة مارك روته إلى العراق، 4 إلى 5 فبراير 2025']) {
      expect(lines).toContain(row);
    }
    expect(lines).toContain(rowWith(page, 'المصدر:'));
  });

  it('PDFium: no RLM left after the commas (its text has no bidi controls at all)', async () => {
    const text = (await pdfiumPageTexts(arabic().pdf)).join('\n');
    expect(text).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  });
});
