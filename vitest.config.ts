import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20000,
    // A beforeAll that renders a page takes a second on a quiet machine and much more on a loaded one.
    hookTimeout: 60000,
    pool: 'forks',
    // pdf.js's own build, copied into dist/pdfjs/ by the build (src/pdf/pdfjsBuild.ts): run by Node as it is,
    // not transformed (it imports its worker by a URL relative to itself).
    server: { deps: { external: [/[\\/]dist[\\/]pdfjs[\\/]/] } },
  },
});
