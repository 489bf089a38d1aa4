import { t } from '../i18n/index.js';
import type { Page } from './api.js';
import { h, icon, replace, type Child } from './dom.js';
import { errorBox, spinner, withBusy } from './ui.js';

// Lists are read one keyset page at a time (STYLE.md §5) and grow under a « show more » button. The button hides once
// the last page is in; a later page that fails says so beside it (or where onMoreError puts it) and keeps the rows shown.
export type ShowMoreOptions<T> = {
  fetchPage: (cursor: string | null) => Promise<Page<T>>;
  add: (items: T[]) => void;
  moreClass?: string;
  onMoreError?: (error: unknown) => void;
};

export function showMore<T>(options: ShowMoreOptions<T>): { more: HTMLButtonElement; next: () => Promise<number> } {
  const more = h(
    'button',
    { type: 'button', class: options.moreClass ?? 'btn btn-outline-primary', hidden: true },
    icon('chevron-down'),
    ' ',
    t('queue.more'),
  );
  const failed = options.onMoreError ?? ((error: unknown) => void more.after(errorBox(error)));
  let cursor: string | null = null;
  // Reads the next page and adds its items; resolves to how many there were.
  const next = async () => {
    const page = await options.fetchPage(cursor);
    cursor = page.nextCursor;
    options.add(page.items);
    more.hidden = !cursor;
    return page.items.length;
  };
  more.addEventListener('click', () => void withBusy(more, () => next().catch(failed)));
  return { more, next };
}

// The first page decides what the container shows: view(more), empty() when there is nothing (a list that cannot be
// empty leaves it out), or failed(error) in place of both. A read aborted by navigating away changes nothing.
export async function pagedList<T>(
  options: ShowMoreOptions<T> & {
    container: HTMLElement;
    view: (more: HTMLButtonElement) => Child;
    empty?: () => Node;
    failed: (error: unknown) => Node;
  },
): Promise<void> {
  const { more, next } = showMore(options);
  options.container.replaceChildren(spinner());
  let count: number;
  try {
    count = await next();
  } catch (error) {
    if ((error as Error).name !== 'AbortError') options.container.replaceChildren(options.failed(error));
    return;
  }
  replace(options.container, count || !options.empty ? options.view(more) : options.empty());
}

// The usual view of a paged table: scrolling sideways on a narrow screen, the button centred under it.
export const tableWithMore = (table: HTMLElement) => (more: HTMLButtonElement) =>
  h('div', null, h('div', { class: 'table-responsive' }, table), h('div', { class: 'd-flex justify-content-center' }, more));
