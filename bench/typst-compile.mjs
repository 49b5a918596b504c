/**
 * The Typst peer: compiles bench/typst/briefing.typ (which reads the example data itself) to a PDF with
 * @myriaddreamin/typst-ts-node-compiler, fonts from ../fonts only.
 *   node typst-compile.mjs <out.pdf>                 cold: one compile in this new process, PDF written
 *   node typst-compile.mjs --warm <N> [--warm-up W] [--vary]
 *                                                    warm: one compiler, W compiles (10) excluded, then N timed
 *                                                    compiles (PDF bytes in memory); --vary changes an input each
 *                                                    time so Typst's memoization cannot reuse the whole document.
 */
import { writeFileSync } from 'node:fs';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { FONTS, ROOT, TYPST_MAIN } from './lib.mjs';

const compiler = NodeCompiler.create({ workspace: ROOT, fontArgs: [{ fontPaths: [FONTS] }] });

function compile(inputs = {}) {
  const result = compiler.compile({ mainFilePath: TYPST_MAIN, inputs });
  if (result.error) {
    const diagnostics = compiler.fetchDiagnostics(result.error);
    throw new Error(`typst: ${JSON.stringify(diagnostics, null, 1)}`);
  }
  return compiler.pdf(result.result);
}

const args = process.argv.slice(2);
if (args[0] === '--warm') {
  const runs = Number(args[1] ?? 20);
  const vary = args.includes('--vary');
  // Not counted, as many as the briefing's warm runs leave out (bench/run.mjs's WARM_UP, given as --warm-up).
  const warmUpAt = args.indexOf('--warm-up');
  const warmUp = warmUpAt < 0 ? 10 : Number(args[warmUpAt + 1]);
  for (let i = 0; i < warmUp; i++) compile(vary ? { fingerprint: (0x20000000 + i).toString(16) } : {});
  const times = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const pdf = compile(vary ? { fingerprint: (0x10000000 + i).toString(16) } : {});
    times.push(performance.now() - started);
    size = pdf.length;
  }
  console.log(JSON.stringify({ times, size }));
} else {
  const out = args[0];
  if (!out) throw new Error('usage: node typst-compile.mjs <out.pdf> | --warm N [--vary]');
  writeFileSync(out, compile());
}
