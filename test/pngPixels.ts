/** The RGBA pixels of a PNG as a browser decodes it (@napi-rs/canvas, a development dependency). */
import { createCanvas, loadImage } from '@napi-rs/canvas';

export async function pngPixels(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: context.getImageData(0, 0, image.width, image.height).data };
}
