// "My recent observations": the API's list merged with what waits on the device, each with where it stands —
// on this device, being sent, sent (with its dossier), or not sent (with the server's reason, retry, delete).
// Data down: `observationListData` (ObservationListData). Actions up, bubbling: `retryObservation` and
// `deleteObservation` with { id }.
import { fieldMessages, problemMessage } from '/js/api.js';
import { setText } from '/js/dom.js';
import { currentLanguage, currentLocale, plural, t } from '/js/i18n.js';
import { formatCoordinates } from './form-core.js';
import { reasonOf, shortReference } from './queue-core.js';

const TIME_ZONE = 'Europe/Brussels';

/**
 * @typedef {object} ObservationListData
 * @property {import('./queue-core.js').ListItem[]} items
 * @property {import('./form-core.js').Category[]} categories
 * @property {boolean} loading        the API's list is being fetched
 * @property {boolean} remoteFailed   the API's list could not be fetched (offline or an error)
 * @property {boolean} online
 * @property {number} othersWaiting   observations of another warden waiting on this device
 */

/** @param {HTMLElement | null} element the div.observation-list */
export function mountObservationList(element) {
  if (!element) {
    return;
  }

  const status = /** @type {HTMLElement} */ (element.querySelector('.observation-list-status'));
  const others = /** @type {HTMLElement} */ (element.querySelector('.observation-list-others'));
  const list = /** @type {HTMLElement} */ (element.querySelector('.observation-list-items'));

  /** @type {ObservationListData} */
  let data = { items: [], categories: [], loading: true, remoteFailed: false, online: true, othersWaiting: 0 };
  /** @type {Map<string, HTMLLIElement>} */
  const rows = new Map();
  /** @type {Map<string, { blob: Blob, url: string }>} thumbnails of photos still on the device, by observation */
  const localThumbnails = new Map();

  element.addEventListener('observationListData', (event) => {
    data = /** @type {CustomEvent<ObservationListData>} */ (event).detail;
    update();
  });
  list.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-action]');
    const row = button?.closest('li');
    if (!button || !row?.dataset.id) {
      return;
    }

    const type = button.getAttribute('data-action') === 'retry' ? 'retryObservation' : 'deleteObservation';
    element.dispatchEvent(new CustomEvent(type, { bubbles: true, detail: { id: row.dataset.id } }));
  });
  document.addEventListener('languagechange', update);
  update();

  function update() {
    const { items, loading, remoteFailed, online, othersWaiting } = data;
    setText(status, statusText());
    others.hidden = othersWaiting === 0;
    setText(others, othersWaiting > 0 ? plural('warden.recent.others', othersWaiting) : '');
    list.hidden = items.length === 0;
    list.setAttribute('aria-busy', String(loading));

    const seen = new Set();
    items.forEach((item, index) => {
      seen.add(item.id);
      let row = rows.get(item.id);
      if (!row) {
        row = createRow(item.id);
        rows.set(item.id, row);
      }

      fillRow(row, item);
      if (list.children[index] !== row) {
        list.insertBefore(row, list.children[index] ?? null);
      }
    });

    for (const [id, row] of rows) {
      if (!seen.has(id)) {
        row.remove();
        rows.delete(id);
      }
    }

    for (const [id, thumbnail] of localThumbnails) {
      if (!seen.has(id)) {
        URL.revokeObjectURL(thumbnail.url);
        localThumbnails.delete(id);
      }
    }

    function statusText() {
      if (items.length === 0) {
        if (loading) {
          return t('warden.recent.loading');
        }

        return remoteFailed ? (online ? t('warden.recent.failed') : t('warden.recent.offline')) : t('warden.recent.empty');
      }

      return remoteFailed ? (online ? t('warden.recent.failedDevice') : t('warden.recent.offlineDevice')) : '';
    }
  }

  /**
   * @param {HTMLLIElement} row
   * @param {import('./queue-core.js').ListItem} item
   */
  function fillRow(row, item) {
    const { observation } = item;
    const parts = /** @type {Record<string, HTMLElement>} */ (Object.fromEntries([...row.querySelectorAll('[data-part]')].map((el) => [el.getAttribute('data-part'), el])));
    row.className = `observation-item -${item.state}`;

    const category = data.categories.find((candidate) => candidate.code === observation.category);
    const subcategory = category?.subcategories.find((s) => s.code === observation.subcategory);
    const title = [category?.label ?? String(observation.category ?? ''), subcategory?.label].filter(Boolean).join(' · ');
    setText(parts.title, title);

    setText(parts.badge, stateText(item));
    parts.badge.className = `badge observation-item-badge -${item.state}`;
    setText(parts.progress, progressText(item));
    parts.progress.hidden = parts.progress.textContent === '';

    const time = /** @type {HTMLTimeElement} */ (parts.time);
    time.dateTime = String(observation.observedAt ?? '');
    setText(time, formatTime(observation.observedAt));
    setText(parts.place, placeText(observation));
    setText(parts.photos, item.photos.total > 0 ? plural('warden.recent.photos', item.photos.total) : '');
    parts.photos.hidden = item.photos.total === 0;

    setText(parts.description, String(observation.description ?? ''));
    parts.description.hidden = !observation.description;

    showThumbnail(/** @type {HTMLImageElement} */ (parts.thumbnail), item);

    const problem = item.state === 'failed' ? item.problem : null;
    parts.problem.hidden = !problem;
    setText(parts.problemTitle, problem ? problemTitle(problem, item) : '');
    const detail = problem ? problemMessage(problem.code) ?? '' : '';
    setText(parts.problemDetail, detail);
    parts.problemDetail.hidden = !detail;
    const fieldErrors = problem ? Object.keys(problem.errors).map((field) => t('warden.recent.fieldError', { field: fieldName(field), message: fieldMessages(problem.codes, field).join(' ') })) : [];
    parts.problemErrors.replaceChildren(...fieldErrors.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
    parts.problemErrors.hidden = fieldErrors.length === 0;

    parts.actions.hidden = item.state !== 'failed';
    const context = ` (${title}, ${formatTime(observation.observedAt)})`;
    setText(parts.retryLabel, t('warden.recent.retry'));
    setText(parts.retryContext, context);
    setText(parts.deleteLabel, t('warden.recent.delete'));
    setText(parts.deleteContext, context);
  }

  /**
   * The first photo: from the device while it is there, else through the API (which redirects to a short-lived
   * link), only while online.
   * @param {HTMLImageElement} image
   * @param {import('./queue-core.js').ListItem} item
   */
  function showThumbnail(image, item) {
    const blob = item.entry?.photos.find((photo) => photo.blob)?.blob ?? null;
    let src = '';
    if (blob) {
      let local = localThumbnails.get(item.id);
      if (!local || local.blob !== blob) {
        if (local) {
          URL.revokeObjectURL(local.url);
        }

        local = { blob, url: URL.createObjectURL(blob) };
        localThumbnails.set(item.id, local);
      }

      src = local.url;
    } else {
      const remote = Array.isArray(item.observation.photos) ? item.observation.photos[0] : null;
      if (remote?.photoId && data.online && item.state === 'sent') {
        src = `/api/observations/${encodeURIComponent(item.id)}/photos/${encodeURIComponent(remote.photoId)}`;
      }
    }

    if (image.getAttribute('src') !== src) {
      image.hidden = src === '';
      if (src) {
        image.src = src;
      } else {
        image.removeAttribute('src');
      }
    }
  }
}

/** @param {string} id */
function createRow(id) {
  const row = document.createElement('li');
  row.dataset.id = id;
  const part = (/** @type {string} */ tag, /** @type {string} */ name, /** @type {string} */ className = `observation-item-${name}`) => {
    const el = document.createElement(tag);
    el.className = className;
    el.setAttribute('data-part', name);
    return el;
  };

  const thumbnail = /** @type {HTMLImageElement} */ (part('img', 'thumbnail'));
  thumbnail.alt = '';
  thumbnail.loading = 'lazy';
  thumbnail.decoding = 'async';
  thumbnail.hidden = true;
  thumbnail.addEventListener('error', () => {
    thumbnail.hidden = true;
  });
  thumbnail.addEventListener('load', () => {
    thumbnail.hidden = false;
  });

  const body = document.createElement('div');
  body.className = 'observation-item-body';
  const title = part('h3', 'title');
  const state = document.createElement('p');
  state.className = 'observation-item-state';
  state.append(part('span', 'badge'), ' ', part('span', 'progress'));

  const meta = document.createElement('p');
  meta.className = 'observation-item-meta';
  meta.append(part('time', 'time'), part('span', 'place'), part('span', 'photos'));

  const description = part('p', 'description');

  const problem = part('div', 'problem', 'notice -error observation-item-problem');
  problem.append(part('p', 'problemTitle', 'observation-item-problem-title'), part('p', 'problemDetail', 'observation-item-problem-detail'), part('ul', 'problemErrors', 'observation-item-problem-errors'));

  const actions = part('div', 'actions');
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'button';
  retry.setAttribute('data-action', 'retry');
  retry.append(part('span', 'retryLabel', ''), part('span', 'retryContext', 'visually-hidden'));
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'button -secondary';
  remove.setAttribute('data-action', 'delete');
  remove.append(part('span', 'deleteLabel', ''), part('span', 'deleteContext', 'visually-hidden'));
  actions.append(retry, remove);

  body.append(title, state, meta, description, problem, actions);
  row.append(thumbnail, body);
  return row;
}

/** @param {import('./queue-core.js').ListItem} item */
function stateText(item) {
  if (item.state === 'failed' && item.entry?.created) {
    return t('warden.state.photoFailed');
  }

  switch (item.state) {
    case 'sending':
      return t('warden.state.sending');
    case 'sent':
      return t('warden.state.sent');
    case 'failed':
      return t('warden.state.failed');
    default:
      return t('warden.state.pending');
  }
}

/** @param {import('./queue-core.js').ListItem} item */
function progressText(item) {
  if (item.state === 'sent') {
    if (!item.dossierId) {
      return t('warden.recent.dossierPending');
    }

    const id = shortReference(item.dossierId);
    const partner = item.observation.partnerName;
    return partner ? t('warden.recent.dossierWith', { id, partner: String(partner) }) : t('warden.recent.dossier', { id });
  }

  if (item.state === 'sending' && item.photos.total > 0 && item.entry?.created) {
    return t('warden.recent.photoProgress', { sent: item.photos.sent, total: item.photos.total });
  }

  if (item.state === 'pending') {
    const problem = item.entry?.problem;
    return problem ? t('warden.recent.willRetry', { reason: retryReason(problem) }) : t('warden.recent.waiting');
  }

  return '';
}

/**
 * Why the last try did not get through, in a few words of the app's language: the warden sees that the queue is
 * trying, and why not yet.
 * @param {import('./queue-core.js').StoredProblem} problem
 */
function retryReason(problem) {
  const { key, values } = reasonOf(problem);
  return t(key, values);
}

/**
 * Why an entry was set aside: the server's refusal (its fields are listed below it), or the reason in words.
 * @param {import('./queue-core.js').StoredProblem} problem
 * @param {import('./queue-core.js').ListItem} item
 */
function problemTitle(problem, item) {
  if (item.entry?.created) {
    return t('warden.recent.photoNotSent', { reason: retryReason(problem) });
  }

  return Object.keys(problem.errors).length > 0 ? t('warden.recent.refused') : t('warden.recent.notSent', { reason: retryReason(problem) });
}

/**
 * The form's name for a field the API named in a problem.
 * @param {string} field
 */
function fieldName(field) {
  const name = field.replace(/^\$\.?/, '').toLowerCase();
  if (name === 'latitude' || name === 'longitude' || name === 'accuracy') {
    return t('warden.location.legend');
  }

  if (name === 'category' || name === 'subcategory') {
    return t('warden.category.legend');
  }

  if (name === 'description') {
    return t('warden.description.label');
  }

  if (name === 'address') {
    return t('warden.address.label');
  }

  if (name === 'hotspotid') {
    return t('warden.hotspot.label');
  }

  if (name === 'observedat') {
    return t('warden.recent.observedAt');
  }

  if (name.startsWith('gas')) {
    return t('warden.gas.legend');
  }

  if (name.startsWith('photo')) {
    return t('warden.photos.legend');
  }

  return field;
}

/** @param {Record<string, any>} observation */
function placeText(observation) {
  if (observation.address) {
    return String(observation.address);
  }

  const names = observation.neighbourhood?.name;
  const name = names?.[currentLanguage()] ?? names?.nl;
  if (name) {
    return String(name);
  }

  return Number.isFinite(observation.latitude) && Number.isFinite(observation.longitude)
    ? formatCoordinates(observation.latitude, observation.longitude)
    : '';
}

/** @param {unknown} value */
function formatTime(value) {
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) {
    return String(value ?? '');
  }

  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(date);
}
