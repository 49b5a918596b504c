/**
 * Where the tool's own files are (templates, theme, labels, fonts): beside package.json, found from this
 * module's location so it works from the sources, the built bundle and an installed package alike.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('briefing: cannot find the package folder (templates/ beside package.json)');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
export const FONTS_DIR = join(PACKAGE_ROOT, 'fonts');
export const DEFAULT_TEMPLATE = 'briefing';
/** The sRGB ICC profile of the PDF's output intent (licence beside it). */
export const SRGB_PROFILE = join(PACKAGE_ROOT, 'profiles', 'sRGB.icc');
/** The font files in FONTS_DIR (what a render may read, what watch mode watches). */
export const FONT_FILE = /\.(ttf|otf|ttc|woff2?)$/i;
