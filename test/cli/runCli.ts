/** Shared by the command-line tests: `main` run in-process with its output captured, and a minimal data file. */
import { main } from '../../src/cli/main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
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
