// Copies the pinned front-end libraries from node_modules into static-web/vendor/ (git-ignored), where the pages
// load them from. No bundling: the files are the packages' own dist files, as published.
import { cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vendor = `${root}static-web/vendor`;

/** package → [from (inside the package), to (inside static-web/vendor/<name>)] */
const files = {
  leaflet: [
    ['dist/leaflet-src.esm.js', 'leaflet-src.esm.js'],
    ['dist/leaflet.css', 'leaflet.css'],
    ['dist/images', 'images'],
    ['LICENSE', 'LICENSE'],
  ],
  // A classic script that extends the global L: the coordinator's map puts Leaflet there before loading it.
  'leaflet.markercluster': [
    ['dist/leaflet.markercluster.js', 'leaflet.markercluster.js'],
    ['dist/MarkerCluster.css', 'MarkerCluster.css'],
    ['dist/MarkerCluster.Default.css', 'MarkerCluster.Default.css'],
    ['MIT-LICENCE.txt', 'MIT-LICENCE.txt'],
  ],
};

for (const [name, entries] of Object.entries(files)) {
  const target = `${vendor}/${name}`;
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  for (const [from, to] of entries) {
    await cp(`${root}node_modules/${name}/${from}`, `${target}/${to}`, { recursive: true });
  }
}
