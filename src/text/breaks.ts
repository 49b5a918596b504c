/**
 * Line break opportunities: UAX #14 through `linebreak`, plus grapheme boundaries (UAX #29, Intl.Segmenter)
 * for the emergency case of a word longer than the line.
 */
import LineBreaker from 'linebreak';

export interface BreakOpportunity {
  /** Break before this logical offset. */
  offset: number;
  /** A mandatory break (newline). */
  required: boolean;
}

/** UAX #14 opportunities in `text`; the last one is always at `text.length`. */
export function lineBreakOpportunities(text: string): BreakOpportunity[] {
  const breaker = new LineBreaker(text);
  const result: BreakOpportunity[] = [];
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    result.push({ offset: next.position, required: next.required });
  }
  if (result.length === 0 || result[result.length - 1]!.offset !== text.length) result.push({ offset: text.length, required: false });
  return result;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Grapheme cluster boundaries strictly inside [start, end). */
export function graphemeBoundaries(text: string, start: number, end: number): number[] {
  const result: number[] = [];
  for (const { index } of graphemes.segment(text.slice(start, end))) {
    if (index > 0) result.push(start + index);
  }
  return result;
}
