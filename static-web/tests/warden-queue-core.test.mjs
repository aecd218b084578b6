// The send queue of the warden app: order, state changes, what a failure means, and the waits between tries.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  KEEP_SENT_MS,
  advance,
  classifyFailure,
  dueEntries,
  isExpired,
  listItems,
  newEntry,
  nextStep,
  nextTryAt,
  problemOf,
  reasonOf,
  recordedState,
  retryDelay,
  sendOrder,
  shortReference,
  waitingForOthers,
} from '../warden/queue-core.js';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const network = { status: 0, title: 'Geen verbinding', detail: '', errors: {} };

function entry({ id = 'a', userId = 'warden-anouk', createdAt = NOW, photos = 0, observedAt = '2026-11-22T11:00:00.000+01:00' } = {}) {
  return newEntry({
    request: { id, category: 'illegal-dumping', latitude: 50.8466, longitude: 4.3528, observedAt },
    photos: Array.from({ length: photos }, (_, i) => ({ photoId: `${id}-p${i}`, blob: new Blob(['jpeg'], { type: 'image/jpeg' }) })),
    userId,
    now: createdAt,
  });
}

describe('a new entry', () => {
  test('is pending, not created, with its photos unconfirmed and kept as blobs', () => {
    const e = entry({ photos: 2 });
    assert.equal(e.state, 'pending');
    assert.equal(e.created, false);
    assert.deepEqual(e.photos.map((p) => [p.photoId, p.contentType, p.size, p.confirmed]), [
      ['a-p0', 'image/jpeg', 4, false],
      ['a-p1', 'image/jpeg', 4, false],
    ]);
    assert.ok(e.photos.every((p) => p.blob instanceof Blob));
  });
});

describe('sending an entry', () => {
  test('goes create, then each photo in turn, then done', () => {
    let e = entry({ photos: 2 });
    assert.deepEqual(nextStep(e), { step: 'create' });

    e = advance(advance(e, { type: 'start' }, NOW), { type: 'created', observation: { id: 'a', photos: [] } }, NOW);
    assert.equal(e.state, 'sending');
    assert.equal(nextStep(e).step, 'photo');
    assert.equal(/** @type {any} */ (nextStep(e)).photo.photoId, 'a-p0');

    e = advance(e, { type: 'photoConfirmed', photoId: 'a-p0' }, NOW);
    assert.equal(e.photos[0].blob, null, 'a confirmed photo no longer takes room on the device');
    assert.equal(/** @type {any} */ (nextStep(e)).photo.photoId, 'a-p1');

    e = advance(e, { type: 'photoConfirmed', photoId: 'a-p1' }, NOW);
    assert.deepEqual(nextStep(e), { step: 'done' });

    e = advance(e, { type: 'done' }, NOW + 5);
    assert.equal(e.state, 'sent');
    assert.equal(e.sentAt, NOW + 5);
  });

  test('a retried create that answers with photos already confirmed skips those photos', () => {
    let e = advance(entry({ photos: 2 }), { type: 'start' }, NOW);
    e = advance(e, { type: 'created', observation: { id: 'a', photos: [{ photoId: 'a-p0', contentType: 'image/jpeg', size: 4 }] } }, NOW);
    assert.deepEqual(e.photos.map((p) => p.confirmed), [true, false]);
    assert.equal(/** @type {any} */ (nextStep(e)).photo.photoId, 'a-p1');
  });

  test('is not done while a photo is still to be sent', () => {
    let e = advance(entry({ photos: 1 }), { type: 'start' }, NOW);
    e = advance(e, { type: 'created', observation: { id: 'a' } }, NOW);
    assert.equal(advance(e, { type: 'done' }, NOW).state, 'sending');
  });

  test('that is interrupted goes back to pending, remembers why, and counts the try', () => {
    const e = advance(advance(entry(), { type: 'start' }, NOW), { type: 'interrupted', problem: network }, NOW);
    assert.equal(e.state, 'pending');
    assert.equal(e.attempts, 1);
    assert.deepEqual(e.problem, network);
  });

  test('that the server refuses fails with its problem, and a retry makes it pending again', () => {
    const problem = { status: 400, title: 'One or more validation errors occurred.', detail: '', errors: { latitude: ['outside the municipality'] } };
    let e = advance(advance(entry(), { type: 'start' }, NOW), { type: 'failed', problem }, NOW);
    assert.equal(e.state, 'failed');
    assert.deepEqual(e.problem, problem);

    e = advance(e, { type: 'retry' }, NOW);
    assert.equal(e.state, 'pending');
    assert.equal(e.problem, null);
  });

  test('a late answer cannot move a failed or sent entry', () => {
    const failed = advance(advance(entry(), { type: 'start' }, NOW), { type: 'failed', problem: network }, NOW);
    assert.equal(advance(failed, { type: 'created', observation: { id: 'a' } }, NOW), failed);
    assert.equal(advance(failed, { type: 'interrupted', problem: network }, NOW), failed);

    let sent = advance(entry(), { type: 'start' }, NOW);
    sent = advance(advance(sent, { type: 'created', observation: { id: 'a' } }, NOW), { type: 'done' }, NOW);
    assert.equal(advance(sent, { type: 'failed', problem: network }, NOW), sent);
    assert.equal(advance(sent, { type: 'start' }, NOW), sent);
  });

  test('an entry left sending by a closed page recovers as pending, keeping what was done', () => {
    let e = advance(entry({ photos: 1 }), { type: 'start' }, NOW);
    e = advance(e, { type: 'created', observation: { id: 'a' } }, NOW);
    e = advance(e, { type: 'recover' }, NOW);
    assert.equal(e.state, 'pending');
    assert.equal(e.created, true);
    assert.equal(nextStep(e).step, 'photo');
  });
});

describe('sendOrder', () => {
  test('sends the oldest first, only pending or interrupted entries of the signed-in warden', () => {
    const entries = [
      entry({ id: 'c', createdAt: NOW + 2 }),
      entry({ id: 'a', createdAt: NOW }),
      advance(entry({ id: 'b', createdAt: NOW + 1 }), { type: 'start' }, NOW),
      advance(advance(entry({ id: 'd', createdAt: NOW - 1 }), { type: 'start' }, NOW), { type: 'failed', problem: network }, NOW),
      entry({ id: 'e', createdAt: NOW - 2, userId: 'warden-karim' }),
    ];
    assert.deepEqual(sendOrder(entries, 'warden-anouk').map((e) => e.id), ['a', 'b', 'c']);
    assert.deepEqual(sendOrder(entries, 'warden-karim').map((e) => e.id), ['e']);
  });

  test('recorded in the same millisecond, they keep a stable order', () => {
    const entries = [entry({ id: 'y' }), entry({ id: 'x' })];
    assert.deepEqual(sendOrder(entries, 'warden-anouk').map((e) => e.id), ['x', 'y']);
  });
});

describe('each entry waits on its own', () => {
  const middle = () => 0.5;
  const interrupt = (e, at, problem = network) => advance(advance(e, { type: 'start' }, at), { type: 'interrupted', problem }, at, middle);

  test('an interrupted entry waits its own back-off, doubling with each try, while a later one is due at once', () => {
    let first = interrupt(entry({ id: 'a', photos: 1 }), NOW);
    const second = entry({ id: 'b', createdAt: NOW + 1 });
    assert.equal(first.nextTryAt, NOW + 5_000);
    assert.deepEqual(dueEntries([first, second], 'warden-anouk', NOW + 1_000).map((e) => e.id), ['b']);
    assert.deepEqual(dueEntries([first, second], 'warden-anouk', NOW + 5_000).map((e) => e.id), ['a', 'b']);

    first = interrupt(first, NOW + 5_000);
    assert.equal(first.nextTryAt, NOW + 5_000 + 10_000);
    assert.equal(nextTryAt([first], 'warden-anouk'), NOW + 15_000);
  });

  test('observations the API does not have yet go before the photos of earlier ones', () => {
    let older = advance(entry({ id: 'a', createdAt: NOW - 10, photos: 2 }), { type: 'start' }, NOW);
    older = advance(older, { type: 'created', observation: { id: 'a' } }, NOW);
    const newer = entry({ id: 'b', createdAt: NOW });
    const newest = entry({ id: 'c', createdAt: NOW + 10 });
    assert.deepEqual(dueEntries([newest, older, newer], 'warden-anouk', NOW).map((e) => e.id), ['b', 'c', 'a']);
  });

  test('"send now" and a returning network ignore every wait', () => {
    const waiting = interrupt(entry({ id: 'a' }), NOW);
    assert.deepEqual(dueEntries([waiting], 'warden-anouk', NOW), []);
    assert.deepEqual(dueEntries([waiting], 'warden-anouk', NOW, { ignoreWait: true }).map((e) => e.id), ['a']);
  });

  test('progress resets the back-off: a created observation tries its photos without the wait it had built up', () => {
    let e = interrupt(interrupt(entry({ id: 'a', photos: 1 }), NOW), NOW);
    assert.equal(e.attempts, 2);
    e = advance(advance(e, { type: 'start' }, NOW), { type: 'created', observation: { id: 'a' } }, NOW);
    assert.equal(e.attempts, 0);
    e = advance(e, { type: 'interrupted', problem: network }, NOW, middle);
    assert.equal(e.nextTryAt, NOW + 5_000);
  });

  test('a retried entry that was set aside is due at once', () => {
    let e = interrupt(entry(), NOW);
    e = advance(advance(e, { type: 'start' }, NOW), { type: 'failed', problem: { ...network, status: 400 } }, NOW);
    assert.deepEqual(nextTryAt([e], 'warden-anouk'), null, 'a set-aside entry wakes nobody');
    e = advance(e, { type: 'retry' }, NOW + 1);
    assert.equal(e.nextTryAt, 0);
    assert.deepEqual(dueEntries([e], 'warden-anouk', NOW + 1).map((x) => x.id), ['a']);
  });

  test('entries kept from an older version of the app, without a wait, are due', () => {
    const old = { ...entry() };
    delete old.nextTryAt;
    assert.equal(dueEntries([old], 'warden-anouk', NOW).length, 1);
  });
});

describe('reasonOf', () => {
  const reason = (problem) => reasonOf({ title: '', detail: '', errors: {}, ...problem }).key;

  test('tells no connection from a photo storage that cannot be reached', () => {
    assert.equal(reason({ status: 0, from: 'api' }), 'warden.reason.noConnection');
    assert.equal(reason({ status: 0, from: 'storage', step: 'photo' }), 'warden.reason.storageUnreachable');
  });

  test('a busy server, a server error and a needed sign-in each have their words', () => {
    assert.equal(reason({ status: 503 }), 'warden.reason.busy');
    assert.equal(reason({ status: 429 }), 'warden.reason.busy');
    assert.deepEqual(reasonOf({ status: 500, title: '', detail: '', errors: {} }), { key: 'warden.reason.serverError', values: { status: 500 } });
    assert.equal(reason({ status: 401 }), 'warden.reason.signIn');
  });

  test('a refused photo is told from a refused observation, and storage from the API', () => {
    assert.equal(reason({ status: 400, step: 'photo', from: 'api' }), 'warden.reason.photoRefused');
    assert.equal(reason({ status: 403, step: 'photo', from: 'storage' }), 'warden.reason.photoRefusedByStorage');
    assert.equal(reason({ status: 413, step: 'photo', from: 'storage' }), 'warden.reason.photoTooLarge');
    assert.equal(reason({ status: 409, step: 'create' }), 'warden.reason.refused');
    assert.equal(reason({ status: 400, step: 'photo', from: 'device' }), 'warden.reason.photoLost');
  });
});

describe('recordedState', () => {
  test('follows the saved entry: being sent, waiting offline, sent, set aside or removed', () => {
    const e = entry({ id: 'a' });
    assert.equal(recordedState([e], 'a', true), 'online');
    assert.equal(recordedState([e], 'a', false), 'offline');
    const failed = advance(advance(e, { type: 'start' }, NOW), { type: 'failed', problem: { ...network, status: 400 } }, NOW);
    assert.equal(recordedState([failed], 'a', true), 'failed');
    const sent = advance(advance(advance(e, { type: 'start' }, NOW), { type: 'created', observation: { id: 'a' } }, NOW), { type: 'done' }, NOW);
    assert.equal(recordedState([sent], 'a', false), 'sent');
    assert.equal(recordedState([], 'a', true), 'removed');
    let photoRefused = advance(advance(entry({ id: 'p', photos: 1 }), { type: 'start' }, NOW), { type: 'created', observation: { id: 'p' } }, NOW);
    photoRefused = advance(photoRefused, { type: 'failed', problem: { ...network, status: 403, from: 'storage', step: 'photo' } }, NOW);
    assert.equal(recordedState([photoRefused], 'p', true), 'photoFailed', 'the observation arrived: only its photo did not');
  });
});

describe('classifyFailure', () => {
  test('no answer, timeouts, throttling and server errors are tried again later', () => {
    for (const status of [0, 408, 425, 429, 500, 502, 503, 504]) {
      assert.equal(classifyFailure(status), 'retry', String(status));
    }
  });

  test('an answer that is not from the API (a Wi-Fi sign-in page) is tried again later', () => {
    assert.equal(classifyFailure(200), 'retry');
    assert.equal(classifyFailure(302), 'retry');
  });

  test('not signed in or not a warden waits for a sign-in', () => {
    assert.equal(classifyFailure(401), 'signIn');
    assert.equal(classifyFailure(403), 'signIn');
  });

  test('a refused photo upload fails, whatever the status, unless storage is busy', () => {
    assert.equal(classifyFailure(403, 'storage'), 'fail');
    assert.equal(classifyFailure(413, 'storage'), 'fail');
    assert.equal(classifyFailure(503, 'storage'), 'retry');
    assert.equal(classifyFailure(0, 'storage'), 'retry');
  });

  test('a refusal of the observation itself fails it', () => {
    for (const status of [400, 404, 409, 413, 422]) {
      assert.equal(classifyFailure(status), 'fail', String(status));
    }
  });
});

describe('retryDelay', () => {
  const middle = () => 0.5;

  test('starts at 5 seconds and doubles', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelay(n, middle)), [5_000, 10_000, 20_000, 40_000]);
  });

  test('never waits longer than 5 minutes', () => {
    assert.equal(retryDelay(7, middle), 300_000);
    assert.equal(retryDelay(1_000, middle), 300_000);
  });

  test('spreads the wait by at most 20 % either way', () => {
    assert.equal(retryDelay(1, () => 0), 4_000);
    assert.equal(retryDelay(1, () => 0.999999), 6_000);
    assert.equal(retryDelay(1000, () => 0.999999), 360_000);
  });

  test('a first failure counted as zero still waits', () => {
    assert.equal(retryDelay(0, middle), 5_000);
  });
});

describe('isExpired', () => {
  test('only sent entries older than a week leave the device', () => {
    let sent = advance(entry(), { type: 'start' }, NOW);
    sent = advance(advance(sent, { type: 'created', observation: { id: 'a' } }, NOW), { type: 'done' }, NOW);
    assert.equal(isExpired(sent, NOW + KEEP_SENT_MS), false);
    assert.equal(isExpired(sent, NOW + KEEP_SENT_MS + 1), true);
    assert.equal(isExpired(entry(), NOW + 10 * KEEP_SENT_MS), false, 'pending never expires');
  });
});

describe('listItems', () => {
  const remote = (id, observedAt, extra = {}) => ({ id, category: 'noise', observedAt, dossierId: null, photos: [], ...extra });

  test('merges the API list with the device queue, newest first', () => {
    const items = listItems(
      [entry({ id: 'local', observedAt: '2026-11-22T12:00:00.000+01:00', photos: 1 })],
      [remote('old', '2026-11-21T09:00:00+00:00', { dossierId: 'D-1', photos: [{ photoId: 'x' }] }), remote('mid', '2026-11-22T11:30:00+00:00')],
      'warden-anouk',
    );
    assert.deepEqual(items.map((i) => [i.id, i.state]), [['mid', 'sent'], ['local', 'pending'], ['old', 'sent']]);
    assert.equal(items[2].dossierId, 'D-1');
    assert.deepEqual(items[2].photos, { total: 1, sent: 1 });
    assert.deepEqual(items[1].photos, { total: 1, sent: 0 });
    assert.equal(items[1].observation.category, 'illegal-dumping');
  });

  test('an observation the API has but whose photos are still on the way shows the device state', () => {
    let e = advance(entry({ id: 'a', photos: 2 }), { type: 'start' }, NOW);
    e = advance(e, { type: 'created', observation: { id: 'a', category: 'illegal-dumping', observedAt: e.request.observedAt, dossierId: null } }, NOW);
    e = advance(e, { type: 'photoConfirmed', photoId: 'a-p0' }, NOW);
    const [item] = listItems([e], [remote('a', e.request.observedAt, { photos: [{ photoId: 'a-p0' }] })], 'warden-anouk');
    assert.equal(item.state, 'sending');
    assert.deepEqual(item.photos, { total: 2, sent: 1 });
  });

  test('once sent, the API copy is shown with its dossier', () => {
    let e = advance(entry({ id: 'a' }), { type: 'start' }, NOW);
    e = advance(advance(e, { type: 'created', observation: { id: 'a', observedAt: e.request.observedAt, dossierId: null } }, NOW), { type: 'done' }, NOW);
    const [item] = listItems([e], [remote('a', e.request.observedAt, { dossierId: 'D-2026-0007' })], 'warden-anouk');
    assert.equal(item.state, 'sent');
    assert.equal(item.dossierId, 'D-2026-0007');
    assert.equal(item.entry, e);
  });

  test('sent while the API list is out of reach, the answer of the create is shown', () => {
    let e = advance(entry({ id: 'a' }), { type: 'start' }, NOW);
    e = advance(advance(e, { type: 'created', observation: { id: 'a', observedAt: e.request.observedAt, dossierId: 'D-9' } }, NOW), { type: 'done' }, NOW);
    const [item] = listItems([e], [], 'warden-anouk');
    assert.equal(item.state, 'sent');
    assert.equal(item.dossierId, 'D-9');
  });

  test('a failed entry carries its problem', () => {
    const problem = { status: 409, title: 'This id is already used.', detail: 'Another observation…', errors: {} };
    const failed = advance(advance(entry(), { type: 'start' }, NOW), { type: 'failed', problem }, NOW);
    assert.deepEqual(listItems([failed], [], 'warden-anouk')[0].problem, problem);
  });

  test("another warden's entries on the same device are not listed, but counted", () => {
    const entries = [entry({ id: 'mine' }), entry({ id: 'theirs', userId: 'warden-karim' })];
    assert.deepEqual(listItems(entries, [], 'warden-anouk').map((i) => i.id), ['mine']);
    assert.equal(waitingForOthers(entries, 'warden-anouk'), 1);
  });
});

describe('problemOf', () => {
  test('keeps what the API said as plain data, with its machine codes and the step it failed at', () => {
    const error = Object.assign(new Error('x'), {
      status: 400,
      title: 'Invalid',
      detail: 'd',
      errors: { latitude: ['outside'] },
      extensions: { code: 'validation', codes: { latitude: ['outside-municipality'] }, traceId: 't' },
    });
    assert.deepEqual(problemOf(error, 'photo'), {
      status: 400,
      title: 'Invalid',
      detail: 'd',
      errors: { latitude: ['outside'] },
      codes: { latitude: ['outside-municipality'] },
      code: 'validation',
      from: 'api',
      step: 'photo',
    });
  });

  test("anything else becomes a problem without status, and never keeps the browser's own English text", () => {
    const empty = { status: 0, title: '', detail: '', errors: {}, codes: {}, code: '', from: 'api', step: 'create' };
    assert.deepEqual(problemOf(new TypeError('Failed to fetch')), empty);
    assert.deepEqual(problemOf('boom'), empty);
  });

  test('a failed upload to Blob Storage says so, without its text', () => {
    const problem = problemOf(Object.assign(new Error('TypeError: Failed to fetch https://blob/?sig=secret'), { status: 0, from: 'storage', title: 'x', detail: 'sig=secret' }), 'photo');
    assert.equal(problem.from, 'storage');
    assert.equal(problem.title, '');
    assert.equal(problem.detail, '');
  });
});

describe('shortReference', () => {
  test("is the dossier id's first eight characters, as in the mails about it", () => {
    assert.equal(shortReference('03249b40-c515-e2c2-4364-857481bea9a6'), '03249b40');
  });
});
