import { describe, expect, it } from 'vitest';
import { HYPHEN_PENALTY, LINE_PENALTY, totalFit, type BreakCandidate, type LineMetrics } from '../../../src/text/linebreak/knuthPlass.js';

/**
 * A paragraph of words of given widths with spaces of width 1 (stretch 0.5, shrink 0.2) between them; a
 * break may follow any word. Offsets are word indexes.
 */
function paragraph(words: readonly number[]) {
  const candidates: BreakCandidate[] = words.map((_, k) => ({ offset: k + 1, forced: k === words.length - 1, penalty: 0, hyphen: false }));
  const measure = (start: number, index: number): LineMetrics => {
    const end = candidates[index]!.offset;
    const spaces = end - start - 1;
    return { width: words.slice(start, end).reduce((a, b) => a + b, 0) + spaces, hyphen: 0, stretch: spaces * 0.5, shrink: spaces * 0.2 };
  };
  return { candidates, measure };
}

/** TeX's fitness classes, as the breaker uses them. */
const fitness = (r: number) => (r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3);

/** The demerits of a set of breaks, computed afresh: (line penalty + badness)² per line, 10 000 more where fitness classes jump, the last line free. */
function demerits(words: readonly number[], breaks: readonly number[], width: number): number {
  const { candidates, measure } = paragraph(words);
  let start = 0;
  let total = 0;
  let previousFitness = 1;
  for (const index of breaks) {
    const line = measure(start, index);
    const slack = width - line.width;
    const last = index === candidates.length - 1;
    const ratio = last ? (slack >= 0 ? 0 : slack / line.shrink) : slack >= 0 ? (line.stretch ? slack / line.stretch : slack > 1e-6 ? Infinity : 0) : slack / line.shrink;
    if (ratio < -1) return Infinity;
    total += (LINE_PENALTY + (ratio === Infinity ? 1e12 : 100 * Math.abs(ratio) ** 3)) ** 2;
    if (Math.abs(fitness(ratio) - previousFitness) > 1) total += 10_000;
    previousFitness = fitness(ratio);
    start = candidates[index]!.offset;
  }
  return total;
}

/** First fit: as many words as fit at natural width. */
function greedy(words: readonly number[], width: number): number[] {
  const breaks: number[] = [];
  let lineWidth = -1;
  words.forEach((w, k) => {
    if (lineWidth >= 0 && lineWidth + 1 + w > width) {
      breaks.push(k - 1);
      lineWidth = w;
    } else lineWidth += 1 + w;
  });
  breaks.push(words.length - 1);
  return breaks;
}

describe('totalFit (Knuth–Plass)', () => {
  it('sets paragraphs more evenly than first fit, and never worse', () => {
    let better = 0;
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let run = 0; run < 60; run++) {
      const words = Array.from({ length: 6 + Math.floor(random() * 8) }, () => 1 + Math.floor(random() * 6));
      const width = 10 + Math.floor(random() * 6);
      const { candidates, measure } = paragraph(words);
      const found = demerits(words, totalFit(candidates, width, measure)!, width);
      const first = demerits(words, greedy(words, width), width);
      expect(found).toBeLessThanOrEqual(first);
      if (found < first) better++;
    }
    expect(better).toBeGreaterThanOrEqual(5);
  });

  it('finds the least demerits of all ways to break (brute force on small paragraphs)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let run = 0; run < 40; run++) {
      const words = Array.from({ length: 4 + Math.floor(random() * 6) }, () => 1 + Math.floor(random() * 6));
      const width = 8 + Math.floor(random() * 8);
      const { candidates, measure } = paragraph(words);
      const found = totalFit(candidates, width, measure);
      let best = Infinity;
      for (let mask = 0; mask < 1 << (words.length - 1); mask++) {
        const breaks = words.map((_, k) => k).filter((k) => k === words.length - 1 || mask & (1 << k));
        best = Math.min(best, demerits(words, breaks, width));
      }
      if (found) expect(demerits(words, found, width)).toBeCloseTo(best, 0);
      else expect(best).toBe(Infinity);
    }
  });

  it('never takes a line that would have to shrink more than its spaces allow', () => {
    const words = [5, 5, 5];
    const { candidates, measure } = paragraph(words);
    const breaks = totalFit(candidates, 10.7, measure)!; // "5 5" is 11, shrinks to 10.8 at most
    expect(breaks).toEqual([0, 1, 2]);
  });

  it('gives up on a word wider than the line (the caller cuts it)', () => {
    const { candidates, measure } = paragraph([3, 20, 3]);
    expect(totalFit(candidates, 10, measure)).toBeUndefined();
  });

  it('starts again after a forced break', () => {
    const words = [3, 3, 3, 3];
    const { candidates, measure } = paragraph(words);
    candidates[0]!.forced = true;
    expect(totalFit(candidates, 100, measure)).toEqual([0, 3]);
  });

  it('weighs a hyphen by its penalty', () => {
    // "aaa bbb-" / "bbb" (hyphen) against "aaa" / "bbbbbb": the hyphenated one is better set despite the penalty.
    const candidates: BreakCandidate[] = [
      { offset: 1, forced: false, penalty: 0, hyphen: false },
      { offset: 2, forced: false, penalty: HYPHEN_PENALTY, hyphen: true },
      { offset: 3, forced: true, penalty: 0, hyphen: false },
    ];
    const widths = [3, 3, 3]; // word 2 is the second half of word 1's neighbour
    const measure = (start: number, index: number): LineMetrics => {
      const end = candidates[index]!.offset;
      const hyphen = candidates[index]!.hyphen ? 1 : 0;
      const spaces = start === 0 && end >= 2 ? 1 : 0;
      return { width: widths.slice(start, end).reduce((a, b) => a + b, 0) + spaces + hyphen, hyphen, stretch: spaces * 0.5, shrink: spaces * 0.2 };
    };
    expect(totalFit(candidates, 8, measure)).toEqual([1, 2]);
  });
});
