/**
 * The baseline: plain PDFKit (the root's node_modules/pdfkit) writing the same paragraphs with the same fonts and
 * sizes as the briefing, `doc.text(…, {align: 'right', features: ['rtla']})` for right-to-left text, with no bidi,
 * itemization, own line breaking or fitting: what "just use PDFKit" costs. The paragraphs come from a JSON spec that
 * run.mjs derives from the localized example (see plainSpec there).
 *   node pdfkit-baseline.mjs <spec.json> <out.pdf>    cold: one document in this new process, PDF written
 *   node pdfkit-baseline.mjs <spec.json> --warm <N>    warm: first document excluded, then N timed (bytes in memory)
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { FONTS } from './lib.mjs';

const MM = 72 / 25.4;

function build(spec) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 15 * MM, bottom: 15 * MM, left: 17 * MM, right: 17 * MM },
    info: { Title: spec.title, CreationDate: new Date(spec.creationDate) },
    lang: spec.lang,
  });
  for (const [name, file] of Object.entries(spec.fonts)) doc.registerFont(name, join(FONTS, file));
  const rtl = spec.dir === 'rtl';
  for (const p of spec.paragraphs) {
    doc.font(p.font).fontSize(p.size).fillColor(p.color ?? '#111111');
    doc.text(p.text, rtl ? { align: p.align ?? 'right', features: ['rtla'] } : { align: p.align ?? 'left' });
    if (p.after) doc.moveDown(p.after);
  }
  return doc;
}

/** The whole PDF as bytes. */
function render(spec) {
  return new Promise((resolve, reject) => {
    const doc = build(spec);
    const chunks = [];
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const [specFile, second, third] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
if (second === '--warm') {
  const runs = Number(third ?? 20);
  await render(spec); // first document excluded
  const times = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    size = (await render(spec)).length;
    times.push(performance.now() - started);
  }
  console.log(JSON.stringify({ times, size }));
} else {
  const doc = build(spec);
  const out = createWriteStream(second);
  doc.pipe(out);
  doc.end();
  await new Promise((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
}
