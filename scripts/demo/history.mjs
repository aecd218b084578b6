// Eight weeks of demo history for the dashboard: observations spread over the neighbourhoods and categories,
// recorded through the API as wardens would (the API takes observations up to 60 days old), so the aggregates
// are kept exactly as in production. Deterministic: the same ids, places and categories on every run, so a
// second run writes nothing new (an id already used answers 200 or 409).

/** A small seeded generator (mulberry32): the same sequence on every run. @param {number} seed */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Even-odd test of a point against a GeoJSON ring ([lon, lat] pairs). */
function inside([x, y], ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** A point inside the neighbourhood's first polygon, found by trying points in its bounding box. */
function pointIn(feature, next) {
  const ring = feature.geometry.type === 'Polygon' ? feature.geometry.coordinates[0] : feature.geometry.coordinates[0][0];
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  for (let attempt = 0; attempt < 200; attempt++) {
    const point = [Math.min(...lons) + next() * (Math.max(...lons) - Math.min(...lons)), Math.min(...lats) + next() * (Math.max(...lats) - Math.min(...lats))];
    if (inside(point, ring)) return point;
  }
  return null;
}

/**
 * @param {string} base the app's address
 * @param {(wardenId: string) => string} principal the x-ms-client-principal of a warden
 * @param {string[]} wardens
 */
export async function seedHistory(base, principal, wardens) {
  const next = random(2026);
  const { features } = await (await fetch(`${base}/api/neighbourhoods`)).json();
  const { categories } = await (await fetch(`${base}/api/categories?lang=nl`)).json();
  // Busier neighbourhoods and categories first, so the map and the top categories show differences.
  const weight = (i) => 1 / (i + 1);
  const pick = (items) => {
    const total = items.reduce((sum, _, i) => sum + weight(i), 0);
    let r = next() * total;
    return items.find((_, i) => (r -= weight(i)) < 0) ?? items[0];
  };

  let created = 0;
  for (let i = 0; i < 160; i++) {
    const feature = pick(features);
    const category = pick(categories);
    const point = pointIn(feature, next);
    const hoursAgo = 6 + Math.floor(next() * 55 * 24);
    const warden = wardens[i % wardens.length];
    if (!point) continue;
    const body = {
      id: `7e57da7a-0000-4000-8000-${String(i).padStart(12, '0')}`,
      category: category.code,
      latitude: Math.round(point[1] * 1e6) / 1e6,
      longitude: Math.round(point[0] * 1e6) / 1e6,
      observedAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
    };
    const response = await fetch(`${base}/api/observations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ms-client-principal': principal(warden) },
      body: JSON.stringify(body),
    });
    if (response.status === 201) created++;
    else if (response.status !== 200 && response.status !== 409) {
      console.error(`Demo history observation ${body.id}: ${response.status} ${await response.text()}`);
      process.exitCode = 1;
    }
  }

  return created;
}
