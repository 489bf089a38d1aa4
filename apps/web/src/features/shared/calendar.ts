import { api } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { formatAmount, formatDate, relativeDays } from '../../app/format.js';
import { badge, card, load } from '../../app/ui.js';
import { pick, t, type Localized } from '../../i18n/index.js';

// The programme calendar (GET /api/programme, public): milestones with their Luxembourg dates, set by AeS.
export type Programme = {
  wave: string;
  calendar: Record<string, string | null>;
  tariffPerConnectionCents: number;
  vatRatePercent: number;
  eligibleCountries: string[];
  circuitWindowDays: number;
  now?: string;
  milestoneLabels?: Record<string, Localized>;
  revision?: number;
};

let cached: Promise<Programme> | null = null;
export const loadProgramme = (fresh = false): Promise<Programme> => {
  if (fresh || !cached)
    cached = api.get<Programme>('/api/programme').catch((e: unknown) => {
      cached = null;
      throw e;
    });
  return cached;
};

export type Milestone = { key: string; label: string; date: string | null; past: boolean };
export function milestones(p: Programme, now = new Date(p.now ?? Date.now())): Milestone[] {
  const list = Object.entries(p.calendar).map(([key, date]) => ({
    key,
    label: pick(p.milestoneLabels?.[key]) || key,
    date,
    past: date ? new Date(date).getTime() < now.getTime() : false,
  }));
  // Dated milestones in order, then the undated ones (to be set by operators).
  return list.sort((a, b) => (a.date && b.date ? a.date.localeCompare(b.date) : a.date ? -1 : b.date ? 1 : 0));
}

// `only`: show these milestones (the ones that matter for a screen); default: every upcoming one and the undated.
export async function calendarCard(container: HTMLElement, options: { only?: string[]; title?: string } = {}) {
  await load(
    container,
    () => loadProgramme(),
    (p) => {
      const now = new Date(p.now ?? Date.now());
      const all = milestones(p, now);
      const shown = options.only ? all.filter((m) => options.only?.includes(m.key)) : all.filter((m) => !m.past);
      const past = options.only ? [] : all.filter((m) => m.past);
      const row = (m: Milestone) =>
        h(
          'li',
          {
            class: `list-group-item d-flex justify-content-between gap-2 ${m.past ? 'text-body-secondary' : ''}`,
            'data-milestone': m.key,
          },
          h('span', null, m.label),
          m.date
            ? h(
                'span',
                { class: 'text-nowrap text-end' },
                h('time', { datetime: m.date, class: 'fw-semibold' }, formatDate(m.date)),
                h('br'),
                h('small', { class: 'text-body-secondary' }, relativeDays(m.date, now)),
              )
            : badge(t('calendar.toBeSet'), 'light'),
        );
      return card(
        h('span', null, icon('calendar-event'), ' ', options.title ?? t('calendar.title')),
        [
          h('ul', { class: 'list-group list-group-flush' }, shown.map(row)),
          past.length
            ? h(
                'details',
                { class: 'mt-2 small' },
                h('summary', null, t('calendar.past', { n: past.length })),
                h('ul', { class: 'list-group list-group-flush' }, past.map(row)),
              )
            : null,
          h(
            'p',
            { class: 'small text-body-secondary mt-2 mb-0' },
            t('calendar.tariff', { amount: formatAmount(p.tariffPerConnectionCents) }),
          ),
        ],
        { id: 'calendar' },
      );
    },
  );
}
