/**
 * A bounded fuzz run in `npm test` (FUZZ_RUNS cases, 25 by default, fixed seed so a failure replays); the
 * by-hand run of thousands of cases, with time and memory watched, is `npx tsx scripts/fuzz.ts 10000`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzCase, runFuzzCase } from './cases.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

describe('fuzzing the command line with whole data files and templates', () => {
  it(`exits 0, 2 (naming the file) or 3, and writes nothing unless 0 (${RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const outcome = await runFuzzCase(c);
        expect(outcome.failure, `${outcome.failure}\n${outcome.stderr}`).toBeUndefined();
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);
});
