// The warden app must open without network: its service worker stores every file the page and its modules
// load. A module added without adding it to the service worker's list would break the app offline only, where
// nobody notices in development; this test notices.
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const repository = join(root, '..');
const sw = await readFile(join(root, 'warden', 'sw.js'), 'utf8');
const shell = JSON.parse(sw.match(/const SHELL = (\[[^\]]*\]);/)[1].replace(/'/g, '"').replace(/,\s*\]/, ']'));
const html = await readFile(join(root, 'warden', 'index.html'), 'utf8');
const manifest = JSON.parse(await readFile(join(root, 'warden', 'manifest.webmanifest'), 'utf8'));

/**
 * Where a path of the site is on disk. The vendor files are copied from node_modules by scripts/copy-vendor.mjs
 * (git-ignored), so they are looked for at their source.
 * @param {string} path
 */
function fileOf(path) {
  if (path.endsWith('/')) {
    return join(root, path, 'index.html');
  }

  if (path.startsWith('/vendor/leaflet/')) {
    return join(repository, 'node_modules', 'leaflet', 'dist', path.slice('/vendor/leaflet/'.length));
  }

  return join(root, path);
}

/** Every module the warden app loads, followed through its imports (static and dynamic). */
async function modules() {
  const found = new Set();
  const queue = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  while (queue.length > 0) {
    const path = /** @type {string} */ (queue.pop());
    if (found.has(path)) {
      continue;
    }

    found.add(path);
    if (path.startsWith('/vendor/')) {
      continue;
    }

    const source = await readFile(fileOf(path), 'utf8');
    const specifiers = [
      ...[...source.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]),
      ...[...source.matchAll(/^\s*import\s+'([^']+)'/gm)].map((m) => m[1]),
      ...[...source.matchAll(/^const \w+ = '(\/[^']+\.js)';/gm)].map((m) => m[1]), // paths for dynamic import()
    ];
    for (const specifier of specifiers) {
      queue.push(new URL(specifier, `http://site${path}`).pathname);
    }
  }

  return found;
}

describe('the warden service worker', () => {
  test('stores only files that exist', async () => {
    for (const path of shell) {
      assert.ok((await stat(fileOf(path))).isFile(), path);
    }
  });

  test('stores every module the app loads, the map library included', async () => {
    const loaded = await modules();
    assert.ok(loaded.has('/warden/warden.js') && loaded.has('/js/i18n-core.js') && loaded.has('/vendor/leaflet/leaflet-src.esm.js'), [...loaded].join(', '));
    assert.deepEqual([...loaded].filter((path) => !shell.includes(path)), []);
  });

  test('stores every file of the warden folder but itself', async () => {
    const files = (await readdir(join(root, 'warden'))).filter((name) => /\.(js|webmanifest)$/.test(name) && name !== 'sw.js');
    assert.deepEqual(files.map((name) => `/warden/${name}`).filter((path) => !shell.includes(path)), []);
  });

  test('stores what the page links to: styles, icons, manifest, translations', () => {
    const linked = [...html.matchAll(/<link[^>]*href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(linked.filter((path) => !shell.includes(path)), []);
    for (const language of ['nl', 'fr', 'en']) {
      assert.ok(shell.includes(`/i18n/${language}.json`), language);
    }
  });
});

describe('the web app manifest', () => {
  test('makes the app installable from /warden/, standalone', () => {
    assert.equal(manifest.start_url, '/warden/');
    assert.equal(manifest.scope, '/warden/');
    assert.equal(manifest.display, 'standalone');
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
    assert.ok(manifest.name && manifest.short_name.length <= 12);
  });

  test('has PNG icons of 192 and 512 px and a maskable one, all stored offline', async () => {
    const sizes = manifest.icons.filter((icon) => icon.type === 'image/png').map((icon) => icon.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), sizes.join(', '));
    assert.ok(manifest.icons.some((icon) => icon.purpose === 'maskable'));
    for (const icon of manifest.icons) {
      assert.ok(shell.includes(icon.src), icon.src);
      const bytes = await readFile(fileOf(icon.src));
      if (icon.type === 'image/png') {
        const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
        assert.equal(`${width}x${height}`, icon.sizes, icon.src);
      }
    }
  });
});
