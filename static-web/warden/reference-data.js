// What the form needs from the API besides the warden's own data: the categories (per language) and the hot
// spots, and who is signed in. Each answer is kept on the device, so the app works where the network does not.
// None of it is about anyone but the warden using the device.
import { ApiError, apiGet } from '/js/api.js';
import { areaRings } from './form-core.js';

const PREFIX = 'wijkwacht.warden.';

/**
 * @template T
 * @typedef {{ value: T, fromDevice: boolean, error: ApiError | null }} Loaded
 */

/**
 * @param {string} language
 * @returns {Promise<Loaded<import('./form-core.js').Category[]>>}
 */
export async function loadCategories(language) {
  return cached(`categories.${language}`, async () => {
    const answer = await apiGet(`/api/categories?lang=${encodeURIComponent(language)}`);
    return Array.isArray(answer?.categories) ? answer.categories : [];
  });
}

/** @returns {Promise<Loaded<import('./form-core.js').Hotspot[]>>} */
export async function loadHotspots() {
  return cached('hotspots', async () => {
    const answer = await apiGet('/api/hotspots');
    return Array.isArray(answer?.hotspots) ? answer.hotspots : [];
  });
}

/**
 * The municipality's outline, as rings: enough for the form to warn about a position the API will refuse.
 * @returns {Promise<Loaded<number[][][]>>}
 */
export async function loadArea() {
  return cached('area', async () => areaRings(await apiGet('/api/neighbourhoods')));
}

/**
 * @typedef {object} Me
 * @property {string} userId
 * @property {string} userDetails
 * @property {string} identityProvider
 * @property {string[]} roles
 */

/**
 * Who is signed in. Without network, the warden last seen on this device; an answer of 401 forgets them.
 * @returns {Promise<Loaded<Me | null>>}
 */
export async function loadMe() {
  try {
    const me = await apiGet('/api/me');
    write('me', me);
    return { value: me, fromDevice: false, error: null };
  } catch (error) {
    const problem = error instanceof ApiError ? error : new ApiError({ status: 0, title: String(error) });
    if (problem.status === 401) {
      forget('me');
      return { value: null, fromDevice: false, error: problem };
    }

    return { value: read('me'), fromDevice: true, error: problem };
  }
}

/**
 * @template T
 * @param {string} key
 * @param {() => Promise<T>} fetchValue
 * @returns {Promise<Loaded<T | []>>}
 */
async function cached(key, fetchValue) {
  try {
    const value = await fetchValue();
    write(key, value);
    return { value, fromDevice: false, error: null };
  } catch (error) {
    const problem = error instanceof ApiError ? error : new ApiError({ status: 0, title: String(error) });
    return { value: read(key) ?? [], fromDevice: true, error: problem };
  }
}

/** @param {string} key */
function read(key) {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * @param {string} key
 * @param {unknown} value
 */
function write(key, value) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the app still works while online.
  }
}

/** @param {string} key */
function forget(key) {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing stored.
  }
}
