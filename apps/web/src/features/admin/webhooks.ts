import { api, hasRoute, query, type Page } from '../../app/api.js';
import { append, h, icon } from '../../app/dom.js';
import { formatDateTime } from '../../app/format.js';
import { pagedList, tableWithMore } from '../../app/paged-list.js';
import { navigate, setFlash, type RouteContext } from '../../app/router.js';
import { hasRole, type Role } from '../../app/session.js';
import {
  alertBox,
  badge,
  card,
  clearInvalid,
  columnHeaders,
  definitionList,
  emptyState,
  errorBox,
  field,
  invalid,
  notAvailable,
  pageHeader,
  showFieldErrors,
  spinner,
  withBusy,
  type Tone,
} from '../../app/ui.js';
import { t } from '../../i18n/index.js';

// Webhook subscribers for downstream systems that do not speak NATS (issue 8; docs/events.md): the platform admin and
// AeS register a callback (checked at once: a signed call must get 2xx, an unsigned one 401/403), follow each
// subscriber's delivery log, and resend dead letters once the subscriber is fixed. The read-only role only reads.
// The shapes mirror @sons/contracts webhookSubscriptionSchema and webhookDeliverySchema.
type SubscriptionStatus = 'pending_verification' | 'active';
type DeliveryStatus = 'pending' | 'delivered' | 'dead';
type Subscription = {
  id: string;
  callbackUrl: string;
  description: string | null;
  eventTypes: string[];
  vendorId: string | null;
  status: SubscriptionStatus;
  secretHint: string;
  createdAt: string;
  createdBy: string;
  verifiedAt: string | null;
  counts?: { pending: number; delivered: number; dead: number };
};
type Attempt = { at: string; statusCode: number | null; error: string | null; durationMs: number };
type Delivery = {
  id: string;
  eventId: string;
  eventType: string;
  caseId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  log?: Attempt[];
};

const base = '/api/webhooks';
const LIST = '/back-office/webhooks';
export const WEBHOOK_READERS: readonly Role[] = ['admin', 'aes', 'readonly'];
const MANAGERS: Role[] = ['admin', 'aes'];
const SUBSCRIPTION_TONE: Record<SubscriptionStatus, Tone> = { pending_verification: 'warning', active: 'success' };
const DELIVERY_TONE: Record<DeliveryStatus, Tone> = { pending: 'info', delivered: 'success', dead: 'danger' };
const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'dead'];

const manages = async (path: string) => hasRole(...MANAGERS) && (await hasRoute('POST', path));
const subscriptionBadge = (s: SubscriptionStatus) =>
  badge(t(`webhooks.status.${s}`), SUBSCRIPTION_TONE[s], { 'data-subscription-status': s });
const deliveryBadge = (s: DeliveryStatus) => badge(t(`webhooks.delivery.${s}`), DELIVERY_TONE[s], { 'data-delivery-status': s });
const lastResult = (d: { lastStatusCode: number | null; lastError: string | null }) =>
  d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? '—');

// Registration: without a secret the platform generates one, shown once; the subscriber is then checked with « Vérifier ».
function registerForm(shown: HTMLElement): HTMLFormElement {
  const url = h('input', { class: 'form-control', type: 'url', name: 'callbackUrl', maxlength: '2000', autocomplete: 'off' });
  const types = h('textarea', { class: 'form-control font-monospace', name: 'eventTypes', rows: '3' });
  types.value = '*';
  const vendor = h('input', { class: 'form-control', name: 'vendorId', autocomplete: 'off' });
  const description = h('input', { class: 'form-control', name: 'description', maxlength: '500' });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', 'data-action': 'register_webhook' },
    icon('plus-lg'),
    ' ',
    t('webhooks.register.submit'),
  );
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'webhook-form' },
    errors,
    field(t('webhooks.field.callbackUrl'), url, t('webhooks.field.callbackUrl.help')),
    field(t('webhooks.field.eventTypes'), types, t('webhooks.field.eventTypes.help')),
    field(t('webhooks.field.vendorId'), vendor, t('webhooks.field.vendorId.help')),
    field(t('webhooks.field.description'), description),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.replaceChildren();
    clearInvalid(form);
    if (!/^https?:\/\/\S+$/.test(url.value.trim())) return invalid(url, t('webhooks.field.callbackUrl.invalid'));
    const eventTypes = types.value
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (!eventTypes.length) return invalid(types, t('action.input.required'));
    void withBusy(submit, async () => {
      try {
        const { subscription, secret } = await api.post<{ subscription: Subscription; secret: string }>(base, {
          callbackUrl: url.value.trim(),
          eventTypes,
          ...(vendor.value.trim() ? { vendorId: vendor.value.trim() } : {}),
          ...(description.value.trim() ? { description: description.value.trim() } : {}),
        });
        // The secret is never shown again: it stays on screen (not in a flash that the next page would drop).
        shown.replaceChildren(
          alertBox(
            'warning',
            t('webhooks.secret.title'),
            h(
              'div',
              null,
              h('p', { class: 'mb-2' }, t('webhooks.secret.text')),
              h('code', { class: 'user-select-all', 'data-testid': 'webhook-secret' }, secret),
            ),
            h('a', { class: 'btn btn-sm btn-outline-primary mt-2', href: `${LIST}/${subscription.id}` }, t('webhooks.open')),
          ),
        );
        form.reset();
        types.value = '*';
        shown.scrollIntoView?.();
      } catch (error) {
        if (!showFieldErrors(form, error)) errors.replaceChildren(errorBox(error));
      }
    });
  });
  return form;
}

export async function webhooksPage(ctx: RouteContext) {
  const shown = h('div', { 'aria-live': 'polite' });
  const body = h('div', null, spinner());
  ctx.outlet.append(pageHeader(t('webhooks.title'), { subtitle: t('webhooks.subtitle') }), shown, body);
  if (!(await hasRoute('GET', base))) return void body.replaceChildren(notAvailable(t('webhooks.title')));
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'table align-middle', 'data-testid': 'webhooks' },
    h(
      'thead',
      null,
      columnHeaders([
        t('webhooks.col.callback'),
        t('webhooks.col.events'),
        t('webhooks.col.status'),
        t('webhooks.col.pending'),
        t('webhooks.col.delivered'),
        t('webhooks.col.dead'),
        t('webhooks.col.created'),
      ]),
    ),
    tbody,
  );
  const row = (s: Subscription) =>
    h(
      'tr',
      { 'data-subscription': s.id },
      h(
        'td',
        null,
        h('a', { href: `${LIST}/${s.id}`, class: 'fw-semibold text-break' }, s.callbackUrl),
        s.description ? h('div', { class: 'small text-body-secondary' }, s.description) : null,
      ),
      h(
        'td',
        { class: 'small' },
        s.eventTypes.map((e) => h('div', null, h('code', null, e))),
      ),
      h('td', null, subscriptionBadge(s.status)),
      h('td', { class: 'text-end' }, String(s.counts?.pending ?? 0)),
      h('td', { class: 'text-end' }, String(s.counts?.delivered ?? 0)),
      h('td', { class: 'text-end' }, String(s.counts?.dead ?? 0)),
      h(
        'td',
        { class: 'text-nowrap small' },
        formatDateTime(s.createdAt),
        h('div', { class: 'text-body-secondary' }, s.createdBy),
      ),
    );
  const list = h('div');
  body.replaceChildren(
    (await manages(base))
      ? card(h('span', null, icon('broadcast'), ' ', t('webhooks.register.title')), registerForm(shown), {
          id: 'register',
          class: 'mb-4',
        })
      : '',
    list,
  );
  await pagedList({
    container: list,
    fetchPage: (cursor) => api.get<Page<Subscription>>(`${base}${query({ limit: 50, cursor })}`, { signal: ctx.signal }),
    add: (items) => tbody.append(...items.map(row)),
    view: tableWithMore(table),
    empty: () => emptyState({ icon: 'broadcast', title: t('webhooks.empty'), text: t('webhooks.empty.text') }),
    failed: (error) => errorBox(error, () => navigate(ctx.path, { replace: true })),
  });
}

// The subscriber is read from the list (there are few): the API has no single-subscriber route.
async function findSubscription(id: string, signal: AbortSignal): Promise<Subscription | null> {
  let cursor: string | null = null;
  do {
    const page: Page<Subscription> = await api.get<Page<Subscription>>(`${base}${query({ limit: 100, cursor })}`, { signal });
    const found = page.items.find((s) => s.id === id);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return null;
}

// A button that posts and reloads the page, with the outcome in a flash.
function postButton(options: {
  ctx: RouteContext;
  errors: HTMLElement;
  label: string;
  icon: string;
  tone: string;
  action: string;
  run: () => Promise<string>;
  confirm?: string;
}): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: `btn btn-sm btn-${options.tone}`, 'data-action': options.action },
    icon(options.icon),
    ' ',
    options.label,
  );
  button.addEventListener('click', () => {
    if (options.confirm && !window.confirm(options.confirm)) return;
    void withBusy(button, async () => {
      try {
        setFlash('success', await options.run());
        navigate(options.ctx.path, { replace: true });
      } catch (error) {
        options.errors.replaceChildren(errorBox(error));
      }
    });
  });
  return button;
}

export async function webhookDetailPage(ctx: RouteContext) {
  const id = ctx.params.id ?? '';
  const subscription = await findSubscription(id, ctx.signal);
  if (!subscription) {
    ctx.outlet.append(
      pageHeader(t('webhooks.title'), { breadcrumb: [{ href: LIST, label: t('webhooks.title') }] }),
      emptyState({ icon: 'broadcast', title: t('webhooks.notFound') }),
    );
    return;
  }
  const errors = h('div', { 'aria-live': 'assertive' });
  const canManage = await manages(`${base}/:id/resend`);
  const actions = canManage
    ? h(
        'div',
        { class: 'd-flex flex-wrap gap-2' },
        subscription.status === 'pending_verification'
          ? postButton({
              ctx,
              errors,
              label: t('webhooks.verify'),
              icon: 'shield-check',
              tone: 'primary',
              action: 'verify_webhook',
              run: async () => (await api.post(`${base}/${id}/verify`), t('webhooks.verified')),
            })
          : null,
        (subscription.counts?.dead ?? 0) > 0
          ? postButton({
              ctx,
              errors,
              label: t('webhooks.resendDead'),
              icon: 'arrow-repeat',
              tone: 'warning',
              action: 'resend_dead',
              run: async () => t('webhooks.resent', { n: (await api.post<{ resent: number }>(`${base}/${id}/resend`)).resent }),
            })
          : null,
        postButton({
          ctx: { ...ctx, path: LIST },
          errors,
          label: t('webhooks.delete'),
          icon: 'trash',
          tone: 'outline-danger',
          action: 'delete_webhook',
          confirm: t('webhooks.delete.confirm'),
          run: async () => (await api.delete(`${base}/${id}`), t('webhooks.deleted')),
        }),
      )
    : null;
  const status = ctx.query.get('status') ?? '';
  const filter = h(
    'select',
    { class: 'form-select', id: 'delivery-status' },
    h('option', { value: '' }, t('queue.filter.allStatuses')),
    DELIVERY_STATUSES.map((s) => h('option', { value: s, selected: s === status }, t(`webhooks.delivery.${s}`))),
  );
  filter.addEventListener('change', () => navigate(`${LIST}/${id}${query({ status: filter.value })}`, { replace: true }));
  const deliveries = h('div', null, spinner());
  append(ctx.outlet, [
    pageHeader(subscription.description ?? subscription.callbackUrl, {
      subtitle: h('span', null, t('webhooks.subscriber'), ' ', subscriptionBadge(subscription.status)),
      breadcrumb: [{ href: LIST, label: t('webhooks.title') }],
      actions,
    }),
    errors,
    subscription.status === 'pending_verification'
      ? alertBox('warning', t('webhooks.pending.title'), t('webhooks.pending.text'))
      : null,
    card(
      t('webhooks.facts'),
      definitionList([
        [t('webhooks.col.callback'), h('code', { class: 'text-break' }, subscription.callbackUrl)],
        [t('webhooks.col.events'), subscription.eventTypes.join(', ')],
        [t('webhooks.field.vendorId'), subscription.vendorId ?? t('webhooks.allVendors')],
        [t('webhooks.secretHint'), h('code', null, subscription.secretHint)],
        [t('webhooks.col.created'), `${formatDateTime(subscription.createdAt)} — ${subscription.createdBy}`],
        [t('webhooks.verifiedAt'), subscription.verifiedAt ? formatDateTime(subscription.verifiedAt) : '—'],
      ]),
      { class: 'mb-4' },
    ),
    h('h2', { class: 'h5' }, t('webhooks.deliveries')),
    h(
      'div',
      { class: 'mb-2', style: 'max-width: 20rem' },
      h('label', { class: 'form-label small', for: 'delivery-status' }, t('queue.filter.status')),
      filter,
    ),
    deliveries,
  ]);
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'table table-sm align-middle', 'data-testid': 'webhook-deliveries' },
    h(
      'thead',
      null,
      columnHeaders([
        t('webhooks.col.event'),
        t('webhooks.col.status'),
        t('webhooks.col.attempts'),
        t('webhooks.col.lastResult'),
        t('webhooks.col.created'),
        t('webhooks.col.next'),
        ...(canManage ? [t('actions.title')] : []),
      ]),
    ),
    tbody,
  );
  const row = (d: Delivery) =>
    h(
      'tr',
      { 'data-delivery': d.id, 'data-event-type': d.eventType },
      h(
        'td',
        { class: 'small' },
        h('code', null, d.eventType),
        h('div', { class: 'text-body-secondary' }, t('webhooks.case'), ' ', h('code', null, d.caseId)),
        d.log?.length
          ? h(
              'details',
              null,
              h('summary', null, t('webhooks.attempts', { n: d.log.length })),
              h(
                'ol',
                { class: 'mb-0' },
                d.log.map((a) =>
                  h(
                    'li',
                    null,
                    `${formatDateTime(a.at)} — ${lastResult({ lastStatusCode: a.statusCode, lastError: a.error })} (${a.durationMs} ms)`,
                  ),
                ),
              ),
            )
          : null,
      ),
      h('td', null, deliveryBadge(d.status)),
      h('td', { class: 'text-end' }, String(d.attempts)),
      h('td', { class: 'small' }, lastResult(d)),
      h('td', { class: 'text-nowrap small' }, formatDateTime(d.createdAt)),
      h(
        'td',
        { class: 'text-nowrap small' },
        d.deliveredAt ? formatDateTime(d.deliveredAt) : d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—',
      ),
      canManage
        ? h(
            'td',
            null,
            postButton({
              ctx,
              errors,
              label: t('webhooks.resend'),
              icon: 'arrow-repeat',
              tone: 'outline-secondary',
              action: 'resend_delivery',
              run: async () => (await api.post(`${base}/${id}/deliveries/${d.id}/resend`), t('webhooks.resent', { n: 1 })),
            }),
          )
        : null,
    );
  await pagedList({
    container: deliveries,
    fetchPage: (cursor) =>
      api.get<Page<Delivery>>(`${base}/${id}/deliveries${query({ limit: 50, cursor, status })}`, { signal: ctx.signal }),
    add: (items) => tbody.append(...items.map(row)),
    view: tableWithMore(table),
    empty: () => emptyState({ icon: 'inbox', title: status ? t('queue.empty.filtered') : t('webhooks.deliveries.empty') }),
    failed: (error) => errorBox(error, () => navigate(ctx.path, { replace: true })),
  });
}
