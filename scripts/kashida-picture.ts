/**
 * The picture in the README: the example's visit summary justified in a narrow column (the measure of
 * templates/columns.hbs), set with spaces only and first-fit breaking (left) and with Knuth–Plass breaking and
 * kashida (right), at 200 dpi, drawn by pdf.js (src/preview/png.ts) and cropped to the paragraph.
 *
 *   npx tsx scripts/kashida-picture.ts [docs/justify-kashida.png]
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
import { loadBriefing } from '../src/data/load.js';
import { localizeBriefing } from '../src/data/localize.js';
import { layoutPage } from '../src/layout/page.js';
import { parseMarkup } from '../src/markup/parse.js';
import { writePdf } from '../src/pdf/document.js';
import { pdfToPng } from '../src/preview/png.js';
import { DEFAULT_JUSTIFICATION, type Justification } from '../src/text/justify.js';
import { xmlEscape } from '../test/golden/cases.js';
import { realEngines, theme } from '../test/text/engines.js';

const out = process.argv[2] ?? 'docs/justify-kashida.png';
const DPI = 200;
const briefing = localizeBriefing(await loadBriefing('examples/nato-iraq-2025.yaml'), 'ar');
const paragraph = briefing.visit.summary.split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ').trim();
const t = theme();
const markup = `<page size="A4" dir="rtl" lang="ar" title="kashida"><columns gap="40"><column><p align="justify">${xmlEscape(paragraph)}</p></column><column/></columns></page>`;

async function crop(justification: Justification) {
  const layout = layoutPage(parseMarkup(markup, 'picture', t), t, { ...realEngines(t), justification }, 1);
  const lines = layout.items.flatMap((item) => (item.kind === 'text' ? [item] : []));
  const left = Math.min(...lines.map((l) => l.x)) - 6;
  const right = Math.max(...lines.map((l) => l.x + l.line.x + l.line.width)) + 6;
  const top = Math.min(...lines.map((l) => l.y + l.line.baseline - l.line.ascent)) - 4;
  const bottom = Math.max(...lines.map((l) => l.y + l.line.baseline + l.line.descent)) + 4;
  const png = await pdfToPng(await writePdf(layout, { title: 'kashida', creationDate: new Date(0) }), DPI);
  const k = DPI / 72;
  return { image: await loadImage(Buffer.from(png)), x: left * k, y: top * k, width: (right - left) * k, height: (bottom - top) * k };
}

const spaces = await crop({ ...DEFAULT_JUSTIFICATION, arabic: 'spaces', lines: 'greedy' });
const kashida = await crop(DEFAULT_JUSTIFICATION);
const gap = 40;
const canvas = createCanvas(Math.ceil(spaces.width + gap + kashida.width), Math.ceil(Math.max(spaces.height, kashida.height)));
const context = canvas.getContext('2d');
context.fillStyle = '#ffffff';
context.fillRect(0, 0, canvas.width, canvas.height);
context.drawImage(spaces.image, spaces.x, spaces.y, spaces.width, spaces.height, 0, 0, spaces.width, spaces.height);
context.fillStyle = '#bbbbbb';
context.fillRect(spaces.width + gap / 2 - 1, 0, 2, canvas.height);
context.drawImage(kashida.image, kashida.x, kashida.y, kashida.width, kashida.height, spaces.width + gap, 0, kashida.width, kashida.height);
writeFileSync(out, canvas.toBuffer('image/png'));
console.log(`wrote ${out} (${canvas.width} × ${canvas.height})`);
