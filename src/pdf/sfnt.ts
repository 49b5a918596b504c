/**
 * The sfnt container of a TrueType/OpenType font (OpenType "Font file"): reading its table directory and writing
 * a font of a set of tables. Shared by the subsetter (./trueTypeSubset.ts) and the glyph copies (./glyphCopies.ts).
 */

export function readTables(font: Uint8Array): Map<string, Uint8Array> {
  const dv = view(font);
  const count = dv.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const name = String.fromCharCode(font[record]!, font[record + 1]!, font[record + 2]!, font[record + 3]!);
    const offset = dv.getUint32(record + 8);
    const length = dv.getUint32(record + 12);
    tables.set(name, font.subarray(offset, offset + length));
  }
  return tables;
}

/** An sfnt file of `tables` (sorted by tag, 4-byte aligned, checksums and head.checkSumAdjustment set). */
export function writeFont(sfntVersion: number, tables: Map<string, Uint8Array>): Uint8Array {
  const names = [...tables.keys()].sort();
  const headerLength = 12 + names.length * 16;
  const size = headerLength + names.reduce((sum, name) => sum + align4(tables.get(name)!.length), 0);
  const out = new Uint8Array(size);
  const dv = view(out);
  const entrySelector = Math.floor(Math.log2(names.length));
  dv.setUint32(0, sfntVersion);
  dv.setUint16(4, names.length);
  dv.setUint16(6, 2 ** entrySelector * 16);
  dv.setUint16(8, entrySelector);
  dv.setUint16(10, names.length * 16 - 2 ** entrySelector * 16);
  let offset = headerLength;
  let headOffset = -1;
  // The file's checksum is the header's plus the tables' (each starts on a 4-byte boundary, zero-padded): each
  // table is summed once, where it lies in `out`.
  let fileSum = 0;
  names.forEach((name, i) => {
    const table = tables.get(name)!;
    const record = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[record + k] = name.charCodeAt(k);
    out.set(table, offset);
    const sum = checksum(dv, offset, align4(table.length));
    fileSum = (fileSum + sum) >>> 0;
    dv.setUint32(record + 4, sum);
    dv.setUint32(record + 8, offset);
    dv.setUint32(record + 12, table.length);
    if (name === 'head') headOffset = offset;
    offset += align4(table.length);
  });
  fileSum = (fileSum + checksum(dv, 0, headerLength)) >>> 0;
  if (headOffset >= 0) dv.setUint32(headOffset + 8, (0xb1b0afba - fileSum) >>> 0);
  return out;
}

/** The sum of the big-endian 32-bit words of `length` bytes (a multiple of 4) from `start`. */
function checksum(dv: DataView, start: number, length: number): number {
  let sum = 0;
  for (let i = start; i < start + length; i += 4) sum = (sum + dv.getUint32(i)) >>> 0;
  return sum;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** A DataView over exactly `bytes` (a table is a view into its font's buffer). */
export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A copy of the bytes. Not `bytes.slice()`: the font's bytes are often a Node Buffer, whose `slice` is a view,
 * and writing to it would change the font itself.
 */
export function copyOf(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}
