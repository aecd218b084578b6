// Pure rules of the officer's agenda: grouping appointments by Brussels day, which ones can get an outcome, where the
// calls go and what a refusal means. No DOM, no network, so it runs under `node --test`.
import { addDays, brusselsDate } from '../booking/booking-core.js';

/** What an officer can record once an appointment has started; each is POST /api/bookings/{id}/outcome. */
export const OUTCOMES = Object.freeze(['done', 'no-show']);

/** The agenda: today and the 30 days after it (the API's default). */
export const AGENDA_PATH = '/api/officers/me/agenda';

/** @param {string} bookingId */
export function outcomePath(bookingId) {
  return `/api/bookings/${encodeURIComponent(bookingId)}/outcome`;
}

/**
 * @typedef {object} Appointment
 * @property {string} id
 * @property {string} start
 * @property {string} end
 * @property {string} status booked | cancelled | done | no-show
 */

/**
 * Appointments by Brussels day, days in order and appointments by start time within a day.
 * @template {Appointment} T
 * @param {readonly T[] | null | undefined} appointments
 * @returns {Array<{ date: string, appointments: T[] }>}
 */
export function groupByDay(appointments) {
  /** @type {Map<string, T[]>} */
  const days = new Map();
  const valid = (appointments ?? []).filter((appointment) => appointment && !Number.isNaN(Date.parse(appointment.start)));
  for (const appointment of [...valid].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const date = brusselsDate(appointment.start);
    days.set(date, [...(days.get(date) ?? []), appointment]);
  }

  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, appointments: list }));
}

/**
 * @template {Appointment} T
 * @typedef {object} AgendaDay
 * @property {string} date          yyyy-MM-dd in Brussels
 * @property {'today' | 'tomorrow' | 'later' | 'earlier'} relative
 * @property {T[]} active            what the officer still has to do or did: everything not cancelled
 * @property {T[]} cancelled         shown apart, so they never read as work of the day
 * @property {boolean} open          shown unfolded: today, or else the first day with appointments
 */

/**
 * The agenda as the page shows it, short enough for a phone: days in order, each with its cancelled appointments
 * apart; today (or, without appointments today, the first day that has some) unfolded, later days folded.
 * @template {Appointment} T
 * @param {readonly T[] | null | undefined} appointments
 * @param {Date | number} now
 * @returns {AgendaDay<T>[]}
 */
export function agendaDays(appointments, now) {
  const days = groupByDay(appointments).map(({ date, appointments: list }) => ({
    date,
    relative: relativeDay(date, now),
    active: list.filter((appointment) => appointment.status !== 'cancelled'),
    cancelled: list.filter((appointment) => appointment.status === 'cancelled'),
    open: false,
  }));
  const first = days.find((day) => day.relative === 'today') ?? days.find((day) => day.active.length > 0);
  return days.map((day) => ({ ...day, open: day === first }));
}

/**
 * Whether a day is today or tomorrow in Brussels, for the heading above it.
 * @param {string} date yyyy-MM-dd
 * @param {Date | number} now
 * @returns {'today' | 'tomorrow' | 'later' | 'earlier'}
 */
export function relativeDay(date, now) {
  const today = brusselsDate(now);
  if (date === today) {
    return 'today';
  }

  if (date === addDays(today, 1)) {
    return 'tomorrow';
  }

  return date < today ? 'earlier' : 'later';
}

/**
 * An outcome can be recorded from the appointment's start on, and only while it is still booked (the API's rule).
 * @param {Appointment} appointment
 * @param {Date | number} now
 */
export function canRecordOutcome(appointment, now) {
  return appointment.status === 'booked' && Date.parse(appointment.start) <= new Date(now).getTime();
}

/**
 * The list with one appointment replaced by the API's newer copy of it.
 * @template {Appointment} T
 * @param {readonly T[]} appointments
 * @param {T} updated
 */
export function replaceAppointment(appointments, updated) {
  return appointments.map((appointment) => (appointment.id === updated.id ? updated : appointment));
}

/**
 * What the agenda page says when the API will not give the agenda.
 * - signIn: nobody is signed in (401)
 * - forbidden: signed in without the officer role (403)
 * - unknown: signed in as an officer who is not in the officers' directory (404)
 * - failed: anything else, network included
 * @param {number} status
 */
export function accessProblem(status) {
  switch (status) {
    case 401:
      return 'signIn';
    case 403:
      return 'forbidden';
    case 404:
      return 'unknown';
    default:
      return 'failed';
  }
}

/**
 * Where to sign in: the development page locally, Static Web Apps' Entra ID sign-in (back to the agenda) in Azure.
 * @param {{ hostname: string }} location
 */
export function signInUrl(location) {
  const local = ['localhost', '127.0.0.1', '[::1]', '::1'].includes(location.hostname);
  return local ? '/signin/' : '/.auth/login/aad?post_login_redirect_uri=/officer/';
}
