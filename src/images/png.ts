/**
 * A PNG file's chunks (PNG § 5): its header, its image data and where the chunks go wrong. Read by the check of
 * a loaded image (./load.ts, `pngDamage`) and by the PDF's split of a PNG's planes (src/pdf/pngPlanes.ts).
 */
import { crc32 } from 'node:zlib';

/** The IHDR chunk's fields the code reads. */
export interface PngHeader {
  width: number;
  height: number;
  /** Bits per sample. */
  depth: number;
  /** Colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  color: number;
  /** 0 none, 1 Adam7. */
  interlace: number;
}

export interface PngChunks {
  header?: PngHeader;
  /** The IDAT chunks' bodies, in order (together: the zlib stream of the filtered rows). */
  data: Uint8Array[];
  /** An IEND chunk was reached. */
  ended: boolean;
  /** What is wrong with the chunks (cut short, a wrong checksum), when something is: reading stops there. */
  problem?: string;
}

/**
 * The chunks of `bytes` (after the 8-byte signature) up to IEND. `checked`: the file was read whole before
 * (src/images/load.ts's `pngDamage`), so the checksums are not summed again.
 */
export function pngChunks(bytes: Uint8Array, { checked = false }: { checked?: boolean } = {}): PngChunks {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: PngChunks = { data: [], ended: false };
  for (let offset = 8; offset + 12 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!, bytes[offset + 6]!, bytes[offset + 7]!);
    if (offset + 12 + length > bytes.length) return { ...out, problem: `the ${type} chunk is cut short` };
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (!checked && crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) return { ...out, problem: `the ${type} chunk's checksum is wrong` };
    if (type === 'IHDR') out.header = { width: view.getUint32(offset + 8), height: view.getUint32(offset + 12), depth: body[8]!, color: body[9]!, interlace: body[12]! };
    else if (type === 'IDAT') out.data.push(body);
    else if (type === 'IEND') {
      out.ended = true;
      break;
    }
    offset += 12 + length;
  }
  return out;
}
