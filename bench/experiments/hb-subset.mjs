/**
 * Experiment (docs/performance.md): subsetting Noto Naskh Arabic Regular to the glyphs of the example's Arabic text
 * with fontkit (what PDFKit does for every embedded font, every render) and with hb-subset
 * (node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm, already installed), warm, median of 30.
 *   node bench/experiments/hb-subset.mjs      (from the repository root)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { ROOT, median } from '../lib.mjs';

const fontBytes = readFileSync(join(ROOT, 'fonts/NotoNaskhArabic-Regular.ttf'));
const text = readFileSync(join(ROOT, 'examples/nato-iraq-2025.yaml'), 'utf8').replace(/[\x00-\x7f]/g, '') + '0123456789';
const font = fontkit.create(fontBytes);
const glyphIds = [...new Set(font.layout(text).glyphs.map((g) => g.id))];
const RUNS = 30;

function time(fn) {
  const times = [];
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    size = fn();
    times.push(performance.now() - started);
  }
  return `median ${median(times).toFixed(2)} ms, ${size} bytes`;
}

// fontkit: a new subset per document, as PDFKit makes one (the parsed font is reused).
const viaFontkit = time(() => {
  const subset = font.createSubset();
  for (const id of glyphIds) subset.includeGlyph(id);
  return subset.encode().length;
});

const { instance } = await WebAssembly.instantiate(readFileSync(join(ROOT, 'node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm')));
const hb = instance.exports;
hb._initialize?.();
const pointer = hb.malloc(fontBytes.length);
new Uint8Array(hb.memory.buffer).set(fontBytes, pointer);
const blob = hb.hb_blob_create(pointer, fontBytes.length, 2 /* writable */, 0, 0);
const face = hb.hb_face_create(blob, 0);
const tag = (s) => ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>> 0;

function hbSubset(flags, dropLayout) {
  return () => {
    const input = hb.hb_subset_input_create_or_fail();
    const glyphs = hb.hb_subset_input_glyph_set(input);
    for (const id of glyphIds) hb.hb_set_add(glyphs, id);
    if (dropLayout) {
      const drop = hb.hb_subset_input_set(input, 3 /* HB_SUBSET_SETS_DROP_TABLE_TAG */);
      for (const name of ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH']) hb.hb_set_add(drop, tag(name));
    }
    hb.hb_subset_input_set_flags(input, flags);
    const subset = hb.hb_subset_or_fail(face, input);
    hb.hb_subset_input_destroy(input);
    const out = hb.hb_face_reference_blob(subset);
    const size = hb.hb_blob_get_length(out);
    new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(out, 0), size).slice(); // the bytes a PDF would embed
    hb.hb_blob_destroy(out);
    hb.hb_face_destroy(subset);
    return size;
  };
}

console.log(`Noto Naskh Arabic Regular, ${glyphIds.length} glyphs, warm, ${RUNS} runs`);
console.log(`fontkit TTFSubset (PDFKit):                              ${viaFontkit}`);
console.log(`hb-subset, default flags (keeps GSUB/GPOS, hinting):     ${time(hbSubset(0, false))}`);
console.log(`hb-subset, layout tables dropped, no layout closure,
  no hinting (0x201):                                     ${time(hbSubset(0x201, true))}`);
console.log(`  the same, retaining glyph ids (0x203):                 ${time(hbSubset(0x203, true))}`);
