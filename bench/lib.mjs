/**
 * Helpers shared by the benchmark scripts: paths, statistics, timing a child process and reading its peak RSS.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH_DIR, '..');
export const FONTS = join(ROOT, 'fonts');
export const EXAMPLE = join(ROOT, 'examples/nato-iraq-2025.yaml');
export const CLI = join(ROOT, 'bin/briefing.js');
export const TYPST_MAIN = join(BENCH_DIR, 'typst/briefing.typ');
export const TIME_BIN = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs `node args…` (or any command) to its exit; resolves { ms, code, stdout, stderr } where ms runs from the
 * spawn call to the exit event (process start → everything written and the process gone).
 */
export function timeProcess(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0 && !options.allowFailure) {
        reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stderr}`));
        return;
      }
      resolvePromise({ ms, code, stdout, stderr });
    });
  });
}

/** A node child's JSON on its last stdout line. */
export async function nodeJson(args, options) {
  const { stdout } = await timeProcess(process.execPath, args, options);
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/**
 * Peak resident set size (MB) of `node args…`: with GNU time (`/usr/bin/time -v`) when present, else a preload that
 * prints `process.resourceUsage().maxRSS` at exit. Resolves { mb, result }.
 */
export async function peakRss(args, options = {}) {
  const dir = tempDir('briefing-rss-');
  try {
    if (TIME_BIN) {
      const report = join(dir, 'time.txt');
      const result = await timeProcess(TIME_BIN, ['-v', '-o', report, process.execPath, ...args], options);
      const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(report, 'utf8'));
      if (match) return { mb: Number(match[1]) / 1024, result, how: '/usr/bin/time -v' };
    }
    const hook = join(BENCH_DIR, 'rss-hook.mjs');
    const result = await timeProcess(process.execPath, ['--import', hook, ...args], options);
    const match = /BRIEFING_BENCH_MAXRSS_KB (\d+)/.exec(result.stderr);
    if (!match) throw new Error('the child did not report its peak RSS');
    return { mb: Number(match[1]) / 1024, result, how: 'process.resourceUsage().maxRSS' };
  } finally {
    removeDir(dir);
  }
}
