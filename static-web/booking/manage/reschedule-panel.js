// The manage page's "choose another time" panel: the free days and times of the same officer and kind, then the
// chosen time with "move to …?" — choosing only shows it, the yes moves. After a lost race the taken time is no
// longer chosen (the yes is off until another is picked) and the free times the API offered are shown instead.
import { apiGet, apiPost, asApiError } from '/js/api.js';
import { setText } from '/js/dom.js';
import { currentLocale, t } from '/js/i18n.js';
import { alternativesOf, bookingPath, bookingWindow, formatDate, formatTimeRange, groupSlotsByDay, problemKind, slotsPath } from '/booking/booking-core.js';
import { mountDayPicker } from '/booking/day-picker.js';
import { mountTimePicker } from '/booking/time-picker.js';

/**
 * What the panel needs from the page.
 * @typedef {object} ManagePage
 * @property {{ booking: Record<string, any> | null, busy: boolean }} state
 * @property {import('/booking/booking-core.js').BookingLink | null} link
 * @property {() => void} update                       render the whole page
 * @property {(booking: Record<string, any>) => void} moved
 * @property {(failure: import('/js/api.js').ApiError, onTaken: () => void) => Promise<void>} failed  a refusal the page handles
 */

/**
 * @param {HTMLElement} section the section.booking-manage-reschedule
 * @param {ManagePage} page
 */
export function mountReschedulePanel(section, page) {
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (section.querySelector(selector));
  const dayPicker = part('.day-picker');
  const timePicker = part('.time-picker');
  const taken = part('.booking-manage-taken');
  const move = part('.booking-manage-move');
  const yes = /** @type {HTMLButtonElement} */ (part('.booking-manage-move-confirm'));
  const panel = {
    /** @type {Array<{ date: string, slots: import('/booking/booking-core.js').Slot[] }>} */
    days: [],
    /** @type {string | null} */
    day: null,
    loading: false,
    /** @type {import('/js/api.js').ApiError | null} */
    error: null,
    /** @type {import('/booking/booking-core.js').Slot | null} the new time chosen, waiting for the yes */
    chosen: null,
    /** @type {import('/booking/booking-core.js').Slot[] | null} the chosen time was taken: these are free */
    alternatives: null,
  };

  mountDayPicker(dayPicker);
  mountTimePicker(timePicker);
  section.addEventListener('dayPick', (event) => {
    panel.day = /** @type {CustomEvent<{ date: string }>} */ (event).detail.date;
    panel.chosen = null;
    page.update();
    /** @type {HTMLElement | null} */ (timePicker.querySelector('button'))?.focus();
  });
  section.addEventListener('timePick', (event) => choose(/** @type {CustomEvent} */ (event).detail.slot));
  yes.addEventListener('click', () => {
    if (panel.chosen) {
      moveTo(panel.chosen);
    }
  });
  part('.booking-slots-retry').addEventListener('click', () => load());

  async function load() {
    const booking = page.state.booking;
    if (!booking) {
      return;
    }

    Object.assign(panel, { loading: true, error: null, days: [], day: null });
    page.update();
    try {
      const answer = await apiGet(slotsPath(booking.officerId, booking.type, bookingWindow(Date.now())));
      // The appointment's own time is not "another time".
      const slots = (Array.isArray(answer?.slots) ? answer.slots : []).filter(
        (/** @type {{ start: string }} */ slot) => Date.parse(slot.start) !== Date.parse(booking.start),
      );
      panel.days = groupSlotsByDay(slots);
    } catch (error) {
      panel.error = asApiError(error);
    } finally {
      panel.loading = false;
      page.update();
    }
  }

  /** @param {import('/booking/booking-core.js').Slot} slot */
  function choose(slot) {
    panel.chosen = slot;
    page.update();
    yes.focus();
  }

  /** @param {import('/booking/booking-core.js').Slot} slot */
  async function moveTo(slot) {
    if (!page.link || page.state.busy) {
      return;
    }

    page.state.busy = true;
    panel.alternatives = null;
    page.update();
    try {
      page.moved(await apiPost(bookingPath(page.link, 'reschedule'), { start: slot.start }));
    } catch (error) {
      const failure = asApiError(error);
      if (problemKind(failure.status) === 'failed' || problemKind(failure.status) === 'invalid') {
        panel.error = failure;
        page.update();
        part('.booking-slots-failed').focus();
      } else {
        await page.failed(failure, () => {
          // The time is gone: it is no longer the chosen one, and nothing can be confirmed until another is chosen.
          panel.chosen = null;
          panel.alternatives = alternativesOf(failure.extensions);
          page.update();
          taken.focus();
        });
      }
    } finally {
      page.state.busy = false;
      page.update();
    }
  }

  function render() {
    const locale = currentLocale();
    const status = part('.booking-slots-loading');
    setText(status, panel.loading ? t('booking.day.loading') : page.state.busy ? t('booking.manage.moving') : '');
    status.hidden = status.textContent === '';
    part('.booking-slots-failed').hidden = panel.error === null;
    setText(part('.booking-slots-failed-message'), panel.error ? (panel.error.status === 0 ? panel.error.title : t('booking.day.failed')) : '');
    part('.booking-no-slots').hidden = panel.loading || panel.error !== null || panel.days.length > 0;

    taken.hidden = panel.alternatives === null;
    const alternatives = panel.alternatives ?? [];
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

    dayPicker.dispatchEvent(new CustomEvent('days', { detail: { days: panel.days, selected: panel.day } }));
    const day = panel.days.find((candidate) => candidate.date === panel.day);
    timePicker.hidden = !day;
    timePicker.dispatchEvent(new CustomEvent('times', { detail: { date: panel.day, slots: day?.slots ?? [], selected: panel.chosen?.start ?? null } }));

    move.hidden = panel.chosen === null && panel.alternatives === null && !day;
    setText(part('.booking-manage-move-question'), panel.chosen
      ? t('booking.manage.moveQuestion', { date: formatDate(panel.chosen.start, locale), range: formatTimeRange(panel.chosen, locale) })
      : t('booking.manage.noTimeChosen'));
    yes.disabled = panel.chosen === null || page.state.busy;
  }

  /** Closing or opening the panel starts afresh: no time chosen, no alternatives. */
  function reset() {
    panel.chosen = null;
    panel.alternatives = null;
  }

  return { load, render, reset };
}
