/**
 * Copy-paste read-back by reader: every golden bidi case (one line each) and every line and text field of the
 * example briefings, read the way each viewer copies a page —
 *   pdf.js   the Firefox viewer: text items in content order, a newline at hasEOL (test/readers/pdfjs.ts)
 *   PDFium   the Chrome viewer: FPDFText_GetText over the page (test/readers/pdfium.ts)
 *   poppler  pdftotext, when installed (test/readers/poppler.ts)
 * — and prints how many come back exactly, then each failure with what the reader gave instead.
 *
 *   npx tsx scripts/copy-readback.ts [--quiet]
 */
import { examplePages, goldenPages, readerLines, score, type CorpusPage } from '../test/readers/corpus.js';
import { pdfiumPageTexts } from '../test/readers/pdfium.js';
import { pdfjsPageTexts } from '../test/readers/pdfjs.js';
import { hasPdftotext, popplerPageTexts } from '../test/readers/poppler.js';

const quiet = process.argv.includes('--quiet');

const readers: Record<string, (pdf: Uint8Array) => Promise<string[]> | string[]> = {
  'pdf.js (content order)': pdfjsPageTexts,
  PDFium: pdfiumPageTexts,
  ...(hasPdftotext() ? { 'poppler (pdftotext)': popplerPageTexts } : {}),
};

const corpus: { group: string; pages: CorpusPage[] }[] = [
  { group: 'golden cases', pages: await goldenPages() },
  { group: 'examples', pages: await examplePages() },
];

const table: string[] = [];
const failures: string[] = [];
for (const [reader, read] of Object.entries(readers)) {
  const row = [reader];
  for (const { group, pages } of corpus) {
    const totals = { lines: 0, linesExact: 0, fields: 0, fieldsExact: 0, controls: 0 };
    for (const page of pages) {
      const text = (await read(page.pdf)).join('\n');
      const result = score(page, text);
      totals.lines += page.lines.length;
      totals.linesExact += result.lines.exact;
      totals.fields += page.fields.length;
      totals.fieldsExact += result.fields.exact;
      totals.controls += result.controls;
      const got = readerLines(text);
      for (const wrong of result.lines.wrong) {
        failures.push(`${reader} · ${page.name} · ${wrong.name}\n    want ${wrong.text}\n    got  ${closest(got, wrong.text)}`);
      }
      for (const wrong of result.fields.wrong) failures.push(`${reader} · ${page.name} · field ${wrong.name}\n    want ${wrong.text}`);
    }
    row.push(`${group}: lines ${totals.linesExact}/${totals.lines}${totals.fields ? `, fields ${totals.fieldsExact}/${totals.fields}` : ''}${totals.controls ? `, ${totals.controls} bidi controls` : ''}`);
  }
  table.push(row.join(' · '));
}

if (!quiet) for (const f of failures) console.log(f);
console.log(`\n${table.join('\n')}`);
if (!hasPdftotext()) console.log('(poppler not installed: pdftotext skipped)');

/** The reader's line most like `want` (most characters in common at the start or end), to show beside it. */
function closest(lines: string[], want: string): string {
  let best = '';
  let bestScore = -1;
  for (const line of lines) {
    const common = new Set([...line]).size && [...want].filter((c) => line.includes(c)).length - Math.abs(line.length - want.length);
    if (common > bestScore) {
      bestScore = common;
      best = line;
    }
  }
  return best;
}
