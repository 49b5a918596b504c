import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../tempDirs.js';

const tempDir = tempDirs('interrupt');

/**
 * Ctrl-C while the PDF is being written: the previous file stays as it was and no temporary file is left.
 * A real process gets a real SIGINT while it writes a file large enough to take a while.
 */
describe('Ctrl-C during an atomic write', () => {
  it('leaves the previous file untouched and removes the temporary file', async () => {
    const dir = tempDir();
    const target = join(dir, 'brief.pdf');
    writeFileSync(target, 'previous version');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/cli/fixtures/slowWrite.ts', target, '1500'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const deadline = Date.now() + 20_000;
    while (!readdirSync(dir).some((name) => name.endsWith('.tmp'))) {
      if (Date.now() > deadline) throw new Error('the child never started writing');
      await new Promise((r) => setTimeout(r, 2));
    }
    child.kill('SIGINT');
    const code = await exited;

    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual(['brief.pdf']);
    expect(readFileSync(target, 'utf8')).toBe('previous version');
  }, 30_000);
});
