/** Errors crossing from a render worker to the main thread come out as they went in. */
import { describe, expect, it } from 'vitest';
import { receivedError, sendableError } from '../../../src/cli/batch/messages.js';
import { BriefingError, MAX_REPORTED_PROBLEMS, exitCodeFor } from '../../../src/errors.js';

describe('errors sent from a worker', () => {
  it('keep a BriefingError\'s code, file, problems and hint, so it is printed and exits as in the main thread', () => {
    const error = new BriefingError('contract', [{ message: 'expected a date', path: 'visit.from', line: 7, column: 9 }, { message: 'required', path: 'title' }], {
      file: 'in/a.yaml',
      hint: 'see briefing schema',
    });
    const back = receivedError(structuredClone(sendableError(error)));
    expect(back).toBeInstanceOf(BriefingError);
    expect((back as BriefingError).format()).toBe(error.format());
    expect(exitCodeFor(back)).toBe(2);
  });

  it('keep the count line of a long list of problems once, not twice', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ message: `problem ${i}` }));
    const error = new BriefingError('contract', many);
    const back = receivedError(structuredClone(sendableError(error))) as BriefingError;
    expect(back.problems).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(back.format()).toBe(error.format());
  });

  it('keep another error\'s message and stack (an internal error, exit 1)', () => {
    const error = new TypeError('x is undefined');
    const back = receivedError(structuredClone(sendableError(error)));
    expect(back).not.toBeInstanceOf(BriefingError);
    expect(back.message).toBe('x is undefined');
    expect(back.stack).toBe(error.stack);
    expect(exitCodeFor(back)).toBe(1);
  });
});
