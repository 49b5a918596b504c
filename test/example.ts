/** The example briefing and the files it names (its photo), for tests that copy it elsewhere. */
import { copyFileSync, cpSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../src/resources.js';

export const EXAMPLE = resolve(PACKAGE_ROOT, 'examples/nato-iraq-2025.yaml');

/** Copies the example to `file`, with its photos/ folder beside it when it has one (image paths are relative). */
export function copyExample(file: string): void {
  copyFileSync(EXAMPLE, file);
  const photos = join(dirname(EXAMPLE), 'photos');
  if (existsSync(photos)) cpSync(photos, join(dirname(file), 'photos'), { recursive: true });
}

/** The built-in template's files a copy of it needs beside it: the template, its theme, the letterhead's logo. */
export const TEMPLATE_FILES = ['briefing.hbs', 'theme.json', 'emblem.svg'];
