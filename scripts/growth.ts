/**
 * How cost grows with the input: `npm run build && npx tsx scripts/growth.ts`. For each growth case (a list of
 * topics, a long summary, one word without break points, a list of quotes) it renders a briefing with the field
 * at 10×, 100× and 1000× a base size, each in a fresh process (`node dist/index.js` through a one-line child),
 * and prints the outcome (a page, exit 3 or exit 2), the time and the peak resident memory. Linear cost shows as
 * time growing about tenfold per row, not a hundredfold; within the limits every run must end in 10 s and 1 GB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');
const base = {
  lang: 'en',
  title: 'Visit of the minister',
  date: '2025-02-04',
  visit: { visitor: { name: 'Jane Doe' }, country: 'Iraq', from: '2025-02-04', summary: 'The minister visited Baghdad.' } as Record<string, unknown>,
} as Record<string, unknown>;

const SENTENCE = 'The minister visited Baghdad and met officials of the government and the mission. '; // 84 characters
const CASES: { name: string; unit: string; make: (n: number) => Record<string, unknown> }[] = [
  { name: 'topics', unit: '10 topics', make: (n) => ({ ...base, visit: { ...(base.visit as object), topics: Array.from({ length: 10 * n }, (_, i) => `Topic number ${i} about cooperation`) } }) },
  { name: 'summary', unit: '100 characters', make: (n) => ({ ...base, visit: { ...(base.visit as object), summary: SENTENCE.repeat(Math.ceil((100 * n) / SENTENCE.length)).slice(0, 100 * n) } }) },
  { name: 'one word', unit: '10 letters, no break', make: (n) => ({ ...base, subtitle: 'x'.repeat(10 * n) }) },
  { name: 'quotes', unit: '1 quote', make: (n) => ({ ...base, quotes: Array.from({ length: n }, (_, i) => ({ text: `Quote ${i}: we will keep working together.`, speaker: 'Jane Doe' })) }) },
  { name: 'Arabic summary', unit: '100 characters', make: (n) => ({ ...base, lang: 'ar', visit: { ...(base.visit as object), summary: 'زار الأمين العام لحلف شمال الأطلسي العراق في 4 إلى 5 فبراير 2025 وبحث سبل تعزيز التعاون. '.repeat(Math.ceil(n * 1.2)) } }) },
];

const CHILD = `
const { loadBriefing, renderBriefing, exitCodeFor } = await import(${JSON.stringify(join(ROOT, 'dist/index.js'))});
const started = performance.now();
let outcome;
try { const data = await loadBriefing(process.argv[1]); const r = await renderBriefing(data); outcome = 'page at ' + r.layout.bodySize.toFixed(1) + ' pt'; }
catch (e) { outcome = 'exit ' + exitCodeFor(e) + ': ' + String(e.message).split(';')[0].slice(0, 60); }
console.log(JSON.stringify({ ms: performance.now() - started, rss: process.resourceUsage().maxRSS * 1024, outcome }));`;

const dir = mkdtempSync(join(tmpdir(), 'briefing-growth-'));
console.log('case            size                 outcome                                                         time      peak RSS');
try {
  for (const c of CASES) {
    for (const n of [10, 100, 1000]) {
      const file = join(dir, 'data.yaml');
      writeFileSync(file, stringify(c.make(n)));
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, file], { encoding: 'utf8', timeout: 120_000 });
      const result = child.stdout.trim() ? (JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; rss: number; outcome: string }) : undefined;
      const size = `${n}× ${c.unit}`;
      const line = result
        ? `${c.name.padEnd(15)} ${size.padEnd(20)} ${result.outcome.padEnd(64)} ${`${(result.ms / 1000).toFixed(2)} s`.padStart(8)} ${`${Math.round(result.rss / 2 ** 20)} MB`.padStart(9)}`
        : `${c.name.padEnd(15)} ${size.padEnd(20)} failed: ${child.error?.message ?? child.stderr.slice(0, 200)}`;
      console.log(line);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
