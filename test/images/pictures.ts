/** Small pictures made for tests: a PNG and a JPEG drawn with @napi-rs/canvas, an SVG written by hand. */
import { createCanvas } from '@napi-rs/canvas';

export function pngBytes(width = 40, height = 20): Uint8Array {
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#1b355e';
  g.fillRect(0, 0, width, height);
  return new Uint8Array(canvas.toBuffer('image/png'));
}

export function jpegBytes(width = 30, height = 30): Uint8Array {
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#b08d3c';
  g.fillRect(0, 0, width, height);
  return new Uint8Array(canvas.toBuffer('image/jpeg'));
}

export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30" viewBox="0 0 60 30"><rect x="0" y="0" width="60" height="30" fill="#1b355e"/><circle cx="30" cy="15" r="10" fill="#ffffff"/></svg>';
