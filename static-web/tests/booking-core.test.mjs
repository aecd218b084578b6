// The booking pages' rules: Brussels days and times whatever the machine's clock, the wizard's steps, what is sent
// and checked before sending, the Idempotency-Key of a retried submit, the manage link, and that every kind, status
// and message the pages can name has words in every language.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { SUPPORTED_LANGUAGES } from '../js/i18n-core.js';
import {
  APPOINTMENT_TYPES,
  BOOKING_LANGUAGES,
  LIMITS,
  STATUSES,
  PROBLEM_CODES,
  normaliseCode,
  problemMessageKey,
  readConfirmationCode,
  addDays,
  alternativesOf,
  bookingPath,
  bookingRequest,
  bookingWindow,
  brusselsDate,
  checkBooking,
  forgetAfter,
  formatDate,
  formatDay,
  formatTime,
  formatTimeRange,
  groupSlotsByDay,
  isTimeTaken,
  mailHref,
  manageLinkFrom,
  nextAttempt,
  nextStep,
  offeredTypes,
  officersPath,
  openingHoursRows,
  placeErrors,
  previousStep,
  problemKind,
  readManageLink,
  slotsPath,
  stepPosition,
  telHref,
  visibleSteps,
  weekdayName,
} from '../booking/booking-core.js';

const dictionaries = await Promise.all(
  SUPPORTED_LANGUAGES.map(async (language) => JSON.parse(await readFile(new URL(`../i18n/${language}.json`, import.meta.url), 'utf8'))),
);

const BOOKING = '3f2b8c1e-9a4d-4e5f-8a6b-1c2d3e4f5a6b';
const MARC = {
  id: 'officer-marc',
  name: 'Inspecteur Marc Willems',
  appointmentTypes: [{ type: 'phone', minutes: 15 }, { type: 'office', minutes: 20 }, { type: 'home', minutes: 45 }],
};

describe('Brussels days', () => {
  test('an instant belongs to its Brussels day, not to the UTC one', () => {
    assert.equal(brusselsDate('2026-11-30T23:30:00Z'), '2026-12-01'); // 00:30 in Brussels (winter, UTC+1)
    assert.equal(brusselsDate('2026-07-14T22:30:00Z'), '2026-07-15'); // 00:30 in Brussels (summer, UTC+2)
    assert.equal(brusselsDate('2026-12-01T09:00:00+01:00'), '2026-12-01');
  });

  test('adding days crosses months, years and the change to summer time', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2027-03-27', 2), '2027-03-29');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });

  test('the booking window is today in Brussels and the 13 days after', () => {
    assert.deepEqual(bookingWindow(new Date('2026-11-30T23:30:00Z')), { from: '2026-12-01', to: '2026-12-14' });
  });

  test('free times are grouped by Brussels day, in order, and days without times are not listed', () => {
    const days = groupSlotsByDay([
      { start: '2026-12-02T09:00:00+01:00', end: '2026-12-02T09:20:00+01:00' },
      { start: '2026-12-01T13:20:00+01:00', end: '2026-12-01T13:40:00+01:00' },
      { start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T09:20:00+01:00' },
      { start: 'not a time', end: '' },
    ]);
    assert.deepEqual(days.map((day) => day.date), ['2026-12-01', '2026-12-02']);
    assert.deepEqual(days[0].slots.map((slot) => slot.start), ['2026-12-01T09:00:00+01:00', '2026-12-01T13:20:00+01:00']);
    assert.deepEqual(groupSlotsByDay([]), []);
    assert.deepEqual(groupSlotsByDay(undefined), []);
  });

  test('an early time written in UTC still lands on its Brussels day', () => {
    const days = groupSlotsByDay([{ start: '2026-11-30T23:30:00Z', end: '2026-11-30T23:50:00Z' }]);
    assert.equal(days[0].date, '2026-12-01');
  });
});

describe('formatting', () => {
  const slot = { start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T09:20:00+01:00' };

  test('days and times are said in the reader\'s language, in Brussels time', () => {
    assert.equal(formatDay('2026-12-01', 'nl-BE'), 'dinsdag 1 december');
    assert.equal(formatDay('2026-12-01', 'fr-BE'), 'mardi 1 décembre');
    assert.equal(formatDay('2026-12-01', 'en-BE'), 'Tuesday, 1 December');
    assert.equal(formatDate(slot.start, 'nl-BE'), 'dinsdag 1 december 2026');
    assert.equal(formatTime('2026-12-01T08:00:00Z', 'en-BE'), '09:00');
    assert.equal(formatTimeRange(slot, 'fr-BE'), '09:00–09:20');
  });

  test('a summer time is shown as the Brussels clock shows it', () => {
    assert.equal(formatTime('2026-07-01T07:30:00Z', 'nl-BE'), '09:30');
  });

  test('opening hours list the open days, Monday first, with their names', () => {
    const rows = openingHoursRows({ friday: [{ from: '09:00', to: '12:00' }], monday: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '16:00' }], sunday: [] });
    assert.deepEqual(rows.map((row) => row.day), ['monday', 'friday']);
    assert.equal(rows[0].hours.length, 2);
    assert.equal(weekdayName('monday', 'nl-BE'), 'maandag');
    assert.equal(weekdayName('friday', 'fr-BE'), 'vendredi');
    assert.deepEqual(openingHoursRows(undefined), []);
  });
});

describe('API paths', () => {
  test('the officers are asked for by street or by place, in the page language', () => {
    assert.equal(officersPath({ address: ' Nieuwstraat 12 ' }, 'nl'), '/api/officers?address=Nieuwstraat%2012&lang=nl');
    assert.equal(officersPath({ address: 'Rue Neuve 12/3 & co' }, 'fr'), '/api/officers?address=Rue%20Neuve%2012%2F3%20%26%20co&lang=fr');
    assert.equal(officersPath({ latitude: 50.8466, longitude: 4.3528 }, 'en'), '/api/officers?lat=50.846600&lon=4.352800&lang=en');
    assert.equal(officersPath({ address: 'x' }, 'de'), '/api/officers?address=x&lang=nl');
  });

  test('free times are asked for one officer, one kind and the window', () => {
    assert.equal(
      slotsPath('officer-marc', 'office', { from: '2026-12-01', to: '2026-12-14' }),
      '/api/officers/officer-marc/slots?type=office&from=2026-12-01&to=2026-12-14',
    );
    assert.throws(() => slotsPath('officer-marc', 'video', { from: '2026-12-01', to: '2026-12-14' }), RangeError);
  });

  test('the token goes, escaped, into the booking\'s own API paths', () => {
    const link = { bookingId: BOOKING, token: 'a+b/c=&x' };
    assert.equal(bookingPath(link), `/api/bookings/${BOOKING}?token=a%2Bb%2Fc%3D%26x`);
    assert.equal(bookingPath(link, 'reschedule'), `/api/bookings/${BOOKING}/reschedule?token=a%2Bb%2Fc%3D%26x`);
    assert.equal(bookingPath(link, 'cancel'), `/api/bookings/${BOOKING}/cancel?token=a%2Bb%2Fc%3D%26x`);
    assert.equal(bookingPath(link, 'calendar.ics'), `/api/bookings/${BOOKING}/calendar.ics?token=a%2Bb%2Fc%3D%26x`);
    assert.throws(() => bookingPath(link, /** @type {any} */ ('delete')), RangeError);
  });
});

describe('the manage link', () => {
  test('reads the booking and the token', () => {
    assert.deepEqual(readManageLink(`?booking=${BOOKING.toUpperCase()}&token=abc.DEF-_123`), { bookingId: BOOKING, token: 'abc.DEF-_123' });
  });

  test('a link without a booking, without a token or with a malformed booking is unusable', () => {
    assert.equal(readManageLink(''), null);
    assert.equal(readManageLink(`?booking=${BOOKING}`), null);
    assert.equal(readManageLink('?booking=42&token=abc'), null);
    assert.equal(readManageLink(`?booking=${BOOKING}&token=a%20b`), null);
  });

  test('the API\'s absolute manage address becomes a link to this site\'s manage page', () => {
    const answer = manageLinkFrom(`http://localhost:7071/booking/manage/?booking=${BOOKING}&token=a%2Bb`);
    assert.deepEqual(answer, { href: `/booking/manage/?booking=${BOOKING}&token=a%2Bb`, link: { bookingId: BOOKING, token: 'a+b' } });
  });

  test('anything else is not a manage link', () => {
    assert.equal(manageLinkFrom(`https://evil.example/phish/?booking=${BOOKING}&token=x`), null);
    assert.equal(manageLinkFrom(undefined), null);
    assert.equal(manageLinkFrom('http://[bad'), null);
  });
});

describe('steps', () => {
  const one = { officers: [MARC] };
  const two = { officers: [MARC, { ...MARC, id: 'officer-sara' }] };

  test('with one officer the officer step is skipped, both ways', () => {
    assert.deepEqual(visibleSteps(one), ['address', 'type', 'day', 'time', 'details', 'confirm', 'done']);
    assert.equal(nextStep('address', one), 'type');
    assert.equal(previousStep('type', one), 'address');
  });

  test('with several officers the citizen chooses', () => {
    assert.equal(nextStep('address', two), 'officer');
    assert.equal(nextStep('officer', two), 'type');
    assert.equal(previousStep('type', two), 'officer');
  });

  test('every step but the first can go back, except the confirmation', () => {
    assert.equal(previousStep('address', one), null);
    assert.equal(previousStep('details', one), 'time');
    assert.equal(previousStep('done', one), null);
    assert.equal(previousStep('confirm', one), null); // the booking is sent: no way back into the form
    assert.equal(nextStep('details', one), 'confirm');
    assert.equal(nextStep('confirm', one), 'done');
    assert.equal(nextStep('done', one), 'done');
  });

  test('the position counts the steps with a choice', () => {
    assert.deepEqual(stepPosition('address', one), { number: 1, total: 5 });
    assert.deepEqual(stepPosition('details', two), { number: 6, total: 6 });
    assert.equal(stepPosition('done', one), null);
    assert.equal(stepPosition('confirm', one), null);
  });

  test('changing an earlier choice forgets the later ones', () => {
    const state = { officers: [MARC], officerId: 'officer-marc', type: 'office', day: '2026-12-01', slot: { start: 's', end: 'e' }, booking: null };
    assert.deepEqual(forgetAfter(state, 'type'), { ...state, day: null, slot: null });
    assert.deepEqual(forgetAfter(state, 'officers'), { ...state, officerId: null, type: null, day: null, slot: null });
    assert.deepEqual(forgetAfter(state, 'day'), { ...state, slot: null });
  });

  test('the kinds an officer offers come in the page\'s order, with their minutes', () => {
    assert.deepEqual(offeredTypes(MARC), [{ type: 'office', minutes: 20 }, { type: 'home', minutes: 45 }, { type: 'phone', minutes: 15 }]);
    assert.deepEqual(offeredTypes({ ...MARC, appointmentTypes: [{ type: 'video', minutes: 5 }, { type: 'phone', minutes: 15 }] }), [{ type: 'phone', minutes: 15 }]);
    assert.deepEqual(offeredTypes(null), []);
  });
});

describe('bookingRequest and checkBooking', () => {
  const choice = { officerId: 'officer-marc', type: 'office', start: '2026-12-01T09:00:00+01:00' };
  const details = { name: ' Jan Peeters ', email: ' jan@example.com ', phone: '', language: 'nl', subject: ' Burenlawaai ', address: 'Nieuwstraat 12' };

  test('sends trimmed values, no empty contact, and the address only for a home visit', () => {
    assert.deepEqual(bookingRequest(choice, details), {
      officerId: 'officer-marc',
      type: 'office',
      start: '2026-12-01T09:00:00+01:00',
      name: 'Jan Peeters',
      email: 'jan@example.com',
      phone: null,
      language: 'nl',
      subject: 'Burenlawaai',
      address: null,
    });
    assert.equal(bookingRequest({ ...choice, type: 'home' }, details).address, 'Nieuwstraat 12');
  });

  test('a complete request has nothing to fix', () => {
    assert.deepEqual(checkBooking(bookingRequest(choice, details)), {});
  });

  test('name, a way to reach the citizen, language and subject are needed', () => {
    const errors = checkBooking(bookingRequest(choice, { name: '', email: '', phone: '', language: '', subject: '', address: '' }));
    assert.deepEqual(errors, {
      name: 'booking.error.nameRequired',
      email: 'booking.error.emailRequired',
      language: 'booking.error.languageRequired',
      subject: 'booking.error.subjectRequired',
    });
  });

  test('an e-mail address is needed (the booking is confirmed by mail, there is no SMS); a phone number is optional', () => {
    assert.deepEqual(checkBooking(bookingRequest(choice, { ...details, email: '', phone: '+32 470 12 34 56' })), { email: 'booking.error.emailRequired' });
    assert.deepEqual(checkBooking(bookingRequest(choice, { ...details, phone: '' })), {});
  });

  test('a phone call needs a phone number', () => {
    assert.deepEqual(checkBooking(bookingRequest({ ...choice, type: 'phone' }, details)), { phone: 'booking.error.phoneRequired' });
  });

  test('a home visit needs its address', () => {
    assert.deepEqual(checkBooking(bookingRequest({ ...choice, type: 'home' }, { ...details, address: ' ' })), { address: 'booking.error.addressRequired' });
  });

  test('malformed contacts and texts over the API\'s limits are caught before sending', () => {
    const errors = checkBooking(
      bookingRequest({ ...choice, type: 'home' }, {
        ...details,
        name: 'x'.repeat(LIMITS.name + 1),
        email: 'jan@',
        phone: 'call me',
        subject: 'x'.repeat(LIMITS.subject + 1),
        address: 'x'.repeat(LIMITS.address + 1),
      }),
    );
    assert.deepEqual(errors, {
      name: 'booking.error.nameTooLong',
      email: 'booking.error.emailInvalid',
      phone: 'booking.error.phoneInvalid',
      subject: 'booking.error.subjectTooLong',
      address: 'booking.error.addressTooLong',
    });
  });
});

describe('nextAttempt (Idempotency-Key)', () => {
  let counter = 0;
  const newKey = () => `key-${++counter}`;
  const body = { officerId: 'officer-marc', start: '2026-12-01T09:00:00+01:00', name: 'Jan' };

  test('a first submit gets a new key', () => {
    const attempt = nextAttempt(null, body, newKey);
    assert.match(attempt.key, /^key-\d+$/);
    assert.equal(attempt.unanswered, false);
  });

  test('the same submit after a network failure reuses the key', () => {
    const first = nextAttempt(null, body, newKey);
    const again = nextAttempt({ ...first, unanswered: true }, { ...body }, newKey);
    assert.equal(again.key, first.key);
  });

  test('a submit after an answer, or with changed details, gets a new key', () => {
    const first = nextAttempt(null, body, newKey);
    assert.notEqual(nextAttempt(first, body, newKey).key, first.key); // answered (e.g. 400): a new attempt
    assert.notEqual(nextAttempt({ ...first, unanswered: true }, { ...body, name: 'Jan Peeters' }, newKey).key, first.key);
  });
});

describe('problems', () => {
  test('a 409 with alternatives is a taken time; its alternatives come in order', () => {
    const problem = {
      alternatives: [
        { start: '2026-12-01T09:40:00+01:00', end: '2026-12-01T10:00:00+01:00' },
        { start: '2026-12-01T09:20:00+01:00', end: '2026-12-01T09:40:00+01:00' },
        { start: 'nonsense' },
      ],
    };
    assert.equal(isTimeTaken(problem), true);
    assert.deepEqual(alternativesOf(problem).map((slot) => slot.start), ['2026-12-01T09:20:00+01:00', '2026-12-01T09:40:00+01:00']);
  });

  test('a 409 without alternatives is a booking that can no longer change', () => {
    assert.equal(isTimeTaken({ title: 'This booking is cancelled.' }), false);
    assert.equal(isTimeTaken(undefined), false);
    assert.deepEqual(alternativesOf({}), []);
  });

  test('statuses map onto what the manage page does', () => {
    assert.equal(problemKind(403), 'link');
    assert.equal(problemKind(404), 'gone');
    assert.equal(problemKind(409), 'conflict');
    assert.equal(problemKind(400), 'invalid');
    assert.equal(problemKind(0), 'failed');
    assert.equal(problemKind(503), 'failed');
  });
});

describe('placeErrors', () => {
  test('errors about lat and lon go to the form\'s latitude and longitude fields; others stay', () => {
    assert.deepEqual(placeErrors({ lat: ['Outside.'], lon: ['Too far.'], address: ['Unknown street.'] }), {
      latitude: ['Outside.'],
      longitude: ['Too far.'],
      address: ['Unknown street.'],
    });
    assert.deepEqual(placeErrors({ lat: ['A.'], latitude: ['B.'] }), { latitude: ['A.', 'B.'] });
    assert.deepEqual(placeErrors(undefined), {});
  });
});

describe('contact links', () => {
  test('a phone number becomes a tel: address of digits', () => {
    assert.equal(telHref('+32 470 12 34 56'), 'tel:+32470123456');
    assert.equal(telHref('0470/12.34.56'), 'tel:0470123456');
    assert.equal(telHref('call me'), null);
    assert.equal(telHref(null), null);
  });

  test('an e-mail address becomes a mailto: address, escaped', () => {
    assert.equal(mailHref('jan@example.com'), 'mailto:jan@example.com');
    assert.equal(mailHref('jan+x@example.com'), 'mailto:jan%2Bx@example.com');
    assert.equal(mailHref('jan?cc=x@evil.example'), 'mailto:jan%3Fcc%3Dx@evil.example');
    assert.equal(mailHref('not an address'), null);
  });
});

describe('confirmation codes and refusals', () => {
  test('the code comes from the mail link, six digits only', () => {
    assert.equal(readConfirmationCode('?booking=x&token=y&code=012345'), '012345');
    assert.equal(readConfirmationCode('?booking=x&token=y&code=12345'), null);
    assert.equal(readConfirmationCode('?booking=x&token=y&code=12345a'), null);
    assert.equal(readConfirmationCode('?booking=x&token=y'), null);
  });

  test('a typed code may hold the spaces and dashes a mail app adds', () => {
    assert.equal(normaliseCode(' 123 456 '), '123456');
    assert.equal(normaliseCode('123-456'), '123456');
    assert.equal(normaliseCode('12345'), null);
    assert.equal(normaliseCode('abcdef'), null);
  });

  test('a refusal the API names gets the page\'s own words; others keep the API\'s', () => {
    assert.equal(problemMessageKey({ code: 'reschedule-limit' }), 'booking.problem.reschedule-limit');
    assert.equal(problemMessageKey({ code: 'something-else' }), null);
    assert.equal(problemMessageKey(undefined), null);
  });
});

describe('words for everything the pages name', () => {
  const keys = [
    ...APPOINTMENT_TYPES.flatMap((type) => [`booking.type.${type}`, `booking.type.${type}Hint`]),
    ...STATUSES.map((status) => `booking.status.${status}`),
    ...BOOKING_LANGUAGES.map((language) => `booking.language.${language}`),
    'booking.error.nameRequired', 'booking.error.nameTooLong', 'booking.error.emailRequired', 'booking.error.emailInvalid',
    'booking.error.phoneInvalid', 'booking.error.phoneRequired', 'booking.error.languageRequired', 'booking.error.subjectRequired',
    'booking.error.subjectTooLong', 'booking.error.addressRequired', 'booking.error.addressTooLong',
    'booking.manage.closed.cancelled', 'booking.manage.closed.past', 'booking.manage.closed.expired',
    ...PROBLEM_CODES.map((code) => `booking.problem.${code}`),
  ];

  for (const [index, language] of SUPPORTED_LANGUAGES.entries()) {
    test(`every kind, status, language and check has a text in ${language}`, () => {
      for (const key of keys) {
        assert.equal(typeof dictionaries[index][key], 'string', `${language}: ${key}`);
        assert.notEqual(dictionaries[index][key].trim(), '', `${language}: ${key}`);
      }
    });
  }

  test('every message key checkBooking can return is one of those keys', () => {
    const all = checkBooking(
      bookingRequest({ officerId: 'o', type: 'home', start: 's' }, { name: '', email: 'x', phone: 'y', language: '', subject: '', address: '' }),
    );
    for (const key of Object.values(all)) {
      assert.ok(keys.includes(key), key);
    }
  });
});
