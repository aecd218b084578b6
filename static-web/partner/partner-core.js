// Pure rules of the partner page: reading the link, building API paths, checking an answer before it is sent,
// and turning the API's words into the page's. No DOM, no network, so it runs under `node --test`.

/** What a partner can do, in the order the page offers it; each is POST /api/partner/dossiers/{id}/{action}. */
export const ACTIONS = Object.freeze(['acknowledge', 'progress', 'resolve', 'reject']);

/** Every status a dossier can have, as the API spells it; each has a name under i18n key partner.status.<status>. */
export const STATUSES = Object.freeze(['new', 'forwarded', 'acknowledged', 'in-progress', 'resolved', 'rejected', 'reopened']);

/** The API refuses longer notes (PartnerActionRequest). */
export const NOTE_MAX_LENGTH = 2000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * @typedef {object} PartnerLink
 * @property {string} dossierId
 * @property {string} token  a credential: it goes into API calls only, never into the page, a log or a link
 */

/**
 * The dossier and token of the link in the partner's mail (/partner/?dossier=…&token=…); null when either is
 * missing or malformed, which the page treats like any other unusable link.
 * @param {string} search location.search
 * @returns {PartnerLink | null}
 */
export function readLink(search) {
  const parameters = new URLSearchParams(search);
  const dossierId = (parameters.get('dossier') ?? '').trim();
  const token = parameters.get('token') ?? '';
  if (!GUID.test(dossierId) || token === '' || /\s/.test(token)) {
    return null;
  }

  return { dossierId: dossierId.toLowerCase(), token };
}

/**
 * GET (no action) or POST (with one) path of the partner API for the link's dossier.
 * @param {PartnerLink} link
 * @param {string} [action] one of ACTIONS
 */
export function partnerApiPath(link, action) {
  if (action !== undefined && !ACTIONS.includes(action)) {
    throw new RangeError(`Unknown partner action: ${action}`);
  }

  const base = `/api/partner/dossiers/${encodeURIComponent(link.dossierId)}`;
  return `${action ? `${base}/${action}` : base}?token=${encodeURIComponent(link.token)}`;
}

/**
 * Where the page asks for a write-only address to upload a photo of the result.
 * @param {PartnerLink} link
 */
export function partnerPhotoUploadPath(link) {
  return `/api/partner/dossiers/${encodeURIComponent(link.dossierId)}/photos?token=${encodeURIComponent(link.token)}`;
}

/**
 * Where the page asks for a photo's short-lived address; the answer, not this path, goes into the image.
 * @param {PartnerLink} link
 * @param {string} photoId
 */
export function partnerPhotoPath(link, photoId) {
  return `/api/partner/dossiers/${encodeURIComponent(link.dossierId)}/photos/${encodeURIComponent(photoId)}?token=${encodeURIComponent(link.token)}`;
}

/**
 * The body to send for an action, or why it cannot be sent yet. Only the rules the reader can fix before
 * sending are checked here (a reason to reject, the length); the server decides the rest.
 * @param {string} action one of ACTIONS
 * @param {string | null | undefined} note what the reader typed, if the action has a note field
 * @returns {{ body: { note: string } | undefined } | { error: 'reasonRequired' | 'noteTooLong' }}
 */
export function actionRequest(action, note) {
  const text = String(note ?? '').trim();
  if (text.length > NOTE_MAX_LENGTH) {
    return { error: 'noteTooLong' };
  }

  if (action === 'reject' && text === '') {
    return { error: 'reasonRequired' };
  }

  return { body: text === '' ? undefined : { note: text } };
}

/**
 * The statuses of a history entry's change: "InProgress-Resolved" → { from: "in-progress", to: "resolved" }.
 * @param {unknown} change
 * @returns {{ from: string, to: string } | null}
 */
export function parseChange(change) {
  const match = /^([A-Za-z]+)-([A-Za-z]+)$/.exec(String(change ?? ''));
  return match ? { from: kebab(match[1]), to: kebab(match[2]) } : null;
}

/**
 * "50.846600, 4.352800": six decimals (about 10 cm) with a point whatever the language, as in the mail and as
 * map tools read them.
 * @param {unknown} latitude
 * @param {unknown} longitude
 * @returns {string | null} null when the values are not a place on Earth
 */
export function formatCoordinates(latitude, longitude) {
  const place = coordinates(latitude, longitude);
  return place ? `${place.latitude}, ${place.longitude}` : null;
}

/**
 * The place on openstreetmap.org, with a marker, zoomed in to street level.
 * @param {unknown} latitude
 * @param {unknown} longitude
 * @returns {string | null}
 */
export function mapUrl(latitude, longitude) {
  const place = coordinates(latitude, longitude);
  if (!place) {
    return null;
  }

  const { latitude: lat, longitude: lon } = place;
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=19/${lat}/${lon}`;
}

/**
 * @param {unknown} latitude
 * @param {unknown} longitude
 */
function coordinates(latitude, longitude) {
  const lat = typeof latitude === 'number' ? latitude : Number.NaN;
  const lon = typeof longitude === 'number' ? longitude : Number.NaN;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    return null;
  }

  return { latitude: lat.toFixed(6), longitude: lon.toFixed(6) };
}

/** @param {string} name "InProgress" → "in-progress" */
function kebab(name) {
  return name.replace(/(?<=[a-z0-9])([A-Z])/g, '-$1').toLowerCase();
}

export { problemKind } from '../js/problem-core.js';
