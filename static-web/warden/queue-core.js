// Pure rules of the send queue: observations wait on the device until the API has them, with their photos.
// Every change of an entry is a step of a small state machine, so a page closed halfway, a dropped network or a
// refusal each end in a known state. No DOM, no storage, no network: it runs under `node --test`.
//
//   pending ──start──▶ sending ──done──▶ sent
//      ▲                  │
//      └──interrupted─────┤  (no network, server busy: this entry waits its own back-off, the others go on)
//      └──retry── failed ◀┘  (refused, will not heal by retrying: set aside with its reason; retry or delete)
//
// Entries never wait for each other: each has its own back-off (nextTryAt), and the queue creates every due
// observation before it sends any photo, so a slow or failing photo never holds a later observation back.

/** @typedef {'pending' | 'sending' | 'sent' | 'failed'} QueueState */

/**
 * A problem as the API described it (RFC 9457), kept as plain data so IndexedDB can store it.
 * @typedef {object} StoredProblem
 * @property {number} status  0 when the server could not be reached
 * @property {string} title
 * @property {string} detail
 * @property {Record<string, string[]>} errors
 * @property {Record<string, string[]>} [codes]  the API's machine codes per field, which the page translates
 * @property {string} [code]             the API's machine code for the whole problem
 * @property {'api' | 'storage' | 'device'} [from]  who answered: the API, Blob Storage, or the device itself
 * @property {'create' | 'photo'} [step]  what was being sent: the observation or one of its photos
 */

/**
 * @typedef {object} QueuedPhoto
 * @property {string} photoId       a UUID made on the device: sending it again changes nothing
 * @property {string} contentType
 * @property {number} size          bytes
 * @property {Blob | null} blob     dropped once the server confirmed the photo
 * @property {boolean} confirmed
 */

/**
 * @typedef {object} QueueEntry
 * @property {string} id            the observation's UUID, made on the device when it was recorded
 * @property {string} userId        who recorded it: only they send it
 * @property {number} createdAt     ms since the epoch; the queue sends oldest first
 * @property {Record<string, any>} request  the body of POST /api/observations, sent unchanged on every try
 * @property {QueuedPhoto[]} photos
 * @property {QueueState} state
 * @property {boolean} created      the API has the observation; only photos may be left
 * @property {Record<string, any> | null} response  the API's observation, once created
 * @property {StoredProblem | null} problem  why it failed (state failed), or why the last try did not get through
 * @property {number} attempts      tries that did not get through since the last success or retry
 * @property {number} [nextTryAt]   ms since the epoch: this entry's own back-off; absent or 0 means now
 * @property {number | null} sentAt
 */

/**
 * @typedef {{ type: 'start' }
 *   | { type: 'created', observation: Record<string, any> }
 *   | { type: 'photoConfirmed', photoId: string }
 *   | { type: 'done' }
 *   | { type: 'interrupted', problem: StoredProblem }
 *   | { type: 'failed', problem: StoredProblem }
 *   | { type: 'retry' }
 *   | { type: 'recover' }} QueueEvent
 */

/** How long a sent observation stays on the device, for the list while the network is away. */
export const KEEP_SENT_MS = 7 * 24 * 60 * 60 * 1000;

const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 5 * 60_000;

/**
 * A new entry, pending, as recorded on the device.
 * @param {{ request: Record<string, any>, photos: Array<{ photoId: string, blob: Blob, contentType?: string }>, userId: string, now: number }} input
 * @returns {QueueEntry}
 */
export function newEntry({ request, photos, userId, now }) {
  return {
    id: String(request.id),
    userId,
    createdAt: now,
    request,
    photos: photos.map((photo) => ({
      photoId: photo.photoId,
      contentType: photo.contentType ?? photo.blob.type ?? 'image/jpeg',
      size: photo.blob.size,
      blob: photo.blob,
      confirmed: false,
    })),
    state: 'pending',
    created: false,
    response: null,
    problem: null,
    attempts: 0,
    nextTryAt: 0,
    sentAt: null,
  };
}

/**
 * The entry after event. Events that do not fit the entry's state change nothing, so a late answer from a
 * previous try can never move a deleted or sent entry back.
 * @param {QueueEntry} entry
 * @param {QueueEvent} event
 * @param {number} now
 * @param {() => number} [random] spreads an interrupted entry's wait (see retryDelay)
 * @returns {QueueEntry}
 */
export function advance(entry, event, now, random = Math.random) {
  const active = entry.state === 'pending' || entry.state === 'sending';
  switch (event.type) {
    case 'start':
      return active ? { ...entry, state: 'sending' } : entry;
    case 'created': {
      if (!active) {
        return entry;
      }

      const confirmedIds = new Set((event.observation.photos ?? []).map((/** @type {any} */ p) => String(p.photoId)));
      return {
        ...entry,
        created: true,
        attempts: 0,
        response: event.observation,
        photos: entry.photos.map((photo) => (confirmedIds.has(photo.photoId) ? confirm(photo) : photo)),
      };
    }
    case 'photoConfirmed':
      return active ? { ...entry, attempts: 0, photos: entry.photos.map((photo) => (photo.photoId === event.photoId ? confirm(photo) : photo)) } : entry;
    case 'done':
      return active && entry.created && entry.photos.every((photo) => photo.confirmed)
        ? { ...entry, state: 'sent', problem: null, attempts: 0, sentAt: now }
        : entry;
    case 'interrupted': {
      if (!active) {
        return entry;
      }

      const attempts = entry.attempts + 1;
      return { ...entry, state: 'pending', problem: event.problem, attempts, nextTryAt: now + retryDelay(attempts, random) };
    }
    case 'failed':
      return active ? { ...entry, state: 'failed', problem: event.problem } : entry;
    case 'retry':
      return entry.state === 'failed' ? { ...entry, state: 'pending', problem: null, attempts: 0, nextTryAt: 0 } : entry;
    case 'recover':
      // The page closed while sending: the next try starts where the entry's facts say it is.
      return entry.state === 'sending' ? { ...entry, state: 'pending' } : entry;
    default:
      return entry;
  }
}

/**
 * What to send next for an entry: the observation, then each photo not yet confirmed, then nothing.
 * @param {QueueEntry} entry
 * @returns {{ step: 'create' } | { step: 'photo', photo: QueuedPhoto } | { step: 'done' }}
 */
export function nextStep(entry) {
  if (!entry.created) {
    return { step: 'create' };
  }

  const photo = entry.photos.find((candidate) => !candidate.confirmed);
  return photo ? { step: 'photo', photo } : { step: 'done' };
}

/**
 * The entries this user's device should send, in the order they were recorded.
 * @param {QueueEntry[]} entries
 * @param {string} userId
 */
export function sendOrder(entries, userId) {
  return entries.filter((entry) => isActive(entry) && entry.userId === userId).sort(byAge);
}

/**
 * The entries to try now: those whose own wait is over (all of them when the warden or the returning network
 * says "now"). Observations the API does not have yet come first, so none waits behind another's photos.
 * @param {QueueEntry[]} entries
 * @param {string} userId
 * @param {number} now
 * @param {{ ignoreWait?: boolean }} [options]
 */
export function dueEntries(entries, userId, now, { ignoreWait = false } = {}) {
  return sendOrder(entries, userId)
    .filter((entry) => ignoreWait || (entry.nextTryAt ?? 0) <= now)
    .sort((a, b) => Number(a.created) - Number(b.created) || byAge(a, b));
}

/**
 * When the next entry's wait is over, or null when nothing waits: the queue sleeps until then.
 * @param {QueueEntry[]} entries
 * @param {string} userId
 * @returns {number | null}
 */
export function nextTryAt(entries, userId) {
  const times = sendOrder(entries, userId).map((entry) => entry.nextTryAt ?? 0);
  return times.length > 0 ? Math.min(...times) : null;
}

/**
 * What a failed request means for the queue:
 * - retry: it may get through later (no network, timeout, throttled, server error): the queue waits and tries again;
 * - signIn: the warden must sign in (again) or lacks the role: the queue waits for that;
 * - fail: the server refused this observation: it stops here until the warden retries or deletes it.
 * A refusal by Blob Storage (the photo upload) never means "sign in": the upload URL carries its own permission.
 * @param {number} status HTTP status, 0 when nothing answered
 * @param {'api' | 'storage'} [from]
 * @returns {'retry' | 'signIn' | 'fail'}
 */
export function classifyFailure(status, from = 'api') {
  // Below 400: an answer that was no answer of ours (a Wi-Fi sign-in page, a proxy): as if nothing answered.
  if (status < 400 || status === 408 || status === 425 || status === 429 || status >= 500) {
    return 'retry';
  }

  return from === 'api' && (status === 401 || status === 403) ? 'signIn' : 'fail';
}

/**
 * Why an entry is not sent (yet), as the key of a sentence in the app's language and its values; never the raw
 * text of a browser error ("TypeError: Failed to fetch"). Keys live under warden.reason in static-web/i18n.
 * @param {StoredProblem} problem
 * @returns {{ key: string, values?: Record<string, string | number> }}
 */
export function reasonOf(problem) {
  const photo = problem.step === 'photo';
  const { status } = problem;
  if (problem.from === 'device') {
    return { key: 'warden.reason.photoLost' };
  }

  if (status === 0 || status < 400) {
    return { key: problem.from === 'storage' ? 'warden.reason.storageUnreachable' : 'warden.reason.noConnection' };
  }

  if (problem.from !== 'storage' && (status === 401 || status === 403)) {
    return { key: 'warden.reason.signIn' };
  }

  if (status === 408 || status === 425 || status === 429 || status === 503 || status === 504) {
    return { key: 'warden.reason.busy' };
  }

  if (status >= 500) {
    return { key: 'warden.reason.serverError', values: { status } };
  }

  if (status === 413) {
    return { key: 'warden.reason.photoTooLarge' };
  }

  if (photo) {
    return { key: problem.from === 'storage' ? 'warden.reason.photoRefusedByStorage' : 'warden.reason.photoRefused', values: { status } };
  }

  return { key: 'warden.reason.refused', values: { status } };
}

/**
 * The one state of the observation the warden just saved, for the notice above the form: it follows the entry,
 * so it never says "being sent" beside a list that says "not sent".
 * @param {QueueEntry[]} entries
 * @param {string | null} id
 * @param {boolean} online
 * @returns {'online' | 'offline' | 'sent' | 'failed' | 'photoFailed' | 'removed'}
 */
export function recordedState(entries, id, online) {
  const entry = entries.find((candidate) => candidate.id === id);
  if (!entry) {
    return 'removed';
  }

  if (entry.state === 'failed' && entry.created) {
    return 'photoFailed';
  }

  if (entry.state === 'sent' || entry.state === 'failed') {
    return entry.state;
  }

  return online ? 'online' : 'offline';
}

/**
 * The wait before the next try after `failures` tries in a row that did not get through: 5 s, doubling, at most
 * 5 minutes, spread ±20 % so many phones coming back online at once do not all ask at the same moment.
 * @param {number} failures 1 or more
 * @param {() => number} [random] in [0, 1)
 */
export function retryDelay(failures, random = Math.random) {
  const exponent = Math.max(0, Math.min(failures - 1, 16));
  const delay = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent);
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/**
 * Entries that may be removed from the device: sent long enough ago.
 * @param {QueueEntry} entry
 * @param {number} now
 */
export function isExpired(entry, now) {
  return entry.state === 'sent' && entry.sentAt !== null && now - entry.sentAt > KEEP_SENT_MS;
}

/**
 * @typedef {object} ListItem
 * @property {string} id
 * @property {QueueState} state
 * @property {Record<string, any>} observation  as the API has it, else as the device recorded it
 * @property {string | null} dossierId
 * @property {{ total: number, sent: number }} photos
 * @property {StoredProblem | null} problem
 * @property {QueueEntry | null} entry       the device's copy, when there is one
 */

/**
 * "My recent observations": what the API answered, merged with what is still on the device. The device's state
 * wins while it still has something to send; once sent, the API's copy (with its dossier) is shown. Newest first.
 * @param {QueueEntry[]} entries
 * @param {Array<Record<string, any>>} remote
 * @param {string} userId
 * @returns {ListItem[]}
 */
export function listItems(entries, remote, userId) {
  /** @type {Map<string, ListItem>} */
  const items = new Map();
  for (const observation of remote) {
    const photos = Array.isArray(observation.photos) ? observation.photos.length : 0;
    items.set(String(observation.id), {
      id: String(observation.id),
      state: 'sent',
      observation,
      dossierId: observation.dossierId ?? null,
      photos: { total: photos, sent: photos },
      problem: null,
      entry: null,
    });
  }

  for (const entry of entries) {
    if (entry.userId !== userId) {
      continue;
    }

    const known = items.get(entry.id);
    const observation = known?.observation ?? entry.response ?? entry.request;
    const sentPhotos = entry.photos.filter((photo) => photo.confirmed).length;
    items.set(entry.id, {
      id: entry.id,
      state: entry.state,
      observation,
      dossierId: observation.dossierId ?? null,
      photos: entry.state === 'sent' && known ? known.photos : { total: entry.photos.length, sent: sentPhotos },
      problem: entry.state === 'failed' ? entry.problem : null,
      entry,
    });
  }

  return [...items.values()].sort(
    (a, b) => time(b.observation.observedAt) - time(a.observation.observedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * A dossier's short reference, as the mails about it show it ("Nieuw dossier: Sluikstorten (03249b40)"): enough
 * to tell dossiers apart and to quote on the phone, one line on a phone instead of a whole id.
 * @param {string} dossierId
 */
export function shortReference(dossierId) {
  return String(dossierId).slice(0, 8);
}

/**
 * How many entries on this device wait for another user (signed in earlier on the same device).
 * @param {QueueEntry[]} entries
 * @param {string} userId
 */
export function waitingForOthers(entries, userId) {
  return entries.filter((entry) => entry.userId !== userId && (isActive(entry) || entry.state === 'failed')).length;
}

/**
 * A thrown error as storable data: what the page needs to say why, nothing of the browser's own error text (it
 * is English, and a network error's text may hold an upload URL with its signature).
 * @param {unknown} error an ApiError (status, title, detail, errors, extensions.codes) or anything else
 * @param {'create' | 'photo'} [step]
 * @returns {StoredProblem}
 */
export function problemOf(error, step = 'create') {
  const source = /** @type {Record<string, any>} */ (error && typeof error === 'object' ? error : {});
  const extensions = source.extensions && typeof source.extensions === 'object' ? source.extensions : {};
  const from = source.from === 'storage' || source.from === 'device' ? source.from : 'api';
  return {
    status: Number.isInteger(source.status) ? source.status : 0,
    title: from === 'api' && typeof source.title === 'string' ? source.title : '',
    detail: from === 'api' && typeof source.detail === 'string' ? source.detail : '',
    errors: source.errors && typeof source.errors === 'object' ? { ...source.errors } : {},
    codes: extensions.codes && typeof extensions.codes === 'object' ? { ...extensions.codes } : {},
    code: typeof extensions.code === 'string' ? extensions.code : '',
    from,
    step,
  };
}

/** @param {QueueEntry} entry */
function isActive(entry) {
  return entry.state === 'pending' || entry.state === 'sending';
}

/** Oldest first; recorded in the same millisecond, by id, so the order is stable. */
function byAge(/** @type {QueueEntry} */ a, /** @type {QueueEntry} */ b) {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** @param {QueuedPhoto} photo */
function confirm(photo) {
  return { ...photo, confirmed: true, blob: null };
}

/** @param {unknown} value */
function time(value) {
  const ms = Date.parse(String(value));
  return Number.isNaN(ms) ? 0 : ms;
}
