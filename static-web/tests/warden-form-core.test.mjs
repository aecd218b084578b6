// The warden's observation form: what it reads, what it refuses, and the request it makes for the API.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import {
  MAX_PHOTOS,
  areaRings,
  distanceMetres,
  formatAccuracy,
  formatCoordinates,
  hotspotAt,
  insideArea,
  isoWithOffset,
  observationRequest,
  randomId,
  readDraft,
  signInUrl,
  validateDraft,
} from '../warden/form-core.js';
import { MAX_PHOTO_SIDE, fitWithin } from '../warden/image-core.js';

const categories = [
  { code: 'illegal-dumping', label: 'Sluikstorten', gas: true, subcategories: [{ code: 'household-waste', label: 'Huishoudelijk afval' }] },
  { code: 'damaged-street-furniture', label: 'Beschadigd straatmeubilair', gas: false, subcategories: [] },
];
const t = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

function form(fields) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    data.set(name, value);
  }

  return data;
}

const complete = {
  category: 'illegal-dumping',
  subcategory: 'household-waste',
  latitude: '50.8466',
  longitude: '4.3528',
  accuracy: '12.3456',
  address: ' Kolenmarkt 12 ',
  hotspotId: 'vossenplein',
  description: ' Zakken huisvuil naast de glasbak ',
};

describe('readDraft', () => {
  test('reads and trims the fields', () => {
    const draft = readDraft(form(complete), 2);
    assert.equal(draft.category, 'illegal-dumping');
    assert.deepEqual(draft.position, { latitude: 50.8466, longitude: 4.3528, accuracy: 12.3456 });
    assert.equal(draft.address, 'Kolenmarkt 12');
    assert.equal(draft.description, 'Zakken huisvuil naast de glasbak');
    assert.equal(draft.photoCount, 2);
    assert.equal(draft.gas.enabled, false);
  });

  test('no coordinates means no position; no accuracy is null', () => {
    assert.equal(readDraft(form({ category: 'noise' })).position, null);
    assert.equal(readDraft(form({ latitude: '50.8', longitude: '' })).position, null);
    assert.equal(readDraft(form({ latitude: '50.8', longitude: '4.3' })).position?.accuracy, null);
  });

  test('reads the GAS details only as yes or no', () => {
    const draft = readDraft(form({ gas: 'on', 'gas.article': ' Art. 12 ', 'gas.offenderIdentified': 'yes', 'gas.notes': 'x' }));
    assert.deepEqual(draft.gas, { enabled: true, article: 'Art. 12', offenderIdentified: 'yes', notes: 'x' });
    assert.equal(readDraft(form({ gas: 'on', 'gas.offenderIdentified': 'maybe' })).gas.offenderIdentified, '');
  });
});

describe('validateDraft', () => {
  const check = (fields, photoCount = 0) => validateDraft(readDraft(form(fields), photoCount), { categories, t });

  test('a complete draft has no problems', () => {
    assert.deepEqual(check(complete, MAX_PHOTOS), {});
  });

  test('a category and a position are needed', () => {
    assert.deepEqual(Object.keys(check({})).sort(), ['category', 'latitude']);
    assert.deepEqual(check({ ...complete, category: 'unknown' }).category, ['warden.error.categoryUnknown']);
  });

  test('without the categories (never loaded) any category code is left to the API', () => {
    assert.deepEqual(validateDraft(readDraft(form({ ...complete, category: 'noise' })), { categories: [], t }), {});
  });

  test('a sub-category must belong to the category', () => {
    assert.deepEqual(check({ ...complete, subcategory: 'bench' }).subcategory, ['warden.error.subcategory']);
  });

  test('coordinates must be on earth', () => {
    assert.deepEqual(check({ ...complete, latitude: '91' }).latitude, ['warden.error.position']);
    assert.deepEqual(check({ ...complete, longitude: 'abc' }).latitude, ['warden.error.position']);
  });

  test('texts have the lengths the API accepts', () => {
    const errors = check({ ...complete, address: 'x'.repeat(201), description: 'x'.repeat(2001) });
    assert.deepEqual(errors.address, ['warden.error.tooLong {"max":200}']);
    assert.deepEqual(errors.description, ['warden.error.tooLong {"max":2000}']);
    assert.deepEqual(check({ ...complete, address: 'x'.repeat(200), description: 'x'.repeat(2000) }), {});
  });

  test('GAS details need to say whether the offender is known', () => {
    assert.deepEqual(check({ ...complete, gas: 'on' }), { 'gas.offenderIdentified': ['warden.error.offender'] });
    assert.deepEqual(check({ ...complete, gas: 'on', 'gas.offenderIdentified': 'no' }), {});
    assert.deepEqual(check({ ...complete, gas: 'on', 'gas.offenderIdentified': 'no', 'gas.article': 'x'.repeat(51) })['gas.article'], [
      'warden.error.tooLong {"max":50}',
    ]);
  });

  test('GAS details of a category without GAS are ignored, not refused', () => {
    assert.deepEqual(check({ ...complete, category: 'damaged-street-furniture', subcategory: '', gas: 'on' }), {});
  });

  test('at most five photos', () => {
    assert.deepEqual(check(complete, MAX_PHOTOS + 1).photos, ['warden.error.photos {"max":5}']);
  });
});

describe('observationRequest', () => {
  const context = { id: '0b9f3c5e-8d1a-4c1e-9f2a-3b4c5d6e7f80', observedAt: '2026-11-22T11:15:00.000+01:00', categories };

  test('holds every field filled in', () => {
    const request = observationRequest(readDraft(form(complete)), context);
    assert.deepEqual(request, {
      id: context.id,
      category: 'illegal-dumping',
      subcategory: 'household-waste',
      latitude: 50.8466,
      longitude: 4.3528,
      accuracy: 12.3,
      address: 'Kolenmarkt 12',
      hotspotId: 'vossenplein',
      description: 'Zakken huisvuil naast de glasbak',
      observedAt: context.observedAt,
    });
  });

  test('leaves out empty optional fields, and accuracy once the pin was moved by hand', () => {
    const request = observationRequest(readDraft(form({ category: 'illegal-dumping', latitude: '50.84661234567', longitude: '4.3528' })), context);
    assert.deepEqual(request, { id: context.id, category: 'illegal-dumping', latitude: 50.8466123, longitude: 4.3528, observedAt: context.observedAt });
  });

  test('sends GAS details only for a GAS category', () => {
    const gas = { gas: 'on', 'gas.article': 'Art. 12', 'gas.offenderIdentified': 'no', 'gas.notes': '' };
    assert.deepEqual(observationRequest(readDraft(form({ ...complete, ...gas })), context).gas, { article: 'Art. 12', offenderIdentified: false, notes: null });
    const furniture = observationRequest(readDraft(form({ ...complete, ...gas, category: 'damaged-street-furniture' })), context);
    assert.equal(furniture.gas, undefined);
    assert.equal(furniture.subcategory, undefined, 'the sub-category of another category is dropped');
  });

  test('refuses a draft without a position', () => {
    assert.throws(() => observationRequest(readDraft(form({ category: 'noise' })), context), TypeError);
  });
});

describe('isoWithOffset', () => {
  test('writes local time with the offset, the same instant as the date', () => {
    const date = new Date('2026-11-22T10:15:30.250Z');
    const text = isoWithOffset(date);
    assert.match(text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    assert.equal(Date.parse(text), date.getTime());
  });

  test('in Brussels, winter and summer', () => {
    const script = `
      import { isoWithOffset } from ${JSON.stringify(new URL('../warden/form-core.js', import.meta.url).href)};
      console.log(isoWithOffset(new Date('2026-11-22T10:15:00Z')), isoWithOffset(new Date('2026-07-01T10:15:00Z')));`;
    return import('node:child_process').then(({ execFileSync }) => {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: 'Europe/Brussels' } });
      assert.equal(String(out).trim(), '2026-11-22T11:15:00.000+01:00 2026-07-01T12:15:00.000+02:00');
    });
  });
});

describe('randomId', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  test('uses crypto.randomUUID where there is one', () => {
    assert.equal(randomId({ randomUUID: () => 'from-browser', getRandomValues: (a) => a }), 'from-browser');
  });

  test('makes a version 4 UUID from random bytes on older browsers', () => {
    const fill = (value) => ({ getRandomValues: (array) => array.fill(value) });
    assert.match(randomId(fill(0xff)), uuid);
    assert.match(randomId(fill(0x00)), uuid);
    assert.equal(randomId(fill(0x00)), '00000000-0000-4000-8000-000000000000');
    const { getRandomValues } = globalThis.crypto;
    const ids = new Set(Array.from({ length: 100 }, () => randomId({ getRandomValues: (a) => getRandomValues.call(globalThis.crypto, a) })));
    assert.equal(ids.size, 100);
  });
});

describe('formats', () => {
  test('coordinates with five decimals', () => {
    assert.equal(formatCoordinates(50.8466, 4.35281234), '50.84660, 4.35281');
  });

  test('accuracy in metres, or kilometres for a poor fix', () => {
    assert.equal(formatAccuracy(12.4, 'nl-BE'), '± 12 m');
    assert.equal(formatAccuracy(0.3, 'nl-BE'), '± 1 m');
    assert.equal(formatAccuracy(1500, 'nl-BE'), '± 1,5 km');
    assert.equal(formatAccuracy(1500, 'en-GB'), '± 1.5 km');
    assert.equal(formatAccuracy(999.6, 'nl-BE'), '± 1 km');
    assert.equal(formatAccuracy(999.4, 'nl-BE'), '± 999 m');
  });
});

describe('hotspotAt', () => {
  const hotspots = [
    { id: 'vossenplein', name: { nl: 'Vossenplein', fr: 'Place du Jeu de Balle', en: 'Jeu de Balle square' }, latitude: 50.8423, longitude: 4.3457, radiusMeters: 80 },
    { id: 'wide', name: { nl: 'Breed', fr: 'Large', en: 'Wide' }, latitude: 50.8426, longitude: 4.3457, radiusMeters: 500 },
  ];

  test('finds the hot spot whose circle holds the position, the nearest centre first', () => {
    assert.equal(hotspotAt({ latitude: 50.8423, longitude: 4.3458 }, hotspots)?.id, 'vossenplein');
    assert.equal(hotspotAt({ latitude: 50.8428, longitude: 4.3457 }, hotspots)?.id, 'wide');
    assert.equal(hotspotAt({ latitude: 50.86, longitude: 4.36 }, hotspots), null);
    assert.equal(hotspotAt(null, hotspots), null);
  });

  test('distances in metres', () => {
    const d = distanceMetres({ latitude: 50.8466, longitude: 4.3528 }, { latitude: 50.8476, longitude: 4.3528 });
    assert.ok(Math.abs(d - 111.2) < 0.5, String(d));
  });
});

describe('signInUrl', () => {
  test('locally the development sign-in page', () => {
    assert.equal(signInUrl({ hostname: 'localhost' }), '/signin/');
    assert.equal(signInUrl({ hostname: '127.0.0.1' }), '/signin/');
  });

  test('in Azure Entra ID, back to the warden app', () => {
    assert.equal(signInUrl({ hostname: 'wijkwacht.brussels' }), '/.auth/login/aad?post_login_redirect_uri=/warden/');
  });
});

describe('fitWithin', () => {
  test('shrinks the longest side to 2000 px, keeping proportions', () => {
    assert.equal(MAX_PHOTO_SIDE, 2000);
    assert.deepEqual(fitWithin(4000, 3000), { width: 2000, height: 1500 });
    assert.deepEqual(fitWithin(3024, 4032), { width: 1500, height: 2000 });
    assert.deepEqual(fitWithin(4608, 2592), { width: 2000, height: 1125 });
  });

  test('never enlarges a small photo', () => {
    assert.deepEqual(fitWithin(1600, 1200), { width: 1600, height: 1200 });
    assert.deepEqual(fitWithin(2000, 2000), { width: 2000, height: 2000 });
  });

  test('a very long strip keeps at least one pixel', () => {
    assert.deepEqual(fitWithin(100_000, 10), { width: 2000, height: 1 });
  });

  test('refuses sizes that are no image', () => {
    assert.throws(() => fitWithin(0, 100), RangeError);
    assert.throws(() => fitWithin(Number.NaN, 100), RangeError);
  });
});

describe('insideArea', () => {
  const geoJson = JSON.parse(readFileSync(new URL('../../functions/Wijkwacht.Functions/Data/neighbourhoods.geojson', import.meta.url), 'utf8'));
  const rings = areaRings(geoJson);

  test("reads every ring of the municipality's neighbourhoods", () => {
    assert.equal(rings.length, geoJson.features.length);
    assert.ok(rings.every((ring) => ring.length >= 4));
  });

  test('the Grand-Place is inside, Antwerp is not', () => {
    assert.equal(insideArea({ latitude: 50.8466, longitude: 4.3528 }, rings), true);
    assert.equal(insideArea({ latitude: 51.2194, longitude: 4.4025 }, rings), false);
  });

  test('a point on the border counts as inside, as the API counts it', () => {
    const [longitude, latitude] = rings[0][0];
    assert.equal(insideArea({ latitude, longitude }, rings), true);
  });

  test('says nothing without a position or an outline', () => {
    assert.equal(insideArea(null, rings), null);
    assert.equal(insideArea({ latitude: 51.2, longitude: 4.4 }, []), null);
  });

  test('holes and multi-polygons follow the even-odd rule', () => {
    const square = (x, y, size) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
    const multi = areaRings({ features: [{ geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(2, 2, 2)], [[...square(20, 0, 1)]]] } }] });
    assert.equal(multi.length, 3);
    assert.equal(insideArea({ latitude: 1, longitude: 1 }, multi), true);
    assert.equal(insideArea({ latitude: 3, longitude: 3 }, multi), false, 'in the hole');
    assert.equal(insideArea({ latitude: 0.5, longitude: 20.5 }, multi), true);
  });
});
