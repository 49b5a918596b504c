import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../tempDirs.js';

const tempDir = tempDirs('interrupt');

/**
 * Ctrl-C while the PDF is being written: the previous file stays as it was and no temporary file is left.
 * A real process gets a real SIGINT while it writes; its bytes come from a stream that stalls after the first
 * chunk and it says so, so the signal lands mid-write on any machine (it used to write 1.5 GiB and hope).
 */
describe('Ctrl-C during an atomic write', () => {
  it('leaves the previous file untouched and removes the temporary file', async () => {
    const dir = tempDir();
    const target = join(dir, 'brief.pdf');
    writeFileSync(target, 'previous version');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/cli/fixtures/slowWrite.ts', target], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('writing\n')) resolve();
      });
      void exited.then(() => reject(new Error(`the child ended before writing: ${stdout}`)));
    });
    expect(readdirSync(dir).some((name) => name.endsWith('.tmp'))).toBe(true);
    child.kill('SIGINT');
    const code = await exited;

    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual(['brief.pdf']);
    expect(readFileSync(target, 'utf8')).toBe('previous version');
  }, 30_000);

  it('a signal that comes while bytes in hand are written still ends the process (130), after a complete file', async () => {
    const dir = tempDir();
    const target = join(dir, 'brief.pdf');
    writeFileSync(target, 'previous version');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/cli/fixtures/signalledWrite.ts', target], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exit) => resolve(exit)));
    expect(code).toBe(130);
    expect(stdout).not.toContain('written');
    expect(readdirSync(dir)).toEqual(['brief.pdf']);
    // The old file or the whole new one, never a part: here the write had finished when the signal was handled.
    expect(readFileSync(target).length).toBe(64 * 1024);
  }, 30_000);
});
