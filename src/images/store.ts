/**
 * The images of a page, loaded and checked before layout (`load.ts`): layout reads their size, paint embeds
 * their bytes, and the document ID hashes them.
 */
import type { ElementOf } from '../markup/types.js';

export type ImageFormat = 'png' | 'jpeg' | 'svg';

export interface LoadedImage {
  /** Absolute path of the file. */
  file: string;
  format: ImageFormat;
  bytes: Uint8Array;
  /** Intrinsic size in points: pixels at 96 per inch (CSS px) for PNG and JPEG, the SVG's own size. */
  width: number;
  height: number;
  /** SHA-256 (hex) of the bytes, for the document ID. */
  sha256: string;
}

export interface ImageStore {
  /** The image an `<image>` element names (every one was loaded before layout). */
  imageFor(element: ElementOf<'image'>): LoadedImage;
  /** Every image the page uses, in markup order. */
  readonly images: readonly LoadedImage[];
}

/** A store with the images of `loaded` (element → image). */
export function imageStore(loaded: ReadonlyMap<ElementOf<'image'>, LoadedImage>): ImageStore {
  return {
    imageFor(element) {
      const image = loaded.get(element);
      if (!image) throw new Error(`internal: <image> of line ${element.line} was not loaded before layout`);
      return image;
    },
    images: [...loaded.values()],
  };
}

export const NO_IMAGES: ImageStore = imageStore(new Map());
