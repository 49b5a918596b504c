// Preloaded with `node --import` when /usr/bin/time is missing: reports the process's peak RSS (KiB) at exit.
process.on('exit', () => {
  process.stderr.write(`BRIEFING_BENCH_MAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
});
