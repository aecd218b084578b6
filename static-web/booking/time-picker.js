// The free times of one day, as large buttons with the Brussels start time ("09:00"), end time for screen readers too.
// One Tab stop: the arrow keys move through the grid of times as laid out (up and down a row), Home and End to the
// first and last (js/dom.js rovingFocus); Enter or Space picks one.
// Data down: a `times` event with { date, slots, selected }. Actions up: `timePick` with { slot }, bubbling.
import { keepOneTabStop, rovingFocus } from '/js/dom.js';
import { currentLocale, t } from '/js/i18n.js';
import { formatDay, formatTime } from './booking-core.js';

/** @param {HTMLElement | null} element the fieldset.time-picker */
export function mountTimePicker(element) {
  if (!element) {
    return;
  }

  const legend = /** @type {HTMLElement} */ (element.querySelector('.time-picker-legend'));
  const list = /** @type {HTMLElement} */ (element.querySelector('.time-picker-list'));
  /** @type {{ date: string | null, slots: Array<{ start: string, end: string }>, selected: string | null }} */
  let data = { date: null, slots: [], selected: null };

  rovingFocus(list, '.time-picker-option');
  element.addEventListener('times', (event) => {
    data = /** @type {CustomEvent} */ (event).detail;
    render();
  });
  document.addEventListener('languagechange', render);

  function render() {
    const locale = currentLocale();
    legend.textContent = data.date ? t('booking.time.legend', { day: formatDay(data.date, locale) }) : '';
    const focused = list.contains(document.activeElement) ? /** @type {HTMLButtonElement} */ (document.activeElement).value : null;
    list.replaceChildren(
      ...data.slots.map((slot) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'time-picker-option';
        button.value = slot.start;
        button.setAttribute('aria-pressed', String(slot.start === data.selected));
        const start = document.createElement('span');
        start.className = 'time-picker-start';
        start.textContent = formatTime(slot.start, locale);
        // "tot 09:20": read out, and shown small, so the length of the appointment is never a surprise.
        const end = document.createElement('span');
        end.className = 'time-picker-end';
        end.textContent = t('booking.time.until', { time: formatTime(slot.end, locale) });
        button.append(start, ' ', end);
        button.addEventListener('click', () => element.dispatchEvent(new CustomEvent('timePick', { bubbles: true, detail: { slot } })));
        const item = document.createElement('li');
        item.append(button);
        return item;
      }),
    );
    keepOneTabStop(list, '.time-picker-option', data.selected, focused);
  }
}
