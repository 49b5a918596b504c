/**
 * A PNG with an alpha channel, made ready for a PDF without decoding a pixel. PDF has no RGBA image: the colour
 * goes in one image and the alpha in its soft mask. PDFKit gets there by undoing the PNG's row filters for every
 * byte, splitting the pixels and compressing both again — a loop over every byte of the picture in JavaScript,
 * the most expensive step of a cold render with a photo (≈ 50 ms for the example's 240 × 300 placeholder).
 *
 * None of that is needed. A PNG filter predicts each byte from the byte of the *same channel* one pixel to the
 * left, above, and above-left (for 8-bit samples: `bpp` bytes back, PNG spec § 9.2), so the filtered rows split
 * by channel are themselves correctly filtered rows of a colour image and of a grey image, with the same filter
 * type on each row. PDF's FlateDecode takes PNG-filtered rows as they are (`/DecodeParms << /Predictor 15 >>`,
 * ISO 32000 § 7.4.4.4), so the split is a copy of the inflated bytes into two buffers, compressed by zlib.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { pngChunks } from '../images/png.js';

/** A PNG's colour and alpha, each as compressed PNG-filtered rows for a PDF image with a PNG predictor. */
export interface PngPlanes {
  width: number;
  height: number;
  /** 3 (RGB, from colour type 6) or 1 (grey, from colour type 4). */
  colors: 1 | 3;
  /** The colour samples, `colors` bytes a pixel, each row led by its filter type byte; deflated. */
  color: Uint8Array;
  /** The alpha samples, one byte a pixel, each row led by the same filter type byte; deflated. */
  alpha: Uint8Array;
}

/**
 * The planes of `bytes`, a PNG already checked whole (src/images/load.ts's `pngDamage`), or undefined when it is
 * not an 8-bit, non-interlaced grey+alpha or RGBA image: PDFKit embeds those (no alpha, a palette, 16 bits,
 * interlaced) itself.
 */
export function splitPngPlanes(bytes: Uint8Array): PngPlanes | undefined {
  const { header, data } = pngChunks(bytes, { checked: true });
  if (!header || header.depth !== 8 || header.interlace !== 0 || (header.color !== 6 && header.color !== 4)) return undefined;
  const { width, height } = header;
  const colors = header.color === 6 ? 3 : 1;
  const rows = inflateSync(data.length === 1 ? data[0]! : Buffer.concat(data));
  const stride = 1 + width * (colors + 1);
  if (rows.length !== height * stride) return undefined;
  const color = new Uint8Array(height * (1 + width * colors));
  const alpha = new Uint8Array(height * (1 + width));
  let c = 0;
  let a = 0;
  let i = 0;
  for (let y = 0; y < height; y++) {
    const filter = rows[i++]!;
    color[c++] = filter;
    alpha[a++] = filter;
    if (colors === 3) {
      for (let x = 0; x < width; x++) {
        color[c++] = rows[i++]!;
        color[c++] = rows[i++]!;
        color[c++] = rows[i++]!;
        alpha[a++] = rows[i++]!;
      }
    } else {
      for (let x = 0; x < width; x++) {
        color[c++] = rows[i++]!;
        alpha[a++] = rows[i++]!;
      }
    }
  }
  return { width, height, colors, color: deflateSync(color), alpha: deflateSync(alpha) };
}
