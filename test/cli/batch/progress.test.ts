/** The progress display of a batch, driven by a clock the test moves (no real time involved). */
import { describe, expect, it } from 'vitest';
import { barText, durationText, isPlainStep, progressText, startProgress } from '../../../src/cli/batch/progress.js';

function capture(terminal: boolean, total: number, columns?: number) {
  let clock = 0;
  const written: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  const progress = startProgress(
    { stdout: (text) => written.push({ stream: 'stdout', text }), stderr: (text) => written.push({ stream: 'stderr', text }) },
    { total, terminal, now: () => clock, ...(columns !== undefined ? { columns } : {}) },
  );
  return { progress, written, tick: (ms: number) => (clock += ms) };
}

describe('plain progress lines (stderr is not a terminal)', () => {
  it('prints a line at each tenth of a large batch, and nothing else', () => {
    const steps = Array.from({ length: 200 }, (_, i) => i + 1).filter((done) => isPlainStep(done, 200));
    expect(steps).toEqual([20, 40, 60, 80, 100, 120, 140, 160, 180, 200]);
    expect(Array.from({ length: 7 }, (_, i) => i + 1).filter((done) => isPlainStep(done, 7))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const odd = Array.from({ length: 23 }, (_, i) => i + 1).filter((done) => isPlainStep(done, 23));
    expect(odd).toHaveLength(10);
    expect(odd.at(-1)).toBe(23);
  });

  it('says done/total, the rate and the time left, one line each, with no control characters', () => {
    const { progress, written, tick } = capture(false, 4);
    tick(500);
    progress.advance();
    tick(500);
    progress.stdout('wrote out/b.pdf\n');
    progress.advance();
    tick(1000);
    progress.advance();
    progress.advance();
    progress.finish();
    expect(written).toEqual([
      { stream: 'stderr', text: 'progress: 1/4 files (25%), 2.0 files/s, about 2 s left\n' },
      { stream: 'stdout', text: 'wrote out/b.pdf\n' },
      { stream: 'stderr', text: 'progress: 2/4 files (50%), 2.0 files/s, about 1 s left\n' },
      { stream: 'stderr', text: 'progress: 3/4 files (75%), 1.5 files/s, about 1 s left\n' },
      { stream: 'stderr', text: 'progress: 4/4 files (100%), 2.0 files/s, done\n' },
    ]);
  });
});

describe('the progress bar (stderr is a terminal)', () => {
  it('is drawn in place, cleared for the lines of a file and drawn again below them with the new count, and removed at the end', () => {
    const { progress, written, tick } = capture(true, 3);
    tick(1000);
    progress.advance();
    tick(10);
    progress.stderr('warning: b.yaml: no font has ☃\n');
    progress.stdout('wrote out/b.pdf\n');
    progress.advance();
    tick(990);
    progress.advance();
    progress.finish();
    const clear = '\r\x1b[2K';
    expect(written.map(({ text }) => text)).toEqual([
      `${clear}rendering [░░░░░░░░░░░░░░░░░░░░░░░░] 0/3`,
      `${clear}rendering [████████░░░░░░░░░░░░░░░░] 1/3  1.0 files/s  about 2 s left`,
      clear,
      'warning: b.yaml: no font has ☃\n',
      'wrote out/b.pdf\n',
      `${clear}rendering [████████████████░░░░░░░░] 2/3  2.0 files/s  about 1 s left`,
      `${clear}rendering [████████████████████████] 3/3  1.5 files/s`,
      clear,
    ]);
    expect(written.filter(({ stream }) => stream === 'stdout').map(({ text }) => text)).toEqual(['wrote out/b.pdf\n']);
  });

  it('is redrawn at most every 100 ms of the clock, and always for the last file', () => {
    const { progress, written, tick } = capture(true, 5);
    for (let i = 0; i < 5; i++) {
      tick(30);
      progress.advance();
    }
    // The first draw at 0 ms, one at 120 ms (4th file), the last file at 150 ms.
    expect(written.map(({ text }) => /\] (\d)\/5/.exec(text)?.[1])).toEqual(['0', '4', '5']);
  });

  it('never reaches the last column of the terminal', () => {
    const { written } = capture(true, 200, 30);
    expect([...written[0]!.text.replace('\r\x1b[2K', '')]).toHaveLength(29);
  });
});

describe('progress wording', () => {
  it('gives times in seconds, minutes or hours', () => {
    expect(durationText(400)).toBe('1 s');
    expect(durationText(44_000)).toBe('44 s');
    expect(durationText(185_000)).toBe('3 min 05 s');
    expect(durationText(7_260_000)).toBe('2 h 01 min');
  });

  it('leaves out the rate until a file is done', () => {
    expect(progressText(0, 10, 0)).toBe('progress: 0/10 files (0%)');
    expect(barText(0, 10, 500)).toBe('rendering [░░░░░░░░░░░░░░░░░░░░░░░░]  0/10');
  });
});
