#!/usr/bin/env node
// The `briefing` command. The program is the built bundle dist/cli.js (from src/cli/main.ts); this file only
// loads it, runs `main` and sets the exit code. It never calls process.exit, so all output is flushed first.

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
