/**
 * What an installed briefing loads at run time. The bundles (dist/, `npm run build`) carry their dependencies,
 * which are therefore build-time dependencies; a production install (`npm ci --omit=dev`) has only the packages
 * the bundles load from outside: these must be exactly the package's `dependencies`, and the optional
 * `peerDependencies` (preview's canvas) loaded only on demand.
 */
import { execFileSync } from 'node:child_process';
import { isBuiltin } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/resources.js';
import { PDFJS_COPY } from '../../src/pdf/pdfjsBuild.js';
import { EXAMPLE } from '../example.js';
import { tempDirs } from '../tempDirs.js';

const tempDir = tempDirs('bundle');

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  files: string[];
};

/** The package a module specifier names (`pdfjs-dist/legacy/build/pdf.mjs` → `pdfjs-dist`), or undefined for a path. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** A package name, with or without a path inside it. */
const PACKAGE_SPECIFIER = /^(@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*(\/[\w./@~-]*)?$/;

/**
 * The packages a bundle requires or imports statically (`require("x")`, `from"x"`), and those it loads on
 * demand (`import("x")`, `` require(`x/${…}`) ``, `require.resolve("x/…")`).
 */
function loadsOf(file: string): { static: Set<string>; dynamic: Set<string> } {
  const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
  const collect = (...patterns: RegExp[]) =>
    new Set(
      patterns
        .flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!))
        .filter((s) => PACKAGE_SPECIFIER.test(s) && !isBuiltin(s))
        .map(packageOf)
        .filter((p): p is string => p !== undefined),
    );
  return {
    // esbuild renames a local `require` (require2…).
    static: collect(/\brequire\d*\("([^"]+)"\)/g, /\bfrom\s*"([^"]+)"/g),
    // Loaded when a function runs: hyphenation patterns, pdf.js, the canvas; files found with require.resolve.
    dynamic: collect(/\bimport\("([^"]+)"\)/g, /\brequire\d*\(`([^`$]+)/g, /\.resolve\("([^"]+)"\)/g),
  };
}

describe('the bundles', () => {
  it.each(['dist/cli.cjs', 'dist/index.js'])('%s loads only the production dependencies, and the optional canvas on demand', (file) => {
    const loads = loadsOf(file);
    const dependencies = new Set(Object.keys(pkg.dependencies));
    expect([...loads.static].filter((name) => !dependencies.has(name))).toEqual([]);
    for (const name of loads.dynamic) {
      const optionalPeer = pkg.peerDependencies[name] !== undefined && pkg.peerDependenciesMeta[name]?.optional === true;
      // pdfjs-dist only as the fallback of the sources before a build (src/pdf/pdfjsBuild.ts): a bundle has dist/pdfjs/.
      expect(dependencies.has(name) || optionalPeer || name === 'pdfjs-dist', name).toBe(true);
    }
  });

  it('every production dependency is loaded by a bundle (none installed for nothing)', () => {
    const loaded = new Set(['dist/cli.cjs', 'dist/index.js'].flatMap((file) => [...loadsOf(file).static, ...loadsOf(file).dynamic]));
    expect(Object.keys(pkg.dependencies).filter((name) => !loaded.has(name))).toEqual([]);
  });

  it('carry the pdf.js files that run, with pdf.js\'s licence, and the licences of what they bundle', () => {
    for (const file of ['browser/pdf.min.mjs', 'browser/pdf.worker.min.mjs', 'node/pdf.mjs', 'node/pdf.worker.mjs', 'LICENSE']) {
      expect(existsSync(join(PDFJS_COPY, file)), file).toBe(true);
    }
    const licences = readFileSync(join(PACKAGE_ROOT, 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const name of ['handlebars', 'pdfkit', 'yaml', 'yargs', 'zod', 'bidi-js', 'linebreak']) expect(licences).toMatch(new RegExp(`^## ${name} `, 'm'));
    expect(licences).not.toMatch(/\((A|L)?GPL/);
  });

  it('the package ships dist/ without the code caches of the machine that built it', () => {
    expect(pkg.files).toContain('dist');
    expect(pkg.files).toContain('!dist/.code-cache');
  });

  it('a render of one file loads none of the other commands\' machinery (server, watcher, workers, child processes)', () => {
    const dir = tempDir();
    // Preloaded into the command's process: the Node built-ins it loads, written when it exits.
    const hook = join(dir, 'builtins.cjs');
    writeFileSync(hook, `const Module = require('node:module'); const seen = new Set(); const load = Module._load;
Module._load = function (request, ...rest) { if (Module.isBuiltin(request)) seen.add(request.replace(/^node:/, '')); return load.call(this, request, ...rest); };
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'loaded.json'))}, JSON.stringify([...seen])));`);
    execFileSync(process.execPath, ['-r', hook, join(PACKAGE_ROOT, 'bin/briefing.js'), 'render', EXAMPLE, '-o', join(dir, 'out.pdf')], { stdio: 'pipe' });
    const loaded = JSON.parse(readFileSync(join(dir, 'loaded.json'), 'utf8')) as string[];
    expect(loaded).toContain('zlib');
    expect(loaded.filter((name) => ['http', 'https', 'net', 'worker_threads', 'child_process'].includes(name))).toEqual([]);
  });
});
