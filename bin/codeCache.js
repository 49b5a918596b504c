// Runs a CommonJS bundle (dist/cli.cjs) with V8's code cache: the bytecode V8 compiled for the script in an
// earlier run, so a cold start does not parse and compile the 1.8 MB bundle again (Node 20 has no compile cache
// of its own; `module.enableCompileCache` came with Node 22).
//
// A cache can never be stale. Its file is named after the SHA-256 of the bundle's text, the Node version and
// the V8 flags of the process, so a rebuilt bundle, another Node or other flags look for another file; V8 checks
// its own version, flags and the source's length again and rejects a cache that does not fit, and then the
// script is compiled from its text as if there were no cache. A cache only ever lives where the bundle lives
// (beside it) or in the user's own cache folder — never in a folder other users can write to, since its
// bytecode runs as code.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/**
 * The folders a cache is looked for in, in order, and written to (the first that takes it). A cache is an
 * optimisation only: a folder that cannot be read or written is passed over without a word.
 */
export function cacheFolders(bundleFile, env = process.env) {
  if (env.BRIEFING_CODE_CACHE_DIR) return [env.BRIEFING_CODE_CACHE_DIR];
  const folders = [join(dirname(bundleFile), '.code-cache')];
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  if (base) folders.push(join(base, 'briefing'));
  return folders;
}

/** The cache file's name for this bundle text in this process (Node version, architecture, V8 flags). */
export function cacheFileName(source, v8Flags) {
  const key = createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.arch}\0${[...process.execArgv, ...v8Flags].join(' ')}`)
    .digest('hex')
    .slice(0, 32);
  return `cli-${key}.v8cache`;
}

/**
 * A cache file is the SHA-256 of the cache data, then the data. V8 checks its header (version, flags, source
 * length) but, in a release build, not the data itself: damaged data would crash the process or worse. So the
 * sum is checked before V8 sees anything.
 */
const SUM_BYTES = 32;

function sumOf(bytes) {
  return createHash('sha256').update(bytes).digest();
}

function readFirst(folders, name) {
  for (const folder of folders) {
    let file;
    try {
      file = readFileSync(join(folder, name));
    } catch {
      continue; // not there: the next folder
    }
    const data = file.subarray(SUM_BYTES);
    const intact = file.length > SUM_BYTES && sumOf(data).equals(file.subarray(0, SUM_BYTES));
    return { bytes: intact ? data : undefined, folder };
  }
  return undefined;
}

function writeSomewhere(folders, name, bytes) {
  for (const folder of folders) {
    const temporary = join(folder, `.${name}.${process.pid}.tmp`);
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      writeFileSync(temporary, Buffer.concat([sumOf(bytes), bytes]), { mode: 0o600 });
      renameSync(temporary, join(folder, name)); // atomic: a reader sees the whole cache or none
      return join(folder, name);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // a folder we may not even look into: the next one
      }
    }
  }
  return undefined;
}

/**
 * Compiles the CommonJS bundle `bundleFile` as a `vm.Script` with the code cache; `run(preloaded)` then runs it
 * and returns its exports (`preloaded` answers `require` for modules that cannot be required: ES modules with a
 * top-level await), and `saveCache()` writes the cache if there was none, it was damaged or V8 rejected it (call it after the
 * work, so the cache holds the functions the work compiled, not only the top level). BRIEFING_CODE_CACHE=off
 * runs without any cache; BRIEFING_CODE_CACHE=report says on stderr what happened (for the tests).
 */
export function compileBundle(bundleFile, { v8Flags = [], env = process.env } = {}) {
  const source = readFileSync(bundleFile, 'utf8');
  const useCache = env.BRIEFING_CODE_CACHE !== 'off';
  const folders = cacheFolders(bundleFile, env);
  const name = cacheFileName(source, v8Flags);
  const found = useCache ? readFirst(folders, name) : undefined;
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, {
    filename: bundleFile,
    ...(found?.bytes ? { cachedData: found.bytes } : {}),
  });
  const status = !useCache ? 'off' : !found ? 'miss' : !found.bytes ? 'damaged' : script.cachedDataRejected ? 'rejected' : 'hit';
  return {
    status,
    run(preloaded = {}) {
      const requireFromBundle = createRequire(bundleFile);
      const require = Object.assign((id) => (Object.hasOwn(preloaded, id) ? preloaded[id] : requireFromBundle(id)), requireFromBundle);
      const module = { exports: {} };
      script.runInThisContext()(module.exports, require, module, bundleFile, dirname(bundleFile));
      return module.exports;
    },
    saveCache() {
      let written;
      if (status === 'miss' || status === 'damaged' || status === 'rejected') written = writeSomewhere(folders, name, script.createCachedData());
      if (env.BRIEFING_CODE_CACHE === 'report') {
        process.stderr.write(`briefing: code cache ${status}${found ? ` (${join(found.folder, name)})` : ''}${written ? `, written ${written}` : ''}\n`);
      }
    },
  };
}
