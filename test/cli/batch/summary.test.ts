/** The outcome of each file of a batch, its exit code, and the summary's wording. */
import { describe, expect, it } from 'vitest';
import { exitCodeOf, failureOutcome, oneLineMessage, summaryText, writtenOutcome } from '../../../src/cli/batch/summary.js';
import { BriefingError } from '../../../src/errors.js';

const A4 = { width: 595.28, height: 841.89 };

describe('the outcome of a file', () => {
  it('is written, or shrunk when the text had to get smaller', () => {
    expect(writtenOutcome('a.yaml', 'out/a.pdf', { ...A4, bodySize: 10, scale: 1 }).status).toBe('written');
    expect(writtenOutcome('a.yaml', 'out/a.pdf', { ...A4, bodySize: 9.1, scale: 0.91 }).status).toBe('shrunk');
  });

  it('follows the exit code of its error: 3 overflowing, 2 invalid, 1 failed', () => {
    const cases: [unknown, string, number][] = [
      [new BriefingError('overflow', 'does not fit one page'), 'overflowing', 3],
      [new BriefingError('syntax', 'bad YAML'), 'invalid', 2],
      [new BriefingError('usage', 'cannot write out/a.pdf: permission denied'), 'invalid', 2],
      [new BriefingError('io', 'cannot write out/a.pdf: no space left on the device'), 'failed', 1],
      [new Error('the worker rendering a.yaml stopped'), 'failed', 1],
    ];
    for (const [error, status, code] of cases) {
      const outcome = failureOutcome('a.yaml', error);
      expect(outcome.status).toBe(status);
      expect(exitCodeOf(outcome)).toBe(code);
    }
  });
});

describe('one-line messages', () => {
  it('give the first problem with its place, and count the others', () => {
    const error = new BriefingError('contract', [
      { message: 'expected a date', path: 'visit.from', line: 7, column: 9 },
      { message: 'required', path: 'title' },
      { message: 'required', path: 'date' },
    ], { hint: 'see briefing schema' });
    expect(oneLineMessage('in/a.yaml', error)).toBe('in/a.yaml:7:9: visit.from: expected a date (and 2 more problems)');
    expect(oneLineMessage('in/a.yaml', new BriefingError('syntax', 'bad', { file: 'in/a.yaml' }))).toBe('in/a.yaml: bad');
    expect(oneLineMessage('in/a.yaml', new Error('out of memory\n    at x'))).toBe('in/a.yaml: internal error: out of memory');
  });
});

describe('the summary', () => {
  it('counts each kind and names every file not simply written, shrunk first, in input order within a kind', () => {
    const text = summaryText([
      writtenOutcome('in/a.yaml', 'out/a.pdf', { ...A4, bodySize: 10, scale: 1 }),
      failureOutcome('in/b.yaml', new BriefingError('syntax', [{ message: 'Missing closing "quote', line: 3, column: 1 }])),
      writtenOutcome('in/c.yaml', 'out/c.pdf', { ...A4, bodySize: 9.25, scale: 0.925 }),
      failureOutcome('in/d.yaml', new BriefingError('overflow', 'does not fit one page even at 8.5 pt body text (40.0 mm too long)')),
      failureOutcome('in/e.yaml', new BriefingError('io', 'cannot write out/e.pdf: no space left on the device', { file: 'out/e.pdf' })),
    ]);
    expect(text).toBe(
      [
        'summary: 5 files: 2 written (1 shrunk to fit), 1 overflowing, 1 invalid, 1 failed',
        '  shrunk to fit  in/c.yaml → out/c.pdf at 9.3 pt body text',
        '  overflowing    in/d.yaml: does not fit one page even at 8.5 pt body text (40.0 mm too long)',
        '  invalid        in/b.yaml:3:1: Missing closing "quote',
        '  failed         out/e.pdf: cannot write out/e.pdf: no space left on the device',
      ].join('\n'),
    );
  });

  it('is one line when every file was written', () => {
    expect(summaryText([writtenOutcome('a.yaml', 'out/a.pdf', { ...A4, bodySize: 10, scale: 1 })])).toBe('summary: 1 file: 1 written');
  });
});
