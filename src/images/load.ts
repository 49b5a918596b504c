/**
 * Loads and checks the images an `<image>` element names, before layout, so a missing, corrupt or oversized
 * image is a clear error at the template line (exit 2) and never a blank box or a broken PDF.
 *
 * Where a path is taken from: a path the template wrote is relative to the template's folder; a path that came
 * from the data (a data field inserted into `src`) is taken inside the data file's folder and may not leave it,
 * the rule data-named templates follow too. Limits (`IMAGE_LIMITS`): 10 MB a file, 10 000 pixels a side and 40
 * megapixels for PNG and JPEG.
 */
import { noMemo, type Memo } from '../renderCache.js';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { imageSize } from 'image-size';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { BriefingError, type Problem } from '../errors.js';
import { isInsideFolder } from '../inputFiles.js';
import { childElements, type ElementOf, type MarkupElement } from '../markup/types.js';
import { imageStore, type ImageFormat, type ImageStore, type LoadedImage } from './store.js';
import { pngChunks } from './png.js';

export const IMAGE_LIMITS = {
  /** Bytes of one image file. */
  fileBytes: 10 * 1024 * 1024,
  /** Pixels along either side of a PNG or JPEG. */
  side: 10_000,
  /** Pixels of a PNG or JPEG in all. */
  pixels: 40_000_000,
};

/** CSS pixels are 1/96 inch; PDF points 1/72. */
const POINTS_PER_PIXEL = 72 / 96;

export interface ImageFolders {
  /** The template file: template paths are relative to its folder. */
  templateFile: string;
  /** The data file: data paths are inside its folder. */
  dataFile: string;
  /** Told each image file the page names before it is read, a missing one too (live rendering watches it). */
  reading?: (file: string) => void;
  /**
   * Sizes of pictures already checked, by the SHA-256 of their bytes (the renderer's cache): the checks
   * (inflating a PNG, a dry run of the SVG converter) cost ~20 ms, and watch mode or a batch renders the same
   * logo again and again. Keyed by content, so an edited file is checked afresh; only pictures that passed are
   * kept. Absent: every picture is checked.
   */
  sizes?: Memo<IntrinsicSize>;
}

/** A picture's own size, in points. */
export interface IntrinsicSize {
  width: number;
  height: number;
}

const HINT = `an <image> is a PNG, JPEG or SVG file of at most ${IMAGE_LIMITS.fileBytes / 1024 / 1024} MB (PNG and JPEG at most ${IMAGE_LIMITS.side} pixels a side, ${IMAGE_LIMITS.pixels / 1e6} megapixels); a path in the template is relative to the template's folder, a path from the data relative to the data file's folder and inside it`;

/** Loads every image of the page. Throws an `image` BriefingError listing every image that cannot be used. */
export function loadImages(root: MarkupElement, folders: ImageFolders): ImageStore {
  const loaded = new Map<ElementOf<'image'>, LoadedImage>();
  const problems: Problem[] = [];
  const byFile = new Map<string, LoadedImage>();
  for (const element of imageElements(root)) {
    const at = { line: element.line, column: element.column };
    try {
      const file = resolveImagePath(element, folders);
      let image = byFile.get(file);
      if (!image) {
        folders.reading?.(file);
        byFile.set(file, (image = readImage(file, element.attributes.src.path, folders.sizes ?? noMemo())));
      }
      loaded.set(element, image);
    } catch (error) {
      if (!(error instanceof ImageProblem)) throw error;
      // The element is the template's, the path the data's: say where to fix it.
      const origin = element.attributes.src.fromData ? ` (the path comes from the data file ${folders.dataFile})` : '';
      problems.push({ message: `${error.message}${origin}`, ...at });
    }
  }
  if (problems.length) throw new BriefingError('image', problems, { file: folders.templateFile, hint: HINT });
  return imageStore(loaded);
}

class ImageProblem extends Error {}

function imageElements(root: MarkupElement): ElementOf<'image'>[] {
  const out: ElementOf<'image'>[] = [];
  const walk = (element: MarkupElement) => {
    if (element.name === 'image') out.push(element);
    childElements(element).forEach(walk);
  };
  walk(root);
  return out;
}

/** The absolute path of an image, by the rule of where its `src` came from. */
export function resolveImagePath(element: ElementOf<'image'>, folders: ImageFolders): string {
  const { path, fromData } = element.attributes.src;
  if (!fromData) return resolve(dirname(resolve(folders.templateFile)), path);
  const base = dirname(resolve(folders.dataFile));
  const file = resolve(base, path);
  if (isAbsolute(path) || !isInsideFolder(file, base)) {
    throw new ImageProblem(`image "${path}" (from the data) is outside the data file's folder ${base}`);
  }
  return file;
}

function readImage(file: string, shown: string, sizes: Memo<IntrinsicSize>): LoadedImage {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new ImageProblem(`image "${shown}" is not a file (${file})`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ImageProblem) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImageProblem(code === 'ENOENT' ? `image file not found: "${shown}" (${file})` : `cannot read image "${shown}": ${(error as Error).message}`);
  }
  if (size > IMAGE_LIMITS.fileBytes) {
    throw new ImageProblem(`image "${shown}" is ${(size / 1024 / 1024).toFixed(1)} MB; an image may be at most ${IMAGE_LIMITS.fileBytes / 1024 / 1024} MB`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new ImageProblem(`cannot read image "${shown}": ${(error as Error).message}`);
  }
  const format = sniff(bytes);
  if (!format) throw new ImageProblem(`image "${shown}" is not a PNG, JPEG or SVG file`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const intrinsic = sizes.get(sha256, () => (format === 'svg' ? checkSvg(bytes, shown) : checkRaster(bytes, format, shown)));
  return { file, format, bytes, width: intrinsic.width, height: intrinsic.height, sha256 };
}

/** The format by its signature: PNG and JPEG by their magic bytes, SVG by an `<svg` root near the start. */
function sniff(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, k) => bytes[k] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  if (/^\uFEFF?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/.test(head)) return 'svg';
  return undefined;
}

function checkRaster(bytes: Uint8Array, format: 'png' | 'jpeg', shown: string): { width: number; height: number } {
  let dims: { width?: number; height?: number };
  try {
    dims = imageSize(bytes);
  } catch (error) {
    throw new ImageProblem(`image "${shown}" is a corrupt ${format.toUpperCase()} file: ${(error as Error).message}`);
  }
  const { width = 0, height = 0 } = dims;
  if (width <= 0 || height <= 0) throw new ImageProblem(`image "${shown}" is a corrupt ${format.toUpperCase()} file: no size in its header`);
  if (width > IMAGE_LIMITS.side || height > IMAGE_LIMITS.side || width * height > IMAGE_LIMITS.pixels) {
    throw new ImageProblem(`image "${shown}" is ${width} × ${height} pixels; an image may be at most ${IMAGE_LIMITS.side} pixels a side and ${IMAGE_LIMITS.pixels / 1e6} megapixels`);
  }
  const broken = format === 'png' ? pngDamage(bytes) : jpegDamage(bytes);
  if (broken) throw new ImageProblem(`image "${shown}" is a corrupt ${format.toUpperCase()} file: ${broken}`);
  return { width: width * POINTS_PER_PIXEL, height: height * POINTS_PER_PIXEL };
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes: first column and row, steps. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * What is wrong with a PNG's chunks, or undefined: every chunk's CRC, an IHDR PDFKit can embed, and image data
 * that inflates to exactly the rows the header promises (PDFKit passes the data through unchecked, so a
 * truncated file would otherwise be a broken image in the PDF).
 */
export function pngDamage(bytes: Uint8Array): string | undefined {
  const { header, data, ended, problem } = pngChunks(bytes);
  if (problem) return problem;
  if (!header) return 'no IHDR header';
  if (!ended) return 'the file is cut short (no IEND)';
  const channels = PNG_CHANNELS[header.color];
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(header.depth)) return `unsupported colour type ${header.color} at ${header.depth} bits`;
  let pixels: Uint8Array;
  try {
    pixels = inflateSync(Buffer.concat(data));
  } catch (error) {
    return `its image data does not decompress (${(error as Error).message})`;
  }
  const rowBytes = (w: number) => (w === 0 ? 0 : 1 + Math.ceil((w * channels * header!.depth) / 8));
  // The rows of the image, or of each interlace pass (Adam7), as [number of rows, bytes a row].
  const passes: [number, number][] =
    header.interlace === 0
      ? [[header.height, rowBytes(header.width)]]
      : ADAM7.map(([x0, y0, dx, dy]): [number, number] => {
          const w = Math.max(0, Math.ceil((header!.width - x0) / dx));
          return [w > 0 ? Math.max(0, Math.ceil((header!.height - y0) / dy)) : 0, rowBytes(w)];
        });
  const expected = passes.reduce((sum, [rows, bytes]) => sum + rows * bytes, 0);
  if (pixels.length !== expected) return `its image data holds ${pixels.length} bytes where the header promises ${expected}`;
  // Each row starts with its filter type, 0 to 4 (PNG § 9.2): the PDF takes the rows with their filters as they
  // are (src/pdf/pngPlanes.ts), and a reader would refuse the image.
  let at = 0;
  for (const [rows, bytes] of passes) {
    for (let row = 0; row < rows; row++, at += bytes) {
      if (pixels[at]! > 4) return `row ${row + 1} has filter type ${pixels[at]}, which PNG does not have (0 to 4)`;
    }
  }
  return undefined;
}

/** What is wrong with a JPEG, or undefined: PDFKit reads the header only, so a cut file must be caught here. */
function jpegDamage(bytes: Uint8Array): string | undefined {
  // The end-of-image marker, allowing the padding some cameras write after it.
  const tail = bytes.subarray(Math.max(0, bytes.length - 4096));
  for (let k = tail.length - 2; k >= 0; k--) if (tail[k] === 0xff && tail[k + 1] === 0xd9) return undefined;
  return 'the file is cut short (no end-of-image marker)';
}

/** SVG elements the converter would need outside help for (fonts, other files, scripts): refused, not dropped. */
const SVG_REFUSED = /<(text|image|script|foreignObject|use\s[^>]*href\s*=\s*["'](?!#))/;

/**
 * Checks an SVG by converting it once with the same converter paint uses (svg-to-pdfkit) into a scratch
 * document: any warning it has (malformed XML, a bad path) is an error here. Its size is the root's
 * width/height, else its viewBox.
 */
function checkSvg(bytes: Uint8Array, shown: string): { width: number; height: number } {
  let svg: string;
  try {
    svg = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImageProblem(`image "${shown}" is not a valid SVG file: not UTF-8 text`);
  }
  const refused = SVG_REFUSED.exec(svg);
  if (refused) {
    throw new ImageProblem(`image "${shown}": SVG <${refused[1]!.split(/\s/)[0]}> is not supported (convert text to paths, and embed no other files or scripts)`);
  }
  let dims: { width?: number; height?: number };
  try {
    dims = imageSize(bytes);
  } catch (error) {
    throw new ImageProblem(`image "${shown}" is not a valid SVG file: ${(error as Error).message} (it needs width and height, or a viewBox)`);
  }
  const { width = 0, height = 0 } = dims;
  if (!(width > 0 && height > 0)) throw new ImageProblem(`image "${shown}" is not a valid SVG file: it needs width and height, or a viewBox`);
  const warnings: string[] = [];
  const scratch = new PDFDocument({ size: [width, height], margin: 0, font: null as unknown as string });
  SVGtoPDF(scratch, svg, 0, 0, {
    width,
    height,
    warningCallback: (message: string) => warnings.push(message),
    fontCallback: () => {
      throw new ImageProblem(`image "${shown}": SVG text is not supported (convert text to paths)`);
    },
  });
  if (warnings.length) throw new ImageProblem(`image "${shown}" is not a valid SVG file: ${warnings[0]}`);
  // svg-to-pdfkit sizes in CSS px (1/96 in) unless told otherwise; the size here is in those user units.
  return { width: width * POINTS_PER_PIXEL, height: height * POINTS_PER_PIXEL };
}
