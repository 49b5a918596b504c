/** Temporary folders for one test file, removed when its tests are done. */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A function making a new empty folder `briefing-<name>-…` each call; all are removed after the file's tests. */
export function tempDirs(name: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) {
      try {
        // A test may have made the folder or an entry read-only.
        chmodSync(dir, 0o700);
        for (const entry of readdirSync(dir)) chmodSync(join(dir, entry), 0o700);
      } catch {
        // already gone, or nothing to change
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `briefing-${name}-`));
    dirs.push(dir);
    return dir;
  };
}
