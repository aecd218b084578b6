import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedbackPath, intakeRequest, localStatusHref, nearbyPath, reportErrors, reportRequest, statusLink } from '../report/report-core.js';

const filled = { category: 'illegal-dumping', latitude: '50.8467', longitude: '4.3525', description: '  Zakken afval  ', address: '', email: 'an@example.com', phone: ' ', website: '' };

test('the request leaves empty optional fields out and sends numbers and the language', () => {
  assert.deepEqual(reportRequest(filled, 'fr'), {
    category: 'illegal-dumping', latitude: 50.8467, longitude: 4.3525, description: 'Zakken afval', language: 'fr', email: 'an@example.com',
  });
});

test('a report needs a category, a place, a description and at most three photos', () => {
  assert.deepEqual(reportErrors(filled, 3), {});
  assert.deepEqual(Object.keys(reportErrors({ ...filled, category: '', latitude: '', description: 'abc' }, 4)), ['category', 'latitude', 'description', 'photos']);
});

test('the nearby query rounds the place and escapes the category', () => {
  assert.equal(nearbyPath('a b', 50.123456789, 4.1), '/api/citizen-reports/nearby?lat=50.123457&lon=4.100000&category=a%20b');
});

test('a status link needs a reference and a token; the feedback token is optional', () => {
  assert.deepEqual(statusLink('?ref=WW-AB12-CD34&token=x.y&feedback=f.g'), { reference: 'WW-AB12-CD34', token: 'x.y', feedback: 'f.g' });
  assert.equal(statusLink('?ref=../etc&token=x'), null);
  assert.equal(statusLink('?ref=WW-AB12-CD34'), null);
  assert.equal(feedbackPath('WW-AB12-CD34', 'a+b'), '/api/citizen-reports/WW-AB12-CD34/feedback?token=a%2Bb');
});

test('the status link from the API stays on this site', () => {
  assert.equal(localStatusHref('http://localhost:7071/report/status/?ref=WW-AB12-CD34&token=t'), '/report/status/?ref=WW-AB12-CD34&token=t');
});

test('an intake sends the channel and when it was received: now for today, noon for an earlier day', () => {
  const now = new Date('2026-12-21T09:30:00Z');
  const body = intakeRequest({ ...filled, channel: 'letter', receivedOn: '2026-12-21', language: 'nl' }, '2026-12-21', now);
  assert.equal(body.channel, 'letter');
  assert.equal(body.receivedAt, '2026-12-21T09:30:00.000Z');
  assert.equal(body.language, 'nl');
  assert.equal('website' in body, false);
  const earlier = intakeRequest({ ...filled, channel: 'phone', receivedOn: '2026-12-18', language: 'fr' }, '2026-12-21', now);
  assert.equal(new Date(earlier.receivedAt).getDate(), 18);
});
