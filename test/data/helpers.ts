/** Shared fixtures for the data-stage tests: a minimal valid document and error helpers. */
import { expect } from 'vitest';
import { parseBriefingSource } from '../../src/data/load.js';
import type { Problem } from '../../src/errors.js';
import { catchBriefingError } from '../briefingError.js';

/** The smallest valid data file (YAML), line by line. */
export const MINIMAL_LINES = [
  'lang: en', // 1
  'title: Visit of the minister', // 2
  'date: 2025-02-04', // 3
  'visit:', // 4
  '  visitor:', // 5
  '    name: Jane Doe', // 6
  '  country: Iraq', // 7
  '  from: 2025-02-04', // 8
  '  summary: The minister visited Baghdad.', // 9
];

/** A minimal valid YAML document, with `extra` lines appended (top-level fields). */
export function minimalYaml(...extra: string[]): string {
  return [...MINIMAL_LINES, ...extra].join('\n') + '\n';
}

/** The same minimal document as a JS value (for JSON fixtures). */
export function minimalData(): Record<string, unknown> {
  return {
    lang: 'en',
    title: 'Visit of the minister',
    date: '2025-02-04',
    visit: {
      visitor: { name: 'Jane Doe' },
      country: 'Iraq',
      from: '2025-02-04',
      summary: 'The minister visited Baghdad.',
    },
  };
}

/** 1-based line of the first line of `text` containing `snippet` (fails the test if absent). */
export function lineOf(text: string, snippet: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(snippet));
  expect(index, `fixture has no line with ${JSON.stringify(snippet)}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

export { catchBriefingError };

/** Parses `text` expecting a contract error; returns its problems. */
export function contractProblems(text: string, file = 'test.yaml'): readonly Problem[] {
  const error = catchBriefingError(() => parseBriefingSource(text, file));
  expect(error.code).toBe('contract');
  expect(error.file).toBe(file);
  return error.problems;
}

/** The one problem at `path` (fails if there is none or more than one). */
export function problemAt(problems: readonly Problem[], path: string): Problem {
  const found = problems.filter((p) => p.path === path);
  expect(found, `problems at ${path}: ${JSON.stringify(problems, null, 1)}`).toHaveLength(1);
  return found[0]!;
}
