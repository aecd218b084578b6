// Service worker of the warden app (scope /warden/): keeps the app shell on the device so the app opens without
// network. The shell is network-first — a warden online always gets the latest version, no version bump needed —
// falling back to the copy stored at install when the network is away or too slow.
// The API is never cached, except the two reference lists the form needs offline (categories and hot spots,
// nobody's personal data). Observations, photos and "who am I" always go to the network. The observations a
// warden records offline wait in IndexedDB, sent by the page (sender.js), not here.
/* eslint-env serviceworker */

const SHELL_CACHE = 'wijkwacht-warden-shell-v1';
const REFERENCE_CACHE = 'wijkwacht-warden-reference-v1';
/** A network slower than this on a shell file gets the stored copy; the network's answer still updates it. */
const NETWORK_TIMEOUT_MS = 4000;

/** Everything the app needs to open and record an observation offline. */
const SHELL = [
  '/warden/',
  '/warden/manifest.webmanifest',
  '/warden/icons/icon.svg',
  '/warden/icons/icon-maskable.svg',
  '/warden/icons/icon-192.png',
  '/warden/icons/icon-512.png',
  '/warden/icons/icon-maskable-512.png',
  '/warden/warden.js',
  '/warden/category-picker.js',
  '/warden/connection-status.js',
  '/warden/form-core.js',
  '/warden/image-core.js',
  '/warden/local-store.js',
  '/warden/location-picker.js',
  '/warden/observation-form.js',
  '/warden/observation-list.js',
  '/warden/photo-picker.js',
  '/warden/photos.js',
  '/warden/queue-core.js',
  '/warden/recorded-notice.js',
  '/warden/reference-data.js',
  '/warden/send-status.js',
  '/warden/sender.js',
  '/warden/warden-access.js',
  '/css/site.css',
  '/favicon.svg',
  '/js/api.js',
  '/js/dom.js',
  '/js/i18n.js',
  '/js/i18n-core.js',
  '/i18n/nl.json',
  '/i18n/fr.json',
  '/i18n/en.json',
  '/vendor/leaflet/leaflet-src.esm.js',
  '/vendor/leaflet/leaflet.css',
  '/vendor/leaflet/images/marker-icon.png',
  '/vendor/leaflet/images/marker-icon-2x.png',
  '/vendor/leaflet/images/marker-shadow.png',
  '/vendor/leaflet/images/layers.png',
  '/vendor/leaflet/images/layers-2x.png',
];

/** Reference data the form needs offline: the same for every warden. */
const REFERENCE = ['/api/categories', '/api/hotspots', '/api/neighbourhoods'];

const shellPaths = new Set(SHELL);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // cache: 'reload' skips the HTTP cache, so the stored copy is the server's current one.
      await cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload', credentials: 'same-origin' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL_CACHE, REFERENCE_CACHE]);
      for (const name of await caches.keys()) {
        if (name.startsWith('wijkwacht-warden-') && !keep.has(name)) {
          await caches.delete(name);
        }
      }

      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return; // uploads, map tiles, Blob Storage: straight to the network
  }

  if (request.mode === 'navigate' && url.pathname.startsWith('/warden/')) {
    event.respondWith(networkFirst(event, request, SHELL_CACHE, '/warden/'));
  } else if (shellPaths.has(url.pathname) && url.search === '') {
    event.respondWith(networkFirst(event, request, SHELL_CACHE, url.pathname));
  } else if (REFERENCE.includes(url.pathname)) {
    event.respondWith(networkFirst(event, request, REFERENCE_CACHE, url.pathname + url.search));
  }
  // Everything else, the rest of /api/ included, is left to the browser: never stored here.
});

/**
 * The network's answer (stored for next time) or, when the network fails or is slow, the stored copy.
 * @param {FetchEvent} event
 * @param {Request} request
 * @param {string} cacheName
 * @param {string} key
 */
async function networkFirst(event, request, cacheName, key) {
  const cache = await caches.open(cacheName);
  const network = fetch(request).then(async (response) => {
    // Only a plain answer of our own: never a redirect (a sign-in page) or an error.
    if (response.ok && response.type === 'basic' && !response.redirected) {
      await cache.put(key, response.clone());
    }

    return response;
  });
  event.waitUntil(network.catch(() => undefined));

  try {
    const response = await withTimeout(network, NETWORK_TIMEOUT_MS);
    // A server in trouble (5xx) or a file it lost: the copy that worked is better than an error page.
    return response.ok ? response : ((await cache.match(key)) ?? response);
  } catch {
    return (await cache.match(key)) ?? network;
  }
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
