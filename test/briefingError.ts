import { expect } from 'vitest';
import { BriefingError, type ErrorCode } from '../src/errors.js';

/** Runs `fn`, asserts it throws a BriefingError (of `code`, when given), returns it. */
export function catchBriefingError(fn: () => unknown, code?: ErrorCode): BriefingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BriefingError);
    if (code !== undefined) expect((error as BriefingError).code).toBe(code);
    return error as BriefingError;
  }
  throw new Error(`expected a BriefingError${code ? ` (${code})` : ''}, nothing was thrown`);
}
