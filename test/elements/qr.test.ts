import { createCanvas, loadImage } from '@napi-rs/canvas';
import decodeQR from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { layoutPage } from '../../src/layout/page.js';
import { structureNodesOf } from '../../src/layout/structure.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { writePdf } from '../../src/pdf/document.js';
import { pdfToPng } from '../../src/preview/png.js';
import { catchBriefingError } from '../briefingError.js';
import { realEngines, theme as loadTheme } from '../text/engines.js';

const theme = loadTheme();
const engines = realEngines(theme);

/** Decodes the QR codes a page shows: the page drawn by pdf.js, read back by a QR reader. */
async function qrOnPage(pdf: Uint8Array): Promise<string> {
  const picture = await loadImage(Buffer.from(await pdfToPng(pdf, 150)));
  const canvas = createCanvas(picture.width, picture.height);
  const g = canvas.getContext('2d');
  g.drawImage(picture, 0, 0);
  const { data, width, height } = g.getImageData(0, 0, picture.width, picture.height);
  return decodeQR({ data, width, height });
}

describe('<qr>', () => {
  const url = 'https://www.example.org/briefings/2025/02/rutte-iraq?ref=print';
  const page = layoutPage(parseMarkup(`<page dir="rtl" lang="ar"><p>المصدر</p><qr value="${url}" size="90" align="end" alt="رمز المصدر"/></page>`, 't.hbs', theme), theme, engines, 1);

  it('draws a code a reader decodes back to the value', async () => {
    const pdf = await writePdf(page, { title: 'qr', creationDate: new Date(0) });
    expect(await qrOnPage(pdf)).toBe(url);
  });

  it('is a Figure of the given size on the logical side, with its alternate text', () => {
    const figure = structureNodesOf(page.tree).find((n) => n.role === 'Figure')!;
    expect(figure.alt).toBe('رمز المصدر');
    const [item] = page.items.filter((i) => i.kind === 'qr');
    if (item?.kind !== 'qr') throw new Error('no QR code painted');
    expect(item.module * item.modules.length).toBeCloseTo(90, 6);
    expect(item.x).toBeCloseTo(page.content.left, 6); // end = left on a right-to-left page
    // A quiet zone of four light modules all round.
    expect(item.modules.slice(0, 4).flat().some(Boolean)).toBe(false);
    expect(item.modules.map((row) => row.slice(-4)).flat().some(Boolean)).toBe(false);
  });

  it('requires a value and alternate text, and a size that fits', () => {
    const failure = (markup: string) => catchBriefingError(() => parseMarkup(`<page dir="ltr" lang="en">${markup}</page>`, 't.hbs', theme), 'markup').problems.map((p) => p.message);
    expect(failure('<qr alt="x"/>')).toEqual(['<qr> attribute "value" is required']);
    expect(failure('<qr value="x" alt="x" size="5"/>')).toEqual(['<qr> size="5": must be at least 20']);
    expect(failure('<qr value="x" alt="x" color="teal"/>')[0]).toMatch(/color="teal": unknown colour \(known colours: text, .*or #rrggbb\)/);
  });
});
