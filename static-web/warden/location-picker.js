// Where the observation was made: the phone's GPS position with its accuracy, on a map where the warden can move
// the pin (tap, drag, or arrow keys on the focused pin). The map is a help, not a need: without tiles (offline)
// or without Leaflet the position still comes from the GPS and is shown as coordinates.
// Data down: `locationReset` (follow the GPS again). Actions up: `locationChange` with the position, bubbling.
import { setText } from '/js/dom.js';
import { currentLocale, t } from '/js/i18n.js';
import { formatAccuracy, formatCoordinates } from './form-core.js';

const LEAFLET = '/vendor/leaflet/leaflet-src.esm.js';
const TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
/** Brussels' Grand-Place: where the map starts before there is a position. */
const START = { latitude: 50.8467, longitude: 4.3525 };
const STREET_ZOOM = 18;
const CITY_ZOOM = 14;
/** Beyond this the fix is too rough to trust without a look at the map. */
const ROUGH_METRES = 100;
const NUDGE_PX = 4;

/**
 * @typedef {'locating' | 'found' | 'rough' | 'moved' | 'denied' | 'unavailable' | 'unsupported'} LocationMessage
 */

/** @param {HTMLElement} element the fieldset.location-picker */
export function mountLocationPicker(element) {
  const message = /** @type {HTMLElement} */ (element.querySelector('.location-picker-message'));
  const positionText = /** @type {HTMLElement} */ (element.querySelector('.location-picker-position'));
  const mapElement = /** @type {HTMLElement} */ (element.querySelector('.location-picker-map'));
  const hint = /** @type {HTMLElement} */ (element.querySelector('.location-picker-hint'));
  const offline = /** @type {HTMLElement} */ (element.querySelector('.location-picker-offline'));
  const locate = /** @type {HTMLButtonElement} */ (element.querySelector('.location-picker-locate'));
  const latitude = /** @type {HTMLInputElement} */ (element.querySelector('input[name="latitude"]'));
  const longitude = /** @type {HTMLInputElement} */ (element.querySelector('input[name="longitude"]'));
  const accuracy = /** @type {HTMLInputElement} */ (element.querySelector('input[name="accuracy"]'));

  const state = {
    /** @type {import('./form-core.js').Position | null} */
    position: null,
    /** @type {import('./form-core.js').Position | null} the latest GPS fix */
    fix: null,
    /** the warden placed the pin: GPS fixes no longer move it */
    manual: false,
    /** @type {LocationMessage} */
    message: /** @type {LocationMessage} */ ('locating'),
    tilesFailing: false,
    mapReady: false,
  };

  /** @type {number | null} */
  let watch = null;
  /** @type {any} */
  let map = null;
  /** @type {any} */
  let marker = null;
  /** @type {any} */
  let circle = null;
  /** @type {any} */
  let L = null;

  locate.addEventListener('click', () => {
    state.manual = false;
    if (state.fix) {
      use(state.fix, 'found');
    } else {
      state.message = 'locating';
      update();
    }

    startWatching();
  });
  element.addEventListener('locationReset', () => {
    state.manual = false;
    if (state.fix) {
      use(state.fix, 'found');
    }
  });
  document.addEventListener('visibilitychange', () => (document.hidden ? stopWatching() : startWatching()));
  document.addEventListener('languagechange', () => {
    marker?.getElement()?.setAttribute('alt', t('warden.location.pin'));
    update();
  });
  addEventListener('online', update);
  addEventListener('offline', update);

  startWatching();
  update();
  loadMap();

  function startWatching() {
    if (!('geolocation' in navigator)) {
      state.message = 'unsupported';
      update();
      return;
    }

    if (watch !== null) {
      return;
    }

    watch = navigator.geolocation.watchPosition(
      (found) => {
        state.fix = { latitude: found.coords.latitude, longitude: found.coords.longitude, accuracy: found.coords.accuracy };
        if (!state.manual) {
          use(state.fix, state.fix.accuracy !== null && state.fix.accuracy > ROUGH_METRES ? 'rough' : 'found');
        }
      },
      (error) => {
        if (error.code === error.PERMISSION_DENIED) {
          stopWatching();
        }

        if (!state.manual && !state.fix) {
          state.message = error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.POSITION_UNAVAILABLE ? 'unavailable' : 'locating';
          update();
        }
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
  }

  function stopWatching() {
    if (watch !== null) {
      navigator.geolocation.clearWatch(watch);
      watch = null;
    }
  }

  /**
   * @param {import('./form-core.js').Position} position
   * @param {LocationMessage} why
   */
  function use(position, why) {
    const first = state.position === null;
    state.position = position;
    state.message = why;
    latitude.value = String(position.latitude);
    longitude.value = String(position.longitude);
    accuracy.value = position.accuracy === null ? '' : String(position.accuracy);
    update();
    showOnMap(first);
    element.dispatchEvent(new CustomEvent('locationChange', { bubbles: true, detail: position }));
  }

  /** @param {{ lat: number, lng: number }} latlng */
  function place(latlng) {
    state.manual = true;
    use({ latitude: latlng.lat, longitude: latlng.lng, accuracy: null }, 'moved');
  }

  function update() {
    setText(message, messageText());
    const { position } = state;
    setText(
      positionText,
      position
        ? position.accuracy === null
          ? t('warden.location.manual', { coordinates: formatCoordinates(position.latitude, position.longitude) })
          : t('warden.location.gps', { accuracy: formatAccuracy(position.accuracy, currentLocale()), coordinates: formatCoordinates(position.latitude, position.longitude) })
        : '',
    );
    positionText.hidden = !position;
    message.classList.toggle('-problem', ['rough', 'denied', 'unavailable', 'unsupported'].includes(state.message));
    mapElement.hidden = !state.mapReady;
    hint.hidden = !state.mapReady;
    offline.hidden = !state.mapReady || !state.tilesFailing;
    // Offline the map cannot load; online, only the tile server failed: the warden is told which.
    setText(offline, navigator.onLine === false ? t('warden.location.noTiles') : t('warden.location.tilesFailed'));
  }

  function messageText() {
    switch (state.message) {
      case 'found':
        return t('warden.location.found');
      case 'rough':
        return t('warden.location.rough');
      case 'moved':
        return t('warden.location.moved');
      case 'denied':
        return t('warden.location.denied');
      case 'unavailable':
        return t('warden.location.unavailable');
      case 'unsupported':
        return t('warden.location.unsupported');
      default:
        return t('warden.location.locating');
    }
  }

  async function loadMap() {
    try {
      L = await import(LEAFLET);
    } catch (error) {
      console.error(new Error('The map library did not load; the position still works without it.', { cause: error }));
      return;
    }

    state.mapReady = true;
    update();
    const start = state.position ?? START;
    map = L.map(mapElement, { zoomControl: true }).setView([start.latitude, start.longitude], state.position ? STREET_ZOOM : CITY_ZOOM);
    const tiles = L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(map);
    tiles.on('tileerror', () => {
      state.tilesFailing = true;
      update();
    });
    tiles.on('tileload', () => {
      if (state.tilesFailing) {
        state.tilesFailing = false;
        update();
      }
    });
    map.on('click', (/** @type {any} */ event) => place(event.latlng));
    // The map's box changes when the form first shows or the phone turns: Leaflet must measure it again.
    new ResizeObserver(() => map.invalidateSize()).observe(mapElement);
    showOnMap(true);
  }

  /** @param {boolean} centre */
  function showOnMap(centre) {
    const { position } = state;
    if (!map || !position) {
      return;
    }

    const latlng = [position.latitude, position.longitude];
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, keyboard: true, alt: t('warden.location.pin'), autoPan: true }).addTo(map);
      marker.on('dragend', () => place(marker.getLatLng()));
      marker.getElement()?.addEventListener('keydown', nudge);
    } else {
      marker.setLatLng(latlng);
    }

    if (position.accuracy !== null) {
      circle ??= L.circle(latlng, { radius: position.accuracy, interactive: false, weight: 1, className: 'location-picker-accuracy' }).addTo(map);
      circle.setLatLng(latlng);
      circle.setRadius(position.accuracy);
    } else if (circle) {
      circle.remove();
      circle = null;
    }

    if (centre) {
      map.setView(latlng, STREET_ZOOM);
    } else if (!map.getBounds().contains(latlng)) {
      map.panTo(latlng);
    }
  }

  /**
   * Arrow keys on the focused pin move it a few pixels (with Shift, more): the pin without a pointer.
   * @param {KeyboardEvent} event
   */
  function nudge(event) {
    const steps = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    const step = steps[/** @type {keyof typeof steps} */ (event.key)];
    if (!step || !map || !marker) {
      return;
    }

    event.preventDefault();
    event.stopPropagation();
    const distance = event.shiftKey ? NUDGE_PX * 5 : NUDGE_PX;
    const point = map.latLngToContainerPoint(marker.getLatLng()).add([step[0] * distance, step[1] * distance]);
    place(map.containerPointToLatLng(point));
  }
}
