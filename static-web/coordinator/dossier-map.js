// The map beside the list: the neighbourhoods' outlines and the listed dossiers as clustered markers; with a
// dossier open, its observations and the dossiers nearby. Outlines and markers are drawn by the page itself, so
// without map tiles (offline, blocked) they still show on a plain background.
// Data down: showDossiers(items), showDossier({ dossier, observations, nearby }). Actions up: `dossierOpen`
// with { id } when a dossier's marker is chosen (click, or Enter on the focused marker), bubbling.
import { setText } from '/js/dom.js';
import { t } from '/js/i18n.js';

const LEAFLET = '/vendor/leaflet/leaflet-src.esm.js';
const CLUSTER = '/vendor/leaflet.markercluster/leaflet.markercluster.js';
const TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
const BRUSSELS = /** @type {[number, number]} */ ([50.8467, 4.3525]);

/**
 * @param {HTMLElement} element the section.dossier-map
 * @param {import('./coordinator.js').Reference} reference
 */
export function mountDossierMap(element, reference) {
  const canvas = /** @type {HTMLElement} */ (element.querySelector('.dossier-map-canvas'));
  const note = /** @type {HTMLElement} */ (element.querySelector('.dossier-map-offline'));
  /** @type {any} */
  let L = null;
  /** @type {any} */
  let map = null;
  /** @type {any} */
  let markers = null;
  /** @type {any} */
  let outlines = null;
  /** @type {{ kind: 'list', items: any[] } | { kind: 'dossier', dossier: any, observations: any[], nearby: any[] }} */
  let shown = { kind: 'list', items: [] };
  /** @type {'' | 'unavailable' | 'noTiles'} */
  let trouble = '';
  const ready = load();

  document.addEventListener('languagechange', () => {
    showNote();
    draw();
  });

  async function load() {
    try {
      const module = await import(LEAFLET);
      // Leaflet.markercluster is a classic script that extends a global L; a module namespace cannot be extended.
      L = { ...module };
      Object.assign(window, { L });
      await script(CLUSTER);
    } catch (error) {
      console.error(new Error('The map libraries did not load; the list works without them.', { cause: error }));
      trouble = 'unavailable';
      showNote();
      return;
    }

    map = L.map(canvas, { zoomControl: true }).setView(BRUSSELS, 13);
    L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION })
      .on('tileerror', () => {
        trouble = 'noTiles';
        showNote();
      })
      .addTo(map);
    outlines = L.geoJSON(reference.neighbourhoods, { interactive: false, style: { color: '#0b4a85', weight: 2, fillOpacity: 0.04 } }).addTo(map);
    markers = L.markerClusterGroup({ showCoverageOnHover: false, iconCreateFunction: clusterIcon }).addTo(map);
    new ResizeObserver(() => map.invalidateSize()).observe(canvas);
    draw();
  }

  /** @param {any[]} items */
  function showDossiers(items) {
    shown = { kind: 'list', items };
    ready.then(draw);
  }

  /** @param {{ dossier: any, observations: any[], nearby: any[] }} detail */
  function showDossier(detail) {
    shown = { kind: 'dossier', ...detail };
    ready.then(draw);
  }

  function draw() {
    if (!map) {
      return;
    }

    markers.clearLayers();
    if (shown.kind === 'list') {
      markers.addLayers(shown.items.filter((d) => d.latitude != null).map((d) => dossierMarker(d.id, d.latitude, d.longitude, d.status, `${d.reference} · ${reference.categories.get(d.category) ?? d.category}`)));
    } else {
      markers.addLayers([
        ...shown.observations.map((o) => L.marker([o.latitude, o.longitude], {
          icon: L.divIcon({ className: 'dossier-marker -observation', iconSize: [18, 18] }),
          title: t('coordinator.map.observation'),
          keyboard: false,
        })),
        ...shown.nearby.filter((n) => n.latitude != null).map((n) => dossierMarker(n.id, n.latitude, n.longitude, n.status, `${n.reference} · ${t('coordinator.map.nearby')}`)),
      ]);
    }

    const bounds = markers.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { maxZoom: 17, padding: [24, 24] });
    } else {
      map.fitBounds(outlines.getBounds());
    }
  }

  /**
   * @param {string} id
   * @param {number} latitude
   * @param {number} longitude
   * @param {string} status
   * @param {string} title
   */
  function dossierMarker(id, latitude, longitude, status, title) {
    const marker = L.marker([latitude, longitude], {
      icon: L.divIcon({ className: `dossier-marker -status-${status}`, iconSize: [18, 18] }),
      title: `${title} (${t(`coordinator.status.${status}`)})`,
      keyboard: true,
    });
    marker.on('click', () => element.dispatchEvent(new CustomEvent('dossierOpen', { bubbles: true, detail: { id } })));
    return marker;
  }

  /** @param {any} cluster */
  function clusterIcon(cluster) {
    const count = Number(cluster.getChildCount());
    const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
    const icon = L.divIcon({ html: `<div><span>${count}</span></div>`, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
    return icon;
  }

  function showNote() {
    note.hidden = trouble === '';
    if (trouble !== '') {
      setText(note, t(`coordinator.map.${trouble}`));
    }
  }

  return { showDossiers, showDossier };
}

/** @param {string} src */
function script(src) {
  return new Promise((resolve, reject) => {
    const tag = document.createElement('script');
    tag.src = src;
    tag.onload = resolve;
    tag.onerror = reject;
    document.head.append(tag);
  });
}
