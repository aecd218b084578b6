// Pure rules of the send queue: observations wait on the device until the API has them, with their photos.
// Every change of an entry is a step of a small state machine, so a page closed halfway, a dropped network or a
// refusal each end in a known state. No DOM, no storage, no network: it runs under `node --test`.
//
//   pending ──start──▶ sending ──done──▶ sent
//      ▲                  │
//      └──interrupted─────┤  (no network, server busy: tried again later, in order)
//      └──retry── failed ◀┘  (the server refused it: the warden reads why and retries or deletes)

/** @typedef {'pending' | 'sending' | 'sent' | 'failed'} QueueState */

/**
 * A problem as the API described it (RFC 9457), kept as plain data so IndexedDB can store it.
 * @typedef {object} StoredProblem
 * @property {number} status  0 when the server could not be reached
 * @property {string} title
 * @property {string} detail
 * @property {Record<string, string[]>} errors
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
    sentAt: null,
  };
}

/**
 * The entry after event. Events that do not fit the entry's state change nothing, so a late answer from a
 * previous try can never move a deleted or sent entry back.
 * @param {QueueEntry} entry
 * @param {QueueEvent} event
 * @param {number} now
 * @returns {QueueEntry}
 */
export function advance(entry, event, now) {
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
        response: event.observation,
        photos: entry.photos.map((photo) => (confirmedIds.has(photo.photoId) ? confirm(photo) : photo)),
      };
    }
    case 'photoConfirmed':
      return active ? { ...entry, photos: entry.photos.map((photo) => (photo.photoId === event.photoId ? confirm(photo) : photo)) } : entry;
    case 'done':
      return active && entry.created && entry.photos.every((photo) => photo.confirmed)
        ? { ...entry, state: 'sent', problem: null, attempts: 0, sentAt: now }
        : entry;
    case 'interrupted':
      return active ? { ...entry, state: 'pending', problem: event.problem, attempts: entry.attempts + 1 } : entry;
    case 'failed':
      return active ? { ...entry, state: 'failed', problem: event.problem } : entry;
    case 'retry':
      return entry.state === 'failed' ? { ...entry, state: 'pending', problem: null, attempts: 0 } : entry;
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
  return entries
    .filter((entry) => (entry.state === 'pending' || entry.state === 'sending') && entry.userId === userId)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
 * How many entries on this device wait for another user (signed in earlier on the same device).
 * @param {QueueEntry[]} entries
 * @param {string} userId
 */
export function waitingForOthers(entries, userId) {
  return entries.filter((entry) => entry.userId !== userId && (entry.state === 'pending' || entry.state === 'sending' || entry.state === 'failed')).length;
}

/**
 * A thrown error as storable data.
 * @param {unknown} error an ApiError (status, title, detail, errors) or anything else
 * @returns {StoredProblem}
 */
export function problemOf(error) {
  const source = /** @type {Record<string, any>} */ (error && typeof error === 'object' ? error : {});
  return {
    status: Number.isInteger(source.status) ? source.status : 0,
    title: typeof source.title === 'string' ? source.title : String(source.message ?? error ?? ''),
    detail: typeof source.detail === 'string' ? source.detail : '',
    errors: source.errors && typeof source.errors === 'object' ? { ...source.errors } : {},
  };
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
