/**
 * The built-in templates compiled at build time (src/template/precompiled.ts, filled by build/build.mjs): the
 * spec the build makes renders exactly what compiling the template file renders, it is used only for the very
 * source it was made from, and the bundles carry the templates as they are now.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { markTemplatePositions } from '../../src/markup/templatePositions.js';
import { PACKAGE_ROOT, TEMPLATES_DIR } from '../../src/resources.js';
import { createTemplateEnvironment, precompileTemplate } from '../../src/template/environment.js';
import { loadLabels } from '../../src/template/labels.js';
import { PRECOMPILED_TEMPLATES, type PrecompiledTemplate } from '../../src/template/precompiled.js';
import { buildView } from '../../src/template/view.js';
import { arabicBriefing, minimalBriefing } from './fixtures.js';

const labels = loadLabels();
const TEMPLATES = readdirSync(TEMPLATES_DIR).filter((name) => name.endsWith('.hbs')).sort();

function markedSource(name: string): string {
  return markTemplatePositions(readFileSync(join(TEMPLATES_DIR, name), 'utf8'));
}

/** The build's entry for a template, evaluated as the bundle evaluates it; `calls` counts its runs. */
function precompiledEntry(source: string): PrecompiledTemplate & { calls: number } {
  const { spec, partialRefs, inlinePartials } = precompileTemplate(source);
  const evaluated = new Function(`return ${spec}`)() as PrecompiledTemplate['spec'] & { main: (...args: unknown[]) => unknown };
  const entry = { sha256: createHash('sha256').update(source, 'utf8').digest('hex'), partialRefs, inlinePartials, calls: 0, spec: evaluated };
  const main = evaluated.main;
  evaluated.main = function (this: unknown, ...args: unknown[]) {
    entry.calls++;
    return main.apply(this, args);
  };
  return entry;
}

function renderWith(name: string, source: string, briefing = arabicBriefing()): string {
  const environment = createTemplateEnvironment({ lang: briefing.lang, digits: briefing.digits, labels: { labels, files: ['labels.json'] } });
  const view = buildView(briefing, { fingerprint: '3fa2b1c0', direction: briefing.lang.startsWith('ar') ? 'rtl' : 'ltr' });
  return environment.render(source, join(TEMPLATES_DIR, name), view);
}

afterEach(() => {
  PRECOMPILED_TEMPLATES.length = 0;
});

describe('built-in templates precompiled at build time', () => {
  it('are none in the sources (the build fills the list in the bundles)', () => {
    expect(PRECOMPILED_TEMPLATES).toEqual([]);
  });

  it.each(TEMPLATES)('%s: the precompiled spec renders exactly what the compiled template renders', (name) => {
    const source = markedSource(name);
    for (const briefing of [arabicBriefing(), minimalBriefing()]) {
      const compiled = renderWith(name, source, briefing);
      const entry = precompiledEntry(source);
      PRECOMPILED_TEMPLATES.push(entry);
      expect(renderWith(name, source, briefing)).toBe(compiled);
      expect(entry.calls).toBe(1);
      PRECOMPILED_TEMPLATES.length = 0;
    }
  });

  it('is used only for the source it was made from: an edited template is compiled from its text', () => {
    const source = markedSource('briefing.hbs');
    const entry = precompiledEntry(source);
    PRECOMPILED_TEMPLATES.push(entry);
    const edited = source.replace('</page>', '<p>edited</p></page>');
    expect(edited).not.toBe(source);
    expect(renderWith('briefing.hbs', edited)).toContain('<p>edited</p>');
    expect(entry.calls).toBe(0);
  });

  it.each(['dist/cli.cjs', 'dist/index.js'])('%s carries every built-in template as it is now (else: npm run build)', (bundle) => {
    const text = readFileSync(join(PACKAGE_ROOT, bundle), 'utf8');
    for (const name of TEMPLATES) {
      const sha256 = createHash('sha256').update(markedSource(name), 'utf8').digest('hex');
      expect(text, `${bundle} was built from another ${name}: run npm run build`).toContain(`file:${JSON.stringify(name)},sha256:${JSON.stringify(sha256)}`);
    }
  });
});
