/** The built command (`npm test` builds it first) as the user `nobody` (uid/gid 65534), for permission tests as root. */
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../src/resources.js';

/** Can `nobody` reach the built command (not when the checkout is in a private folder)? */
export function nobodyCanRunTheCommand(): boolean {
  const probe = `require('fs').accessSync(${JSON.stringify(resolve(PACKAGE_ROOT, 'dist/cli.cjs'))}, require('fs').constants.R_OK)`;
  return spawnSync(process.execPath, ['-e', probe], { uid: 65534, gid: 65534, cwd: tmpdir() }).status === 0;
}

export function runAsNobody(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [resolve(PACKAGE_ROOT, 'bin/briefing.js'), ...argv], { uid: 65534, gid: 65534, cwd: tmpdir() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (code) => resolveRun({ code, stdout, stderr }));
  });
}
