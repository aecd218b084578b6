// Sends the observations waiting on the device, one at a time, oldest first: the observation, then its photos
// (each: an upload URL from the API, the bytes straight to Blob Storage, a confirmation). It runs when the app
// starts, when the network comes back, after a failed try with a growing wait, and once a minute as a safety
// net for phones that never say they are online again. The ids are made on the device and the API is idempotent
// on them, so a try cut off halfway is simply made again: nothing is ever recorded twice.
import { ApiError, apiPost } from '/js/api.js';
import { t } from '/js/i18n.js';
import { allEntries, updateEntry } from './local-store.js';
import { advance, classifyFailure, nextStep, problemOf, retryDelay, sendOrder } from './queue-core.js';

/** @typedef {import('./queue-core.js').QueueEntry} QueueEntry */
/** @typedef {import('./queue-core.js').QueuedPhoto} QueuedPhoto */

const SAFETY_NET_MS = 60_000;
const API_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 120_000;
const LOCK = 'wijkwacht-warden-send';

/**
 * @typedef {object} SenderOptions
 * @property {() => string | null} userId          the signed-in warden; null while unknown (nothing is sent)
 * @property {() => void} onChange                 an entry changed on the device
 * @property {(entry: QueueEntry) => void} onSent  an entry reached the API with all its photos
 * @property {(error: ApiError) => void} onSignInNeeded  the API wants a (new) sign-in before anything is sent
 */

/** @param {SenderOptions} options */
export function startSender({ userId, onChange, onSignInNeeded, onSent }) {
  let running = false;
  let again = false;
  let failures = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retryTimer;
  let waitingForSignIn = false;

  addEventListener('online', () => sendNow());
  setInterval(() => {
    if (retryTimer === undefined && !waitingForSignIn) {
      sendNow();
    }
  }, SAFETY_NET_MS);

  return { sendNow };

  /** Tries now, whatever wait was planned: on start, when the network returns, or when the warden asks. */
  function sendNow() {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    waitingForSignIn = false;
    drain();
  }

  async function drain() {
    if (running) {
      again = true;
      return;
    }

    const user = userId();
    if (!user || navigator.onLine === false) {
      return;
    }

    running = true;
    try {
      await exclusively(() => sendAll(user));
    } catch (error) {
      // The device's storage failed (full, or cleared underneath us): try again later, as for the network.
      console.error(error);
      scheduleRetry();
    } finally {
      running = false;
      if (again) {
        again = false;
        drain();
      }
    }
  }

  /** @param {string} user */
  async function sendAll(user) {
    for (;;) {
      const [entry] = sendOrder(await allEntries(), user);
      if (!entry || navigator.onLine === false) {
        return;
      }

      const outcome = await sendOne(entry);
      if (outcome === 'retry') {
        scheduleRetry();
        return;
      }

      if (outcome === 'signIn') {
        waitingForSignIn = true;
        return;
      }

      failures = 0;
    }
  }

  function scheduleRetry() {
    failures++;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      drain();
    }, retryDelay(failures));
  }

  /**
   * @param {QueueEntry} queued
   * @returns {Promise<'sent' | 'failed' | 'retry' | 'signIn'>}
   */
  async function sendOne(queued) {
    let entry = await change(queued.id, { type: 'start' });
    try {
      for (;;) {
        if (!entry || entry.state !== 'sending') {
          return 'failed'; // deleted or changed by the warden meanwhile: go on with the next one
        }

        const step = nextStep(entry);
        if (step.step === 'create') {
          const observation = await apiPost('/api/observations', entry.request, { signal: timeout(API_TIMEOUT_MS) });
          entry = await change(entry.id, { type: 'created', observation });
        } else if (step.step === 'photo') {
          await sendPhoto(entry.id, step.photo);
          entry = await change(entry.id, { type: 'photoConfirmed', photoId: step.photo.photoId });
        } else {
          entry = await change(entry.id, { type: 'done' });
          if (entry) {
            onSent(entry);
          }

          return 'sent';
        }
      }
    } catch (error) {
      const problem = problemOf(error);
      const kind = classifyFailure(problem.status, /** @type {any} */ (error)?.from === 'storage' ? 'storage' : 'api');
      await change(queued.id, kind === 'fail' ? { type: 'failed', problem } : { type: 'interrupted', problem });
      if (kind === 'signIn') {
        onSignInNeeded(error instanceof ApiError ? error : new ApiError(problem));
      }

      return kind === 'fail' ? 'failed' : kind;
    }
  }

  /**
   * @param {string} id
   * @param {import('./queue-core.js').QueueEvent} event
   */
  async function change(id, event) {
    const entry = await updateEntry(id, (current) => advance(current, event, Date.now()));
    onChange();
    return entry;
  }
}

/**
 * One photo: where to upload it, the upload itself, and the API's check of what arrived. An upload URL that
 * expired while the phone was offline answers 403: a fresh one is asked for once, for the same photo id.
 * @param {string} observationId
 * @param {QueuedPhoto} photo
 */
async function sendPhoto(observationId, photo) {
  if (!photo.blob) {
    throw new ApiError({ status: 400, title: t('warden.problem.photoLost') });
  }

  const path = `/api/observations/${encodeURIComponent(observationId)}/photos`;
  const ask = () => apiPost(path, { photoId: photo.photoId, contentType: photo.contentType }, { signal: timeout(API_TIMEOUT_MS) });
  let response = await upload(await ask(), photo.blob);
  if (response.status === 403) {
    response = await upload(await ask(), photo.blob);
  }

  if (!response.ok) {
    throw storageError(response.status, `${response.status} ${response.statusText}`.trim());
  }

  await apiPost(`${path}/${encodeURIComponent(photo.photoId)}/confirm`, undefined, { signal: timeout(API_TIMEOUT_MS) });
}

/**
 * PUT to the upload URL the API gave, with the headers it named; cross-origin, without cookies.
 * @param {{ uploadUrl: string, headers?: Record<string, string> }} target
 * @param {Blob} blob
 */
async function upload(target, blob) {
  const url = new URL(String(target?.uploadUrl ?? ''), location.href);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw storageError(400, `Not an upload URL: ${url.protocol}`);
  }

  try {
    return await fetch(url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob', 'Content-Type': blob.type || 'image/jpeg', ...(target.headers ?? {}) },
      body: blob,
      credentials: 'omit',
      cache: 'no-store',
      signal: timeout(UPLOAD_TIMEOUT_MS),
    });
  } catch (error) {
    throw storageError(0, String(error));
  }
}

/**
 * @param {number} status
 * @param {string} detail
 */
function storageError(status, detail) {
  const error = new ApiError({ status, title: t('warden.problem.upload'), detail });
  Object.assign(error, { from: 'storage' });
  return error;
}

/**
 * A signal that aborts after ms: a request hanging on a weak mobile network must not block the queue.
 * @param {number} ms
 */
function timeout(ms) {
  if (typeof AbortSignal.timeout === 'function') {
    return AbortSignal.timeout(ms);
  }

  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

/**
 * Runs work in one tab at a time (Web Locks); where the browser has no locks, the API's idempotency still
 * keeps two tabs sending the same observation from recording it twice.
 * @param {() => Promise<void>} work
 */
async function exclusively(work) {
  if (!navigator.locks?.request) {
    await work();
    return;
  }

  await navigator.locks.request(LOCK, { ifAvailable: true }, async (lock) => {
    if (lock) {
      await work();
    }
  });
}
