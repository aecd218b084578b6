// Partner page: a partner service opens one dossier from the signed link in its e-mail, without an account, and
// says what it does with it. The link's token goes into API calls only: never into the page, a link or a log.
import { ApiError, apiGet, apiPost, asApiError, clearProblem, showProblem } from '/js/api.js';
import { setText } from '/js/dom.js';
import { applyTranslations, currentLanguage, currentLocale, mountLanguageSwitch, suggestLanguage, t } from '/js/i18n.js';
import {
  ACTIONS,
  actionRequest,
  formatCoordinates,
  mapUrl,
  partnerPhotoPath,
  parseChange,
  partnerApiPath,
  problemKind,
  readLink,
} from '/partner/partner-core.js';
import { refusedForThePhoto, uploadResultPhoto } from '/partner/result-photo.js';

/**
 * GET /api/partner/dossiers/{id}?token=… and every action answer with this view.
 * @typedef {object} PartnerDossier
 * @property {string} id
 * @property {string} status             forwarded | acknowledged | in-progress | resolved | rejected
 * @property {string} category
 * @property {string} categoryLabel      in the partner's language
 * @property {string} partnerName
 * @property {string} language           the partner's language: nl | fr | en
 * @property {string | null} forwardedAt
 * @property {string | null} acknowledgedAt
 * @property {string | null} closedAt
 * @property {string | null} rejectionReason
 * @property {Array<{ observedAt: string, latitude: number, longitude: number, description: string | null }>} observations
 * @property {Array<{ change: string, by: 'partner' | 'coordinator', at: string, note: string | null }>} history
 * @property {string[]} allowedActions
 */

const TIME_ZONE = 'Europe/Brussels';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountPartnerDossier(document.querySelector('.partner'));

/** @param {HTMLElement | null} element */
export function mountPartnerDossier(element) {
  if (!element) {
    return;
  }

  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const title = part('.partner-title');
  const loading = part('.partner-loading');
  const problem = part('.partner-problem');
  const problemMessage = part('.partner-problem-message');
  const problemDetail = part('.partner-problem-detail');
  const retry = part('.partner-problem-retry');
  const dossier = part('.partner-dossier');
  const intro = part('.partner-intro');
  const status = part('.partner-status');
  const done = part('.partner-done');
  const doneMessage = part('.partner-done-message');
  const conflict = part('.partner-conflict');
  const closed = part('.partner-closed');
  const observations = part('.partner-observations');
  const history = part('.partner-history');
  const historyEmpty = part('.partner-history-empty');
  const forms = /** @type {HTMLFormElement[]} */ ([...element.querySelectorAll('form.partner-action')]);

  const link = readLink(location.search);

  /**
   * @type {{ view: PartnerDossier | null, error: ApiError | null, loading: boolean, busy: boolean,
   *   done: string | null, conflict: boolean, photoFailed: boolean }}
   */
  const state = { view: null, error: null, loading: false, busy: false, done: null, conflict: false, photoFailed: false };
  /** @type {{ language: string, byCode: Map<string, string> }} */
  let labels = { language: '', byCode: new Map() };
  /** What the lists were last drawn for: they are redrawn only when that changes, so focus in them survives. */
  let drawn = { view: /** @type {PartnerDossier | null} */ (null), language: '' };

  for (const form of forms) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(form, /** @type {HTMLButtonElement | null} */ (event.submitter));
    });
  }

  retry.querySelector('button')?.addEventListener('click', () => load().then(() => {
    if (state.error) {
      problem.focus();
    }
  }));
  document.addEventListener('languagechange', () => {
    update();
    loadLabels();
  });

  if (link) {
    load({ first: true }).then(loadLabels);
  } else {
    // A link that lost its dossier or token on the way (a mail client that cut it) is as unusable as a forged one.
    state.error = new ApiError({ status: 403 });
    update();
  }

  /** @param {{ first?: boolean }} [options] */
  async function load({ first = false } = {}) {
    if (!link || state.loading) {
      return;
    }

    state.loading = true;
    update();
    try {
      /** @type {PartnerDossier} */
      const view = await apiGet(partnerApiPath(link));
      if (first) {
        await suggestLanguage(view.language);
      }

      state.view = view;
      state.error = null;
    } catch (error) {
      state.error = asApiError(error);
      state.view = null;
    } finally {
      state.loading = false;
      update();
    }
  }

  /**
   * One answer at a time. Success: the view the server returns replaces the page's, and focus goes to the status
   * that says what happened (the form it came from may be gone). A link that stopped working or a dossier that
   * is gone takes the page down; an action that no longer applies reloads the dossier and says so.
   * @param {HTMLFormElement} form
   * @param {HTMLButtonElement | null} button
   */
  async function act(form, button) {
    const action = form.dataset.action ?? '';
    if (!link || state.busy || !ACTIONS.includes(action)) {
      return;
    }

    const note = /** @type {HTMLTextAreaElement | null} */ (form.elements.namedItem('note'));
    const request = actionRequest(action, note?.value);
    if ('error' in request) {
      showProblem(form, noteProblem(request.error));
      return;
    }

    state.busy = true;
    state.done = null;
    state.conflict = false;
    button?.classList.add('-busy');
    update();
    try {
      const photoInput = /** @type {HTMLInputElement | null} */ (form.elements.namedItem('photo'));
      const file = photoInput?.files?.[0];
      const photoId = file ? await uploadResultPhoto(link, file) : null;
      state.photoFailed = Boolean(file) && photoId === null;
      try {
        state.view = await apiPost(partnerApiPath(link, action), photoId ? { ...(request.body ?? {}), photoId } : request.body);
      } catch (error) {
        if (!photoId || !refusedForThePhoto(asApiError(error))) {
          throw error;
        }

        // The server would not take the photo: the resolution itself still goes through, the photo is reported.
        state.photoFailed = true;
        state.view = await apiPost(partnerApiPath(link, action), request.body);
      }

      state.done = action;
      forms.forEach(clearProblem);
      if (note) {
        note.value = '';
      }

      if (photoInput) {
        photoInput.value = '';
      }

      update();
      done.focus();
    } catch (error) {
      const failure = asApiError(error);
      switch (problemKind(failure.status)) {
        case 'link':
        case 'gone':
          state.error = failure;
          state.view = null;
          update();
          problem.focus();
          break;
        case 'conflict':
          forms.forEach(clearProblem);
          await load();
          state.conflict = state.view !== null;
          update();
          (state.view ? conflict : problem).focus();
          break;
        case 'invalid':
          // The server's texts are English; what a partner can get wrong here is the note.
          showProblem(form, noteProblem(action === 'reject' && (note?.value.trim() ?? '') === '' ? 'reasonRequired' : 'noteTooLong'));
          break;
        default:
          showProblem(form, failure.status === 0 ? failure : new ApiError({ status: failure.status, title: t('partner.failed') }));
      }
    } finally {
      state.busy = false;
      button?.classList.remove('-busy');
    }
  }

  /** The category labels in the language on screen: the view's label is in the partner's language. */
  async function loadLabels() {
    const language = currentLanguage();
    try {
      const answer = await apiGet(`/api/categories?lang=${encodeURIComponent(language)}`);
      if (language === currentLanguage()) {
        labels = { language, byCode: new Map((answer?.categories ?? []).map((/** @type {any} */ c) => [String(c.code), String(c.label)])) };
        update();
      }
    } catch {
      // Without them the partner's own label stays, marked with its language.
    }
  }

  function update() {
    const { view, error } = state;

    const onScreen = view && labels.language === currentLanguage() ? labels.byCode.get(String(view.category)) : undefined;
    const category = view ? onScreen ?? String(view.categoryLabel || view.category) : '';
    setText(title, view ? category : t('partner.title'));
    document.title = view ? `${category} — ${t('partner.pageTitle')}` : t('partner.pageTitle');
    // Until the labels of the language on screen are there, the partner's label shows, in the partner's language.
    if (view && onScreen === undefined && view.language !== currentLanguage()) {
      title.lang = String(view.language);
    } else {
      title.removeAttribute('lang');
    }

    setText(loading, state.loading && !view ? t('partner.loading') : '');
    loading.hidden = loading.textContent === '';

    const kind = error ? problemKind(error.status) : null;
    problem.hidden = error === null;
    setText(problemMessage, error ? problemTitle(error) : '');
    setText(problemDetail, kind === 'link' ? t('partner.link.detail') : kind === 'gone' ? t('partner.gone.detail') : '');
    problemDetail.hidden = problemDetail.textContent === '';
    retry.hidden = kind === null || kind === 'link' || kind === 'gone';

    dossier.hidden = view === null;
    if (!view) {
      return;
    }

    setText(intro, t('partner.intro', { partner: view.partnerName }));
    setText(status, t(`partner.status.${view.status}`));
    status.className = `badge partner-status -${view.status}`;
    setText(part('.partner-id'), String(view.id));
    setText(part('.partner-name'), String(view.partnerName));
    showTime(part('.partner-forwarded-at'), view.forwardedAt);
    showTime(part('.partner-acknowledged-at'), view.acknowledgedAt);
    showTime(part('.partner-closed-at'), view.closedAt);
    const reason = part('.partner-rejection-reason');
    setText(reason, view.rejectionReason ? String(view.rejectionReason) : '');
    /** @type {HTMLElement} */ (reason.parentElement).hidden = reason.textContent === '';

    const allowed = Array.isArray(view.allowedActions) ? view.allowedActions : [];
    for (const form of forms) {
      form.hidden = !allowed.includes(form.dataset.action ?? '');
    }

    closed.hidden = allowed.length > 0;
    done.classList.toggle('-shown', state.done !== null);
    const photoNote = state.done === 'resolve' && state.photoFailed ? ` ${t('partner.done.photoFailed')}` : '';
    setText(doneMessage, state.done ? `${t(`partner.done.${state.done}`)}${photoNote}` : '');
    conflict.hidden = !state.conflict;

    if (drawn.view !== view || drawn.language !== currentLanguage()) {
      drawn = { view, language: currentLanguage() };
      observations.replaceChildren(...(view.observations ?? []).map((observation) => observationItem(observation, link)));
      history.replaceChildren(...(view.history ?? []).map(historyItem));
      history.hidden = history.children.length === 0;
      historyEmpty.hidden = !history.hidden;
    }
  }
}

/**
 * One observation: when, what the warden wrote, and where, with a link to the place on OpenStreetMap, and its
 * photos. A photo's address is asked for with the token and lives a few minutes; the token never reaches an image.
 * @param {PartnerDossier['observations'][number]} observation
 * @param {import('./partner-core.js').PartnerLink} link
 */
function observationItem(observation, link) {
  const item = document.createElement('li');
  item.className = 'partner-observation';

  const heading = document.createElement('h3');
  heading.className = 'partner-observation-title';
  heading.append(timeElement(observation.observedAt));

  const description = document.createElement('p');
  description.className = 'partner-observation-description';
  if (observation.description) {
    description.textContent = String(observation.description);
  } else {
    description.classList.add('-none');
    description.textContent = t('partner.observation.noDescription');
  }

  const location = document.createElement('p');
  location.className = 'partner-observation-location';
  const label = document.createElement('span');
  label.className = 'partner-observation-label';
  label.textContent = t('partner.observation.location');
  const place = document.createElement('span');
  place.className = 'partner-observation-coordinates';
  place.textContent = formatCoordinates(observation.latitude, observation.longitude) ?? t('partner.observation.noLocation');
  location.append(label, ' ', place);

  const href = mapUrl(observation.latitude, observation.longitude);
  if (href) {
    const map = document.createElement('a');
    map.className = 'partner-observation-map';
    map.href = href;
    map.rel = 'noreferrer';
    map.textContent = t('partner.observation.map');
    location.append(' ', map);
  }

  item.append(heading, description, location);
  const photoIds = observation.photos ?? [];
  if (photoIds.length > 0) {
    const gallery = document.createElement('ul');
    gallery.className = 'partner-photos';
    gallery.setAttribute('aria-label', t('partner.observation.photos'));
    photoIds.forEach((photoId, index) => {
      const photo = document.createElement('li');
      photo.className = 'partner-photo';
      const image = document.createElement('img');
      image.alt = t('partner.observation.photo', { n: index + 1 });
      image.decoding = 'async';
      photo.append(image);
      gallery.append(photo);
      apiGet(partnerPhotoPath(link, photoId))
        .then((answer) => { image.src = answer.url; })
        .catch(() => { photo.textContent = t('partner.observation.photoUnavailable'); });
    });
    item.append(gallery);
  }

  return item;
}

/**
 * One status change: when, to what, by whom, and the note that came with it.
 * @param {PartnerDossier['history'][number]} entry
 */
function historyItem(entry) {
  const item = document.createElement('li');
  item.className = 'partner-history-item';

  const when = document.createElement('p');
  when.className = 'partner-history-time';
  when.append(timeElement(entry.at));

  const what = document.createElement('p');
  what.className = 'partner-history-change';
  const change = parseChange(entry.change);
  const status = document.createElement('strong');
  status.textContent = change ? t(`partner.status.${change.to}`) : String(entry.change ?? '');
  const by = entry.by === 'partner' ? t('partner.history.byPartner') : t('partner.history.byCoordinator');
  what.append(status, ` · ${by}`);
  item.append(when, what);

  if (entry.note) {
    const note = document.createElement('p');
    note.className = 'partner-history-note';
    note.textContent = String(entry.note);
    item.append(note);
  }

  return item;
}

/** @param {'reasonRequired' | 'noteTooLong'} error */
function noteProblem(error) {
  const text = error === 'reasonRequired' ? t('partner.reject.reasonRequired') : t('partner.noteTooLong');
  return new ApiError({ status: 422, errors: { note: [text] } });
}

/** @param {ApiError} error */
function problemTitle(error) {
  switch (problemKind(error.status)) {
    case 'link':
      return t('partner.link.title');
    case 'gone':
      return t('partner.gone.title');
    default:
      return error.status === 0 ? error.title : t('partner.loadFailed');
  }
}

/**
 * @param {HTMLElement} time a <time> inside its fact's row, which is hidden when there is no time
 * @param {string | null | undefined} value
 */
function showTime(time, value) {
  const row = /** @type {HTMLElement} */ (time.closest('.partner-fact'));
  row.hidden = !value;
  /** @type {HTMLTimeElement} */ (time).dateTime = value ? String(value) : '';
  setText(time, value ? formatDateTime(value) : '');
}

/** @param {unknown} value */
function timeElement(value) {
  const time = document.createElement('time');
  time.dateTime = String(value ?? '');
  time.textContent = formatDateTime(value);
  return time;
}

/**
 * "zaterdag 22 november 2026 om 14:05" in Brussels time, whatever the reader's clock says.
 * @param {unknown} value
 */
function formatDateTime(value) {
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) {
    return String(value ?? '');
  }

  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE }).format(date);
}
