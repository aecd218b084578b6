// Sends the observations waiting on the device: the observation, then its photos (each: an upload URL from the
// API, the bytes straight to Blob Storage, a confirmation). Entries are independent: each has its own back-off,
// every due observation is created before any photo is sent, and one that fails or is refused never holds the
// others back. It runs when the app starts, when the network comes back, when an entry's wait is over, and once
// a minute as a safety net for phones that never say they are online again. The ids are made on the device and
// the API is idempotent on them, so a try cut off halfway is simply made again: nothing is ever recorded twice.
import { ApiError, apiPost } from '/js/api.js';
import { allEntries, updateEntry } from './local-store.js';
import { advance, classifyFailure, dueEntries, nextStep, nextTryAt, problemOf } from './queue-core.js';

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
  /** the next pass ignores every entry's wait: the warden asked, or the network came back */
  let ignoreWait = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let wakeTimer;
  let waitingForSignIn = false;

  addEventListener('online', () => sendNow());
  setInterval(() => {
    if (!waitingForSignIn) {
      drain();
    }
  }, SAFETY_NET_MS);

  return { sendNow };

  /** Tries every entry now, whatever wait was planned: on start, when the network returns, or when the warden asks. */
  function sendNow() {
    waitingForSignIn = false;
    ignoreWait = true;
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
    clearTimeout(wakeTimer);
    try {
      await exclusively(() => sendDue(user));
    } catch (error) {
      // The device's storage failed (full, or cleared underneath us): the safety net tries again.
      console.error(error);
    } finally {
      running = false;
      if (again) {
        again = false;
        drain();
      } else {
        wakeForNext(user);
      }
    }
  }

  /**
   * One pass: every due observation is created first, then the photos of every due entry are sent. A failure
   * changes only its own entry (its back-off, or set aside); only a needed sign-in stops the pass.
   * @param {string} user
   */
  async function sendDue(user) {
    const force = ignoreWait;
    ignoreWait = false;
    const due = dueEntries(await allEntries(), user, Date.now(), { ignoreWait: force });
    /** @type {string[]} created in this pass, their photos still to send */
    const created = [];
    try {
      for (const entry of due) {
        if (!go()) {
          return;
        }

        const outcome = await sendOne(entry.id, 'create');
        if (outcome === 'signIn') {
          waitingForSignIn = true;
          return;
        }

        if (outcome === 'created') {
          created.push(entry.id);
        }
      }

      while (created.length > 0) {
        if (!go()) {
          return;
        }

        if ((await sendOne(/** @type {string} */ (created.shift()), 'photos')) === 'signIn') {
          waitingForSignIn = true;
          return;
        }
      }
    } finally {
      // Left between the two phases (the network dropped, a sign-in is needed): on the device again, not "sending".
      for (const id of created) {
        await change(id, { type: 'recover' });
      }
    }

    function go() {
      return navigator.onLine !== false && !waitingForSignIn;
    }
  }

  /** Sleeps until the first entry's own wait is over. @param {string} user */
  async function wakeForNext(user) {
    if (waitingForSignIn) {
      return;
    }

    try {
      const at = nextTryAt(await allEntries(), user);
      if (at !== null) {
        clearTimeout(wakeTimer);
        wakeTimer = setTimeout(drain, Math.max(0, at - Date.now()));
      }
    } catch (error) {
      console.error(error);
    }
  }

  /**
   * Sends what is left of one entry: in the create phase only the observation, in the photos phase the rest.
   * @param {string} id
   * @param {'create' | 'photos'} phase
   * @returns {Promise<'sent' | 'created' | 'skipped' | 'failed' | 'retry' | 'signIn'>}
   */
  async function sendOne(id, phase) {
    let entry = await change(id, { type: 'start' });
    /** @type {'create' | 'photo'} */
    let step = 'create';
    try {
      for (;;) {
        if (!entry || entry.state !== 'sending') {
          return 'skipped'; // deleted, set aside or changed by the warden meanwhile
        }

        const next = nextStep(entry);
        step = next.step === 'photo' ? 'photo' : 'create';
        if (next.step === 'create') {
          const observation = await apiPost('/api/observations', entry.request, { signal: timeout(API_TIMEOUT_MS) });
          entry = await change(id, { type: 'created', observation });
        } else if (next.step === 'photo' && phase === 'create') {
          return 'created'; // its photos wait for the photos phase: every other observation goes first
        } else if (next.step === 'photo') {
          await sendPhoto(id, next.photo);
          entry = await change(id, { type: 'photoConfirmed', photoId: next.photo.photoId });
        } else {
          entry = await change(id, { type: 'done' });
          if (entry) {
            onSent(entry);
          }

          return 'sent';
        }
      }
    } catch (error) {
      const problem = problemOf(error, step);
      const kind = classifyFailure(problem.status, problem.from === 'api' ? 'api' : 'storage');
      await change(id, kind === 'fail' ? { type: 'failed', problem } : { type: 'interrupted', problem });
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
    throw Object.assign(new ApiError({ status: 400 }), { from: 'device' });
  }

  const path = `/api/observations/${encodeURIComponent(observationId)}/photos`;
  const ask = () => apiPost(path, { photoId: photo.photoId, contentType: photo.contentType }, { signal: timeout(API_TIMEOUT_MS) });
  let response = await upload(await ask(), photo.blob);
  if (response.status === 403) {
    response = await upload(await ask(), photo.blob);
  }

  if (!response.ok) {
    throw storageError(response.status);
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
    throw storageError(400);
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
  } catch {
    // The browser's own text ("TypeError: Failed to fetch") says nothing to a warden: the status says enough.
    throw storageError(0);
  }
}

/** @param {number} status */
function storageError(status) {
  return Object.assign(new ApiError({ status }), { from: 'storage' });
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
