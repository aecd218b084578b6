// The choropleth: neighbourhood polygons coloured by observations, without map tiles (they need no network). The map
// is for the eye only (aria-hidden, nothing in it focusable); the table beside it holds the same numbers and a
// button per neighbourhood that opens its barometer, for keyboards and screen readers.
import { currentLanguage, t } from '/js/i18n.js';
import { STEPS, stepOf } from './dashboard-core.js';
import { fillTable } from './tables.js';

const LEAFLET = '/vendor/leaflet/leaflet-src.esm.js';
const COLOURS = ['#f2f2f2', '#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/**
 * @param {HTMLElement} section .dashboard-map-section
 * @param {any} geojson the neighbourhoods (GET /api/neighbourhoods)
 * @param {(id: string) => void} onSelect
 */
export async function mountNeighbourhoodMap(section, geojson, onSelect) {
  const element = /** @type {HTMLElement} */ (section.querySelector('.dashboard-map'));
  const table = /** @type {HTMLTableElement} */ (section.querySelector('.dashboard-map-table'));
  element.setAttribute('aria-hidden', 'true');
  element.removeAttribute('role');
  /** @type {any} */
  let layer = null;
  try {
    const L = await import(LEAFLET);
    const map = L.map(element, { zoomControl: false, keyboard: false, attributionControl: false, scrollWheelZoom: false });
    layer = L.geoJSON(geojson, { style: () => ({ color: '#333', weight: 1, fillOpacity: 0.8, fillColor: COLOURS[0] }) }).addTo(map);
    layer.on('click', (/** @type {any} */ event) => onSelect(event.layer.feature.properties.id));
    map.fitBounds(layer.getBounds());
    new ResizeObserver(() => map.invalidateSize()).observe(element);
  } catch (error) {
    console.error(new Error('The map did not load; the table holds the same figures.', { cause: error }));
  }

  /** @param {string} id */
  const nameOf = (id) => {
    const feature = geojson.features.find((/** @type {any} */ f) => f.properties.id === id);
    return feature?.properties.name[currentLanguage()] ?? feature?.properties.name.nl ?? id;
  };

  return {
    /** @param {{ id: string, observations: number, previous: number }[]} counts */
    update(counts) {
      const max = Math.max(0, ...counts.map((c) => c.observations));
      const byId = new Map(counts.map((c) => [c.id, c]));
      layer?.eachLayer((/** @type {any} */ polygon) => {
        const step = stepOf(byId.get(polygon.feature.properties.id)?.observations ?? 0, max);
        polygon.setStyle({ fillColor: COLOURS[step] });
        polygon.getElement()?.setAttribute('data-step', String(step));
      });
      element.dataset.max = String(max);
      const rows = [...counts].sort((a, b) => b.observations - a.observations).map((c) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'link-button';
        button.textContent = nameOf(c.id);
        button.addEventListener('click', () => onSelect(c.id));
        return [button, String(c.observations), String(c.previous)];
      });
      fillTable(table, t('dashboard.mapCaption', { steps: String(STEPS) }), [t('dashboard.neighbourhood'), t('dashboard.figure.observations'), t('dashboard.previous')], rows);
    },
  };
}
