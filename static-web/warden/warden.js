// The warden app: record nuisance in the street, with or without network. An observation is first stored on the
// device (IndexedDB, photos included) and then sent by the queue, in order, whenever the network allows.
// This module holds the app's state and passes it down to the components as events; they send actions up.
import { ApiError, apiGet } from '/js/api.js';
import { setText } from '/js/dom.js';
import { applyTranslations, currentLanguage, currentLocale, mountLanguageSwitch, plural, t } from '/js/i18n.js';
import { signInUrl } from './form-core.js';
import { addEntry, allEntries, askToKeepData, deleteEntry, updateEntry } from './local-store.js';
import { mountObservationForm } from './observation-form.js';
import { mountObservationList } from './observation-list.js';
import { advance, isExpired, listItems, newEntry, waitingForOthers } from './queue-core.js';
import { loadCategories, loadHotspots, loadMe } from './reference-data.js';
import { startSender } from './sender.js';

/** After an observation is sent the API links it to a dossier in the background: ask again a few times. */
const DOSSIER_CHECKS_MS = [2_000, 8_000, 30_000];
const REFRESH_MS = 60_000;
const ROLE = 'warden';
/** Times are Brussels times, whatever the device's clock says: the list and the dossiers use them too. */
const TIME_ZONE = 'Europe/Brussels';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountConnectionStatus(document.querySelector('.connection-status'));
mountWarden(document.querySelector('.warden'));
registerServiceWorker();

/** @param {HTMLElement | null} element the main.warden */
export function mountWarden(element) {
  if (!element) {
    return;
  }

  const access = /** @type {HTMLElement} */ (element.querySelector('.warden-access'));
  const accessMessage = /** @type {HTMLElement} */ (element.querySelector('.warden-access-message'));
  const accessDetail = /** @type {HTMLElement} */ (element.querySelector('.warden-access-detail'));
  const accessLink = /** @type {HTMLAnchorElement} */ (element.querySelector('.warden-access-link'));
  const accessAction = /** @type {HTMLElement} */ (element.querySelector('.warden-access-action'));
  const user = /** @type {HTMLElement} */ (element.querySelector('.warden-user'));
  const sendStatus = /** @type {HTMLElement} */ (element.querySelector('.send-status'));
  const sendMessage = /** @type {HTMLElement} */ (element.querySelector('.send-status-message'));
  const sendNow = /** @type {HTMLButtonElement} */ (element.querySelector('.send-status-now'));
  const newSection = /** @type {HTMLElement} */ (element.querySelector('.warden-new'));
  const recorded = /** @type {HTMLElement} */ (element.querySelector('.warden-recorded'));
  const form = /** @type {HTMLFormElement} */ (element.querySelector('.observation-form'));
  const list = /** @type {HTMLElement} */ (element.querySelector('.observation-list'));
  const recentHeading = /** @type {HTMLElement} */ (element.querySelector('#warden-recent-heading'));

  const state = {
    /** @type {import('./reference-data.js').Me | null} */
    me: null,
    meLoading: true,
    /** the warden shown is the one last seen on this device: the API could not be asked */
    meFromDevice: false,
    /** @type {ApiError | null} */
    meError: null,
    /** the API refused the queue's request: sign in (again) before anything is sent */
    signInNeeded: false,
    /** @type {import('./form-core.js').Category[]} */
    categories: [],
    categoriesLoading: true,
    categoriesFailed: false,
    /** @type {import('./form-core.js').Hotspot[]} */
    hotspots: [],
    /** @type {import('./queue-core.js').QueueEntry[]} */
    entries: [],
    /** @type {Array<Record<string, any>>} */
    remote: [],
    remoteLoading: false,
    remoteFailed: false,
    online: navigator.onLine,
    /** @type {Date | null} */
    recordedAt: null,
  };

  const channel = 'BroadcastChannel' in globalThis ? new BroadcastChannel('wijkwacht-warden') : null;
  /** @type {Array<ReturnType<typeof setTimeout>>} */
  let dossierChecks = [];

  mountObservationForm(form);
  mountObservationList(list);
  const sender = startSender({
    userId: () => (mayRecord() && !state.signInNeeded && state.me ? state.me.userId : null),
    onChange: () => {
      channel?.postMessage('changed');
      reloadEntries();
    },
    onSent: () => followDossiers(),
    onSignInNeeded: (error) => {
      state.signInNeeded = true;
      state.meError = error;
      update();
    },
  });

  element.addEventListener('recordObservation', (event) => record(/** @type {CustomEvent} */ (event).detail));
  element.addEventListener('retryObservation', async (event) => {
    const { id } = /** @type {CustomEvent<{ id: string }>} */ (event).detail;
    await updateEntry(id, (entry) => advance(entry, { type: 'retry' }, Date.now()));
    await changed();
    sender.sendNow();
  });
  element.addEventListener('deleteObservation', async (event) => {
    const { id } = /** @type {CustomEvent<{ id: string }>} */ (event).detail;
    if (!confirm(t('warden.recent.confirmDelete'))) {
      return;
    }

    await deleteEntry(id);
    await changed();
    recentHeading.focus();
  });
  sendNow.addEventListener('click', () => sender.sendNow());
  addEventListener('online', () => {
    state.online = true;
    update();
    refresh();
  });
  addEventListener('offline', () => {
    state.online = false;
    update();
  });
  document.addEventListener('languagechange', async () => {
    update();
    await loadReference();
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      reloadEntries();
      refresh();
      sender.sendNow();
    }
  });
  channel?.addEventListener('message', () => reloadEntries());
  setInterval(() => {
    if (!document.hidden && state.online) {
      loadRemote();
    }
  }, REFRESH_MS);

  update();
  start();

  async function start() {
    await Promise.all([identify(), loadReference(), recover()]);
    loadRemote();
    sender.sendNow();
  }

  async function identify() {
    const loaded = await loadMe();
    state.me = loaded.value;
    state.meFromDevice = loaded.fromDevice;
    state.meError = loaded.error;
    state.meLoading = false;
    update();
  }

  async function refresh() {
    if (state.meFromDevice || state.signInNeeded || !state.me) {
      await identify();
      state.signInNeeded = false;
    }

    loadRemote();
    sender.sendNow();
  }

  async function loadReference() {
    const language = currentLanguage();
    const [categories, hotspots] = await Promise.all([loadCategories(language), loadHotspots()]);
    if (language !== currentLanguage()) {
      return; // switched again meanwhile: the later load wins
    }

    state.categories = categories.value;
    state.categoriesFailed = categories.value.length === 0 && categories.error !== null;
    state.categoriesLoading = false;
    state.hotspots = hotspots.value;
    update();
  }

  /** Entries a closed page left halfway are pending again; sent ones older than a week leave the device. */
  async function recover() {
    try {
      const now = Date.now();
      for (const entry of await allEntries()) {
        if (isExpired(entry, now)) {
          await deleteEntry(entry.id);
        } else if (entry.state === 'sending') {
          await updateEntry(entry.id, (current) => advance(current, { type: 'recover' }, now));
        }
      }
    } catch (error) {
      console.error(error);
    }

    await reloadEntries();
  }

  async function reloadEntries() {
    try {
      state.entries = await allEntries();
    } catch (error) {
      console.error(error);
    }

    update();
  }

  async function changed() {
    channel?.postMessage('changed');
    await reloadEntries();
  }

  async function loadRemote() {
    if (!state.me || state.remoteLoading || !mayRecord()) {
      return;
    }

    state.remoteLoading = true;
    update();
    try {
      const answer = await apiGet('/api/observations?mine=true&pageSize=20');
      state.remote = Array.isArray(answer?.items) ? answer.items : [];
      state.remoteFailed = false;
    } catch (error) {
      state.remoteFailed = true;
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        state.signInNeeded = true;
        state.meError = error;
      }
    } finally {
      state.remoteLoading = false;
      update();
    }
  }

  function followDossiers() {
    loadRemote();
    dossierChecks.forEach(clearTimeout);
    dossierChecks = DOSSIER_CHECKS_MS.map((ms) => setTimeout(loadRemote, ms));
  }

  /** @param {{ request: Record<string, any>, photos: Array<{ photoId: string, blob: Blob }> }} detail */
  async function record({ request, photos }) {
    if (!state.me) {
      return;
    }

    const entry = newEntry({ request, photos, userId: state.me.userId, now: Date.now() });
    try {
      await addEntry(entry);
    } catch (error) {
      const problem = new ApiError({ status: 0, title: t('warden.problem.storage'), detail: error instanceof Error ? error.message : String(error) });
      form.dispatchEvent(new CustomEvent('observationNotRecorded', { detail: { error: problem } }));
      return;
    }

    askToKeepData();
    form.dispatchEvent(new CustomEvent('observationRecorded'));
    state.recordedAt = new Date();
    update();
    recorded.focus();
    await changed();
    sender.sendNow();
  }

  function mayRecord() {
    return state.me !== null && state.me.roles.includes(ROLE);
  }

  function update() {
    const { me, meLoading, meFromDevice, meError, signInNeeded, online, entries } = state;
    const userId = me?.userId ?? '';

    // Who is signed in, or what stops the warden.
    const problem = accessProblem();
    access.hidden = problem === null;
    setText(accessMessage, problem ? accessText(problem) : '');
    const detail = problem === 'unknown' && meError ? describe(meError) : '';
    setText(accessDetail, detail);
    accessDetail.hidden = detail === '';
    accessLink.href = signInUrl(location);
    accessLink.textContent = problem === 'forbidden' ? t('warden.access.other') : t('warden.access.signIn');
    accessAction.hidden = problem === 'offline';

    user.hidden = !me;
    const name = me ? me.userDetails || me.userId : '';
    setText(user, me ? (meFromDevice ? t('warden.user.offline', { name }) : t('warden.user.online', { name })) : '');

    newSection.hidden = !mayRecord();
    setText(recorded, state.recordedAt ? recordedText(state.recordedAt) : '');
    recorded.hidden = !state.recordedAt;

    form.dispatchEvent(
      new CustomEvent('formData', {
        detail: { categories: state.categories, hotspots: state.hotspots, loading: state.categoriesLoading, failed: state.categoriesFailed },
      }),
    );

    // What waits on the device.
    const mine = entries.filter((entry) => entry.userId === userId);
    const waiting = mine.filter((entry) => entry.state === 'pending' || entry.state === 'sending').length;
    const failed = mine.filter((entry) => entry.state === 'failed').length;
    const parts = [];
    if (waiting > 0 && !online) {
      parts.push(plural('warden.send.waitingOffline', waiting));
    } else if (waiting > 0 && signInNeeded) {
      parts.push(plural('warden.send.waitingSignIn', waiting));
    } else if (waiting > 0) {
      parts.push(plural('warden.send.waiting', waiting));
    }

    if (failed > 0) {
      parts.push(plural('warden.send.failed', failed));
    }

    sendStatus.hidden = parts.length === 0;
    sendStatus.classList.toggle('-failed', failed > 0);
    setText(sendMessage, parts.join(' '));
    sendNow.hidden = !(waiting > 0 && online && !signInNeeded);

    list.dispatchEvent(
      new CustomEvent('observationListData', {
        detail: {
          items: me ? listItems(entries, state.remote, userId) : [],
          categories: state.categories,
          loading: state.remoteLoading || meLoading,
          remoteFailed: state.remoteFailed || (!meLoading && !me),
          online,
          othersWaiting: me ? waitingForOthers(entries, userId) : 0,
        },
      }),
    );

    /** @returns {'signedOut' | 'forbidden' | 'expired' | 'offline' | 'unknown' | null} */
    function accessProblem() {
      if (meLoading) {
        return null;
      }

      if (!me) {
        if (meError?.status === 401) {
          return 'signedOut';
        }

        return meError?.status === 0 ? 'offline' : 'unknown';
      }

      if (!me.roles.includes(ROLE)) {
        return 'forbidden';
      }

      return signInNeeded ? 'expired' : null;
    }

    /** @param {'signedOut' | 'forbidden' | 'expired' | 'offline' | 'unknown'} problem */
    function accessText(problem) {
      switch (problem) {
        case 'signedOut':
          return t('warden.access.signedOut');
        case 'forbidden':
          return t('warden.access.forbidden', { name: me?.userDetails || me?.userId || '' });
        case 'expired':
          return t('warden.access.expired');
        case 'offline':
          return t('warden.access.offline');
        default:
          return t('warden.access.failed');
      }
    }
  }

  /** @param {Date} at */
  function recordedText(at) {
    const time = new Intl.DateTimeFormat(currentLocale(), { timeStyle: 'short', timeZone: TIME_ZONE }).format(at);
    return state.online ? t('warden.recorded.online', { time }) : t('warden.recorded.offline', { time });
  }
}

/**
 * "Online" or "Offline" in the header, for a warden who wonders why nothing is sent.
 * @param {HTMLElement | null} element
 */
function mountConnectionStatus(element) {
  if (!element) {
    return;
  }

  addEventListener('online', update);
  addEventListener('offline', update);
  document.addEventListener('languagechange', update);
  update();

  function update() {
    const online = navigator.onLine;
    /** @type {HTMLElement} */ (element).classList.toggle('-offline', !online);
    setText(/** @type {HTMLElement} */ (element), online ? t('warden.connection.online') : t('warden.connection.offline'));
  }
}

/** The service worker keeps the app on the device, so it opens without network. */
function registerServiceWorker() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/warden/sw.js', { scope: '/warden/' }).catch((error) => {
      console.error(new Error('The app cannot be kept for offline use.', { cause: error }));
    });
  }
}

/** @param {ApiError} error */
function describe(error) {
  const head = error.status > 0 ? `HTTP ${error.status}${error.title ? ` ${error.title}` : ''}` : error.title;
  return error.detail ? `${head}: ${error.detail}` : head;
}
