// Steps 4 and 5: the days with free times, then the times of the chosen day (day-picker and time-picker), with what
// to do when there are none: another kind of appointment, or the office's opening hours.
import { apiGet, asApiError } from '/js/api.js';
import { currentLocale, t } from '/js/i18n.js';
import { bookingWindow, forgetAfter, groupSlotsByDay, openingHoursRows, slotsPath, weekdayName } from './booking-core.js';
import { mountDayPicker } from './day-picker.js';
import { mountTimePicker } from './time-picker.js';

/**
 * @param {HTMLElement} daySection
 * @param {HTMLElement} timeSection
 * @param {import('./booking.js').Wizard} wizard
 * @returns {{ render: () => void, load: () => Promise<void> }}
 */
export function mountDayStep(daySection, timeSection, wizard) {
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (daySection.querySelector(selector));
  const dayPicker = part('.day-picker');
  const timePicker = /** @type {HTMLElement} */ (timeSection.querySelector('.time-picker'));
  mountDayPicker(dayPicker);
  mountTimePicker(timePicker);

  daySection.addEventListener('dayPick', (event) => {
    const { date } = /** @type {CustomEvent<{ date: string }>} */ (event).detail;
    if (date !== wizard.state.day) {
      Object.assign(wizard.state, forgetAfter(wizard.choices(), 'day'), { day: date });
    }

    wizard.go('time');
  });
  timeSection.addEventListener('timePick', (event) => {
    wizard.state.slot = /** @type {CustomEvent} */ (event).detail.slot;
    wizard.state.taken = null;
    wizard.go('details');
  });
  part('.booking-slots-retry').addEventListener('click', () => load());

  async function load() {
    const { state } = wizard;
    const { officerId, type } = state;
    if (!officerId || !type) {
      return;
    }

    state.slotsLoading = true;
    state.slotsError = null;
    state.days = [];
    wizard.update();
    try {
      const answer = await apiGet(slotsPath(officerId, type, bookingWindow(Date.now())));
      if (officerId !== state.officerId || type !== state.type) {
        return; // the citizen changed their mind meanwhile: a later load wins
      }

      state.days = groupSlotsByDay(Array.isArray(answer?.slots) ? answer.slots : []);
    } catch (error) {
      state.slotsError = asApiError(error);
    } finally {
      state.slotsLoading = false;
      wizard.update();
    }
  }

  function render() {
    const { state } = wizard;
    const locale = currentLocale();
    const loading = part('.booking-slots-loading');
    const loadingText = state.slotsLoading ? t('booking.day.loading') : '';
    if (loading.textContent !== loadingText) {
      loading.textContent = loadingText;
    }

    loading.hidden = loadingText === '';
    part('.booking-slots-failed').hidden = state.slotsError === null;
    part('.booking-slots-failed-message').textContent = state.slotsError
      ? state.slotsError.status === 0 ? state.slotsError.title : t('booking.day.failed')
      : '';

    part('.booking-no-slots').hidden = state.slotsLoading || state.slotsError !== null || state.days.length > 0 || state.type === null;
    const chosen = wizard.officer();
    part('.booking-no-slots-message').textContent = state.type ? t('booking.day.none', { type: t(`booking.type.${state.type}`).toLowerCase() }) : '';
    part('.booking-no-slots-office').textContent = chosen?.office ? `${chosen.office.name}, ${chosen.office.address}` : '';
    const rows = openingHoursRows(chosen?.office?.openingHours);
    part('.booking-hours').hidden = rows.length === 0;
    part('.booking-hours-rows').replaceChildren(
      ...rows.map(({ day, hours }) => {
        const row = document.createElement('tr');
        const name = document.createElement('th');
        name.scope = 'row';
        name.textContent = weekdayName(day, locale);
        const times = document.createElement('td');
        times.textContent = hours.map((range) => `${range.from}–${range.to}`).join(', ');
        row.append(name, times);
        return row;
      }),
    );

    dayPicker.dispatchEvent(new CustomEvent('days', { detail: { days: state.days, selected: state.day } }));
    const day = state.days.find((candidate) => candidate.date === state.day);
    timePicker.dispatchEvent(new CustomEvent('times', { detail: { date: state.day, slots: day?.slots ?? [], selected: state.slot?.start ?? null } }));
  }

  return { render, load };
}
