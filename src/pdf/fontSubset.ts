/**
 * Font subsetting that keeps the glyph ids, so the PDF can address glyphs by the ids the shaper gave. TrueType
 * fonts (all of fonts/) are cut by trueTypeSubset.ts in JavaScript; others (CFF outlines) by HarfBuzz's
 * subsetter (hb-subset, the WebAssembly build that ships in harfbuzzjs), with the same flags. hb-subset took a
 * twelfth of a cold render: compiling its WebAssembly and instantiating its 65 MB memory, for a few glyphs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isTrueTypeOutlineFont, subsetTrueType } from './trueTypeSubset.js';

interface SubsetExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, length: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_glyph_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize?(): void;
}

const MEMORY_MODE_DUPLICATE = 0;
const SETS_DROP_TABLE_TAG = 3;
/**
 * HB_SUBSET_FLAGS_NO_HINTING | RETAIN_GIDS | NOTDEF_OUTLINE | NO_LAYOUT_CLOSURE: glyph ids kept, no hinting, no
 * OpenType layout, and the .notdef box kept (hb-subset empties it by default, and a character no font covers is
 * drawn as that box: without its outline the character would vanish from the page).
 */
const FLAGS = 0x1 | 0x2 | 0x40 | 0x200;
/** Layout tables a PDF viewer never reads: shaping happened before. */
const DROPPED_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'DSIG'];

let subsetter: SubsetExports | undefined;

function hbSubset(): SubsetExports {
  if (!subsetter) {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const module = new WebAssembly.Module(wasm);
    subsetter = new WebAssembly.Instance(module, {}).exports as unknown as SubsetExports;
    subsetter._initialize?.();
  }
  return subsetter;
}

function tag(name: string): number {
  return ((name.charCodeAt(0) << 24) | (name.charCodeAt(1) << 16) | (name.charCodeAt(2) << 8) | name.charCodeAt(3)) >>> 0;
}

/** A TrueType/OpenType font holding only `glyphIds` (and .notdef), each at its original id. */
export function subsetFont(fontBytes: Uint8Array, glyphIds: Iterable<number>): Uint8Array {
  return isTrueTypeOutlineFont(fontBytes) ? subsetTrueType(fontBytes, [0, ...glyphIds]) : hbSubsetFont(fontBytes, glyphIds);
}

/** `subsetFont` by hb-subset. */
export function hbSubsetFont(fontBytes: Uint8Array, glyphIds: Iterable<number>): Uint8Array {
  const hb = hbSubset();
  const data = hb.malloc(fontBytes.length);
  new Uint8Array(hb.memory.buffer).set(fontBytes, data);
  const blob = hb.hb_blob_create(data, fontBytes.length, MEMORY_MODE_DUPLICATE, 0, 0);
  hb.free(data);
  const face = hb.hb_face_create(blob, 0);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    const glyphs = hb.hb_subset_input_glyph_set(input);
    for (const id of glyphIds) hb.hb_set_add(glyphs, id);
    const drop = hb.hb_subset_input_set(input, SETS_DROP_TABLE_TAG);
    for (const name of DROPPED_TABLES) hb.hb_set_add(drop, tag(name));
    hb.hb_subset_input_set_flags(input, FLAGS);
    const subset = hb.hb_subset_or_fail(face, input);
    if (!subset) throw new Error('HarfBuzz could not subset the font');
    const out = hb.hb_face_reference_blob(subset);
    const length = hb.hb_blob_get_length(out);
    const bytes = new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(out, 0), length).slice();
    hb.hb_blob_destroy(out);
    hb.hb_face_destroy(subset);
    return bytes;
  } finally {
    hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.hb_blob_destroy(blob);
  }
}
