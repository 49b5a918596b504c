/**
 * Small pictures made for tests: a PNG and a JPEG drawn with @napi-rs/canvas, an SVG written by hand, and PNGs
 * written byte by byte with the row filters chosen (`filteredPng`).
 */
import { crc32, deflateSync } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';

function filled(mime: 'image/png' | 'image/jpeg', width: number, height: number, colour: string): Uint8Array {
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = colour;
  g.fillRect(0, 0, width, height);
  return new Uint8Array(mime === 'image/png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg'));
}

export const pngBytes = (width = 40, height = 20) => filled('image/png', width, height, '#1b355e');
export const jpegBytes = (width = 30, height = 30) => filled('image/jpeg', width, height, '#b08d3c');

export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30" viewBox="0 0 60 30"><rect x="0" y="0" width="60" height="30" fill="#1b355e"/><circle cx="30" cy="15" r="10" fill="#ffffff"/></svg>';

/** A PNG written here, row filters chosen per row (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth: PNG spec § 9.2). */
export function filteredPng(width: number, height: number, channels: 2 | 4, pixel: (x: number, y: number) => number[], filterOf: (y: number) => number, options: { depth?: 8 | 16; interlace?: 0 | 1 } = {}): Uint8Array {
  const bpp = channels;
  const stride = width * bpp;
  const raw = Buffer.alloc(height * (1 + stride));
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = new Uint8Array(stride);
    for (let x = 0; x < width; x++) row.set(pixel(x, y), x * bpp);
    const filter = filterOf(y);
    raw[y * (1 + stride)] = filter;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = previous[i]!;
      const c = i >= bpp ? previous[i - bpp]! : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!;
      raw[y * (1 + stride) + 1 + i] = (row[i]! - predicted) & 0xff;
    }
    previous = row;
  }
  const chunk = (type: string, body: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = options.depth ?? 8;
  ihdr[9] = channels === 4 ? 6 : 4;
  ihdr[12] = options.interlace ?? 0;
  // The image data cut in two IDAT chunks, as encoders that stream do.
  const data = deflateSync(raw);
  const half = data.length >> 1;
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', data.subarray(0, half)), chunk('IDAT', data.subarray(half)), chunk('IEND', new Uint8Array())]));
}

export function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
