import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brusselsToday, formatChange, formatValue, periodOf, sortRows, stepOf } from '../dashboard/dashboard-core.js';

test('presets give Brussels calendar periods up to today', () => {
  // Sunday 3 January 2021 lies in ISO week 2020-W53, which began on Monday 28 December.
  assert.deepEqual(periodOf('this-week', '2021-01-03'), { from: '2020-12-28', to: '2021-01-03' });
  assert.deepEqual(periodOf('last-week', '2021-01-04'), { from: '2020-12-28', to: '2021-01-03' });
  assert.deepEqual(periodOf('this-month', '2021-03-28'), { from: '2021-03-01', to: '2021-03-28' });
  assert.deepEqual(periodOf('last-month', '2021-03-05'), { from: '2021-02-01', to: '2021-02-28' });
  assert.deepEqual(periodOf('last-month', '2021-01-15'), { from: '2020-12-01', to: '2020-12-31' });
  assert.deepEqual(periodOf('this-year', '2021-11-10'), { from: '2021-01-01', to: '2021-11-10' });
  assert.equal(periodOf('custom', '2021-11-10'), null);
});

test('today is the Brussels day, not the UTC one', () => {
  assert.equal(brusselsToday(new Date('2020-12-31T23:30:00Z')), '2021-01-01');
  assert.equal(brusselsToday(new Date('2021-06-30T21:59:00Z')), '2021-06-30');
});

test('changes carry their sign, shares change in percentage points', () => {
  assert.equal(formatChange(3, 'count'), '+3');
  assert.equal(formatChange(-2, 'count'), '−2');
  assert.equal(formatChange(0, 'count'), '0');
  assert.equal(formatChange(0.125, 'share'), '+12.5 pp');
  assert.equal(formatChange(null, 'count'), null);
  assert.equal(formatValue(0.8333, 'share'), '83.3 %');
  assert.equal(formatValue(null, 'days'), '–');
});

test('sorting keeps missing values last in both directions', () => {
  const rows = [{ n: 2 }, { n: null }, { n: 5 }, { n: 1 }];
  assert.deepEqual(sortRows(rows, 'n', 'ascending').map((r) => r.n), [1, 2, 5, null]);
  assert.deepEqual(sortRows(rows, 'n', 'descending').map((r) => r.n), [5, 2, 1, null]);
});

test('map colours step by the share of the busiest neighbourhood', () => {
  assert.equal(stepOf(0, 10), 0);
  assert.equal(stepOf(1, 10), 1);
  assert.equal(stepOf(10, 10), 5);
  assert.equal(stepOf(6, 10), 3);
});
