// The officer's agenda: appointments by Brussels day, when an outcome can be recorded, and what a refusal means.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { SUPPORTED_LANGUAGES } from '../js/i18n-core.js';
import {
  AGENDA_PATH,
  OUTCOMES,
  accessProblem,
  agendaDays,
  canRecordOutcome,
  groupByDay,
  outcomePath,
  relativeDay,
  replaceAppointment,
  signInUrl,
} from '../officer/agenda-core.js';

const dictionaries = await Promise.all(
  SUPPORTED_LANGUAGES.map(async (language) => JSON.parse(await readFile(new URL(`../i18n/${language}.json`, import.meta.url), 'utf8'))),
);

/** @param {string} id @param {string} start @param {string} [status] */
const appointment = (id, start, status = 'booked') => ({ id, start, end: start, status });

describe('agendaDays', () => {
  const now = Date.parse('2026-12-01T08:00:00+01:00');

  test('keeps cancelled appointments apart from the day\'s work', () => {
    const [day] = agendaDays([appointment('a', '2026-12-01T09:00:00+01:00'), appointment('b', '2026-12-01T10:00:00+01:00', 'cancelled'), appointment('c', '2026-12-01T11:00:00+01:00', 'done')], now);
    assert.deepEqual(day.active.map((a) => a.id), ['a', 'c']);
    assert.deepEqual(day.cancelled.map((a) => a.id), ['b']);
  });

  test('unfolds today and folds the later days', () => {
    const days = agendaDays([appointment('a', '2026-12-01T09:00:00+01:00'), appointment('b', '2026-12-02T09:00:00+01:00'), appointment('c', '2026-12-08T09:00:00+01:00')], now);
    assert.deepEqual(days.map((d) => [d.relative, d.open]), [['today', true], ['tomorrow', false], ['later', false]]);
  });

  test('without appointments today, the first day that has some is unfolded, not one with only cancellations', () => {
    const days = agendaDays([appointment('a', '2026-12-02T09:00:00+01:00', 'cancelled'), appointment('b', '2026-12-03T09:00:00+01:00'), appointment('c', '2026-12-04T09:00:00+01:00')], now);
    assert.deepEqual(days.map((d) => [d.date, d.open]), [['2026-12-02', false], ['2026-12-03', true], ['2026-12-04', false]]);
  });

  test('today stays unfolded even when all of it was cancelled', () => {
    const days = agendaDays([appointment('a', '2026-12-01T09:00:00+01:00', 'cancelled'), appointment('b', '2026-12-03T09:00:00+01:00')], now);
    assert.deepEqual(days.map((d) => d.open), [true, false]);
  });
});

describe('groupByDay', () => {
  test('groups by Brussels day, days and times in order', () => {
    const days = groupByDay([
      appointment('c', '2026-12-02T09:00:00+01:00'),
      appointment('b', '2026-12-01T13:00:00+01:00'),
      appointment('a', '2026-12-01T09:00:00+01:00', 'cancelled'),
      appointment('late', '2026-11-30T23:15:00Z'), // 00:15 on 1 December in Brussels
    ]);
    assert.deepEqual(days.map((day) => [day.date, day.appointments.map((item) => item.id)]), [
      ['2026-12-01', ['late', 'a', 'b']],
      ['2026-12-02', ['c']],
    ]);
    assert.deepEqual(groupByDay(undefined), []);
  });
});

describe('relativeDay', () => {
  const now = new Date('2026-11-30T23:30:00Z'); // already 1 December in Brussels

  test('today and tomorrow are Brussels days', () => {
    assert.equal(relativeDay('2026-12-01', now), 'today');
    assert.equal(relativeDay('2026-12-02', now), 'tomorrow');
    assert.equal(relativeDay('2026-12-05', now), 'later');
    assert.equal(relativeDay('2026-11-30', now), 'earlier');
  });
});

describe('canRecordOutcome', () => {
  const start = '2026-12-01T09:00:00+01:00';

  test('from the start on, while still booked', () => {
    assert.equal(canRecordOutcome(appointment('a', start), new Date('2026-12-01T07:59:59Z')), false);
    assert.equal(canRecordOutcome(appointment('a', start), new Date('2026-12-01T08:00:00Z')), true);
    assert.equal(canRecordOutcome(appointment('a', start), new Date('2026-12-03T08:00:00Z')), true);
  });

  test('never for a cancelled or already recorded appointment', () => {
    const later = new Date('2026-12-02T08:00:00Z');
    for (const status of ['cancelled', 'done', 'no-show']) {
      assert.equal(canRecordOutcome(appointment('a', start, status), later), false, status);
    }
  });
});

describe('API and access', () => {
  test('paths', () => {
    assert.equal(AGENDA_PATH, '/api/officers/me/agenda');
    assert.equal(outcomePath('3f2b8c1e-9a4d-4e5f-8a6b-1c2d3e4f5a6b'), '/api/bookings/3f2b8c1e-9a4d-4e5f-8a6b-1c2d3e4f5a6b/outcome');
    assert.equal(outcomePath('../x'), '/api/bookings/..%2Fx/outcome');
  });

  test('the newer copy replaces the appointment', () => {
    const list = [appointment('a', 's'), appointment('b', 's')];
    assert.deepEqual(replaceAppointment(list, appointment('b', 's', 'done')).map((item) => item.status), ['booked', 'done']);
  });

  test('refusals map onto what the page says', () => {
    assert.equal(accessProblem(401), 'signIn');
    assert.equal(accessProblem(403), 'forbidden');
    assert.equal(accessProblem(404), 'unknown');
    assert.equal(accessProblem(500), 'failed');
    assert.equal(accessProblem(0), 'failed');
  });

  test('sign in locally on the development page, in Azure through Entra ID back to the agenda', () => {
    assert.equal(signInUrl({ hostname: 'localhost' }), '/signin/');
    assert.equal(signInUrl({ hostname: '127.0.0.1' }), '/signin/');
    assert.equal(signInUrl({ hostname: 'wijkwacht.brussels' }), '/.auth/login/aad?post_login_redirect_uri=/officer/');
  });

  for (const [index, language] of SUPPORTED_LANGUAGES.entries()) {
    test(`every outcome and refusal has words in ${language}`, () => {
      const keys = [
        ...OUTCOMES.flatMap((outcome) => [`officer.outcome.${outcome}`, `officer.done.${outcome}`]),
        ...['signIn', 'forbidden', 'unknown', 'failed'].map((problem) => `officer.problem.${problem}`),
        'officer.day.today', 'officer.day.tomorrow', 'officer.count.one', 'officer.count.other',
      ];
      for (const key of keys) {
        assert.equal(typeof dictionaries[index][key], 'string', `${language}: ${key}`);
      }
    });
  }
});
