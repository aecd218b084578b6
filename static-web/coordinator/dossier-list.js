// The dossiers of the current filter, page by page, with the counts per status (each a link that filters on it)
// and the CSV export of the same filter. Data down: load(filter). Actions up: `listChange` with { items } for
// the map, bubbling. A dossier is a link to the page with `dossier=` added, opened in place by coordinator.js.
import { apiGet, asApiError } from '/js/api.js';
import { setText } from '/js/dom.js';
import { currentLanguage, currentLocale, plural, t } from '/js/i18n.js';
import { countsInOrder, emptyFilter, exportPath, listPath, pageUrl } from './coordinator-core.js';

/**
 * @param {HTMLElement} element the section.dossier-list
 * @param {import('./coordinator.js').Reference} reference
 */
export function mountDossierList(element, reference) {
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const counts = part('.status-counts');
  const status = part('.dossier-list-status');
  const items = part('.dossier-list-items');
  const more = /** @type {HTMLButtonElement} */ (part('.dossier-list-more'));
  const state = {
    filter: emptyFilter(),
    /** @type {any[]} */
    items: [],
    /** @type {Record<string, number>} */
    counts: {},
    /** @type {string | null} */
    next: null,
    /** @type {Set<string>} ticked for a bulk action */
    selected: new Set(),
    loading: false,
    /** @type {import('/js/api.js').ApiError | null} */
    error: null,
    request: 0,
  };

  more.addEventListener('click', () => fetchPage(true));

  /** @param {import('./coordinator-core.js').Filter} filter */
  function load(filter) {
    state.filter = filter;
    state.items = [];
    state.next = null;
    state.selected.clear();
    selectionChanged();
    /** @type {HTMLAnchorElement} */ (part('.dossier-list-export-comma')).href = exportPath(filter, 'comma');
    /** @type {HTMLAnchorElement} */ (part('.dossier-list-export-semicolon')).href = exportPath(filter, 'semicolon');
    fetchPage(false);
  }

  /** @param {boolean} append */
  async function fetchPage(append) {
    const request = ++state.request;
    state.loading = true;
    state.error = null;
    render();
    try {
      const page = await apiGet(listPath(state.filter, append ? state.next : null));
      if (request !== state.request) {
        return; // a newer filter won
      }

      state.items = append ? [...state.items, ...page.items] : page.items;
      state.counts = page.counts?.byStatus ?? {};
      state.next = page.continuationToken ?? null;
    } catch (error) {
      if (request === state.request) {
        state.error = asApiError(error);
      }
    } finally {
      if (request === state.request) {
        state.loading = false;
        render();
        element.dispatchEvent(new CustomEvent('listChange', { bubbles: true, detail: { items: state.items } }));
      }
    }
  }

  function render() {
    const { items: ordered, total } = countsInOrder(state.counts);
    counts.replaceChildren(...ordered.filter((c) => c.count > 0).map(({ status: value, count }) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = pageUrl({ ...state.filter, status: value });
      link.dataset.nav = '';
      link.textContent = `${t(`coordinator.status.${value}`)}: ${count.toLocaleString(currentLocale())}`;
      if (state.filter.status === value) {
        link.setAttribute('aria-current', 'true');
      }

      item.append(link);
      return item;
    }));
    setText(status, state.loading ? t('coordinator.list.loading')
      : state.error ? t('coordinator.list.failed', { reason: state.error.detail || state.error.title })
        : state.items.length === 0 ? t('coordinator.list.empty')
          : plural('coordinator.list.shown', state.items.length, { total: total.toLocaleString(currentLocale()) }));
    items.replaceChildren(...state.items.map(renderItem));
    more.hidden = state.next === null;
    more.disabled = state.loading;
  }

  /** @param {any} dossier */
  function renderItem(dossier) {
    const item = document.createElement('li');
    item.className = 'dossier-item';
    const tick = document.createElement('input');
    tick.type = 'checkbox';
    tick.className = 'dossier-item-select';
    tick.checked = state.selected.has(dossier.id);
    tick.setAttribute('aria-label', t('coordinator.bulk.select', { reference: dossier.reference }));
    tick.addEventListener('change', () => {
      if (tick.checked) {
        state.selected.add(dossier.id);
      } else {
        state.selected.delete(dossier.id);
      }

      selectionChanged();
    });
    item.append(tick, ' ');
    const link = document.createElement('a');
    link.href = pageUrl(state.filter, dossier.id);
    link.dataset.nav = '';
    link.dataset.dossier = dossier.id;
    link.className = 'dossier-item-link';
    link.textContent = `${dossier.reference} · ${reference.categories.get(dossier.category) ?? dossier.category}`;
    const badge = document.createElement('span');
    badge.className = `badge -status-${dossier.status}`;
    badge.textContent = t(`coordinator.status.${dossier.status}`);
    const facts = document.createElement('p');
    facts.className = 'dossier-item-facts';
    const where = neighbourhoodName(reference, dossier.neighbourhoodId);
    const partner = reference.partners.get(dossier.partnerId)?.name ?? dossier.partnerId;
    const opened = new Date(dossier.createdAt).toLocaleDateString(currentLocale(), { timeZone: 'Europe/Brussels', day: 'numeric', month: 'short', year: 'numeric' });
    facts.textContent = [where, partner, opened].filter(Boolean).join(' · ');
    item.append(link, ' ', badge, facts);
    if (dossier.address || dossier.summary) {
      const text = document.createElement('p');
      text.className = 'dossier-item-text';
      text.textContent = [dossier.address, dossier.summary].filter(Boolean).join(' — ');
      item.append(text);
    }

    if (dossier.overdue || dossier.escalated) {
      const flags = document.createElement('p');
      flags.className = 'dossier-item-flags';
      flags.textContent = [dossier.overdue ? plural('coordinator.list.overdue', dossier.daysOverdue) : '', dossier.escalated ? t('coordinator.list.escalated') : '']
        .filter(Boolean).join(' · ');
      item.append(flags);
    }

    return item;
  }

  function selectionChanged() {
    const selection = state.items.filter((d) => state.selected.has(d.id)).map((d) => ({ id: d.id, reference: d.reference }));
    element.dispatchEvent(new CustomEvent('selectionChange', { bubbles: true, detail: { selection } }));
  }

  /**
   * A dossier changed from its detail: its line shows the change when the coordinator comes back.
   * @param {any} dossier
   */
  function update(dossier) {
    const index = state.items.findIndex((d) => d.id === dossier.id);
    if (index >= 0) {
      state.items[index] = { ...state.items[index], status: dossier.status, escalated: dossier.escalated, partnerId: dossier.partnerId };
      render();
    }
  }

  return { load, update, relabel: render, items: () => state.items };
}

/**
 * @param {import('./coordinator.js').Reference} reference
 * @param {string | null} id
 */
export function neighbourhoodName(reference, id) {
  const feature = (reference.neighbourhoods.features ?? []).find((/** @type {any} */ f) => f.properties.id === id);
  return feature ? feature.properties.name?.[currentLanguage()] ?? id : id ?? '';
}
