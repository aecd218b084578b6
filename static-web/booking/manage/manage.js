// Manage page: a citizen opens their appointment from the signed link in a mail (no account), confirms a held booking
// with the code from the mail (the mail's link carries it and confirms on opening), sees it, moves it to another free
// time of the same officer and kind after saying yes to the time shown, cancels it after a confirmation, or downloads
// it for their calendar. The link's token goes into this site's API calls and calendar link only: never into an image, a
// third-party address or a log.
import { ApiError, apiGet, apiPost, asApiError, clearProblem, showProblem } from '/js/api.js';
import { setText } from '/js/dom.js';
import { applyTranslations, currentLocale, mountLanguageSwitch, suggestLanguage, t } from '/js/i18n.js';
import {
  alternativesOf,
  bookingPath,
  bookingWindow,
  formatDate,
  formatTime,
  formatTimeRange,
  groupSlotsByDay,
  isTimeTaken,
  manageHref,
  problemKind,
  problemMessageKey,
  readConfirmationCode,
  readManageLink,
  slotsPath,
} from '/booking/booking-core.js';
import { mountBookingFacts } from '/booking/booking-facts.js';
import { mountConfirmCode } from '/booking/confirm-code.js';
import { mountDayPicker } from '/booking/day-picker.js';
import { mountTimePicker } from '/booking/time-picker.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountBookingManage(document.querySelector('.booking-manage'));

/** @param {HTMLElement | null} element the main.booking-manage */
export function mountBookingManage(element) {
  if (!element) {
    return;
  }

  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const loading = part('.booking-manage-loading');
  const problem = part('.booking-manage-problem');
  const view = part('.booking-manage-view');
  const done = part('.booking-manage-done');
  const changed = part('.booking-manage-changed');
  const facts = part('.booking-manage-facts');
  const calendar = /** @type {HTMLAnchorElement} */ (part('.booking-manage-calendar'));
  const closed = part('.booking-manage-closed');
  const actions = part('.booking-manage-actions');
  const rescheduleOpen = /** @type {HTMLButtonElement} */ (part('.booking-manage-reschedule-open'));
  const cancelOpen = /** @type {HTMLButtonElement} */ (part('.booking-manage-cancel-open'));
  const reschedule = part('.booking-manage-reschedule');
  const cancel = part('.booking-manage-cancel');
  const cancelForm = /** @type {HTMLFormElement} */ (part('.booking-manage-cancel-form'));
  const dayPicker = part('.day-picker');
  const timePicker = part('.time-picker');
  const taken = part('.booking-manage-taken');
  const confirmSection = part('.booking-manage-confirm');
  const confirmForm = /** @type {HTMLFormElement} */ (part('form.confirm-code'));
  const move = part('.booking-manage-move');
  const moveConfirm = /** @type {HTMLButtonElement} */ (part('.booking-manage-move-confirm'));

  const link = readManageLink(location.search);
  // The mail's link carries the code: it confirms once, then leaves the address bar (and the browser's history).
  const codeFromMail = readConfirmationCode(location.search);
  if (codeFromMail && link) {
    history.replaceState(null, '', manageHref(link));
  }

  const state = {
    /** @type {Record<string, any> | null} */
    booking: null,
    /** @type {ApiError | null} */
    error: null,
    loading: false,
    busy: false,
    /** @type {'reschedule' | 'cancel' | null} which panel is open */
    open: /** @type {'reschedule' | 'cancel' | null} */ (null),
    /** @type {'confirmed' | 'rescheduled' | 'cancelled' | null} */
    done: /** @type {'confirmed' | 'rescheduled' | 'cancelled' | null} */ (null),
    changed: false,
    /** @type {string | null} why it changed, when the API said so in a way the page can put in words */
    changedKey: null,
    /** @type {import('../booking-core.js').Slot | null} the new time chosen, waiting for "yes, move" */
    chosen: null,
    /** @type {Array<{ date: string, slots: import('../booking-core.js').Slot[] }>} */
    days: [],
    /** @type {string | null} */
    day: null,
    slotsLoading: false,
    /** @type {ApiError | null} */
    slotsError: null,
    /** @type {import('../booking-core.js').Slot[] | null} the time just chosen was taken: these are free */
    alternatives: null,
  };

  mountBookingFacts(facts);
  mountDayPicker(dayPicker);
  mountTimePicker(timePicker);
  mountConfirmCode(confirmForm);
  if (link) {
    confirmForm.dispatchEvent(new CustomEvent('confirmFor', { detail: { link } }));
  }

  rescheduleOpen.addEventListener('click', () => {
    toggle('reschedule');
    if (state.open === 'reschedule') {
      loadSlots();
      part('#booking-manage-reschedule-heading').focus();
    }
  });
  cancelOpen.addEventListener('click', () => {
    toggle('cancel');
    if (state.open === 'cancel') {
      part('#booking-manage-cancel-heading').focus();
    }
  });
  part('.booking-manage-reschedule-close').addEventListener('click', () => {
    toggle(null);
    rescheduleOpen.focus();
  });
  part('.booking-manage-cancel-keep').addEventListener('click', () => {
    toggle(null);
    cancelOpen.focus();
  });
  part('.booking-slots-retry').addEventListener('click', () => loadSlots());
  part('.booking-manage-problem-retry button').addEventListener('click', () => load().then(() => state.error && problem.focus()));
  element.addEventListener('dayPick', (event) => {
    state.day = /** @type {CustomEvent<{ date: string }>} */ (event).detail.date;
    state.chosen = null;
    update();
    /** @type {HTMLElement | null} */ (timePicker.querySelector('button'))?.focus();
  });
  element.addEventListener('timePick', (event) => choose(/** @type {CustomEvent} */ (event).detail.slot));
  moveConfirm.addEventListener('click', () => {
    if (state.chosen) {
      moveTo(state.chosen);
    }
  });
  element.addEventListener('confirmed', (event) => {
    state.booking = /** @type {CustomEvent} */ (event).detail.booking;
    state.done = 'confirmed';
    update();
    done.focus();
  });
  element.addEventListener('confirmRefused', () => load());
  cancelForm.addEventListener('submit', (event) => {
    event.preventDefault();
    cancelBooking(/** @type {HTMLButtonElement | null} */ (event.submitter));
  });
  document.addEventListener('languagechange', update);

  if (link) {
    load({ first: true }).then(() => {
      if (codeFromMail && state.booking?.status === 'held') {
        confirmForm.dispatchEvent(new CustomEvent('confirmCode', { detail: { code: codeFromMail } }));
      }
    });
  } else {
    // A link that lost its booking or token on the way (a mail client that cut it) is as unusable as a forged one.
    state.error = new ApiError({ status: 403 });
    update();
  }

  /** @param {{ first?: boolean }} [options] */
  async function load({ first = false } = {}) {
    if (!link) {
      return;
    }

    state.loading = true;
    update();
    try {
      const booking = await apiGet(bookingPath(link));
      if (first) {
        await suggestLanguage(booking.language);
      }

      state.booking = booking;
      state.error = null;
    } catch (error) {
      state.error = asApiError(error);
      state.booking = null;
    } finally {
      state.loading = false;
      update();
    }
  }

  /** @param {'reschedule' | 'cancel' | null} panel */
  function toggle(panel) {
    state.open = state.open === panel ? null : panel;
    state.done = null;
    state.changed = false;
    state.alternatives = null;
    state.chosen = null;
    clearProblem(cancelForm);
    update();
  }

  async function loadSlots() {
    const booking = state.booking;
    if (!booking) {
      return;
    }

    state.slotsLoading = true;
    state.slotsError = null;
    state.days = [];
    state.day = null;
    update();
    try {
      const answer = await apiGet(slotsPath(booking.officerId, booking.type, bookingWindow(Date.now())));
      // The appointment's own time is not "another time".
      const slots = (Array.isArray(answer?.slots) ? answer.slots : []).filter(
        (/** @type {{ start: string }} */ slot) => Date.parse(slot.start) !== Date.parse(booking.start),
      );
      state.days = groupSlotsByDay(slots);
    } catch (error) {
      state.slotsError = asApiError(error);
    } finally {
      state.slotsLoading = false;
      update();
    }
  }

  /**
   * A new time is only chosen, not taken: the page shows it and asks "move to …?" before moving.
   * @param {import('../booking-core.js').Slot} slot
   */
  function choose(slot) {
    state.chosen = slot;
    update();
    moveConfirm.focus();
  }

  /** @param {import('../booking-core.js').Slot} slot */
  async function moveTo(slot) {
    if (!link || state.busy) {
      return;
    }

    state.busy = true;
    state.alternatives = null;
    update();
    try {
      state.booking = await apiPost(bookingPath(link, 'reschedule'), { start: slot.start });
      state.open = null;
      state.done = 'rescheduled';
      update();
      done.focus();
    } catch (error) {
      await failed(asApiError(error), () => {
        // The time is gone: it is no longer the chosen one, and nothing can be confirmed until another is chosen.
        state.chosen = null;
        state.alternatives = alternativesOf(asApiError(error).extensions);
        update();
        taken.focus();
      });
    } finally {
      state.busy = false;
      update();
    }
  }

  /** @param {HTMLButtonElement | null} button */
  async function cancelBooking(button) {
    if (!link || state.busy) {
      return;
    }

    const reason = String(new FormData(cancelForm).get('reason') ?? '').trim();
    state.busy = true;
    button?.classList.add('-busy');
    try {
      state.booking = await apiPost(bookingPath(link, 'cancel'), reason ? { reason } : {});
      state.open = null;
      state.done = 'cancelled';
      clearProblem(cancelForm);
      cancelForm.reset();
      update();
      done.focus();
    } catch (error) {
      const failure = asApiError(error);
      if (problemKind(failure.status) === 'invalid' || problemKind(failure.status) === 'failed') {
        showProblem(cancelForm, failure);
      } else {
        await failed(failure, () => {});
      }
    } finally {
      state.busy = false;
      button?.classList.remove('-busy');
    }
  }

  /**
   * A refused change: a dead link or a vanished booking take the page down; "that time was just taken" offers the
   * free times the API gave; any other conflict (cancelled meanwhile, in the past) reloads and says so.
   * @param {ApiError} failure
   * @param {() => void} onTaken
   */
  async function failed(failure, onTaken) {
    switch (problemKind(failure.status)) {
      case 'link':
      case 'gone':
        state.error = failure;
        state.booking = null;
        update();
        problem.focus();
        return;
      case 'conflict':
        if (isTimeTaken(failure.extensions)) {
          onTaken();
          return;
        }

        state.open = null;
        state.changedKey = problemMessageKey(failure.extensions);
        await load();
        state.changed = state.booking !== null;
        update();
        (state.booking ? changed : problem).focus();
        return;
      default:
        state.slotsError = failure;
        update();
        part('.booking-slots-failed').focus();
    }
  }

  function update() {
    const { booking, error } = state;
    const locale = currentLocale();

    setText(loading, state.loading && !booking ? t('booking.manage.loading') : '');
    loading.hidden = loading.textContent === '';

    const kind = error ? problemKind(error.status) : null;
    problem.hidden = error === null;
    setText(part('.booking-manage-problem-message'), error ? problemTitle(error) : '');
    const detail = part('.booking-manage-problem-detail');
    setText(detail, kind === 'link' ? t('booking.manage.link.detail') : kind === 'gone' ? t('booking.manage.gone.detail') : '');
    detail.hidden = detail.textContent === '';
    part('.booking-manage-problem-retry').hidden = kind === null || kind === 'link' || kind === 'gone';
    part('.booking-manage-problem-new').hidden = kind !== 'link' && kind !== 'gone';

    view.hidden = booking === null;
    if (!booking || !link) {
      return;
    }

    facts.dispatchEvent(new CustomEvent('booking', { detail: { booking, showStatus: true } }));
    calendar.href = bookingPath(link, 'calendar.ics');
    /** @type {HTMLElement} */ (calendar.closest('ul')).hidden = booking.status !== 'booked';

    done.classList.toggle('-shown', state.done !== null);
    setText(
      part('.booking-manage-done-message'),
      state.done === 'rescheduled'
        ? t('booking.manage.rescheduled', { date: formatDate(booking.start, locale), range: formatTimeRange(booking, locale) })
        : state.done === 'cancelled'
          ? t('booking.manage.cancelled')
          : state.done === 'confirmed'
            ? t('booking.manage.confirmed')
            : '',
    );
    changed.hidden = !state.changed;
    setText(part('.booking-manage-changed-message'), t(state.changedKey ?? 'booking.manage.changed'));

    confirmSection.hidden = booking.status !== 'held';
    setText(part('.booking-manage-confirm-until'), booking.holdUntil ? t('booking.confirm.until', { time: formatTime(booking.holdUntil, locale) }) : '');

    const allowed = Array.isArray(booking.allowedActions) ? booking.allowedActions : [];
    rescheduleOpen.hidden = !allowed.includes('reschedule');
    cancelOpen.hidden = !allowed.includes('cancel');
    actions.hidden = allowed.length === 0;
    setText(closed, allowed.length > 0 ? '' : t(`booking.manage.closed.${booking.status === 'cancelled' || booking.status === 'expired' ? booking.status : 'past'}`));
    closed.hidden = closed.textContent === '';

    reschedule.hidden = state.open !== 'reschedule' || !allowed.includes('reschedule');
    cancel.hidden = state.open !== 'cancel' || !allowed.includes('cancel');
    rescheduleOpen.setAttribute('aria-expanded', String(!reschedule.hidden));
    cancelOpen.setAttribute('aria-expanded', String(!cancel.hidden));

    const slotsLoading = part('.booking-slots-loading');
    setText(slotsLoading, state.slotsLoading ? t('booking.day.loading') : state.busy && state.open === 'reschedule' ? t('booking.manage.moving') : '');
    slotsLoading.hidden = slotsLoading.textContent === '';
    part('.booking-slots-failed').hidden = state.slotsError === null;
    setText(part('.booking-slots-failed-message'), state.slotsError ? (state.slotsError.status === 0 ? state.slotsError.title : t('booking.day.failed')) : '');
    part('.booking-no-slots').hidden = state.slotsLoading || state.slotsError !== null || state.days.length > 0;

    taken.hidden = state.alternatives === null;
    const alternatives = state.alternatives ?? [];
    setText(part('.booking-manage-taken-detail'), alternatives.length > 0 ? t('booking.taken.alternatives') : t('booking.taken.none'));
    part('.booking-manage-taken-alternatives').replaceChildren(
      ...alternatives.map((alternative) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button -secondary booking-taken-alternative';
        button.textContent = t('booking.manage.moveTo', { date: formatDate(alternative.start, locale), range: formatTimeRange(alternative, locale) });
        button.addEventListener('click', () => choose(alternative));
        const item = document.createElement('li');
        item.append(button);
        return item;
      }),
    );

    dayPicker.dispatchEvent(new CustomEvent('days', { detail: { days: state.days, selected: state.day } }));
    const day = state.days.find((candidate) => candidate.date === state.day);
    timePicker.hidden = !day;
    timePicker.dispatchEvent(new CustomEvent('times', { detail: { date: state.day, slots: day?.slots ?? [], selected: state.chosen?.start ?? null } }));

    move.hidden = state.chosen === null && state.alternatives === null && !day;
    setText(part('.booking-manage-move-question'), state.chosen
      ? t('booking.manage.moveQuestion', { date: formatDate(state.chosen.start, locale), range: formatTimeRange(state.chosen, locale) })
      : t('booking.manage.noTimeChosen'));
    moveConfirm.disabled = state.chosen === null || state.busy;
  }
}

/** @param {ApiError} error */
function problemTitle(error) {
  switch (problemKind(error.status)) {
    case 'link':
      return t('booking.manage.link.title');
    case 'gone':
      return t('booking.manage.gone.title');
    default:
      return error.status === 0 ? error.title : t('booking.manage.loadFailed');
  }
}
