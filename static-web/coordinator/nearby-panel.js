// The dossiers nearby (same category, 50 m, 12 weeks), each with a link and — while this dossier is open — a button
// to merge it into this one: after a confirmation, its observations and history come here, it becomes read-only and
// its partner is told. The merge carries If-Match with the version of the dossier merged, read just before.
// Data down: show(dossier, nearby, search). Actions up: `dossierMerged` with { merged } (its id), bubbling.
import { apiGet, apiPost, asApiError } from '/js/api.js';
import { setText } from '/js/dom.js';
import { currentLocale, t } from '/js/i18n.js';
import { dossierPath, isOpen, pageUrl } from './coordinator-core.js';

/** @param {HTMLElement} element the section.dossier-nearby */
export function mountNearbyPanel(element) {
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const done = part('.dossier-nearby-done');
  const problem = part('.dossier-nearby-problem');
  /** @type {any} */
  let dossier = null;
  /** @type {any[]} */
  let nearby = [];
  let search = '';
  let busy = false;

  /** @param {any} n a nearby dossier */
  async function merge(n) {
    if (busy || !confirm(t('coordinator.nearby.confirmMerge', { reference: n.reference }))) {
      return;
    }

    busy = true;
    problem.hidden = true;
    setText(done, '');
    render();
    try {
      const other = await apiGet(dossierPath(n.id));
      await apiPost(`${dossierPath(n.id)}/merge`, { intoDossierId: dossier.id }, { headers: { 'If-Match': other.version } });
      setText(done, t('coordinator.nearby.merged', { reference: n.reference }));
      element.dispatchEvent(new CustomEvent('dossierMerged', { bubbles: true, detail: { merged: n.id } }));
    } catch (error) {
      const failure = asApiError(error);
      setText(problem, failure.detail || failure.title);
      problem.hidden = false;
    } finally {
      busy = false;
      render();
    }
  }

  function render() {
    if (!dossier) {
      return;
    }

    part('.dossier-nearby-empty').hidden = nearby.length > 0;
    part('.dossier-nearby-list').replaceChildren(...nearby.map((n) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = pageUrl({ ...Object.fromEntries(new URLSearchParams(search)) }, n.id);
      link.dataset.nav = '';
      link.dataset.dossier = n.id;
      link.textContent = t('coordinator.detail.nearbyItem', { reference: n.reference, status: t(`coordinator.status.${n.status}`), meters: n.distanceMeters, date: when(n.createdAt) });
      item.append(link);
      if (isOpen(dossier.status)) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button -secondary dossier-nearby-merge';
        button.textContent = t('coordinator.nearby.merge', { reference: n.reference });
        button.disabled = busy;
        button.addEventListener('click', () => merge(n));
        item.append(' ', button);
      }

      return item;
    }));
  }

  /**
   * @param {any} next the dossier shown
   * @param {any[]} around the dossiers nearby
   * @param {string} backSearch the list's query string, for the links
   */
  function show(next, around, backSearch) {
    if (dossier?.id !== next.id) {
      setText(done, '');
      problem.hidden = true;
    }

    dossier = next;
    nearby = around;
    search = backSearch;
    render();
  }

  return { show };
}

/** @param {string | null | undefined} at */
function when(at) {
  return at ? new Date(at).toLocaleString(currentLocale(), { timeZone: 'Europe/Brussels', dateStyle: 'medium', timeStyle: 'short' }) : '';
}
