/**
 * preview's canvas (@napi-rs/canvas) is an optional peer dependency: without it, `briefing preview` says what
 * is missing and how to add it, as an error of the installation (exit code 1), not a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { BriefingError, exitCodeFor } from '../../src/errors.js';
import { CANVAS_PACKAGE, importCanvas } from '../../src/preview/png.js';

describe('preview without its canvas', () => {
  it('says which package is missing and how to install it', async () => {
    const error = await importCanvas('@napi-rs/canvas-that-is-not-installed').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    const briefingError = error as BriefingError;
    expect(briefingError.message).toBe('a picture of the page needs @napi-rs/canvas-that-is-not-installed, which is not installed');
    expect(briefingError.hint).toMatch(/^install it beside briefing: npm install --save-exact @napi-rs\/canvas-that-is-not-installed@1\.1\.1 /);
    expect(exitCodeFor(briefingError)).toBe(1);
  });

  it('loads the canvas when it is installed', async () => {
    const canvas = await importCanvas(CANVAS_PACKAGE);
    expect(typeof canvas.createCanvas).toBe('function');
  });
});
