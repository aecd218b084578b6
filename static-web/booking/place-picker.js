// The place where the citizen lives, picked on a map instead of typed: a tap or click on the map, or (keyboard)
// the map's centre after moving it with the arrow keys. The map and its tiles load only when the citizen opens it.
// Actions up: `placeChange` with { latitude, longitude }, bubbling; the hidden inputs hold the same for the form.
import { t } from '/js/i18n.js';

const LEAFLET = '/vendor/leaflet/leaflet-src.esm.js';
const TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
/** Brussels' Grand-Place: where the map starts. */
const START = { latitude: 50.8467, longitude: 4.3525 };
const START_ZOOM = 15;

/** @param {HTMLElement | null} element the fieldset.place-picker */
export function mountPlacePicker(element) {
  if (!element) {
    return;
  }

  const toggle = /** @type {HTMLButtonElement} */ (element.querySelector('.place-picker-toggle'));
  const body = /** @type {HTMLElement} */ (element.querySelector('.place-picker-body'));
  const mapElement = /** @type {HTMLElement} */ (element.querySelector('.place-picker-map'));
  const unavailable = /** @type {HTMLElement} */ (element.querySelector('.place-picker-offline'));
  const position = /** @type {HTMLElement} */ (element.querySelector('.place-picker-position'));
  const centre = /** @type {HTMLButtonElement} */ (element.querySelector('.place-picker-centre'));
  const latitude = /** @type {HTMLInputElement} */ (element.querySelector('input[name="latitude"]'));
  const longitude = /** @type {HTMLInputElement} */ (element.querySelector('input[name="longitude"]'));

  /** @type {{ open: boolean, failed: boolean, place: { latitude: number, longitude: number } | null }} */
  const state = { open: false, failed: false, place: null };
  /** @type {any} */
  let L = null;
  /** @type {any} */
  let map = null;
  /** @type {any} */
  let marker = null;

  toggle.addEventListener('click', () => {
    state.open = !state.open;
    update();
    if (state.open) {
      loadMap();
    }
  });
  centre.addEventListener('click', () => {
    if (map) {
      const { lat, lng } = map.getCenter();
      choose(lat, lng);
    }
  });
  document.addEventListener('languagechange', update);
  update();

  async function loadMap() {
    if (map || state.failed) {
      return;
    }

    try {
      L = await import(LEAFLET);
    } catch (error) {
      console.error(new Error('The map library did not load; the address field still works.', { cause: error }));
      state.failed = true;
      update();
      return;
    }

    map = L.map(mapElement, { zoomControl: true }).setView([START.latitude, START.longitude], START_ZOOM);
    L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(map);
    map.on('click', (/** @type {any} */ event) => choose(event.latlng.lat, event.latlng.lng));
    // Leaflet must measure its box again when it is first shown or the phone turns.
    new ResizeObserver(() => map.invalidateSize()).observe(mapElement);
    update();
  }

  /**
   * @param {number} lat
   * @param {number} lng
   */
  function choose(lat, lng) {
    state.place = { latitude: lat, longitude: lng };
    latitude.value = String(lat);
    longitude.value = String(lng);
    if (marker) {
      marker.setLatLng([lat, lng]);
    } else {
      marker = L.marker([lat, lng], { keyboard: false, alt: t('booking.place.pin') }).addTo(map);
    }

    update();
    element.dispatchEvent(new CustomEvent('placeChange', { bubbles: true, detail: state.place }));
  }

  function update() {
    body.hidden = !state.open;
    toggle.setAttribute('aria-expanded', String(state.open));
    toggle.textContent = state.open ? t('booking.place.hide') : t('booking.place.show');
    mapElement.hidden = state.failed;
    centre.hidden = state.failed;
    unavailable.hidden = !state.failed;
    const text = state.place
      ? t('booking.place.chosen', { coordinates: `${state.place.latitude.toFixed(5)}, ${state.place.longitude.toFixed(5)}` })
      : t('booking.place.none');
    if (position.textContent !== text) {
      position.textContent = text;
    }

    marker?.getElement()?.setAttribute('alt', t('booking.place.pin'));
  }
}
