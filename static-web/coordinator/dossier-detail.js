// One dossier in full: its facts, the partner with its service level and due dates, the observations with their
// photos and GAS details, the dossiers nearby, the timeline and the actions.
// Data down: open(id, filter), close(). Actions up: `dossierShown` with { dossier, observations, nearby } for the map.
import { apiGet, asApiError } from '/js/api.js';
import { setText } from '/js/dom.js';
import { currentLocale, t } from '/js/i18n.js';
import { dossierPath, pageUrl } from './coordinator-core.js';
import { mountDossierActions } from './dossier-actions.js';
import { neighbourhoodName } from './dossier-list.js';
import { renderTimeline } from './dossier-timeline.js';

/**
 * @param {HTMLElement} element the section.dossier-detail
 * @param {import('./coordinator.js').Reference} reference
 */
export function mountDossierDetail(element, reference) {
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const heading = part('.dossier-detail-heading');
  const status = part('.dossier-detail-status');
  const body = part('.dossier-detail-body');
  const back = /** @type {HTMLAnchorElement} */ (part('.dossier-detail-back'));
  const actions = mountDossierActions(part('.dossier-actions'), reference);
  const state = {
    /** @type {string | null} */
    id: null,
    /** @type {any} */
    dossier: null,
    /** @type {any[]} */
    observations: [],
    /** @type {any[]} */
    nearby: [],
    request: 0,
  };
  back.dataset.nav = '';

  element.addEventListener('dossierChange', (event) => {
    state.dossier = /** @type {CustomEvent} */ (event).detail.dossier;
    render();
  });

  /**
   * @param {string} id
   * @param {import('./coordinator-core.js').Filter} filter
   */
  async function open(id, filter) {
    back.href = pageUrl(filter);
    if (state.id === id && state.dossier) {
      return;
    }

    const request = ++state.request;
    state.id = id;
    state.dossier = null;
    body.hidden = true;
    setText(heading, t('coordinator.detail.heading'));
    setText(status, t('coordinator.detail.loading'));
    heading.focus();
    try {
      const dossier = await apiGet(dossierPath(id));
      const [observations, nearby] = await Promise.all([
        Promise.all(dossier.observationIds.map((/** @type {string} */ o) => apiGet(`/api/observations/${encodeURIComponent(o)}`).catch(() => null))),
        apiGet(`${dossierPath(id)}/nearby`).catch(() => []),
      ]);
      if (request !== state.request) {
        return;
      }

      Object.assign(state, { dossier, observations: observations.filter(Boolean), nearby });
      setText(status, '');
      body.hidden = false;
      render();
      element.dispatchEvent(new CustomEvent('dossierShown', { bubbles: true, detail: { dossier, observations: state.observations, nearby } }));
    } catch (error) {
      if (request === state.request) {
        const failure = asApiError(error);
        setText(status, failure.status === 404 ? t('coordinator.detail.notFound') : t('coordinator.detail.failed', { reason: failure.title }));
      }
    }
  }

  function close() {
    state.request++;
    state.id = null;
  }

  function render() {
    const d = state.dossier;
    if (!d) {
      return;
    }

    setText(heading, t('coordinator.detail.title', { reference: d.id.slice(0, 8), category: reference.categories.get(d.category) ?? d.category }));
    const partner = reference.partners.get(d.partnerId);
    const level = partner?.serviceLevels?.find((/** @type {any} */ l) => l.category === d.category) ?? partner?.serviceLevels?.find((/** @type {any} */ l) => l.category === '*');
    facts(part('.dossier-facts'), [
      ['coordinator.fact.status', t(`coordinator.status.${d.status}`) + (d.escalated ? ` · ${t('coordinator.list.escalated')}` : '')],
      ['coordinator.fact.neighbourhood', neighbourhoodName(reference, d.neighbourhoodId)],
      ['coordinator.fact.partner', partner?.name ?? d.partnerId],
      ['coordinator.fact.serviceLevel', level ? t('coordinator.fact.serviceLevelDays', { acknowledge: level.acknowledgeWithinWorkingDays, resolve: level.resolveWithinWorkingDays }) : ''],
      ['coordinator.fact.opened', when(d.createdAt)],
      ['coordinator.fact.forwarded', when(d.forwardedAt)],
      ['coordinator.fact.acknowledgeBy', when(d.acknowledgeBy)],
      ['coordinator.fact.acknowledged', when(d.acknowledgedAt)],
      ['coordinator.fact.resolveBy', when(d.resolveBy)],
      ['coordinator.fact.closed', when(d.closedAt)],
      ['coordinator.fact.rejectionReason', d.rejectionReason ?? ''],
    ]);
    renderObservations();
    renderNearby();
    renderTimeline(part('.dossier-timeline-list'), d, reference);
    actions.show(d);
  }

  function renderObservations() {
    part('.dossier-observations-list').replaceChildren(...state.observations.map((o) => {
      const item = document.createElement('li');
      item.className = 'dossier-observation';
      const title = document.createElement('p');
      title.className = 'dossier-observation-title';
      title.textContent = [when(o.observedAt), o.address, `${o.latitude.toFixed(6)}, ${o.longitude.toFixed(6)}`].filter(Boolean).join(' · ');
      item.append(title);
      if (o.description) {
        const text = document.createElement('p');
        text.textContent = o.description;
        item.append(text);
      }

      if (o.gas) {
        const gas = document.createElement('p');
        gas.className = 'dossier-observation-gas';
        gas.textContent = t('coordinator.detail.gas', { article: o.gas.article ?? '—', offender: t(o.gas.offenderIdentified ? 'coordinator.detail.gasIdentified' : 'coordinator.detail.gasUnknown') })
          + (o.gas.notes ? ` — ${o.gas.notes}` : '');
        item.append(gas);
      }

      const photos = document.createElement('ul');
      photos.className = 'dossier-observation-photos';
      photos.append(...(o.photos ?? []).map((/** @type {any} */ photo, /** @type {number} */ index) => {
        const li = document.createElement('li');
        const link = document.createElement('a');
        link.href = photo.url;
        link.target = '_blank';
        link.rel = 'noopener';
        const image = document.createElement('img');
        image.src = photo.url;
        image.alt = t('coordinator.detail.photo', { number: index + 1 });
        image.loading = 'lazy';
        image.width = 96;
        image.height = 96;
        link.append(image);
        li.append(link);
        return li;
      }));
      item.append(photos);
      return item;
    }));
  }

  function renderNearby() {
    part('.dossier-nearby-empty').hidden = state.nearby.length > 0;
    part('.dossier-nearby-list').replaceChildren(...state.nearby.map((n) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = pageUrl({ ...Object.fromEntries(new URLSearchParams(back.search)) }, n.id);
      link.dataset.nav = '';
      link.dataset.dossier = n.id;
      link.textContent = t('coordinator.detail.nearbyItem', { reference: n.reference, status: t(`coordinator.status.${n.status}`), meters: n.distanceMeters, date: when(n.createdAt) });
      item.append(link);
      return item;
    }));
  }

  return { open, close, relabel: render };
}

/** @param {string | null | undefined} at */
function when(at) {
  return at ? new Date(at).toLocaleString(currentLocale(), { timeZone: 'Europe/Brussels', dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/**
 * @param {HTMLElement} list the dl
 * @param {Array<[string, string]>} rows  label key, value (rows without a value are left out)
 */
function facts(list, rows) {
  list.replaceChildren(...rows.filter(([, value]) => value !== '').map(([key, value]) => {
    const row = document.createElement('div');
    const term = document.createElement('dt');
    term.textContent = t(key);
    const description = document.createElement('dd');
    description.textContent = value;
    row.append(term, description);
    return row;
  }));
}
