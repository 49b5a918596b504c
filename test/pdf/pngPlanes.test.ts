import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { splitPngPlanes } from '../../src/pdf/pngPlanes.js';
import { pngPlanesImage } from '../../src/pdf/pdfkitInternals.js';
import { filteredPng as png, paeth } from '../images/pictures.js';

/** Undoes the PNG filters of `rows` (`bpp` bytes a pixel): what a PDF reader does for /Predictor 15. */
function unfilter(rows: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = rows[y * (1 + stride)]!;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[y * stride + i - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + i]! : 0;
      const c = i >= bpp && y > 0 ? out[(y - 1) * stride + i - bpp]! : 0;
      out[y * stride + i] = (rows[y * (1 + stride) + 1 + i]! + [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!) & 0xff;
    }
  }
  return out;
}

/** The pixels `pixel` paints, `channels` bytes each, row after row. */
function pixelsOf(width: number, height: number, channels: number, pixel: (x: number, y: number) => readonly number[]): Uint8Array {
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.set(pixel(x, y).slice(0, channels), (y * width + x) * channels);
  return out;
}

const colourful = (x: number, y: number) => [(x * 37 + y * 11) & 255, (x * y) & 255, (255 - x * 5) & 255, (x * 13 + y * 29) & 255];
const everyFilter = (y: number) => y % 5;

describe('splitPngPlanes', () => {
  it.each([
    ['RGBA', 4, colourful],
    ['grey + alpha', 2, (x: number, y: number) => [(x * 7 + y * 3) & 255, (x * 31 + y * 17) & 255]],
  ] as const)('splits a %s PNG filtered with every filter type into planes that decode to its pixels', (_, channels, pixel) => {
    const bytes = png(23, 17, channels, (x, y) => pixel(x, y).slice(0, channels), everyFilter);
    const planes = splitPngPlanes(bytes)!;
    expect(planes).toMatchObject({ width: 23, height: 17, colors: channels - 1 });
    const pixels = pixelsOf(23, 17, channels, pixel);
    const colour = unfilter(inflateSync(planes.color), 23, 17, channels - 1);
    const alpha = unfilter(inflateSync(planes.alpha), 23, 17, 1);
    for (let p = 0; p < 23 * 17; p++) {
      expect([...colour.subarray(p * (channels - 1), (p + 1) * (channels - 1))]).toEqual([...pixels.subarray(p * channels, p * channels + channels - 1)]);
      expect(alpha[p]).toBe(pixels[p * channels + channels - 1]);
    }
  });

  it('leaves to PDFKit a PNG it cannot split as it lies: 16 bits, interlaced', () => {
    expect(splitPngPlanes(png(4, 4, 4, colourful, everyFilter, { depth: 16 }))).toBeUndefined();
    expect(splitPngPlanes(png(4, 4, 4, colourful, everyFilter, { interlace: 1 }))).toBeUndefined();
  });

  it('is drawn by pdf.js with the PNG\'s colours and alpha (PNG predictor on the image and its soft mask)', async () => {
    const bytes = png(12, 9, 4, colourful, everyFilter);
    const doc = new PDFDocument({ size: [100, 100], margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.image(pngPlanesImage(doc, splitPngPlanes(bytes)!) as Buffer, 10, 10, { width: 24, height: 18 });
    doc.end();
    await ended;
    const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    const operators = await page.getOperatorList();
    const at = operators.fnArray.indexOf(OPS.paintImageXObject);
    expect(at).toBeGreaterThanOrEqual(0);
    const name = operators.argsArray[at]![0] as string;
    const image = await new Promise<{ width: number; height: number; data: Uint8ClampedArray }>((resolve) => page.objs.get(name, resolve));
    expect([image.width, image.height]).toEqual([12, 9]);
    // pdf.js gives the image with its soft mask applied: RGBA, as the PNG has it.
    expect([...image.data]).toEqual([...pixelsOf(12, 9, 4, colourful)]);
  });
});
