/**
 * The example's letterhead, photo, programme and QR code, read back the way a user checks them: `pdfimages -list`
 * shows the images, `pdftotext` gives the table row by row in reading order (poppler, when installed: .ci/run
 * installs it), and the document ID follows the image bytes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBriefing } from '../../src/data/load.js';
import { renderBriefing } from '../../src/pipeline.js';
import { tempDirs } from '../tempDirs.js';
import { copyExample } from '../example.js';
import { runCli } from '../cli/runCli.js';

const tempDir = tempDirs('pictures');

function has(tool: string): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const POPPLER = has('pdftotext') && has('pdfimages');

/** The trailer's /ID of a PDF (the first half, hex). */
function documentId(pdf: Uint8Array): string {
  return /\/ID \[<([0-9a-f]+)>/.exec(Buffer.from(pdf).toString('latin1'))![1]!;
}

describe.each(['ar', 'en'])('the example in %s, read back by poppler', (lang) => {
  let file: string;
  beforeAll(async () => {
    const { pdf } = await renderBriefing(await loadBriefing('examples/nato-iraq-2025.yaml'), { lang });
    file = join(tempDir(), `${lang}.pdf`);
    writeFileSync(file, pdf);
  });

  it.skipIf(!POPPLER)('lists the photo (a PNG with its alpha as a soft mask); the emblem and the QR code are vectors', () => {
    const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(list.map((row) => row.trim().split(/\s+/).slice(2, 6))).toEqual([
      ['image', '240', '300', 'rgb'],
      ['smask', '240', '300', 'gray'],
    ]);
  });

  it.skipIf(!POPPLER)('gives the programme back row by row, each row in reading order (time, item, place)', () => {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const lines = text.split('\n').map((l) => l.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim()).filter(Boolean);
    const start = lines.indexOf(lang === 'ar' ? 'برنامج الزيارة' : 'Programme');
    const expected =
      lang === 'ar'
        ? ['الوقت', 'الفقرة', 'المكان', '4 فبراير 2025، 12:00', 'لقاء الرئيس الدكتور عبد اللطيف رشيد', 'بغداد', '4 فبراير 2025، 15:30', 'لقاء رئيس الوزراء محمد شياع السوداني', 'بغداد', '5 فبراير 2025، 09:30', 'لقاء قائد بعثة الناتو في العراق وموظفيها', 'مقر بعثة الناتو في العراق', '5 فبراير 2025، 12:00', 'لقاء المجتمع الدبلوماسي التابع للحلف', 'بغداد']
        : ['Time', 'Item', 'Place', '4 February 2025, 12:00', 'Meeting with President Dr Abdul Latif Rashid', 'Baghdad', '4 February 2025, 15:30', 'Meeting with Prime Minister Mohammed Shia al-Sudani', 'Baghdad', '5 February 2025, 09:30', 'Meeting with the NMI Commander and staff', 'NMI headquarters', '5 February 2025, 12:00', 'Meeting with the NATO diplomatic community', 'Baghdad'];
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 1 + expected.length)).toEqual(expected);
  });
});

describe('images and the document ID', () => {
  it('changes the ID when only the bytes of the photo change', async () => {
    const dir = tempDir();
    copyExample(join(dir, 'visit.yaml'));
    const before = documentId((await renderBriefing(await loadBriefing(join(dir, 'visit.yaml')))).pdf);
    const photo = join(dir, 'photos', 'visitor-placeholder.png');
    cpSync('examples/photos/visitor-placeholder.png', photo);
    expect(documentId((await renderBriefing(await loadBriefing(join(dir, 'visit.yaml')))).pdf)).toBe(before);
    // Another picture under the same name: same data, same template, another document.
    writeFileSync(photo, otherPng(readFileSync(photo)));
    expect(documentId((await renderBriefing(await loadBriefing(join(dir, 'visit.yaml')))).pdf)).not.toBe(before);
  });

  it('exits 2 naming the data file\'s photo when it is missing, and writes nothing', async () => {
    const dir = tempDir();
    copyExample(join(dir, 'visit.yaml'));
    writeFileSync(join(dir, 'visit.yaml'), readFileSync(join(dir, 'visit.yaml'), 'utf8').replace('photos/visitor-placeholder.png', 'photos/nobody.png'));
    const result = await runCli('render', join(dir, 'visit.yaml'), '-o', join(dir, 'out.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/briefing\.hbs:\d+:\d+: image file not found: "photos\/nobody\.png" .*\(the path comes from the data file .*visit\.yaml\)/);
    expect(() => readFileSync(join(dir, 'out.pdf'))).toThrow();
  });
});

/** The same PNG with one more (ancillary, valid) text chunk before IEND: other bytes, same picture. */
function otherPng(png: Buffer): Buffer {
  const iend = png.length - 12;
  const data = Buffer.from('Comment\0another version');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}
