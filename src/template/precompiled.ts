/**
 * Templates compiled at build time: the built-in templates (templates/*.hbs) as Handlebars template specs, so
 * a cold render runs the template without parsing and compiling it (a tenth of a cold render). The list is
 * empty in the sources; the build (build/build.mjs) fills it in the bundles from the templates as they are at
 * build time. The template files stay the source of truth: an entry is used only for a source whose SHA-256
 * it carries, so an edited template is compiled from its text as before, never run from an old spec.
 */
import { createHash } from 'node:crypto';
import type Handlebars from 'handlebars';

export interface PrecompiledTemplate {
  /** SHA-256 (hex) of the source it was compiled from (after `markTemplatePositions`). */
  sha256: string;
  spec: Parameters<typeof Handlebars.template>[0];
  /** What the checks of the parsed template found (environment.ts, `checkTemplate`). */
  partialRefs: { name: string; loc: { start: { line: number; column: number }; end: { line: number; column: number } } | undefined }[];
  inlinePartials: string[];
}

/** Filled by the build; see the header. */
export const PRECOMPILED_TEMPLATES: PrecompiledTemplate[] = [];

/** The precompiled template of exactly this source, if the build made one. */
export function precompiledTemplate(source: string): PrecompiledTemplate | undefined {
  if (PRECOMPILED_TEMPLATES.length === 0) return undefined;
  const sha256 = createHash('sha256').update(source, 'utf8').digest('hex');
  return PRECOMPILED_TEMPLATES.find((template) => template.sha256 === sha256);
}
