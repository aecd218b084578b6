// The coordinator's saved filters, kept by the server per user: one click applies one (a link to the list with
// that filter); the current filter can be saved under a name, and a saved one deleted.
// Data down: show(filter), the filter a save would keep.
import { apiDelete, apiGet, apiPost, asApiError } from '/js/api.js';
import { setText } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { emptyFilter, filterFromSearch, filterToQuery, pageUrl } from './coordinator-core.js';

/**
 * @typedef {object} SavedFilter
 * @property {string} id
 * @property {string} name
 * @property {string} query
 */

/** @param {HTMLElement} element the div.saved-filters */
export function mountSavedFilters(element) {
  const list = /** @type {HTMLElement} */ (element.querySelector('.saved-filters-list'));
  const empty = /** @type {HTMLElement} */ (element.querySelector('.saved-filters-empty'));
  const form = /** @type {HTMLFormElement} */ (element.querySelector('.saved-filters-form'));
  const name = /** @type {HTMLInputElement} */ (form.elements.namedItem('name'));
  const problem = /** @type {HTMLElement} */ (element.querySelector('.saved-filters-problem'));
  const state = {
    /** @type {SavedFilter[]} */
    saved: [],
    current: emptyFilter(),
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (name.value.trim() === '') {
      report(t('coordinator.saved.nameRequired'));
      return;
    }

    try {
      await apiPost('/api/me/filters', { name: name.value.trim(), query: filterToQuery(state.current) });
      name.value = '';
      problem.hidden = true;
      name.removeAttribute('aria-invalid');
      await load();
    } catch (error) {
      report(asApiError(error).detail || asApiError(error).title);
    }
  });
  document.addEventListener('languagechange', render);
  load();

  async function load() {
    try {
      state.saved = await apiGet('/api/me/filters');
    } catch {
      state.saved = []; // the list works without them
    }

    render();
  }

  /** @param {string} message */
  function report(message) {
    setText(problem, message);
    problem.hidden = false;
    name.setAttribute('aria-invalid', 'true');
    name.focus();
  }

  function render() {
    empty.hidden = state.saved.length > 0;
    list.replaceChildren(...state.saved.map((filter) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = pageUrl(filterFromSearch(filter.query));
      link.dataset.nav = '';
      link.textContent = filter.name;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button -secondary -small';
      remove.textContent = t('coordinator.saved.delete');
      remove.setAttribute('aria-label', t('coordinator.saved.deleteNamed', { name: filter.name }));
      remove.addEventListener('click', async () => {
        try {
          await apiDelete(`/api/me/filters/${encodeURIComponent(filter.id)}`);
        } finally {
          await load();
          name.focus();
        }
      });
      item.append(link, ' ', remove);
      return item;
    }));
  }

  /** @param {import('./coordinator-core.js').Filter} filter */
  function show(filter) {
    state.current = filter;
  }

  return { show };
}
