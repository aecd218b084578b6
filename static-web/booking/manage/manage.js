// Manage page: a citizen opens their appointment from the signed link in a mail (no account), confirms a held booking
// with the code from the mail (the mail's link carries it and confirms on opening), sees it, moves it to another free
// time of the same officer and kind after saying yes to the time shown, cancels it after a confirmation, or downloads
// it for their calendar. The link's token goes into this site's API calls and calendar link only: never into an image, a
// third-party address or a log.
import { ApiError, apiGet, apiPost, asApiError, clearProblem, showProblem } from '/js/api.js';
import { setText } from '/js/dom.js';
import { applyTranslations, currentLocale, mountLanguageSwitch, suggestLanguage, t } from '/js/i18n.js';
import {
  bookingPath,
  formatDate,
  formatTime,
  formatTimeRange,
  isTimeTaken,
  manageHref,
  problemKind,
  problemMessageKey,
  readConfirmationCode,
  readManageLink,
} from '/booking/booking-core.js';
import { mountBookingFacts } from '/booking/booking-facts.js';
import { mountConfirmCode } from '/booking/confirm-code.js';
import { mountReschedulePanel } from './reschedule-panel.js';

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
  const confirmSection = part('.booking-manage-confirm');
  const confirmForm = /** @type {HTMLFormElement} */ (part('form.confirm-code'));

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
  };

  mountBookingFacts(facts);
  const rescheduling = mountReschedulePanel(reschedule, {
    state,
    link,
    update,
    failed,
    moved: (booking) => {
      Object.assign(state, { booking, open: null, done: 'rescheduled' });
      update();
      done.focus();
    },
  });
  mountConfirmCode(confirmForm);
  if (link) {
    confirmForm.dispatchEvent(new CustomEvent('confirmFor', { detail: { link } }));
  }

  rescheduleOpen.addEventListener('click', () => {
    toggle('reschedule');
    if (state.open === 'reschedule') {
      rescheduling.load();
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
  part('.booking-manage-problem-retry button').addEventListener('click', () => load().then(() => state.error && problem.focus()));
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

  /** @param {'reschedule' | 'cancel' | null} section */
  function toggle(section) {
    state.open = state.open === section ? null : section;
    state.done = null;
    state.changed = false;
    rescheduling.reset();
    clearProblem(cancelForm);
    update();
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
   * A refused change: a dead link or a vanished booking take the page down; "that time was just taken" goes back to
   * the panel (onTaken); any other conflict (cancelled meanwhile, moved too often) reloads and says so.
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
        state.error = failure;
        update();
        problem.focus();
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

    rescheduling.render();
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
