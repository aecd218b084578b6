// The officer's agenda: today's and upcoming appointments by day, with who is coming, how to reach them, in which
// language, what about and where; once an appointment has started the officer records whether it took place.
import { ApiError, apiGet, apiPost, asApiError } from '/js/api.js';
import { setText } from '/js/dom.js';
import { applyTranslations, currentLocale, mountLanguageSwitch, plural, t } from '/js/i18n.js';
import { formatDay, formatTime, formatTimeRange, mailHref, telHref } from '/booking/booking-core.js';
import { AGENDA_PATH, OUTCOMES, accessProblem, agendaDays, canRecordOutcome, outcomePath, replaceAppointment, signInUrl } from './agenda-core.js';

/**
 * One appointment of GET /api/officers/me/agenda: a Booking without its manage link.
 * @typedef {object} Appointment
 * @property {string} id
 * @property {string} type        office | home | phone
 * @property {string} start
 * @property {string} end
 * @property {string} status      booked | cancelled | done | no-show
 * @property {string} name
 * @property {string | null} email
 * @property {string | null} phone
 * @property {string} language
 * @property {string} subject
 * @property {string | null} address
 */

/** Outcome buttons appear when an appointment starts: look at the clock again now and then. */
const CLOCK_MS = 60_000;

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountOfficerAgenda(document.querySelector('.officer-agenda'));

/** @param {HTMLElement | null} element the main.officer-agenda */
export function mountOfficerAgenda(element) {
  if (!element) {
    return;
  }

  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const who = part('.officer-agenda-who');
  const loading = part('.officer-agenda-loading');
  const access = part('.officer-agenda-access');
  const done = part('.officer-agenda-done');
  const empty = part('.officer-agenda-empty');
  const days = part('.officer-agenda-days');

  const state = {
    /** @type {{ id: string, name: string } | null} */
    officer: null,
    /** @type {Appointment[]} */
    appointments: [],
    loading: true,
    /** @type {ApiError | null} */
    error: null,
    /** @type {string | null} */
    busy: null,
    /** @type {string} what the last outcome did, in words */
    done: '',
    /** @type {Map<string, boolean>} days the officer unfolded or folded: that choice outlives a redraw */
    unfolded: new Map(),
  };

  part('.officer-agenda-access-retry button').addEventListener('click', () => load());
  // 'toggle' does not bubble: listened to on its way down.
  days.addEventListener('toggle', (event) => {
    const day = /** @type {HTMLDetailsElement} */ (event.target);
    if (day.dataset.date) {
      state.unfolded.set(day.dataset.date, day.open);
    }
  }, true);
  element.addEventListener('recordOutcome', (event) => {
    const { id, outcome } = /** @type {CustomEvent<{ id: string, outcome: string }>} */ (event).detail;
    record(id, outcome);
  });
  document.addEventListener('languagechange', update);
  setInterval(() => {
    if (!document.hidden) {
      update();
    }
  }, CLOCK_MS);

  update();
  load();

  async function load() {
    state.loading = true;
    update();
    try {
      const agenda = await apiGet(AGENDA_PATH);
      state.officer = agenda?.officer ?? null;
      state.appointments = Array.isArray(agenda?.appointments) ? agenda.appointments : [];
      state.error = null;
    } catch (error) {
      state.error = asApiError(error);
    } finally {
      state.loading = false;
      update();
    }
  }

  /**
   * @param {string} id
   * @param {string} outcome
   */
  async function record(id, outcome) {
    const appointment = state.appointments.find((candidate) => candidate.id === id);
    if (!appointment || state.busy || !OUTCOMES.includes(outcome)) {
      return;
    }

    state.busy = id;
    update();
    try {
      const updated = await apiPost(outcomePath(id), { outcome });
      state.appointments = replaceAppointment(state.appointments, updated);
      state.done = t(`officer.done.${outcome}`, { time: formatTime(appointment.start, currentLocale()), name: appointment.name });
    } catch (error) {
      const problem = asApiError(error);
      state.done = problem.status === 0 ? problem.title : t('officer.outcomeFailed', { name: appointment.name });
      if (problem.status === 409 || problem.status === 404) {
        await load(); // changed meanwhile (cancelled by the citizen): show where it stands now
      }
    } finally {
      state.busy = null;
      update();
      done.focus();
    }
  }

  function update() {
    const { officer, error } = state;
    const locale = currentLocale();
    const now = Date.now();

    setText(loading, state.loading && !officer ? t('officer.loading') : '');
    loading.hidden = loading.textContent === '';

    const problem = error ? accessProblem(error.status) : null;
    access.hidden = problem === null;
    setText(part('.officer-agenda-access-message'), problem ? (problem === 'failed' && error?.status === 0 ? error.title : t(`officer.problem.${problem}`)) : '');
    const signIn = /** @type {HTMLAnchorElement} */ (part('.officer-agenda-signin'));
    signIn.href = signInUrl(location);
    signIn.textContent = problem === 'forbidden' || problem === 'unknown' ? t('officer.access.other') : t('officer.access.signIn');
    part('.officer-agenda-access-action').hidden = problem === null || problem === 'failed';
    part('.officer-agenda-access-retry').hidden = problem !== 'failed';

    who.hidden = officer === null || error !== null;
    setText(who, officer ? t('officer.who', { name: officer.name }) : '');
    done.classList.toggle('-shown', state.done !== '');
    setText(part('.officer-agenda-done-message'), state.done);

    const showAgenda = officer !== null && error === null;
    empty.hidden = !showAgenda || state.appointments.length > 0;
    days.hidden = !showAgenda;
    if (!showAgenda) {
      days.replaceChildren();
      return;
    }

    // Drawn again only when something shown changed, so keyboard focus inside the list survives the clock.
    const key = JSON.stringify([state.appointments, locale, state.busy, state.appointments.map((a) => canRecordOutcome(a, now))]);
    if (days.dataset.drawn === key) {
      return;
    }

    const focused = document.activeElement instanceof HTMLElement && days.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    days.dataset.drawn = key;
    days.replaceChildren(...agendaDays(state.appointments, now).map((day) => daySection({ ...day, open: state.unfolded.get(day.date) ?? day.open }, now, locale, state.busy)));
    if (focused) {
      /** @type {HTMLElement | null} */ (days.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`))?.focus();
    }
  }
}

/**
 * One day, folded but for the first: its heading and count, its appointments, and apart (folded too) the ones the
 * citizens cancelled.
 * @param {import('./agenda-core.js').AgendaDay<Appointment>} day
 * @param {number} now
 * @param {string} locale
 * @param {string | null} busy the appointment whose outcome is being sent
 */
function daySection({ date, relative, active, cancelled, open }, now, locale, busy) {
  const section = document.createElement('details');
  section.className = 'officer-day';
  section.dataset.date = date;
  section.open = open;
  const summary = document.createElement('summary');
  summary.className = 'officer-day-summary';
  const heading = document.createElement('h2');
  heading.className = 'officer-day-heading';
  const formatted = formatDay(date, locale);
  heading.textContent = relative === 'today' || relative === 'tomorrow' ? t(`officer.day.${relative}`, { day: formatted }) : formatted;
  const count = document.createElement('span');
  count.className = 'officer-day-count';
  count.textContent = [plural('officer.count', active.length), cancelled.length > 0 ? plural('officer.cancelledCount', cancelled.length) : ''].filter(Boolean).join(' · ');
  summary.append(heading, count);
  section.append(summary, appointmentList(active, now, locale, busy));

  if (cancelled.length > 0) {
    const apart = document.createElement('details');
    apart.className = 'officer-day-cancelled';
    const label = document.createElement('summary');
    label.textContent = plural('officer.cancelled', cancelled.length);
    apart.append(label, appointmentList(cancelled, now, locale, busy));
    section.append(apart);
  }

  return section;
}

/**
 * @param {Appointment[]} appointments
 * @param {number} now
 * @param {string} locale
 * @param {string | null} busy
 */
function appointmentList(appointments, now, locale, busy) {
  const list = document.createElement('ol');
  list.className = 'officer-day-list';
  list.append(...appointments.map((appointment) => appointmentItem(appointment, now, locale, busy === appointment.id)));
  return list;
}

/**
 * One appointment: when and what kind, its status, the citizen and how to reach them, and, once it has started and
 * is still booked, the two outcomes.
 * @param {Appointment} appointment
 * @param {number} now
 * @param {string} locale
 * @param {boolean} busy
 */
function appointmentItem(appointment, now, locale, busy) {
  const item = document.createElement('li');
  item.className = `officer-appointment -${appointment.status}`;

  const heading = document.createElement('h3');
  heading.className = 'officer-appointment-title';
  heading.id = `officer-appointment-${appointment.id}`;
  heading.textContent = `${formatTimeRange(appointment, locale)} · ${t(`booking.type.${appointment.type}`)}`;

  const status = document.createElement('p');
  status.className = 'officer-appointment-status';
  const badge = document.createElement('span');
  badge.className = `badge booking-status -${appointment.status}`;
  badge.textContent = t(`booking.status.${appointment.status}`);
  status.append(badge);

  const facts = document.createElement('dl');
  facts.className = 'officer-appointment-facts';
  /** @param {string} term @param {Node | string} value */
  const fact = (term, value) => {
    const row = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.append(value);
    row.append(dt, dd);
    facts.append(row);
  };
  fact(t('officer.fact.name'), String(appointment.name ?? ''));
  const contact = document.createElement('span');
  contact.className = 'officer-appointment-contact';
  for (const [value, href] of [[appointment.email, mailHref(appointment.email)], [appointment.phone, telHref(appointment.phone)]]) {
    if (!value) {
      continue;
    }

    const link = document.createElement(href ? 'a' : 'span');
    if (href) {
      /** @type {HTMLAnchorElement} */ (link).href = href;
    }

    link.textContent = String(value);
    contact.append(link);
  }

  fact(t('officer.fact.contact'), contact);
  fact(t('officer.fact.language'), t(`booking.language.${appointment.language}`));
  const subject = document.createElement('span');
  subject.className = 'officer-appointment-subject';
  subject.textContent = String(appointment.subject ?? '');
  fact(t('officer.fact.subject'), subject);
  if (appointment.address) {
    fact(t('officer.fact.address'), String(appointment.address));
  }

  item.append(heading, status, facts);

  if (canRecordOutcome(appointment, now)) {
    const actions = document.createElement('p');
    actions.className = 'officer-appointment-actions';
    for (const outcome of OUTCOMES) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `button ${outcome === 'done' ? '' : '-secondary'} officer-appointment-${outcome}`.replace('  ', ' ');
      button.textContent = t(`officer.outcome.${outcome}`);
      button.setAttribute('aria-describedby', heading.id);
      button.dataset.focusKey = `${appointment.id}:${outcome}`;
      if (busy) {
        button.classList.add('-busy');
        button.setAttribute('aria-disabled', 'true');
      }

      button.addEventListener('click', () =>
        item.dispatchEvent(new CustomEvent('recordOutcome', { bubbles: true, detail: { id: appointment.id, outcome } })),
      );
      actions.append(button);
    }

    item.append(actions);
  }

  return item;
}

/** @param {HTMLElement} element */
function focusKey(element) {
  return element.dataset.focusKey ?? null;
}
