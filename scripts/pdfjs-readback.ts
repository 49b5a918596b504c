/**
 * Random phrases of tricky words (harakat, ligatures, joiners, numbers, brackets, Latin, Persian) set as one
 * line with each Arabic face of the project, in right-to-left and left-to-right paragraphs, written to PDF and
 * read back through pdf.js by position (test/pdf/extractRows.ts). Prints each phrase that does not come back as
 * the line the engine set, and the count. A tool for working on the pdf.js text layer (src/pdf/pdfjsText.ts),
 * wider than the property test in test/pdf/streamGlyphs.test.ts; the known limits it shows are in the README.
 *
 *   npx tsx scripts/pdfjs-readback.ts [runs=600] [seed=1] [directions=rtl,ltr]
 */
import fc from 'fast-check';
import { layoutPage } from '../src/layout/page.js';
import { parseMarkup } from '../src/markup/parse.js';
import { writePdf } from '../src/pdf/document.js';
import { pageMarkup, readBack } from '../test/golden/cases.js';
import { extractRows } from '../test/pdf/extractRows.js';
import { realEngines, theme } from '../test/text/engines.js';

const [runs = '600', seed = '1', directions = 'rtl,ltr'] = process.argv.slice(2);

const WORDS = [
  'مُحَمَّد', 'رَسُولُ', 'اللَّهِ', 'كِتَابٌ', 'شُكْرًا', 'جَزِيلًا', 'لا', 'الزيارة', 'می‌خواهم', 'ب‍', 'چگونه', 'پژوهش', 'ۀ', 'ی',
  'هل؟', '،', '.', '«قال»', '[ثان]', '"نعمل"', '(NMI)', '{ISIS}', 'ـــ',
  'NATO', 'Mission', 'the', 'C++', 'e-mail@x.org',
  '2025/02/04', '+964', '4-5', '٢٠٢٥', '(2018)', '10:30', '50%', '−5',
];

const engines = new Map(
  ['Noto Naskh Arabic', 'Amiri', 'Noto Sans Arabic'].map((family) => {
    const t = structuredClone(theme());
    t.fonts.families.body!.Arab = [family];
    return [family, { theme: t, engines: realEngines(t) }] as const;
  }),
);

let failures = 0;
const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
const direction = fc.constantFrom(...(directions.split(',') as ('rtl' | 'ltr')[]));
await fc.assert(
  fc.asyncProperty(phrase, fc.constantFrom(...engines.keys()), direction, async (text, family, dir) => {
    const { theme: t, engines: e } = engines.get(family)!;
    const layout = layoutPage(parseMarkup(pageMarkup(dir, [{ name: 'random', lang: dir === 'rtl' ? 'ar' : 'en', text, note: '' }]), 'random', t), t, e, 1);
    const lines = layout.items.flatMap((item) => (item.kind === 'text' ? [item] : []));
    if (lines.length !== 1) return;
    const pdf = await writePdf(layout, { title: 'random', creationDate: new Date(0) });
    const { rows } = await extractRows(pdf, lines.map((item) => ({ baseline: item.y + item.line.baseline, direction: dir })));
    const got = readBack(rows[0]!.text);
    if (got === readBack(lines[0]!.line.text)) return;
    failures++;
    console.log(`${dir} ${family}: ${JSON.stringify(text)}\n    read ${JSON.stringify(got)}`);
  }),
  { numRuns: Number(runs), seed: Number(seed) },
);
console.log(`${failures} of ${runs} phrases not read back`);
