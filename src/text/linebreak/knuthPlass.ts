/**
 * Total-fit line breaking (Knuth & Plass, "Breaking paragraphs into lines", 1981; TeX's §813–890, Typst's
 * `linebreak_optimized`): of all ways to break the paragraph at its opportunities, the one whose lines are
 * most evenly set, instead of first-fit's loose line after a tight one.
 *
 * Each possible line gets an adjustment ratio r (how much of its stretch, or shrink when r < 0, it needs to
 * fill the measure), a badness 100·|r|³ (not capped, see UNSTRETCHABLE_BADNESS), and demerits (line penalty + badness)² plus the square of the
 * break's penalty (a hyphen); two hyphenated lines in a row and lines of fitness classes more than one
 * apart cost extra. The last line (and a line ended by a forced break) has infinite stretch, as TeX's
 * \parfillskip gives it. A line that would have to shrink more than it can (r < −1) is never taken.
 */

/** A place the paragraph may break: before `offset`. */
export interface BreakCandidate {
  offset: number;
  /** A mandatory break (newline, the paragraph's end). */
  forced: boolean;
  /** Penalty of breaking here (TeX's \hyphenpenalty for a hyphen; 0 at a space). */
  penalty: number;
  /** A hyphenation break: a hyphen is drawn at the line's end. */
  hyphen: boolean;
}

/** What a line from one break to the next measures, in points. */
export interface LineMetrics {
  /** Natural width (the hyphen included when it ends at a hyphenation break). */
  width: number;
  /** Width of the hyphen drawn at its end (0 unless it ends at a hyphenation break). */
  hyphen: number;
  /** How much wider it can be set (spaces to their soft maximum, kashida). */
  stretch: number;
  /** How much narrower it can be set (spaces). */
  shrink: number;
}

/** TeX's plain values: \linepenalty, \hyphenpenalty, \doublehyphendemerits, \finalhyphendemerits, \adjdemerits. */
export const LINE_PENALTY = 10;
export const HYPHEN_PENALTY = 50;
const DOUBLE_HYPHEN_DEMERITS = 10_000;
const FINAL_HYPHEN_DEMERITS = 5_000;
const ADJACENT_DEMERITS = 10_000;
/**
 * Badness is not capped at TeX's 10 000: TeX rejects lines beyond its tolerance and tries again with emergency
 * stretch, we take every line that is not overfull, so a line twice as loose must stay costlier than one that
 * is merely very loose. A line with nothing to stretch that is not full (one word) is worse than any of them.
 */
const UNSTRETCHABLE_BADNESS = 1e12;

interface BreakNode {
  /** Index of the candidate broken at; -1 is the paragraph's start. */
  candidate: number;
  offset: number;
  fitness: number;
  demerits: number;
  hyphen: boolean;
  previous: BreakNode | undefined;
}

/**
 * The candidates to break at (indices into `candidates`, in order, the last one the paragraph's end), or
 * undefined when no set of breaks fits (a word wider than the measure: the caller cuts it).
 * `measure(start, candidate)` gives the line from offset `start` to the candidate's break; it may return the
 * same object each time (it is read before the next call).
 */
export function totalFit(candidates: readonly BreakCandidate[], maxWidth: number, measure: (start: number, candidate: number) => LineMetrics): number[] | undefined {
  let active: BreakNode[] = [{ candidate: -1, offset: 0, fitness: 1, demerits: 0, hyphen: false, previous: undefined }];
  const best: (BreakNode | undefined)[] = [undefined, undefined, undefined, undefined]; // per fitness class
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index]!;
    best.fill(undefined);
    let kept = 0; // active nodes kept, compacted in place
    for (const node of active) {
      const line = measure(node.offset, index);
      const slack = maxWidth - line.width;
      const ratio = candidate.forced ? (slack >= 0 ? 0 : shrinkRatio(slack, line.shrink)) : adjustmentRatio(slack, line);
      // Too long even at full shrink: so is every longer line from this node (a hyphen aside), so it retires.
      if (shrinkRatio(slack + line.hyphen, line.shrink) >= -1) active[kept++] = node;
      if (ratio < -1) continue;
      const r = Math.abs(ratio);
      const badness = ratio === Infinity ? UNSTRETCHABLE_BADNESS : 100 * r * r * r;
      const fitness = fitnessClass(ratio);
      let demerits = (LINE_PENALTY + badness) * (LINE_PENALTY + badness);
      if (candidate.penalty > 0) demerits += candidate.penalty * candidate.penalty;
      if (candidate.hyphen && node.hyphen) demerits += DOUBLE_HYPHEN_DEMERITS;
      if (index === candidates.length - 1 && node.hyphen) demerits += FINAL_HYPHEN_DEMERITS;
      if (Math.abs(fitness - node.fitness) > 1) demerits += ADJACENT_DEMERITS;
      const total = node.demerits + demerits;
      const known = best[fitness];
      if (!known || total < known.demerits) {
        best[fitness] = { candidate: index, offset: candidate.offset, fitness, demerits: total, hyphen: candidate.hyphen, previous: node };
      }
    }
    // After a forced break every line starts there.
    active.length = candidate.forced ? 0 : kept;
    for (const node of best) if (node) active.push(node);
  }
  const ends = active.filter((node) => node.candidate === candidates.length - 1);
  if (ends.length === 0) return undefined;
  let node: BreakNode | undefined = ends.reduce((a, b) => (b.demerits < a.demerits ? b : a));
  const breaks: number[] = [];
  for (; node && node.candidate >= 0; node = node.previous) breaks.push(node.candidate);
  return breaks.reverse();
}

function adjustmentRatio(slack: number, line: LineMetrics): number {
  if (slack >= 0) return line.stretch > 0 ? slack / line.stretch : slack > 1e-6 ? Infinity : 0;
  return shrinkRatio(slack, line.shrink);
}

function shrinkRatio(slack: number, shrink: number): number {
  if (slack >= -1e-6) return 0;
  return shrink > 0 ? slack / shrink : -Infinity;
}

/** TeX's fitness classes: 0 tight, 1 decent, 2 loose, 3 very loose. */
function fitnessClass(ratio: number): number {
  if (ratio < -0.5) return 0;
  if (ratio <= 0.5) return 1;
  if (ratio <= 1) return 2;
  return 3;
}
