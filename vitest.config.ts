import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that replace a module (vi.mock) or change the process (the working folder) run each in a fresh
 * module graph; the others share one per worker, so the engines (HarfBuzz, fonts, pdf.js, PDFium) load once per
 * worker, not once per file: that halves the suite's CPU time (import 80 s → 14 s at 82 files).
 */
const ISOLATED = ['test/cli/fastPath.test.ts', 'test/cli/cli.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20000,
    // A beforeAll that renders a page takes a second on a quiet machine and much more on a loaded one.
    hookTimeout: 60000,
    pool: 'forks',
    // pdf.js's own build, copied into dist/pdfjs/ by the build (src/pdf/pdfjsBuild.ts): run by Node as it is,
    // not transformed (it imports its worker by a URL relative to itself).
    server: { deps: { external: [/[\\/]dist[\\/]pdfjs[\\/]/] } },
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...ISOLATED], isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
