/**
 * What the PDFKit baseline writes: the paragraphs of a localized briefing in reading order, each with the theme's
 * font, size and colour (templates/theme.json, scaled as briefing's fitting scales the example), no markup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

export /** The paragraphs of the localized briefing, with the theme's fonts and sizes, for the PDFKit baseline. */
function plainSpec(briefing) {
  const labels = JSON.parse(readFileSync(join(ROOT, 'templates/labels.json'), 'utf8'));
  const rtl = ['ar', 'fa', 'ur', 'he'].includes(briefing.lang.split('-')[0]);
  const label = (key) => labels[key][briefing.lang] ?? labels[key].en;
  const scale = 0.97; // what briefing's fitting picks for the example (9.7 pt body)
  const fonts = rtl
    ? { body: 'NotoNaskhArabic-Regular.ttf', bodyBold: 'NotoNaskhArabic-Bold.ttf', sans: 'NotoSansArabic-Regular.ttf', sansBold: 'NotoSansArabic-Bold.ttf' }
    : { body: 'NotoSerif-Regular.ttf', bodyBold: 'NotoSerif-Bold.ttf', sans: 'NotoSans-Regular.ttf', sansBold: 'NotoSans-Bold.ttf' };
  const styles = {
    band: ['sansBold', 8.5, '#1b355e'],
    title: ['sansBold', 18, '#1b355e'],
    subtitle: ['sans', 11.5, '#3d3d3d'],
    meta: ['sans', 10, '#3d3d3d'],
    heading: ['sansBold', 12, '#1b355e'],
    label: ['sansBold', 9, '#3d3d3d'],
    body: ['body', 10, '#111111'],
    cite: ['sans', 8.5, '#3d3d3d'],
    small: ['sans', 8, '#3d3d3d'],
  };
  const paragraphs = [];
  const add = (style, text, extra = {}) => {
    if (!text) return;
    const [font, size, color] = styles[style];
    paragraphs.push({ font, size: size * scale, color, text, ...extra });
  };
  const comma = label('comma');
  const person = (p) => (p.role ? `${p.name}${comma}${p.role}` : p.name);
  const fact = (key, value) => {
    if (!value) return;
    add('label', label(key));
    add('body', value);
  };
  const { visit, mission, quotes = [], source } = briefing;
  add('band', briefing.classification ?? label('classification'), { align: 'center' });
  add('title', briefing.title);
  add('subtitle', briefing.subtitle);
  add('meta', `${label('briefing')} · ${briefing.date}`, { after: 0.3 });
  add('heading', label('visitSummary'));
  fact('visitor', person(visit.visitor));
  fact('accompaniedBy', visit.accompaniedBy?.map(person).join(label('semicolon')));
  fact('dates', [visit.from, visit.to].filter(Boolean).join('–'));
  fact('place', [visit.city, visit.country].filter(Boolean).join(comma));
  fact('meetings', visit.meetings?.map(person).join(label('semicolon')));
  fact('topics', visit.topics?.join(label('comma')));
  for (const p of visit.summary.split(/\n\s*\n/)) add('body', p.trim(), { align: 'justify' });
  if (mission) {
    add('heading', `${label('mission')}: ${mission.name}${mission.acronym ? ` (${mission.acronym})` : ''}`);
    fact('nature', mission.nature);
    fact('established', [mission.established, mission.headquarters].filter(Boolean).join(comma));
    fact('launched', mission.launched);
    fact('commander', mission.commander && person(mission.commander));
    add('label', label('mandate'));
    for (const p of mission.mandate.split(/\n\s*\n/)) add('body', p.trim(), { align: 'justify' });
    add('label', label('advises'));
    for (const item of mission.advises ?? []) add('body', `• ${item}`);
    add('label', label('objectives'));
    for (const [i, item] of (mission.objectives ?? []).entries()) add('body', `${i + 1}. ${item}`);
  }
  if (quotes.length > 0) add('heading', label('keyQuotes'));
  for (const q of quotes) {
    add('body', `${label('openQuote')}${q.text}${label('closeQuote')}`, { align: 'justify' });
    add('cite', `— ${person({ name: q.speaker, role: q.role })}`);
  }
  add('small', source ? `${label('source')}: ${[source.name, source.section].filter(Boolean).join(comma)}` : label('fingerprint'));
  return {
    lang: briefing.lang,
    dir: rtl ? 'rtl' : 'ltr',
    title: briefing.title,
    creationDate: `${briefing.date}T00:00:00Z`,
    fonts,
    paragraphs,
  };
}

