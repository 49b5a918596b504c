import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBriefingSource } from '../../src/data/load.js';
import { renderBriefing, resolveTemplate } from '../../src/pipeline.js';
import { catchBriefingError } from '../briefingError.js';
import { tempDirs } from '../tempDirs.js';

const example = readFileSync('examples/nato-iraq-2025.yaml', 'utf8');
const tempDir = tempDirs('template');

describe('which template a briefing uses', () => {
  it('takes a name as templates/<name>.hbs', () => {
    expect(resolveTemplate(undefined, 'briefing', 'data/x.yaml')).toBe(resolve('templates/briefing.hbs'));
  });

  it('takes a path written in the data relative to the data file, inside its folder', () => {
    expect(resolveTemplate(undefined, 'tpl/custom.hbs', '/data/visit.yaml')).toBe('/data/tpl/custom.hbs');
  });

  it.each(['../templates/briefing.hbs', '/etc/passwd', 'sub/../../x.hbs'])('refuses %s written in the data', (path) => {
    const error = catchBriefingError(() => resolveTemplate(undefined, path, '/data/visit.yaml'), 'contract');
    expect(error.problems[0]).toMatchObject({ path: 'template' });
    expect(error.format()).toContain('outside the data file');
  });

  it('accepts any path given explicitly by the caller (the command line)', () => {
    expect(resolveTemplate('/elsewhere/t.hbs', '../ignored.hbs', '/data/visit.yaml')).toBe('/elsewhere/t.hbs');
  });

  it('renders with a template copied next to the data file', async () => {
    const dir = tempDir();
    cpSync('templates', join(dir, 'tpl'), { recursive: true });
    cpSync('examples/photos', join(dir, 'photos'), { recursive: true });
    writeFileSync(join(dir, 'tpl', 'briefing.hbs'), readFileSync('templates/briefing.hbs', 'utf8').replace('<band>', '<band>COPY '));
    const data = parseBriefingSource(`template: tpl/briefing.hbs\n${example}`, join(dir, 'visit.yaml'));
    const result = await renderBriefing(data, { lang: 'en' });
    expect(result.templateFile).toBe(join(dir, 'tpl', 'briefing.hbs'));
  });
});

describe('characters no font covers', () => {
  it('are reported once each, with the data field and the code point', async () => {
    const withGlyphless = example.replace('speaker:', 'context: "中 中 ☃"\n    speaker:');
    const data = parseBriefingSource(withGlyphless, 'examples/visit.yaml');
    const { warnings } = await renderBriefing(data, { lang: 'ar' });
    const messages = warnings.map((w) => `${w.path}: ${w.message}`);
    expect(messages.filter((m) => m.includes('U+4E2D'))).toHaveLength(1);
    expect(messages.find((m) => m.includes('U+4E2D'))).toMatch(/^quotes\[0\]\.context: no font covers U\+4E2D «中»/);
  });
});
