/** Small pictures made for tests: a PNG and a JPEG drawn with @napi-rs/canvas, an SVG written by hand. */
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
