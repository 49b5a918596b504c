/**
 * `import()` of a module outside the bundles (pdf.js, preview's canvas). bin/briefing.js runs the command line's
 * bundle as a `vm.Script` with V8's code cache, and in Node 20 an `import()` inside a script compiled from a
 * code cache fails (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): so bin/briefing.js hands in an `import` of its own
 * module (`setModuleImporter`). Everywhere else (the library, the sources) it is the plain `import()`.
 */
type Importer = (specifier: string) => Promise<unknown>;

let importer: Importer = (specifier) => import(specifier);

/** Replaces the `import()` of `importModule` (bin/briefing.js, before it runs the command). */
export function setModuleImporter(use: Importer): void {
  importer = use;
}

/** The module `specifier` names (a package name or a file URL), imported. */
export async function importModule<T>(specifier: string): Promise<T> {
  return (await importer(specifier)) as T;
}
