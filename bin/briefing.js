#!/usr/bin/env node
// The `briefing` command. The program is the built bundle dist/cli.js (from src/cli/main.ts); this file only
// loads it, runs `main` and sets the exit code. It never calls process.exit, so all output is flushed first.

import { setFlagsFromString } from 'node:v8';

// A one-shot command runs HarfBuzz's WebAssembly once: V8's background recompilation of hot wasm functions
// (tier-up) would not pay off, and the process would wait for it before exiting (about half a second of a
// cold render). Watch mode renders again and again, so it keeps the optimizing tier.
if (process.argv[2] !== 'watch') setFlagsFromString('--liftoff-only');

// `briefing schema | head`: the reader going away is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') return;
    throw error;
  });
}

let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  const missing = error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js');
  process.stderr.write(
    missing
      ? 'briefing: dist/cli.js is missing: build the package first (npm run build)\n'
      : `briefing: internal error: cannot load the program: ${error && error.stack ? error.stack : error}\n`,
  );
  process.exitCode = 1;
}
if (cli) process.exitCode = await cli.main(process.argv.slice(2));
