/**
 * Checks of a laid-out line against an independent reading of UAX #9: the line's glyphs, left to right, must show
 * the paragraph's characters in the order bidi-js's own L1/L2 reordering (`getReorderedIndices`) puts them, run by
 * run; right-to-left runs have decreasing clusters, left-to-right runs increasing ones; digits and Latin words
 * read left to right whatever the line's direction. Shared by the golden test and the golden page script.
 */
import { isBidiControl } from '../../src/text/controls.js';
import bidiModule from 'bidi-js';
import type { GlyphRun, LineBox } from '../../src/text/types.js';

// bidi-js is CommonJS; under Node's ESM interop the default import is the factory (as in src/text/bidi.ts).
const bidiFactory = bidiModule as unknown as typeof bidiModule.default;
const bidi = bidiFactory();


/** A glyph with its place on the line (x from the paragraph box's left edge) and the characters it shows. */
export interface PlacedGlyph {
  x: number;
  id: number;
  cluster: number;
  /** End (exclusive) of the glyph's cluster range: the next larger cluster of its run, or the run's end. */
  clusterEnd: number;
  run: GlyphRun;
  runIndex: number;
}

/** The line's glyphs in painting order (runs left to right, each run's glyphs left to right). */
export function placedGlyphs(line: LineBox): PlacedGlyph[] {
  return line.runs.flatMap((run, runIndex) => {
    const starts = [...new Set(run.glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
    const endOf = (cluster: number) => starts.find((s) => s > cluster) ?? run.logicalEnd;
    return run.glyphs.map((g) => ({ x: line.x + run.x + g.x, id: g.id, cluster: g.cluster, clusterEnd: endOf(g.cluster), run, runIndex }));
  });
}

/** Problems found on `line` of paragraph `text` laid out with base direction `direction` (empty: none). */
export function lineOrderProblems(text: string, line: LineBox, direction: 'ltr' | 'rtl'): string[] {
  const problems: string[] = [];
  const glyphs = placedGlyphs(line);

  // 1. Painting order is left-to-right order: x never decreases (marks share their base's pen position).
  for (let k = 1; k < glyphs.length; k++) {
    if (glyphs[k]!.x < glyphs[k - 1]!.x - 0.01) problems.push(`glyph ${k} (cluster ${glyphs[k]!.cluster}) lies left of glyph ${k - 1}`);
  }
  let pen = line.runs[0]?.x ?? 0;
  for (const run of line.runs) {
    if (Math.abs(run.x - pen) > 0.01) problems.push(`run ${JSON.stringify(run.text)} starts at ${run.x}, not at ${pen} where the previous run ends`);
    pen = run.x + run.width;
  }

  // 2. Inside each run: right-to-left runs show decreasing clusters, left-to-right runs increasing ones.
  for (const run of line.runs) {
    const clusters = run.glyphs.map((g) => g.cluster);
    for (let k = 1; k < clusters.length; k++) {
      const ok = run.level % 2 ? clusters[k]! <= clusters[k - 1]! : clusters[k]! >= clusters[k - 1]!;
      if (!ok) problems.push(`run ${JSON.stringify(run.text)} (level ${run.level}): clusters ${clusters.join(',')} are not ${run.level % 2 ? 'decreasing' : 'increasing'}`);
    }
  }

  // 3. The line's clusters, left to right, in the order UAX #9 (bidi-js L1+L2) gives the characters.
  const keyOf = new Map<number, string>();
  for (const g of glyphs) for (let i = g.cluster; i < g.clusterEnd; i++) keyOf.set(i, `${g.runIndex}:${g.cluster}`);
  const collapse = (keys: string[]) => keys.filter((key, k) => key !== keys[k - 1]);
  const actual = collapse(glyphs.map((g) => `${g.runIndex}:${g.cluster}`));
  const levels = bidi.getEmbeddingLevels(text, direction);
  const reference: string[] = [];
  for (const index of bidi.getReorderedIndices(text, levels, line.logicalStart, line.logicalEnd - 1)) {
    if (index < line.logicalStart || index >= line.logicalEnd || isBidiControl(text[index]!)) continue;
    const key = keyOf.get(index);
    if (key === undefined) problems.push(`character ${index} ${JSON.stringify(text[index])} is shown by no glyph`);
    else reference.push(key);
  }
  const expected = collapse(reference);
  if (actual.join(' ') !== expected.join(' ')) {
    const show = (keys: string[]) =>
      keys
        .map((key) => {
          const cluster = Number(key.split(':')[1]);
          const g = glyphs.find((a) => `${a.runIndex}:${a.cluster}` === key)!;
          return text.slice(cluster, g.clusterEnd);
        })
        .join('|');
    problems.push(`visual order differs from UAX #9:\n  line    ${show(actual)}\n  UAX #9  ${show(expected)}`);
  }

  // 4. Digits and Latin words read left to right, in any line: each character's glyph lies right of the previous one's.
  const leftOf = (index: number) => Math.min(...glyphs.filter((g) => g.cluster <= index && index < g.clusterEnd).map((g) => g.x));
  const lineText = text.slice(0, line.logicalEnd);
  for (const match of lineText.matchAll(/https?:\/\/[\w./-]+|[\w.+-]+@[\w.-]+\w|[A-Za-z]+|[0-9]+|[\u0660-\u0669]+|[\u06f0-\u06f9]+/g)) {
    const start = match.index!;
    if (start < line.logicalStart) continue;
    for (let i = start + 1; i < start + match[0].length; i++) {
      const [a, b] = [leftOf(i - 1), leftOf(i)];
      const sameCluster = glyphs.some((g) => g.cluster <= i - 1 && i < g.clusterEnd);
      if (!sameCluster && !(b > a)) problems.push(`${JSON.stringify(match[0])} does not read left to right at ${JSON.stringify(text[i])} (${b} ≤ ${a})`);
    }
  }
  return problems;
}

/** Mirrored pairs (Bidi_Mirroring_Glyph) of the brackets and quotes the cases use. */
export const MIRROR: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '«': '»', '»': '«', '‹': '›', '›': '‹' };
