// Pure rules of the warden's observation form: reading, checking and turning a draft into the API's request,
// and the small formats the form shows. No DOM, no network, so it runs under `node --test`.

export const MAX_PHOTOS = 5;
export const MAX_DESCRIPTION = 2000;
export const MAX_ADDRESS = 200;
export const MAX_ARTICLE = 50;
export const MAX_NOTES = 2000;

/**
 * GET /api/categories?lang=… → { categories: Category[] }, labels in the asked language.
 * @typedef {object} Category
 * @property {string} code
 * @property {string} label
 * @property {boolean} gas        GAS (municipal administrative sanction) details may be recorded
 * @property {Array<{ code: string, label: string }>} subcategories
 */

/**
 * GET /api/hotspots → { hotspots: Hotspot[] }
 * @typedef {object} Hotspot
 * @property {string} id
 * @property {{ nl: string, fr: string, en: string }} name
 * @property {number} latitude
 * @property {number} longitude
 * @property {number} radiusMeters
 * @property {string} [neighbourhoodId]
 */

/**
 * @typedef {object} Position
 * @property {number} latitude
 * @property {number} longitude
 * @property {number | null} accuracy  metres; null once the warden moved the pin by hand
 */

/**
 * What the warden filled in, read from the form.
 * @typedef {object} Draft
 * @property {string} category
 * @property {string} subcategory
 * @property {Position | null} position
 * @property {string} address
 * @property {string} hotspotId
 * @property {string} description
 * @property {{ enabled: boolean, article: string, offenderIdentified: '' | 'yes' | 'no', notes: string }} gas
 * @property {number} photoCount
 */

/**
 * @param {FormData} data the form's fields: category, subcategory, latitude, longitude, accuracy, address,
 *   hotspotId, description, gas (checkbox), gas.article, gas.offenderIdentified (yes/no), gas.notes
 * @param {number} photoCount
 * @returns {Draft}
 */
export function readDraft(data, photoCount = 0) {
  const text = (/** @type {string} */ name) => String(data.get(name) ?? '').trim();
  const latitude = parseNumber(text('latitude'));
  const longitude = parseNumber(text('longitude'));
  const accuracy = parseNumber(text('accuracy'));
  const offender = text('gas.offenderIdentified');
  return {
    category: text('category'),
    subcategory: text('subcategory'),
    position: latitude === null || longitude === null ? null : { latitude, longitude, accuracy },
    address: text('address'),
    hotspotId: text('hotspotId'),
    description: text('description'),
    gas: {
      enabled: data.get('gas') !== null,
      article: text('gas.article'),
      offenderIdentified: offender === 'yes' || offender === 'no' ? offender : '',
      notes: text('gas.notes'),
    },
    photoCount,
  };
}

/**
 * The problems of a draft, per form field name, in the reader's language; empty when it may be recorded.
 * Only what the device can know: the API still judges the rest (e.g. a position outside the municipality).
 * @param {Draft} draft
 * @param {{ categories: Category[], t: (key: string, params?: Record<string, unknown>) => string }} context
 * @returns {Record<string, string[]>}
 */
export function validateDraft(draft, { categories, t }) {
  /** @type {Record<string, string[]>} */
  const errors = {};
  const category = categories.find((candidate) => candidate.code === draft.category);
  if (!draft.category) {
    errors.category = [t('warden.error.category')];
  } else if (categories.length > 0 && !category) {
    errors.category = [t('warden.error.categoryUnknown')];
  }

  if (draft.subcategory && category && !category.subcategories.some((s) => s.code === draft.subcategory)) {
    errors.subcategory = [t('warden.error.subcategory')];
  }

  if (!draft.position || !isCoordinate(draft.position.latitude, 90) || !isCoordinate(draft.position.longitude, 180)) {
    errors.latitude = [t('warden.error.position')];
  }

  if (draft.address.length > MAX_ADDRESS) {
    errors.address = [t('warden.error.tooLong', { max: MAX_ADDRESS })];
  }

  if (draft.description.length > MAX_DESCRIPTION) {
    errors.description = [t('warden.error.tooLong', { max: MAX_DESCRIPTION })];
  }

  if (draft.gas.enabled && (!category || category.gas)) {
    if (draft.gas.article.length > MAX_ARTICLE) {
      errors['gas.article'] = [t('warden.error.tooLong', { max: MAX_ARTICLE })];
    }

    if (!draft.gas.offenderIdentified) {
      errors['gas.offenderIdentified'] = [t('warden.error.offender')];
    }

    if (draft.gas.notes.length > MAX_NOTES) {
      errors['gas.notes'] = [t('warden.error.tooLong', { max: MAX_NOTES })];
    }
  }

  if (draft.photoCount > MAX_PHOTOS) {
    errors.photos = [t('warden.error.photos', { max: MAX_PHOTOS })];
  }

  return errors;
}

/**
 * The body of POST /api/observations. Empty optional fields are left out; a sub-category or GAS details that do
 * not belong to the chosen category are dropped rather than sent.
 * @param {Draft} draft a valid one
 * @param {{ id: string, observedAt: string, categories: Category[] }} context
 */
export function observationRequest(draft, { id, observedAt, categories }) {
  if (!draft.position) {
    throw new TypeError('An observation needs a position.');
  }

  const category = categories.find((candidate) => candidate.code === draft.category);
  /** @type {Record<string, unknown>} */
  const request = {
    id,
    category: draft.category,
    latitude: round(draft.position.latitude, 7),
    longitude: round(draft.position.longitude, 7),
    observedAt,
  };
  if (draft.subcategory && (!category || category.subcategories.some((s) => s.code === draft.subcategory))) {
    request.subcategory = draft.subcategory;
  }

  if (draft.position.accuracy !== null && Number.isFinite(draft.position.accuracy)) {
    request.accuracy = Math.min(10_000, Math.max(0, round(draft.position.accuracy, 1)));
  }

  if (draft.address) {
    request.address = draft.address;
  }

  if (draft.hotspotId) {
    request.hotspotId = draft.hotspotId;
  }

  if (draft.description) {
    request.description = draft.description;
  }

  if (draft.gas.enabled && (!category || category.gas)) {
    request.gas = {
      article: draft.gas.article || null,
      offenderIdentified: draft.gas.offenderIdentified === 'yes',
      notes: draft.gas.notes || null,
    };
  }

  return request;
}

/**
 * "2026-11-22T10:15:00.000+01:00": the device's local time with its offset, as the API asks.
 * @param {Date} date
 */
export function isoWithOffset(date) {
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, -1)}${sign}${hours}:${minutes}`;
}

/**
 * A random (version 4) UUID. crypto.randomUUID is missing on older Android browsers; then one is made from
 * crypto.getRandomValues, which they do have.
 * @param {{ randomUUID?: () => string, getRandomValues: <T extends ArrayBufferView>(array: T) => T }} source
 */
export function randomId(source) {
  if (typeof source.randomUUID === 'function') {
    return source.randomUUID();
  }

  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * "50.84660, 4.35280": five decimals are about a metre, finer than any phone's GPS.
 * @param {number} latitude
 * @param {number} longitude
 */
export function formatCoordinates(latitude, longitude) {
  return `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
}

/**
 * "± 12 m", or "± 1.2 km" (in the locale's digits) for a poor fix.
 * @param {number} metres
 * @param {string} locale
 */
export function formatAccuracy(metres, locale) {
  if (Math.round(metres) >= 1000) {
    const km = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(metres / 1000);
    return `± ${km} km`;
  }

  return `± ${Math.max(1, Math.round(metres))} m`;
}

/**
 * Great-circle distance in metres.
 * @param {{ latitude: number, longitude: number }} a
 * @param {{ latitude: number, longitude: number }} b
 */
export function distanceMetres(a, b) {
  const radius = 6_371_000;
  const toRadians = (/** @type {number} */ degrees) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.latitude - a.latitude);
  const dLon = toRadians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * radius * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The hot spot the position lies in (the nearest centre when circles overlap), or null.
 * @param {{ latitude: number, longitude: number } | null} position
 * @param {Hotspot[]} hotspots
 */
export function hotspotAt(position, hotspots) {
  if (!position) {
    return null;
  }

  let best = null;
  let bestDistance = Infinity;
  for (const hotspot of hotspots) {
    const distance = distanceMetres(position, hotspot);
    if (distance <= hotspot.radiusMeters && distance < bestDistance) {
      best = hotspot;
      bestDistance = distance;
    }
  }

  return best;
}

/**
 * The rings of the municipality's neighbourhoods ([longitude, latitude] pairs), from the API's GeoJSON.
 * @param {any} geoJson a FeatureCollection of Polygons and MultiPolygons
 * @returns {number[][][]} every ring, holes included
 */
export function areaRings(geoJson) {
  const rings = [];
  for (const feature of Array.isArray(geoJson?.features) ? geoJson.features : []) {
    const { type, coordinates } = feature?.geometry ?? {};
    const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : [];
    for (const polygon of polygons ?? []) {
      rings.push(...(Array.isArray(polygon) ? polygon : []));
    }
  }

  return rings;
}

/**
 * Whether the position is in the municipality, by the same rule the API checks before it accepts an observation
 * (Geography/Neighbourhoods.cs): inside a ring by even-odd, or on its border. Without rings (not loaded yet,
 * never online) nothing is said: null.
 * @param {{ latitude: number, longitude: number } | null} position
 * @param {number[][][]} rings
 * @returns {boolean | null}
 */
export function insideArea(position, rings) {
  if (!position || rings.length === 0) {
    return null;
  }

  const { latitude: y, longitude: x } = position;
  let inside = false;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1];
      const [bx, by] = ring[i];
      if (onSegment(ax, ay, bx, by, x, y)) {
        return true;
      }

      if (ay > y !== by > y && x < ax + ((bx - ax) * (y - ay)) / (by - ay)) {
        inside = !inside;
      }
    }
  }

  return inside;
}

/** Within 1e-9 degrees of the segment a–b: on the border, as the API counts it. */
function onSegment(/** @type {number} */ ax, /** @type {number} */ ay, /** @type {number} */ bx, /** @type {number} */ by, /** @type {number} */ x, /** @type {number} */ y) {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
  const ex = x - ax - t * dx;
  const ey = y - ay - t * dy;
  return ex * ex + ey * ey <= 1e-18;
}

/**
 * Where a signed-out warden signs in: the development page when the app runs locally, Entra ID through Static Web
 * Apps otherwise, coming back to the warden app.
 * @param {{ hostname: string }} location
 */
export function signInUrl(location) {
  const local = ['localhost', '127.0.0.1', '[::1]', '::1'].includes(location.hostname);
  return local ? '/signin/' : '/.auth/login/aad?post_login_redirect_uri=/warden/';
}

/** @param {string} text */
function parseNumber(text) {
  if (text === '') {
    return null;
  }

  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * @param {number} value
 * @param {number} limit
 */
function isCoordinate(value, limit) {
  return Number.isFinite(value) && Math.abs(value) <= limit;
}

/**
 * @param {number} value
 * @param {number} decimals
 */
function round(value, decimals) {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
