import { api, hasRoute } from '../../app/api.js';
import { h, icon } from '../../app/dom.js';
import { formatAmount, formatDate, formatDateTime } from '../../app/format.js';
import type { RouteContext } from '../../app/router.js';
import { hasRole } from '../../app/session.js';
import { alertBox, badge, card, definitionList, errorBox, load, pageHeader, showFieldErrors, withBusy } from '../../app/ui.js';
import { t } from '../../i18n/index.js';
import { loadProgramme, milestones, type Programme } from '../shared/calendar.js';

// Programme data (GET/PUT /api/programme): calendar milestones, tariff, VAT rate, eligible countries. AeS and the
// admin change it without a deploy; every service sees the change within moments.

// The calendar is in Luxembourg dates: a date picked here means midnight in Luxembourg (CET/CEST) that day.
export function luxembourgMidnight(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utcGuess = Date.UTC(y, m - 1, d, 0, 0, 0);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Luxembourg', timeZoneName: 'longOffset' }).formatToParts(
    new Date(utcGuess),
  );
  const offset = parts.find((p) => p.type === 'timeZoneName')?.value.replace('GMT', '') || '+00:00';
  return `${date}T00:00:00${offset === '' ? '+00:00' : offset}`;
}
export function luxembourgDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Luxembourg',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

// Every revision of the programme data, newest first, with what it changed against the one before (GET
// /api/programme/history; who changed it is in the audit trail).
type Revision = { revision: number; at: string; settings: Omit<Programme, 'now' | 'milestoneLabels' | 'revision'> };
function changes(p: Programme, before: Revision['settings'], after: Revision['settings']): string[] {
  const date = (v: string | null | undefined) => (v ? formatDate(v) : t('calendar.toBeSet'));
  const out: string[] = [];
  for (const m of milestones(p)) {
    const a = before.calendar[m.key] ?? null;
    const b = after.calendar[m.key] ?? null;
    if (a !== b) out.push(`${m.label} : ${date(a)} → ${date(b)}`);
  }
  const pairs: [string, string, string][] = [
    [t('programme.wave'), before.wave, after.wave],
    [
      t('programme.tariffPerConnection'),
      formatAmount(before.tariffPerConnectionCents),
      formatAmount(after.tariffPerConnectionCents),
    ],
    [t('programme.vatRate'), `${before.vatRatePercent} %`, `${after.vatRatePercent} %`],
    [t('programme.circuitWindow'), String(before.circuitWindowDays), String(after.circuitWindowDays)],
    [t('programme.countries'), before.eligibleCountries.join(', '), after.eligibleCountries.join(', ')],
  ];
  for (const [label, a, b] of pairs) if (a !== b) out.push(`${label} : ${a} → ${b}`);
  return out;
}

async function historyCard(p: Programme, container: HTMLElement) {
  if (!(await hasRoute('GET', '/api/programme/history'))) return;
  await load(
    container,
    () => api.get<Revision[]>('/api/programme/history'),
    (revisions) =>
      card(
        h('span', null, icon('clock-history'), ' ', t('programme.history')),
        h(
          'ol',
          { class: 'list-unstyled mb-0 d-flex flex-column gap-3', 'data-testid': 'programme-history' },
          revisions.map((r, i) => {
            const older = revisions[i + 1];
            const lines = older ? changes(p, older.settings, r.settings) : [];
            return h(
              'li',
              { 'data-revision': String(r.revision) },
              h('div', { class: 'fw-semibold' }, t('programme.revision', { n: r.revision }), ' — ', formatDateTime(r.at)),
              older
                ? lines.length
                  ? h(
                      'ul',
                      { class: 'small mb-0' },
                      lines.map((l) => h('li', null, l)),
                    )
                  : h('div', { class: 'small text-body-secondary' }, t('programme.history.same'))
                : h('div', { class: 'small text-body-secondary' }, t('programme.history.initial')),
            );
          }),
        ),
        { id: 'programme-history', class: 'mt-4' },
      ),
  );
}

export async function programmeSettingsPage(ctx: RouteContext) {
  const p = await loadProgramme(true);
  const history = h('div');
  const canEdit = hasRole('aes', 'admin');
  ctx.outlet.append(pageHeader(t('programme.title'), { subtitle: t('programme.subtitle', { wave: p.wave }) }));
  if (!canEdit) {
    ctx.outlet.append(
      alertBox('info', t('programme.readOnly')),
      h(
        'div',
        { class: 'row g-4' },
        h(
          'div',
          { class: 'col-lg-7' },
          card(
            t('calendar.title'),
            definitionList(
              milestones(p).map((m) => [m.label, m.date ? formatDate(m.date) : badge(t('calendar.toBeSet'), 'light')]),
            ),
          ),
        ),
        h(
          'div',
          { class: 'col-lg-5' },
          card(
            t('programme.tariff'),
            definitionList([
              [t('programme.tariffPerConnection'), formatAmount(p.tariffPerConnectionCents)],
              [t('programme.vatRate'), `${p.vatRatePercent} %`],
              [t('programme.circuitWindow'), String(p.circuitWindowDays)],
              [t('programme.countries'), p.eligibleCountries.join(', ')],
            ]),
          ),
        ),
      ),
      history,
    );
    await historyCard(p, history);
    return;
  }
  const form = h('form', { novalidate: true, 'data-testid': 'programme-form' });
  const errors = h('div', { 'aria-live': 'assertive' });
  const dateInputs = new Map<string, HTMLInputElement>();
  const calendarRows = milestones(p).map((m) => {
    const input = h('input', {
      type: 'date',
      class: 'form-control form-control-sm',
      name: `calendar.${m.key}`,
      id: `ms-${m.key}`,
      value: m.date ? luxembourgDate(m.date) : '',
    });
    dateInputs.set(m.key, input);
    return h(
      'div',
      { class: 'row g-2 align-items-center mb-2' },
      h('label', { class: 'col-sm-7 col-form-label col-form-label-sm', for: `ms-${m.key}` }, m.label),
      h('div', { class: 'col-sm-5' }, input, h('div', { class: 'invalid-feedback' })),
    );
  });
  const num = (name: string, value: number, step = '1') =>
    h('input', {
      type: 'number',
      class: 'form-control',
      name,
      id: `pg-${name}`,
      value: String(value),
      step,
      min: '0',
      required: true,
    });
  const wave = h('input', { class: 'form-control', name: 'wave', id: 'pg-wave', value: p.wave, required: true });
  const tariff = num('tariffPerConnectionCents', p.tariffPerConnectionCents / 100, '0.01');
  const vat = num('vatRatePercent', p.vatRatePercent, '0.01');
  const window = num('circuitWindowDays', p.circuitWindowDays);
  const countries = h(
    'textarea',
    { class: 'form-control', name: 'eligibleCountries', id: 'pg-countries', rows: '3' },
    p.eligibleCountries.join(', '),
  );
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, icon('save'), ' ', t('common.save'));
  const labelled = (label: string, control: HTMLElement, help?: string) =>
    h(
      'div',
      { class: 'mb-3' },
      h('label', { class: 'form-label', for: control.id }, label),
      control,
      help ? h('div', { class: 'form-text' }, help) : null,
      h('div', { class: 'invalid-feedback' }),
    );
  form.append(
    errors,
    h(
      'div',
      { class: 'row g-4' },
      h(
        'div',
        { class: 'col-lg-7' },
        card(h('span', null, icon('calendar-event'), ' ', t('calendar.title')), [
          h('p', { class: 'small text-body-secondary' }, t('programme.calendar.help')),
          ...calendarRows,
        ]),
      ),
      h(
        'div',
        { class: 'col-lg-5' },
        card(h('span', null, icon('cash-coin'), ' ', t('programme.tariff')), [
          labelled(t('programme.wave'), wave),
          labelled(t('programme.tariffPerConnection'), tariff, t('programme.tariff.help')),
          labelled(t('programme.vatRate'), vat),
          labelled(t('programme.circuitWindow'), window),
          labelled(t('programme.countries'), countries, t('programme.countries.help')),
        ]),
      ),
    ),
    h('div', { class: 'mt-3 d-flex gap-2' }, submit),
  );
  ctx.outlet.append(form, history);
  void historyCard(p, history);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    const calendar: Record<string, string | null> = {};
    for (const [key, input] of dateInputs) {
      const original = p.calendar[key] ?? null;
      // Unchanged dates keep their exact instant (some milestones end at 23:59:59).
      calendar[key] = !input.value
        ? null
        : original && luxembourgDate(original) === input.value
          ? original
          : luxembourgMidnight(input.value);
    }
    const body: Omit<Programme, 'now' | 'milestoneLabels' | 'revision'> = {
      wave: wave.value.trim(),
      calendar,
      tariffPerConnectionCents: Math.round(Number(tariff.value) * 100),
      vatRatePercent: Number(vat.value),
      eligibleCountries: countries.value
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
      circuitWindowDays: Number(window.value),
    };
    void withBusy(submit, async () => {
      try {
        await api.put('/api/programme', body);
        await historyCard(await loadProgramme(true), history);
        errors.replaceChildren(alertBox('success', t('programme.saved')));
      } catch (error) {
        showFieldErrors(form, error);
        errors.replaceChildren(errorBox(error));
      }
    });
  });
}
