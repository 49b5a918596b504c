#!/usr/bin/env node
// The `briefing` command. The program is the built bundle dist/cli.cjs (from src/cli/main.ts); this file only
// loads it (with V8's code cache, ./codeCache.js), runs `main` and sets the exit code. It never calls
// process.exit, so all output is flushed first.

import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { compileBundle } from './codeCache.js';
import { v8FlagsFor } from './v8Flags.js';

// Before anything is compiled: the flags are part of the code cache's identity (./codeCache.js).
const v8Flags = v8FlagsFor(process.argv.slice(2));
for (const flag of v8Flags) setFlagsFromString(flag);

// `briefing schema | head`: the reader going away is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') return;
    throw error;
  });
}

const bundleFile = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
// harfbuzzjs is an ES module with a top-level await, which a CommonJS bundle cannot require: imported here (its
// WebAssembly compiles in the background while the bundle is read and compiled) and handed in.
const harfbuzz = import('harfbuzzjs');
let bundle;
let program;
try {
  bundle = compileBundle(bundleFile, { v8Flags });
  program = bundle.run({ harfbuzzjs: await harfbuzz });
} catch (error) {
  process.stderr.write(
    error && error.code === 'ENOENT' && error.path === bundleFile
      ? 'briefing: dist/cli.cjs is missing: build the package first (npm run build)\n'
      : `briefing: internal error: cannot load the program: ${error && error.stack ? error.stack : error}\n`,
  );
  process.exitCode = 1;
}
if (program) {
  // The bundle's import() of pdf.js and the canvas goes through this module's (src/importModule.ts says why).
  program.setModuleImporter((specifier) => import(specifier));
  process.exitCode = await program.main(process.argv.slice(2));
  // After a render: the cache then holds what a render compiles (written once per bundle, Node and flags).
  if (process.argv[2] === 'render') bundle.saveCache();
}
