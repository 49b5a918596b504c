/** Shared by the command-line tests: `main` run in-process with its output captured, and a minimal data file. */
import { main } from '../../src/cli/main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** What was written to standard output as bytes (`-o -`), when anything was. */
  stdoutBytes?: Buffer;
}

export async function runCli(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const chunks: Uint8Array[] = [];
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stdoutBytes: async (bytes) => void chunks.push(bytes),
  });
  return { code, stdout, stderr, ...(chunks.length > 0 ? { stdoutBytes: Buffer.concat(chunks) } : {}) };
}

/** The smallest valid data file, line by line. */
export const MINIMAL_DATA = [
  'lang: en',
  'title: Visit of the minister',
  'date: "2025-02-04"',
  'visit:',
  '  visitor:',
  '    name: Jane Doe',
  '  country: Iraq',
  '  from: "2025-02-04"',
  '  summary: The minister visited Baghdad.',
];
