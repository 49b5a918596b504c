/**
 * Page text as poppler gives it: `pdftotext -enc UTF-8 file -` (reading order, not -layout), pages split at the
 * form feed pdftotext ends each page with. Only when poppler is installed (`hasPdftotext`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let available: boolean | undefined;

export function hasPdftotext(): boolean {
  if (available === undefined) {
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/** The text of every page of `pdf`, one string per page. */
export function popplerPageTexts(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-poppler-'));
  try {
    const file = join(dir, 'page.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text.split('\f').slice(0, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
