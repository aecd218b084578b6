// The coordinator's page: the dossier list with its filters beside a map, and one dossier's detail, in one page
// whose address holds the filter and the open dossier (`/coordinator/?status=forwarded&dossier={id}`). The back
// button, shared links and the escalation mails' links all work; coming back from a dossier finds the list as
// it was left, scrolled to the same place, with focus on the dossier that was open.
// Regions: filter-bar.js, saved-filters.js, dossier-list.js, dossier-map.js, dossier-detail.js (with
// dossier-timeline.js and dossier-actions.js). They talk up with DOM events; this module owns the address.
import { apiGet, asApiError } from '/js/api.js';
import { setText } from '/js/dom.js';
import { applyTranslations, currentLanguage, mountLanguageSwitch, t } from '/js/i18n.js';
import { dossierFromSearch, filterFromSearch, pageUrl, sameFilter } from './coordinator-core.js';
import { mountBulkBar } from './bulk-bar.js';
import { mountDossierDetail } from './dossier-detail.js';
import { mountDossierList } from './dossier-list.js';
import { mountDossierMap } from './dossier-map.js';
import { mountFilterBar } from './filter-bar.js';
import { mountSavedFilters } from './saved-filters.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountCoordinator(/** @type {HTMLElement | null} */ (document.querySelector('.coordinator')));

/**
 * @typedef {object} Reference  what the page names things with
 * @property {Map<string, string>} categories    code → label in the current language
 * @property {Map<string, any>} partners         id → partner (name, serviceLevels)
 * @property {any} neighbourhoods                GeoJSON FeatureCollection
 */

/** @param {HTMLElement | null} element the main.coordinator */
export async function mountCoordinator(element) {
  if (!element) {
    return;
  }

  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const panel = part('.coordinator-panel');
  const listRegion = part('.dossier-list');
  const filterRegion = part('.filter-bar');
  const detailRegion = part('.dossier-detail');

  /** @type {Reference} */
  const reference = { categories: new Map(), partners: new Map(), neighbourhoods: { type: 'FeatureCollection', features: [] } };
  const state = {
    filter: filterFromSearch(location.search),
    /** @type {string | null} */
    dossier: null,
    /** @type {string | null} the dossier last opened from the list: focus returns to it */
    lastOpened: null,
    listScroll: 0,
    listLoaded: false,
  };

  try {
    await loadReference(reference);
  } catch (error) {
    showAccessProblem(part('.coordinator-access'), asApiError(error));
    part('.coordinator-workspace').hidden = true;
    return;
  }

  const filters = mountFilterBar(filterRegion, reference);
  const saved = mountSavedFilters(part('.saved-filters'));
  const list = mountDossierList(listRegion, reference);
  const map = mountDossierMap(part('.dossier-map'), reference);
  const detail = mountDossierDetail(detailRegion, reference);
  const bulk = mountBulkBar(/** @type {HTMLFormElement} */ (part('.bulk-bar')), part('.bulk-results'), reference);

  element.addEventListener('filterApply', (event) => navigate(pageUrl(/** @type {CustomEvent} */ (event).detail.filter)));
  element.addEventListener('dossierOpen', (event) => openDossier(/** @type {CustomEvent} */ (event).detail.id));
  element.addEventListener('listChange', (event) => map.showDossiers(/** @type {CustomEvent} */ (event).detail.items));
  element.addEventListener('selectionChange', (event) => bulk.show(/** @type {CustomEvent} */ (event).detail.selection));
  element.addEventListener('bulkDone', () => list.load(state.filter));
  element.addEventListener('dossierChange', (event) => list.update(/** @type {CustomEvent} */ (event).detail.dossier));
  element.addEventListener('dossierShown', (event) => map.showDossier(/** @type {CustomEvent} */ (event).detail));
  // Links inside the page (list items, counts, saved filters, "back") move within it, keeping what is loaded.
  element.addEventListener('click', (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest?.('a[data-nav]');
    if (!(link instanceof HTMLAnchorElement) || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }

    event.preventDefault();
    if (link.dataset.dossier) {
      openDossier(link.dataset.dossier);
    } else if (link.classList.contains('dossier-detail-back') && history.state?.fromList) {
      history.back();
    } else {
      navigate(link.getAttribute('href') ?? '/coordinator/');
    }
  });
  window.addEventListener('popstate', route);
  document.addEventListener('languagechange', async () => {
    await loadCategories(reference);
    filters.relabel();
    list.relabel();
    detail.relabel();
  });

  route();

  /** @param {string} id */
  function openDossier(id) {
    if (!state.dossier) {
      state.listScroll = window.scrollY;
      state.lastOpened = id;
    }

    history.pushState({ fromList: !state.dossier }, '', pageUrl(state.filter, id));
    route();
  }

  /** @param {string} url */
  function navigate(url) {
    history.pushState({}, '', url);
    route();
  }

  function route() {
    const filter = filterFromSearch(location.search);
    const dossier = dossierFromSearch(location.search);
    if (!state.listLoaded || !sameFilter(filter, state.filter)) {
      state.filter = filter;
      state.listLoaded = true;
      filters.show(filter);
      saved.show(filter);
      list.load(filter);
    }

    state.dossier = dossier;
    listRegion.hidden = dossier !== null;
    filterRegion.hidden = dossier !== null;
    detailRegion.hidden = dossier === null;
    panel.classList.toggle('-detail', dossier !== null);
    if (dossier) {
      detail.open(dossier, state.filter);
      return;
    }

    detail.close();
    map.showDossiers(list.items());
    // Back at the list: where it was left, focus on the dossier that was open.
    requestAnimationFrame(() => {
      window.scrollTo(0, state.listScroll);
      const link = state.lastOpened ? listRegion.querySelector(`a[data-dossier="${state.lastOpened}"]`) : null;
      if (link instanceof HTMLElement) {
        link.focus({ preventScroll: true });
      }
    });
  }
}

/** @param {Reference} reference */
async function loadReference(reference) {
  const [partners, neighbourhoods] = await Promise.all([apiGet('/api/partners'), apiGet('/api/neighbourhoods'), loadCategories(reference)]);
  for (const partner of partners.partners ?? []) {
    reference.partners.set(partner.id, partner);
  }

  reference.neighbourhoods = neighbourhoods;
}

/** @param {Reference} reference */
async function loadCategories(reference) {
  const categories = await apiGet(`/api/categories?lang=${currentLanguage()}`);
  reference.categories.clear();
  for (const category of categories.categories ?? []) {
    reference.categories.set(category.code, category.label);
  }
}

/**
 * @param {HTMLElement} box
 * @param {import('/js/api.js').ApiError} error
 */
function showAccessProblem(box, error) {
  const key = error.status === 401 ? 'coordinator.access.signedOut' : error.status === 403 ? 'coordinator.access.forbidden' : 'coordinator.access.failed';
  setText(/** @type {HTMLElement} */ (box.querySelector('.coordinator-access-message')), t(key));
  /** @type {HTMLElement} */ (box.querySelector('.coordinator-access-signin')).hidden = error.status !== 401 && error.status !== 403;
  box.hidden = false;
  box.focus();
}
