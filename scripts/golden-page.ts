/**
 * Renders every golden bidi case (test/golden/bidi-cases.yaml) to output/golden.pdf, for a person to look at:
 * right-to-left pages (ar, fa, ur) then left-to-right pages (en), each case as a labelled row (number and name on
 * the start side, the text at 13 pt), its note underneath in small type. Same engines and paint stage as the real
 * pipeline (parseMarkup → layoutPage → paintPage), one PDF page per markup page.
 *
 *   npx tsx scripts/golden-page.ts [output/golden.pdf]
 *   pdftoppm -r 110 -png output/golden.pdf /tmp/golden
 *
 * Also prints each case's line as the layout has it, runs in visual order (left to right), so the page can be
 * compared with what the engine meant to draw.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import PDFDocument from 'pdfkit';
import { layoutPage } from '../src/layout/page.js';
import type { PageLayout } from '../src/layout/types.js';
import { parseMarkup } from '../src/markup/parse.js';
import { paintPage } from '../src/pdf/paint.js';
import { bufferPageContent } from '../src/pdf/pdfkitInternals.js';
import { directionOf, loadGoldenCases, xmlEscape, type GoldenCase } from '../test/golden/cases.js';
import { realEngines, theme as loadProjectTheme } from '../test/text/engines.js';

const out = process.argv[2] ?? 'output/golden.pdf';
const PER_PAGE = 16;

const theme = structuredClone(loadProjectTheme());
// Larger text than a briefing's body, so joins, harakat and bracket shapes are visible at 110 dpi.
theme.styles.body = { ...theme.styles.body!, size: 13, lineHeight: 1.5 };
theme.spacing.factLabelWidth = 0.24;
const engines = realEngines(theme);

const isolate = (text: string) => `\u2066${text}\u2069`;

function markup(dir: 'rtl' | 'ltr', cases: readonly { c: GoldenCase; n: number }[], heading: string): string {
  const rows = cases
    .map(
      ({ c, n }) =>
        // The label and the note are English: isolated left to right (LRI…PDI) so they read right on a
        // right-to-left page too.
        `<facts><fact label="${xmlEscape(isolate(`${c.name} #${n}`))}"><span lang="${c.lang}">${xmlEscape(c.text)}</span></fact></facts>\n` +
        `<p style="small" lang="en">${xmlEscape(isolate(c.note))}</p>\n<space size="3"/>`,
    )
    .join('\n');
  return `<page size="A4" dir="${dir}" lang="${dir === 'rtl' ? 'ar' : 'en'}" title="golden bidi cases">\n<heading lang="en">${xmlEscape(heading)}</heading>\n<rule/>\n${rows}\n</page>`;
}

const all = loadGoldenCases().map((c, i) => ({ c, n: i + 1 }));
const layouts: PageLayout[] = [];
for (const dir of ['rtl', 'ltr'] as const) {
  const own = all.filter(({ c }) => directionOf(c.lang) === dir);
  const count = Math.ceil(own.length / PER_PAGE);
  for (let p = 0; p < count; p++) {
    const chunk = own.slice(p * PER_PAGE, (p + 1) * PER_PAGE);
    const heading = `Golden bidi cases — ${dir === 'rtl' ? 'right to left (ar, fa, ur)' : 'left to right (en)'} — ${p + 1}/${count}`;
    const layout = layoutPage(parseMarkup(markup(dir, chunk, heading), 'golden-page', theme), theme, engines, 1);
    if (layout.overflow > 0) throw new Error(`page ${layouts.length + 1} overflows by ${layout.overflow.toFixed(1)} pt; lower PER_PAGE`);
    for (const m of layout.missing) console.warn(`no font for U+${m.codePoint.toString(16).toUpperCase()} in "${m.context}"`);
    layouts.push(layout);
  }
}

const doc = new PDFDocument({ autoFirstPage: false, margin: 0, compress: true, font: null as unknown as string, info: { Title: 'golden bidi cases' } });
const chunks: Buffer[] = [];
const done = new Promise<Buffer>((resolve, reject) => {
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  doc.on('end', () => resolve(Buffer.concat(chunks)));
  doc.on('error', reject);
});
for (const layout of layouts) {
  doc.addPage({ size: [layout.width, layout.height], margin: 0 });
  paintPage(doc, bufferPageContent(doc), layout);
}
doc.end();
const pdf = await done;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, pdf);

// The engine's view of each case: runs left to right as `[level]text`.
for (const layout of layouts) {
  for (const item of layout.items) {
    if (item.kind !== 'text' || !item.line.runs.some((r) => r.style.size > 12)) continue;
    const runs = item.line.runs.map((r) => `[${r.level}]${r.text.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `<${c.codePointAt(0)!.toString(16)}>`)}`);
    console.log(runs.join(' '));
  }
}
console.log(`${out}: ${all.length} cases on ${layouts.length} pages`);
