/**
 * Field paths as they appear in error messages: `quotes[1].speaker`, `title.ar-IQ`, `visit["odd key"]`.
 * A path is kept as segments (string = map key, number = list index) and formatted only for display and
 * as the key of the location table.
 */

export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

/** A 1-based position in the data file. */
export interface SourceLocation {
  line: number;
  column: number;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `['quotes', 1, 'speaker']` → `quotes[1].speaker`; odd keys are quoted: `["a b"]`. The root is ``. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * The location of `path`, or of its nearest ancestor that has one (a missing field is reported at its parent
 * map). `undefined` when nothing on the way is known.
 */
export function locate(
  locations: ReadonlyMap<string, SourceLocation> | undefined,
  path: FieldPath,
): SourceLocation | undefined {
  if (!locations) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const found = locations.get(formatPath(path.slice(0, n)));
    if (found) return found;
  }
  return undefined;
}
