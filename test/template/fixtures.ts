import type { Briefing } from '../../src/data/types.js';

/** A full Arabic briefing (every optional field present). */
export function arabicBriefing(): Briefing {
  return {
    lang: 'ar',
    digits: 'latn',
    calendar: ['gregory'],
    template: 'visit',
    page: 'A4',
    classification: 'سري',
    title: 'زيارة قائد بعثة الناتو',
    subtitle: 'بغداد',
    date: '2025-02-06',
    source: { name: 'وزارة الخارجية', section: 'الأخبار', url: 'https://example.org/a?b=1&c=2' },
    visit: {
      visitor: { name: 'John Smith', role: 'قائد البعثة' },
      accompaniedBy: [{ name: 'جين دو', role: 'مستشارة' }],
      country: 'العراق',
      city: 'بغداد',
      from: '2025-02-04',
      to: '2025-02-05',
      meetings: [{ name: 'وزير الدفاع', role: 'وزير' }, { name: 'NSA' }],
      topics: ['الأمن الإقليمي', 'التدريب', 'NATO Mission Iraq'],
      summary: 'الفقرة الأولى.\nسطر ثان.\n\n   \nالفقرة الثانية عن NMI.\n',
    },
    mission: {
      name: 'بعثة الناتو في العراق',
      acronym: 'NMI',
      established: '2018-10',
      launched: 'تموز 2018',
      headquarters: 'بغداد',
      commander: { name: 'Lt. Gen. X', role: 'قائد', nationality: 'إيطالي' },
      nature: 'غير قتالية',
      mandate: 'تقديم المشورة.\n\nبناء القدرات.',
      advises: ['وزارة الدفاع'],
      objectives: ['بناء القدرات', 'الإصلاح'],
    },
    quotes: [{ text: 'نحن هنا للدعم', speaker: 'John Smith', role: 'قائد', context: 'مؤتمر صحفي' }],
  };
}

/** An English briefing with only the required fields. */
export function minimalBriefing(): Briefing {
  return {
    lang: 'en',
    digits: 'latn',
    calendar: ['gregory'],
    page: 'Letter',
    title: 'Visit',
    date: '2025-02-06',
    visit: {
      visitor: { name: 'Jane Doe' },
      country: 'Iraq',
      from: '2025-02-04',
      summary: 'One paragraph.',
    },
  };
}
