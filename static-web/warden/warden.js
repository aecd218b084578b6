// The warden app: record nuisance in the street, with or without network. An observation is first stored on the
// device (IndexedDB, photos included) and then sent by the queue whenever the network allows; each observation
// on its own, so one that fails never holds the others back.
// This module holds the app's state and passes it down to the components as events; they send actions up.
import { ApiError, apiGet } from '/js/api.js';
import { applyTranslations, currentLanguage, mountLanguageSwitch, t } from '/js/i18n.js';
import { mountConnectionStatus } from './connection-status.js';
import { addEntry, allEntries, askToKeepData, deleteEntry, updateEntry } from './local-store.js';
import { mountObservationForm } from './observation-form.js';
import { mountObservationList } from './observation-list.js';
import { advance, isExpired, listItems, newEntry, waitingForOthers } from './queue-core.js';
import { mountRecordedNotice } from './recorded-notice.js';
import { loadArea, loadCategories, loadHotspots, loadMe } from './reference-data.js';
import { mountSendStatus } from './send-status.js';
import { startSender } from './sender.js';
import { ROLE, mountWardenAccess, mountWardenUser } from './warden-access.js';

/** After an observation is sent the API links it to a dossier in the background: ask again a few times. */
const DOSSIER_CHECKS_MS = [2_000, 8_000, 30_000];
const REFRESH_MS = 60_000;

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

  const part = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const [access, user, sendStatus, newSection, recorded, list] = ['.warden-access', '.warden-user', '.send-status', '.warden-new', '.warden-recorded', '.observation-list'].map(part);
  const form = /** @type {HTMLFormElement} */ (part('.observation-form'));
  const recentHeading = part('#warden-recent-heading');
  const parts = { access, user, sendStatus, newSection, recorded, list, form };

  const state = {
    /** @type {import('./warden-access.js').WardenIdentity} */
    identity: { me: null, loading: true, fromDevice: false, error: null, signInNeeded: false },
    reference: { categories: /** @type {import('./form-core.js').Category[]} */ ([]), hotspots: /** @type {import('./form-core.js').Hotspot[]} */ ([]), area: /** @type {number[][][]} */ ([]), loading: true, failed: false },
    /** @type {import('./queue-core.js').QueueEntry[]} */
    entries: [],
    remote: { items: /** @type {Array<Record<string, any>>} */ ([]), loading: false, failed: false },
    online: navigator.onLine,
    /** the observation saved last, for the notice above the form */
    recorded: { id: /** @type {string | null} */ (null), at: /** @type {Date | null} */ (null) },
  };

  const channel = 'BroadcastChannel' in globalThis ? new BroadcastChannel('wijkwacht-warden') : null;
  /** @type {Array<ReturnType<typeof setTimeout>>} */
  let dossierChecks = [];

  mountWardenAccess(access);
  mountWardenUser(user);
  mountSendStatus(sendStatus);
  mountRecordedNotice(recorded);
  mountObservationForm(form);
  mountObservationList(list);
  const sender = startSender({
    userId: () => (mayRecord() && !state.identity.signInNeeded ? state.identity.me?.userId ?? null : null),
    onChange: () => {
      channel?.postMessage('changed');
      reloadEntries();
    },
    onSent: () => followDossiers(),
    onSignInNeeded: (error) => {
      state.identity = { ...state.identity, signInNeeded: true, error };
      update();
    },
  });

  element.addEventListener('recordObservation', (event) => record(/** @type {CustomEvent} */ (event).detail));
  listenToQueueActions(element, { changed, sendNow: () => sender.sendNow(), afterDelete: () => recentHeading.focus() });
  element.addEventListener('sendNow', () => sender.sendNow());
  addEventListener('online', () => {
    state.online = true;
    update();
    refresh();
  });
  addEventListener('offline', () => {
    state.online = false;
    update();
  });
  document.addEventListener('languagechange', () => {
    update();
    loadReference();
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      reloadEntries();
      refresh();
    }
  });
  channel?.addEventListener('message', () => reloadEntries());
  setInterval(() => !document.hidden && state.online && loadRemote(), REFRESH_MS);

  update();
  start();

  async function start() {
    await Promise.all([identify(), loadReference(), recoverEntries().then(reloadEntries)]);
    loadRemote();
    sender.sendNow();
  }

  async function identify() {
    const loaded = await loadMe();
    state.identity = { me: loaded.value, loading: false, fromDevice: loaded.fromDevice, error: loaded.error, signInNeeded: false };
    update();
  }

  async function refresh() {
    const { fromDevice, signInNeeded, me } = state.identity;
    if (fromDevice || signInNeeded || !me) {
      await identify();
    }

    loadRemote();
    sender.sendNow();
  }

  async function loadReference() {
    const language = currentLanguage();
    const [categories, hotspots, area] = await Promise.all([loadCategories(language), loadHotspots(), loadArea()]);
    if (language === currentLanguage()) {
      // (else switched again meanwhile: the later load wins)
      const failed = categories.value.length === 0 && categories.error !== null;
      state.reference = { categories: categories.value, hotspots: hotspots.value, area: area.value, loading: false, failed };
      update();
    }
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
    if (!state.identity.me || state.remote.loading || !mayRecord()) {
      return;
    }

    state.remote = { ...state.remote, loading: true };
    update();
    try {
      const answer = await apiGet('/api/observations?mine=true&pageSize=20');
      state.remote = { items: Array.isArray(answer?.items) ? answer.items : [], loading: false, failed: false };
    } catch (error) {
      state.remote = { ...state.remote, loading: false, failed: true };
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        state.identity = { ...state.identity, signInNeeded: true, error };
      }
    }

    update();
  }

  function followDossiers() {
    loadRemote();
    dossierChecks.forEach(clearTimeout);
    dossierChecks = DOSSIER_CHECKS_MS.map((ms) => setTimeout(loadRemote, ms));
  }

  /** @param {{ request: Record<string, any>, photos: Array<{ photoId: string, blob: Blob }> }} detail */
  async function record({ request, photos }) {
    const { me } = state.identity;
    if (!me) {
      return;
    }

    const entry = newEntry({ request, photos, userId: me.userId, now: Date.now() });
    try {
      await addEntry(entry);
    } catch {
      const problem = new ApiError({ status: 0, title: t('warden.problem.storage') });
      form.dispatchEvent(new CustomEvent('observationNotRecorded', { detail: { error: problem } }));
      return;
    }

    askToKeepData();
    form.dispatchEvent(new CustomEvent('observationRecorded'));
    state.recorded = { id: entry.id, at: new Date() };
    state.entries = [...state.entries, entry];
    update();
    recorded.focus();
    await changed();
    sender.sendNow();
  }

  function mayRecord() {
    return mayRecordAs(state.identity.me);
  }

  function update() {
    render(parts, state);
  }
}

/** Entries a closed page left halfway are pending again; sent ones older than a week leave the device. */
async function recoverEntries() {
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
}

/**
 * The list's actions on one entry: retry it now, or delete it from the device once the warden confirms.
 * @param {HTMLElement} element
 * @param {{ changed: () => Promise<void>, sendNow: () => void, afterDelete: () => void }} then
 */
function listenToQueueActions(element, { changed, sendNow, afterDelete }) {
  element.addEventListener('retryObservation', async (event) => {
    const { id } = /** @type {CustomEvent<{ id: string }>} */ (event).detail;
    await updateEntry(id, (entry) => advance(entry, { type: 'retry' }, Date.now()));
    await changed();
    sendNow();
  });
  element.addEventListener('deleteObservation', async (event) => {
    const { id } = /** @type {CustomEvent<{ id: string }>} */ (event).detail;
    if (confirm(t('warden.recent.confirmDelete'))) {
      await deleteEntry(id);
      await changed();
      afterDelete();
    }
  });
}

/** @param {import('./reference-data.js').Me | null} me */
function mayRecordAs(me) {
  return me?.roles.includes(ROLE) ?? false;
}

/**
 * Passes the app's state down to every component.
 * @param {Record<'access' | 'user' | 'sendStatus' | 'newSection' | 'recorded' | 'list' | 'form', HTMLElement>} parts
 * @param {any} state mountWarden's state
 */
function render(parts, state) {
  const { identity, reference, entries, remote, online } = state;
  const { me } = identity;
  const userId = me?.userId ?? '';
  const send = (/** @type {HTMLElement} */ target, /** @type {string} */ type, /** @type {unknown} */ detail) => target.dispatchEvent(new CustomEvent(type, { detail }));

  send(parts.access, 'wardenIdentity', identity);
  send(parts.user, 'wardenIdentity', identity);
  parts.newSection.hidden = !mayRecordAs(me);
  send(parts.recorded, 'recordedData', { entries, id: state.recorded.id, at: state.recorded.at, online });
  send(parts.form, 'formData', reference);
  send(parts.sendStatus, 'sendStatusData', { entries, userId, online, signInNeeded: identity.signInNeeded });
  send(parts.list, 'observationListData', {
    items: me ? listItems(entries, remote.items, userId) : [],
    categories: reference.categories,
    loading: remote.loading || identity.loading,
    remoteFailed: remote.failed || (!identity.loading && !me),
    online,
    othersWaiting: me ? waitingForOthers(entries, userId) : 0,
  });
}

/** The service worker keeps the app on the device, so it opens without network. */
function registerServiceWorker() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/warden/sw.js', { scope: '/warden/' }).catch((error) => {
      console.error(new Error('The app cannot be kept for offline use.', { cause: error }));
    });
  }
}
