// The partner page's rules: what counts as a usable link, where calls go, what may be sent, and that every
// status and action the API can name has words in every language.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { SUPPORTED_LANGUAGES } from '../js/i18n-core.js';
import {
  ACTIONS,
  NOTE_MAX_LENGTH,
  STATUSES,
  actionRequest,
  formatCoordinates,
  mapUrl,
  parseChange,
  partnerApiPath,
  partnerPhotoPath,
  problemKind,
  readLink,
} from '../partner/partner-core.js';

const dictionaries = await Promise.all(
  SUPPORTED_LANGUAGES.map(async (language) => JSON.parse(await readFile(new URL(`../i18n/${language}.json`, import.meta.url), 'utf8'))),
);

const DOSSIER = '3f2b8c1e-9a4d-4e5f-8a6b-1c2d3e4f5a6b';

describe('readLink', () => {
  test('reads the dossier and the token of the link in the mail', () => {
    assert.deepEqual(readLink(`?dossier=${DOSSIER}&token=abc.DEF-_123`), { dossierId: DOSSIER, token: 'abc.DEF-_123' });
  });

  test('decodes a token the mail escaped', () => {
    assert.deepEqual(readLink(`?dossier=${DOSSIER}&token=a%2Bb%2Fc%3D`), { dossierId: DOSSIER, token: 'a+b/c=' });
  });

  test('a link without a dossier, without a token or with a malformed dossier is unusable', () => {
    assert.equal(readLink(''), null);
    assert.equal(readLink(`?dossier=${DOSSIER}`), null);
    assert.equal(readLink(`?dossier=${DOSSIER}&token=`), null);
    assert.equal(readLink('?dossier=42&token=abc'), null);
    assert.equal(readLink(`?dossier=${DOSSIER}/../x&token=abc`), null);
    assert.equal(readLink(`?dossier=${DOSSIER}&token=a%20b`), null);
  });
});

describe('partnerApiPath', () => {
  const link = { dossierId: DOSSIER, token: 'a+b/c=&x' };

  test('puts the token, escaped, in the query of the dossier path', () => {
    assert.equal(partnerApiPath(link), `/api/partner/dossiers/${DOSSIER}?token=a%2Bb%2Fc%3D%26x`);
  });

  test('adds the action for a POST', () => {
    assert.equal(partnerApiPath(link, 'resolve'), `/api/partner/dossiers/${DOSSIER}/resolve?token=a%2Bb%2Fc%3D%26x`);
  });

  test('refuses an action the API does not have', () => {
    assert.throws(() => partnerApiPath(link, 'delete'), RangeError);
  });
});

describe('actionRequest', () => {
  test('acknowledging and progress send no body', () => {
    assert.deepEqual(actionRequest('acknowledge', undefined), { body: undefined });
    assert.deepEqual(actionRequest('progress', null), { body: undefined });
  });

  test('resolving sends the trimmed note, or nothing when it is empty', () => {
    assert.deepEqual(actionRequest('resolve', '  Opgeruimd om 14u. \n'), { body: { note: 'Opgeruimd om 14u.' } });
    assert.deepEqual(actionRequest('resolve', '   '), { body: undefined });
  });

  test('rejecting needs a reason', () => {
    assert.deepEqual(actionRequest('reject', ''), { error: 'reasonRequired' });
    assert.deepEqual(actionRequest('reject', ' \n '), { error: 'reasonRequired' });
    assert.deepEqual(actionRequest('reject', 'Privéterrein'), { body: { note: 'Privéterrein' } });
  });

  test('a note longer than the API takes is refused before sending', () => {
    assert.deepEqual(actionRequest('resolve', 'x'.repeat(NOTE_MAX_LENGTH)), { body: { note: 'x'.repeat(NOTE_MAX_LENGTH) } });
    assert.deepEqual(actionRequest('resolve', 'x'.repeat(NOTE_MAX_LENGTH + 1)), { error: 'noteTooLong' });
  });
});

describe('problemKind', () => {
  test('maps the partner API answers onto what the page does', () => {
    assert.equal(problemKind(403), 'link');
    assert.equal(problemKind(404), 'gone');
    assert.equal(problemKind(409), 'conflict');
    assert.equal(problemKind(422), 'invalid');
    assert.equal(problemKind(400), 'invalid');
    assert.equal(problemKind(500), 'failed');
    assert.equal(problemKind(0), 'failed');
  });
});

describe('parseChange', () => {
  test('splits a history change into the API statuses', () => {
    assert.deepEqual(parseChange('Forwarded-Acknowledged'), { from: 'forwarded', to: 'acknowledged' });
    assert.deepEqual(parseChange('InProgress-Resolved'), { from: 'in-progress', to: 'resolved' });
  });

  test('something else is not a change', () => {
    assert.equal(parseChange('resolved'), null);
    assert.equal(parseChange(undefined), null);
  });

  test('every status a change can name is a known status', () => {
    for (const from of ['New', 'Forwarded', 'Acknowledged', 'InProgress']) {
      for (const to of ['Forwarded', 'Acknowledged', 'InProgress', 'Resolved', 'Rejected']) {
        const change = parseChange(`${from}-${to}`);
        assert.ok(change && STATUSES.includes(change.from) && STATUSES.includes(change.to), `${from}-${to}`);
      }
    }
  });
});

describe('coordinates', () => {
  test('are written with six decimals and a point', () => {
    assert.equal(formatCoordinates(50.8466, 4.3528), '50.846600, 4.352800');
  });

  test('link to the place on OpenStreetMap', () => {
    assert.equal(
      mapUrl(50.8466, 4.3528),
      'https://www.openstreetmap.org/?mlat=50.846600&mlon=4.352800#map=19/50.846600/4.352800',
    );
  });

  test('that are no place on Earth give neither text nor link', () => {
    for (const [latitude, longitude] of [[91, 4], [50, 181], [Number.NaN, 4], ['50', '4'], [null, null]]) {
      assert.equal(formatCoordinates(latitude, longitude), null);
      assert.equal(mapUrl(latitude, longitude), null);
    }
  });
});

describe('words on the page', () => {
  test('every status has a name in every language', () => {
    for (const status of STATUSES) {
      for (const dictionary of dictionaries) {
        assert.equal(typeof dictionary[`partner.status.${status}`], 'string', `partner.status.${status}`);
      }
    }
  });

  test('every action has a button, and a message when it is done, in every language', () => {
    assert.deepEqual([...ACTIONS], ['acknowledge', 'progress', 'resolve', 'reject']);
    for (const action of ACTIONS) {
      for (const dictionary of dictionaries) {
        assert.equal(typeof dictionary[`partner.${action}.submit`], 'string', `partner.${action}.submit`);
        assert.equal(typeof dictionary[`partner.done.${action}`], 'string', `partner.done.${action}`);
      }
    }
  });
});

test('a photo is asked for with the token, never shown with it', () => {
  const path = partnerPhotoPath({ dossierId: 'd 1', token: 'a+b/c' }, 'p-1');
  assert.equal(path, '/api/partner/dossiers/d%201/photos/p-1?token=a%2Bb%2Fc');
});
