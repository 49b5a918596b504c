import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGE_LIMITS, loadImages, pngDamage } from '../../src/images/load.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { catchBriefingError } from '../briefingError.js';
import { tempDirs } from '../tempDirs.js';
import { theme as loadTheme } from '../text/engines.js';
import { filteredPng, jpegBytes, pngBytes, SVG } from './pictures.js';

const theme = loadTheme();
const tempDir = tempDirs('images');
const FSI = '\u2068';
const PDI = '\u2069';

/** A template folder and a data folder side by side, and a page whose <image>s have these `src`s. */
function setUp(files: Record<string, Uint8Array | string>) {
  const root = tempDir();
  const templateFile = join(root, 'tpl', 'page.hbs');
  const dataFile = join(root, 'data', 'visit.yaml');
  mkdirSync(join(root, 'tpl'));
  mkdirSync(join(root, 'data'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(root, name), bytes);
  const load = (...srcs: string[]) => {
    const images = srcs.map((src) => `<image src="${src}" width="20" alt="a picture"/>`).join('\n');
    const root = parseMarkup(`<page dir="ltr" lang="en">\n${images}\n</page>`, templateFile, theme);
    return loadImages(root, { templateFile, dataFile });
  };
  return { root, load, templateFile };
}

const imageError = (fn: () => unknown) => catchBriefingError(fn, 'image');

describe('loadImages', () => {
  it('loads PNG, JPEG and SVG with their size in points (CSS pixels)', () => {
    const { load } = setUp({ 'tpl/a.png': pngBytes(40, 20), 'tpl/b.jpg': jpegBytes(30, 30), 'tpl/c.svg': SVG });
    const store = load('a.png', 'b.jpg', 'c.svg');
    expect(store.images.map((i) => [i.format, i.width, i.height])).toEqual([
      ['png', 30, 15],
      ['jpeg', 22.5, 22.5],
      ['svg', 45, 22.5],
    ]);
    expect(store.images[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes a template path from the template folder and a data path from the data folder', () => {
    const { load } = setUp({ 'tpl/logo.png': pngBytes(), 'data/photo.png': jpegBytes() });
    expect(load('logo.png').images[0]!.file).toMatch(/tpl[/\\]logo\.png$/);
    // A data field reaches the markup as an isolate: that is what marks the path as the data's.
    const fromData = load(`${FSI}photo.png${PDI}`).images[0]!;
    expect(fromData.file).toMatch(/data[/\\]photo\.png$/);
    expect(fromData.format).toBe('jpeg');
  });

  it('refuses a data path that leaves the data folder, by .. or by a symbolic link', () => {
    const { load, root } = setUp({ 'tpl/logo.png': pngBytes() });
    symlinkSync(join(root, 'tpl', 'logo.png'), join(root, 'data', 'link.png'));
    for (const src of ['../tpl/logo.png', `${join(root, 'tpl', 'logo.png')}`, 'link.png']) {
      const e = imageError(() => load(`${FSI}${src}${PDI}`));
      expect(e.problems[0]!.message).toMatch(/outside the data file's folder/);
    }
  });

  it('names a missing file with the template line, and every bad image at once', () => {
    const { load, templateFile } = setUp({ 'tpl/ok.png': pngBytes() });
    const e = imageError(() => load('ok.png', 'missing.png', 'gone.svg'));
    expect(e.file).toBe(templateFile);
    expect(e.problems.map((p) => [p.line, p.message])).toEqual([
      [3, expect.stringMatching(/^image file not found: "missing\.png"/)],
      [4, expect.stringMatching(/^image file not found: "gone\.svg"/)],
    ]);
    expect(e.hint).toMatch(/PNG, JPEG or SVG/);
  });

  it('refuses a file that is no picture, a cut PNG, a damaged PNG and a cut JPEG', () => {
    const png = pngBytes();
    const jpeg = jpegBytes();
    const damaged = png.slice();
    damaged[damaged.length - 20]! ^= 0xff; // inside the last IDAT: its checksum no longer matches
    const { load } = setUp({
      'tpl/text.png': 'not a picture',
      'tpl/cut.png': png.subarray(0, png.length - 30),
      'tpl/damaged.png': damaged,
      // Cut inside the compressed data: the header (all PDFKit reads) is intact.
      'tpl/cut.jpg': jpeg.subarray(0, jpeg.length - 10),
    });
    const e = imageError(() => load('text.png', 'cut.png', 'damaged.png', 'cut.jpg'));
    expect(e.problems.map((p) => p.message)).toEqual([
      'image "text.png" is not a PNG, JPEG or SVG file',
      expect.stringMatching(/^image "cut\.png" is a corrupt PNG file: .*cut short/),
      expect.stringMatching(/^image "damaged\.png" is a corrupt PNG file: .*checksum/),
      expect.stringMatching(/^image "cut\.jpg" is a corrupt JPEG file: .*end-of-image/),
    ]);
  });

  it('refuses a PNG over the pixel limits without decoding it', () => {
    // A valid header for 20 000 × 20 000 pixels; the limits are checked before any image data is read.
    const png = pngBytes();
    const view = new DataView(png.buffer, png.byteOffset);
    view.setUint32(16, 20_000);
    view.setUint32(20, 20_000);
    const { load } = setUp({ 'tpl/huge.png': png });
    const e = imageError(() => load('huge.png'));
    expect(e.problems[0]!.message).toContain(`at most ${IMAGE_LIMITS.side} pixels a side`);
  });

  it('refuses a file over the size limit', () => {
    const big = new Uint8Array(IMAGE_LIMITS.fileBytes + 1);
    big.set(pngBytes());
    const { load } = setUp({ 'tpl/big.png': big });
    expect(imageError(() => load('big.png')).problems[0]!.message).toMatch(/MB; an image may be at most 10 MB/);
  });

  it('refuses SVG text (it needs fonts), external images, and malformed SVG', () => {
    const { load } = setUp({
      'tpl/text.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="0" y="5">Hi</text></svg>',
      'tpl/ext.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="x.png" width="5" height="5"/></svg>',
      'tpl/bad.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M 0 0 L 5"/></svg>',
      'tpl/nosize.svg': '<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>',
    });
    const e = imageError(() => load('text.svg', 'ext.svg', 'bad.svg', 'nosize.svg'));
    expect(e.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/SVG <text> is not supported/),
      expect.stringMatching(/SVG <image> is not supported/),
      expect.stringMatching(/^image "bad\.svg" is not a valid SVG file: SvgPath/),
      expect.stringMatching(/^image "nosize\.svg" is not a valid SVG file: .*width and height, or a viewBox/),
    ]);
  });
});

describe('pngDamage', () => {
  it('accepts an intact PNG', () => {
    expect(pngDamage(pngBytes(7, 5))).toBeUndefined();
    expect(pngDamage(filteredPng(6, 5, 4, (x, y) => [x, y, x + y, 255], (y) => y % 5))).toBeUndefined();
  });

  it('names a row whose filter type PNG does not have (the PDF takes the rows as they are)', () => {
    const bad = filteredPng(6, 5, 4, (x, y) => [x, y, x + y, 255], (y) => (y === 3 ? 7 : 0));
    expect(pngDamage(bad)).toBe('row 4 has filter type 7, which PNG does not have (0 to 4)');
  });
});
