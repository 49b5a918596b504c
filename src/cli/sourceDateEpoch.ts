/**
 * `SOURCE_DATE_EPOCH` (reproducible-builds.org): the time to date a build by, in whole seconds since 1970. The
 * CLI reads it from its environment and passes it to the library as the `sourceDateEpoch` option; the library
 * never reads the environment. A value that is not a whole number of seconds is refused: the specification
 * asks tools to fail rather than guess, and a silently ignored date would make builds differ.
 */
import { BriefingError } from '../errors.js';

export function sourceDateEpochOf(environment: NodeJS.ProcessEnv): number | undefined {
  const value = environment.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return undefined;
  const seconds = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  // Dates beyond what a Date holds (year 275760) are no date at all.
  if (!Number.isSafeInteger(seconds) || Number.isNaN(new Date(seconds * 1000).getTime())) {
    throw new BriefingError('usage', `SOURCE_DATE_EPOCH is "${value}", not a whole number of seconds since 1970`, {
      hint: 'set it to a Unix time such as 1738627200 (`date +%s`), or unset it',
    });
  }
  return seconds;
}
