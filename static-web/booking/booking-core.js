// Pure rules of the booking pages (booking/ and booking/manage/): Brussels days and times, the wizard's steps, the
// request bodies and checks, the API paths and the manage link. No DOM, no network, so it runs under `node --test`.

/** Every start and end the API gives is a Brussels time, and the pages show them as such whatever the device says. */
export const TIME_ZONE = 'Europe/Brussels';

/** How far ahead a citizen can book: today and the 13 days after it. */
export const BOOKING_DAYS = 14;

/** The kinds of appointment, in the order the page offers them; each has words under booking.type.<type>. */
export const APPOINTMENT_TYPES = Object.freeze(['office', 'home', 'phone']);

/** Every status a booking can have, as the API spells it; each has words under booking.status.<status>. */
export const STATUSES = Object.freeze(['held', 'booked', 'cancelled', 'done', 'no-show', 'expired']);

/** The languages a citizen can be served in (the API's `language`). */
export const BOOKING_LANGUAGES = Object.freeze(['nl', 'fr', 'en']);

/** The API's limits (BookingRequest); checked here too so the reader hears about them before sending. */
export const LIMITS = Object.freeze({ name: 100, subject: 500, address: 200, email: 254, phone: 30, reason: 500 });

/**
 * The wizard's steps in order. `officer` is shown only when the neighbourhood has more than one officer; after the
 * details the booking is held and `confirm` asks for the code from the mail; `done` once it is confirmed.
 */
export const STEPS = Object.freeze(['address', 'officer', 'type', 'day', 'time', 'details', 'confirm', 'done']);

/** Steps after the booking was sent: not counted as choices, and no way back from them. */
const AFTER_BOOKING = ['confirm', 'done'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// One formatter per locale and kind: Intl formatters are slow to build and the pages format many times.
const formatters = new Map();

/**
 * @param {string} locale
 * @param {Intl.DateTimeFormatOptions} options
 */
function formatter(locale, options) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone: TIME_ZONE });
    formatters.set(key, found);
  }

  return found;
}

/**
 * The Brussels calendar day of an instant, as yyyy-MM-dd.
 * @param {Date | string | number} instant
 */
export function brusselsDate(instant) {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a time: ${String(instant)}`);
  }

  const parts = Object.fromEntries(
    formatter('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * A calendar day some days later (or earlier): "2026-12-31" + 1 → "2027-01-01". Plain calendar arithmetic, so a
 * change to or from summer time cannot shift it.
 * @param {string} day yyyy-MM-dd
 * @param {number} days
 */
export function addDays(day, days) {
  const match = DATE.exec(day);
  if (!match) {
    throw new RangeError(`Not a day: ${day}`);
  }

  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return date.toISOString().slice(0, 10);
}

/**
 * The days the booking page asks free times for: today in Brussels and the 13 days after.
 * @param {Date | number} now
 * @returns {{ from: string, to: string }}
 */
export function bookingWindow(now) {
  const from = brusselsDate(now);
  return { from, to: addDays(from, BOOKING_DAYS - 1) };
}

/**
 * @typedef {object} Slot
 * @property {string} start ISO 8601 with offset
 * @property {string} end
 */

/**
 * Free times by Brussels day, days in order and times in order within a day; days without a time are not there.
 * @param {readonly Slot[] | null | undefined} slots
 * @returns {Array<{ date: string, slots: Slot[] }>}
 */
export function groupSlotsByDay(slots) {
  /** @type {Map<string, Slot[]>} */
  const days = new Map();
  const valid = (slots ?? []).filter((slot) => slot && !Number.isNaN(Date.parse(slot.start)));
  for (const slot of [...valid].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const date = brusselsDate(slot.start);
    const day = days.get(date) ?? [];
    day.push(slot);
    days.set(date, day);
  }

  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, daySlots]) => ({ date, slots: daySlots }));
}

/**
 * A day as a reader says it: "dinsdag 1 december", "mardi 1 décembre", "Tuesday 1 December".
 * @param {string} day yyyy-MM-dd
 * @param {string} locale
 */
export function formatDay(day, locale) {
  // Noon UTC is the same calendar day in Brussels, in summer and in winter.
  return formatter(locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${day}T12:00:00Z`));
}

/**
 * The Brussels clock time of an instant: "09:00".
 * @param {string} instant
 * @param {string} locale
 */
export function formatTime(instant, locale) {
  return formatter(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

/**
 * "dinsdag 1 december 2026" for an instant, in Brussels.
 * @param {string} instant
 * @param {string} locale
 */
export function formatDate(instant, locale) {
  return formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(instant));
}

/**
 * "09:00–09:20".
 * @param {Slot} slot
 * @param {string} locale
 */
export function formatTimeRange(slot, locale) {
  return `${formatTime(slot.start, locale)}–${formatTime(slot.end, locale)}`;
}

/** @param {string} language */
function languageParameter(language) {
  return BOOKING_LANGUAGES.includes(language) ? language : 'nl';
}

/**
 * Where the page asks for the neighbourhood's officers: by the typed street, or by a place picked on the map.
 * @param {{ address: string } | { latitude: number, longitude: number }} where
 * @param {string} language
 */
export function officersPath(where, language) {
  const lang = languageParameter(language);
  if ('address' in where) {
    return `/api/officers?address=${encodeURIComponent(where.address.trim())}&lang=${lang}`;
  }

  return `/api/officers?lat=${where.latitude.toFixed(6)}&lon=${where.longitude.toFixed(6)}&lang=${lang}`;
}

/**
 * Where the page asks for an officer's free times of one kind between two Brussels days (both included).
 * @param {string} officerId
 * @param {string} type one of APPOINTMENT_TYPES
 * @param {{ from: string, to: string }} window
 */
export function slotsPath(officerId, type, { from, to }) {
  if (!APPOINTMENT_TYPES.includes(type)) {
    throw new RangeError(`Unknown appointment type: ${type}`);
  }

  return `/api/officers/${encodeURIComponent(officerId)}/slots?type=${type}&from=${from}&to=${to}`;
}

/**
 * @typedef {object} BookingLink
 * @property {string} bookingId
 * @property {string} token  a credential: it goes into API calls and the manage page's own links only
 */

/**
 * The booking and token of a manage link (/booking/manage/?booking=…&token=…); null when either is missing or
 * malformed, which the page treats like any other unusable link.
 * @param {string} search location.search
 * @returns {BookingLink | null}
 */
export function readManageLink(search) {
  const parameters = new URLSearchParams(search);
  const bookingId = (parameters.get('booking') ?? '').trim();
  const token = parameters.get('token') ?? '';
  if (!GUID.test(bookingId) || token === '' || /\s/.test(token)) {
    return null;
  }

  return { bookingId: bookingId.toLowerCase(), token };
}

/**
 * The confirmation code a link from the confirmation mail carries (`&code=123456`), or null.
 * @param {string} search location.search
 */
export function readConfirmationCode(search) {
  const code = (new URLSearchParams(search).get('code') ?? '').trim();
  return /^\d{6}$/.test(code) ? code : null;
}

/** Six digits, spaces and dashes a mail app may add left out; null when it cannot be a code. @param {unknown} typed */
export function normaliseCode(typed) {
  const code = String(typed ?? '').replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/** Refusals the API names with a `code` extension, which the pages say in their own words (booking.problem.<code>). */
export const PROBLEM_CODES = [
  'active-bookings-limit', 'confirmation-mails-limit', 'rate-limited', 'reschedule-limit', 'hold-expired', 'too-many-codes', 'wrong-code',
];

/**
 * The i18n key of a refusal the page can explain, from the problem's `code` extension; null for others.
 * @param {Record<string, unknown> | undefined} extensions
 */
export function problemMessageKey(extensions) {
  const code = extensions?.code;
  return typeof code === 'string' && PROBLEM_CODES.includes(code) ? `booking.problem.${code}` : null;
}

/**
 * The manage link the API returns, made relative: the API writes the public address, but the page links to the
 * manage page of the site it is on. Null when the answer is not a manage link.
 * @param {unknown} manageUrl
 * @returns {{ href: string, link: BookingLink } | null}
 */
export function manageLinkFrom(manageUrl) {
  let url;
  try {
    url = new URL(String(manageUrl ?? ''), 'http://localhost');
  } catch {
    return null;
  }

  if (url.pathname !== '/booking/manage/') {
    return null;
  }

  const link = readManageLink(url.search);
  return link ? { href: manageHref(link), link } : null;
}

/** @param {BookingLink} link */
export function manageHref(link) {
  return `/booking/manage/?booking=${encodeURIComponent(link.bookingId)}&token=${encodeURIComponent(link.token)}`;
}

/**
 * The signed-link API of one booking: GET it (no action), POST confirm, reschedule or cancel, or its calendar file.
 * @param {BookingLink} link
 * @param {'confirm' | 'reschedule' | 'cancel' | 'calendar.ics'} [action]
 */
export function bookingPath(link, action) {
  if (action !== undefined && !['confirm', 'reschedule', 'cancel', 'calendar.ics'].includes(action)) {
    throw new RangeError(`Unknown booking action: ${action}`);
  }

  const base = `/api/bookings/${encodeURIComponent(link.bookingId)}`;
  return `${action ? `${base}/${action}` : base}?token=${encodeURIComponent(link.token)}`;
}

/**
 * @typedef {object} Officer
 * @property {string} id
 * @property {string} name
 * @property {string[]} [languages]
 * @property {{ name: string, address: string, openingHours?: Record<string, Array<{ from: string, to: string }>> } | null} [office]
 * @property {Array<{ type: string, minutes: number }>} [appointmentTypes]
 */

/**
 * @typedef {object} WizardState
 * @property {Officer[]} officers        the neighbourhood's officers, once the address is known
 * @property {string | null} officerId
 * @property {string | null} type
 * @property {string | null} day         yyyy-MM-dd
 * @property {Slot | null} slot
 * @property {unknown} booking           the API's answer, once booked
 */

/**
 * The steps this citizen goes through: the officer step only when there is a choice to make.
 * @param {Pick<WizardState, 'officers'>} state
 */
export function visibleSteps(state) {
  return STEPS.filter((step) => step !== 'officer' || (state.officers ?? []).length > 1);
}

/**
 * The step after `step` (never past 'done').
 * @param {string} step
 * @param {Pick<WizardState, 'officers'>} state
 */
export function nextStep(step, state) {
  const steps = visibleSteps(state);
  const index = steps.indexOf(step);
  return steps[Math.min(index + 1, steps.length - 1)];
}

/**
 * The step before `step`; null on the first step, and after booking there is no way back into the wizard.
 * @param {string} step
 * @param {Pick<WizardState, 'officers'>} state
 */
export function previousStep(step, state) {
  const steps = visibleSteps(state);
  const index = steps.indexOf(step);
  return index <= 0 || AFTER_BOOKING.includes(step) ? null : steps[index - 1];
}

/**
 * "Step n of m" for the steps with a choice (the confirmation is not counted).
 * @param {string} step
 * @param {Pick<WizardState, 'officers'>} state
 * @returns {{ number: number, total: number } | null} null for the confirmation
 */
export function stepPosition(step, state) {
  const steps = visibleSteps(state).filter((candidate) => !AFTER_BOOKING.includes(candidate));
  const index = steps.indexOf(step);
  return index < 0 ? null : { number: index + 1, total: steps.length };
}

/**
 * What a later choice loses when an earlier one changes: another officer or type means other free times, and so on.
 * @param {WizardState} state
 * @param {'officers' | 'officerId' | 'type' | 'day'} changed
 * @returns {WizardState}
 */
export function forgetAfter(state, changed) {
  const order = ['officers', 'officerId', 'type', 'day', 'slot'];
  const next = { ...state };
  for (const key of order.slice(order.indexOf(changed) + 1)) {
    next[/** @type {'officerId' | 'type' | 'day' | 'slot'} */ (key)] = null;
  }

  return next;
}

/**
 * The appointment types an officer offers, in the page's order, with their minutes.
 * @param {Officer | null | undefined} officer
 * @returns {Array<{ type: string, minutes: number }>}
 */
export function offeredTypes(officer) {
  const offered = officer?.appointmentTypes ?? [];
  return APPOINTMENT_TYPES.flatMap((type) => {
    const found = offered.find((candidate) => candidate?.type === type);
    return found ? [{ type, minutes: Number(found.minutes) || 0 }] : [];
  });
}

/**
 * @typedef {object} BookingDetails
 * @property {string} name
 * @property {string} email
 * @property {string} phone
 * @property {string} language
 * @property {string} subject
 * @property {string} address
 */

/**
 * The body of POST /api/bookings: trimmed, an empty e-mail or phone left out as null, the address only for a home
 * visit.
 * @param {{ officerId: string, type: string, start: string }} choice
 * @param {BookingDetails} details
 */
export function bookingRequest({ officerId, type, start }, details) {
  const text = (/** @type {unknown} */ value) => String(value ?? '').trim();
  const optional = (/** @type {unknown} */ value) => text(value) || null;
  return {
    officerId,
    type,
    start,
    name: text(details.name),
    email: optional(details.email),
    phone: optional(details.phone),
    language: text(details.language),
    subject: text(details.subject),
    address: type === 'home' ? optional(details.address) : null,
  };
}

/**
 * What the reader can fix before sending, by field (the form's control names, as the API names them); the value is
 * the i18n key of the message. The server checks everything again and has the last word.
 * @param {ReturnType<typeof bookingRequest>} body
 * @returns {Record<string, string>} empty when there is nothing to fix
 */
export function checkBooking(body) {
  /** @type {Record<string, string>} */
  const errors = {};
  if (!body.name) {
    errors.name = 'booking.error.nameRequired';
  } else if (body.name.length > LIMITS.name) {
    errors.name = 'booking.error.nameTooLong';
  }

  // The booking is confirmed with a code mailed to this address: there is no SMS, so no booking without e-mail.
  if (!body.email) {
    errors.email = 'booking.error.emailRequired';
  } else if (!EMAIL.test(body.email) || body.email.length > LIMITS.email) {
    errors.email = 'booking.error.emailInvalid';
  }

  if (body.phone && (!/^\+?[0-9 ()./-]{6,}$/.test(body.phone) || body.phone.length > LIMITS.phone)) {
    errors.phone = 'booking.error.phoneInvalid';
  } else if (body.type === 'phone' && !body.phone) {
    // The API takes an e-mail address alone, but an officer cannot call without a number.
    errors.phone = 'booking.error.phoneRequired';
  }

  if (!BOOKING_LANGUAGES.includes(body.language)) {
    errors.language = 'booking.error.languageRequired';
  }

  if (!body.subject) {
    errors.subject = 'booking.error.subjectRequired';
  } else if (body.subject.length > LIMITS.subject) {
    errors.subject = 'booking.error.subjectTooLong';
  }

  if (body.type === 'home') {
    if (!body.address) {
      errors.address = 'booking.error.addressRequired';
    } else if (body.address.length > LIMITS.address) {
      errors.address = 'booking.error.addressTooLong';
    }
  }

  return errors;
}

/**
 * @typedef {object} Attempt
 * @property {string} key        the Idempotency-Key it was sent with
 * @property {string} body       the body it sent, as JSON
 * @property {boolean} unanswered the network failed: the server may or may not have booked it
 */

/**
 * The Idempotency-Key for a submit: the key of the last attempt when it went unanswered and this is the same
 * request again (so a booking the server did make is returned, not made twice), otherwise a new one.
 * @param {Attempt | null} last
 * @param {unknown} body
 * @param {() => string} newKey crypto.randomUUID in the page
 * @returns {Attempt}
 */
export function nextAttempt(last, body, newKey) {
  const json = JSON.stringify(body);
  if (last && last.unanswered && last.body === json) {
    return { ...last, unanswered: false };
  }

  return { key: newKey(), body: json, unanswered: false };
}

/**
 * The free times a 409 offers instead of the one just taken, in order, without malformed entries.
 * @param {unknown} problem the problem body (or ApiError) of a 409
 * @returns {Slot[]}
 */
export function alternativesOf(problem) {
  const alternatives = /** @type {{ alternatives?: unknown }} */ (problem ?? {}).alternatives;
  if (!Array.isArray(alternatives)) {
    return [];
  }

  return alternatives
    .filter((slot) => slot && typeof slot.start === 'string' && typeof slot.end === 'string' && !Number.isNaN(Date.parse(slot.start)))
    .map((slot) => ({ start: slot.start, end: slot.end }))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/**
 * A 409 on a booking is either "that time was just taken" (with other times to offer) or "this booking can no
 * longer be changed" (cancelled or in the past).
 * @param {{ alternatives?: unknown } | null | undefined} problem
 */
export function isTimeTaken(problem) {
  return Array.isArray(problem?.alternatives);
}

/**
 * An officer's opening hours as rows for a table, Monday first; closed days are left out.
 * @param {Record<string, Array<{ from: string, to: string }>> | null | undefined} openingHours
 * @returns {Array<{ day: string, hours: Array<{ from: string, to: string }> }>}
 */
export function openingHoursRows(openingHours) {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  return days.flatMap((day) => {
    const hours = (openingHours?.[day] ?? []).filter((range) => range && typeof range.from === 'string' && typeof range.to === 'string');
    return hours.length > 0 ? [{ day, hours }] : [];
  });
}

/**
 * The day of the week of a key of openingHours, as the reader says it ("maandag").
 * @param {string} day monday … sunday
 * @param {string} locale
 */
export function weekdayName(day, locale) {
  const index = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].indexOf(day);
  if (index < 0) {
    return day;
  }

  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + index, 12)));
}

/**
 * A problem's field errors with the keys the form uses: the officers API may name a place's errors after its query
 * (lat, lon) or its answer (latitude, longitude); the form's place fields are latitude and longitude.
 * @param {Record<string, string[]>} errors
 * @returns {Record<string, string[]>}
 */
export function placeErrors(errors) {
  const names = /** @type {Record<string, string>} */ ({ lat: 'latitude', lon: 'longitude' });
  /** @type {Record<string, string[]>} */
  const renamed = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const name = names[key.toLowerCase()] ?? key;
    renamed[name] = [...(renamed[name] ?? []), ...messages];
  }

  return renamed;
}

/**
 * A phone number as a tel: address (digits and a leading +), or null when there is nothing to call.
 * @param {unknown} phone
 */
export function telHref(phone) {
  const digits = String(phone ?? '').replace(/[^0-9+]/g, '').replace(/(?!^)\+/g, '');
  return digits.replace('+', '').length >= 6 ? `tel:${digits}` : null;
}

/**
 * An e-mail address as a mailto: address, or null when it does not look like one.
 * @param {unknown} email
 */
export function mailHref(email) {
  const address = String(email ?? '').trim();
  return EMAIL.test(address) ? `mailto:${encodeURIComponent(address).replace('%40', '@')}` : null;
}

export { problemKind } from '../js/problem-core.js';
