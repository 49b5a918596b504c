/**
 * The batch of the benchmark: copies of the example, each with its own title and a changed number, so no two
 * renders are the same. (Also the set of bench/run.mjs's library batch.)
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXAMPLE } from './lib.mjs';

/** Writes `count` YAML files `briefing-001.yaml`… into `dir`, with the example's photos/ beside them (the data names its photo). */
export function writeBatch(dir, count) {
  const source = readFileSync(EXAMPLE, 'utf8');
  const swaps = [
    ['يشيد بالتعاون القوي مع العراق"', (i) => `يشيد بالتعاون القوي مع العراق ${i + 1}"`],
    ['praises strong cooperation with Iraq"', (i) => `praises strong cooperation with Iraq ${i + 1}"`],
    ['"منذ عام 2018،', (i) => `"منذ عام ${1990 + (i % 35)}،`],
    ['"Since 2018,', (i) => `"Since ${1990 + (i % 35)},`],
  ];
  for (const [from] of swaps) if (!source.includes(from)) throw new Error(`bench: the example no longer contains ${from}`);
  mkdirSync(dir, { recursive: true });
  const photos = join(dirname(EXAMPLE), 'photos');
  if (existsSync(photos)) cpSync(photos, join(dir, 'photos'), { recursive: true });
  for (let i = 0; i < count; i++) {
    let text = source;
    for (const [from, to] of swaps) text = text.replace(from, to(i));
    writeFileSync(join(dir, `briefing-${String(i + 1).padStart(3, '0')}.yaml`), text);
  }
}
