// The days that have free times, as one large button each ("dinsdag 1 december · 6 vrije tijdstippen"). One Tab
// stop: the arrow keys, Home and End move between the days (js/dom.js rovingFocus), Enter or Space picks one.
// Data down: a `days` event with { days: [{ date, slots }], selected }. Actions up: `dayPick` with { date }, bubbling.
import { keepOneTabStop, rovingFocus } from '/js/dom.js';
import { currentLocale, plural } from '/js/i18n.js';
import { formatDay } from './booking-core.js';

/** @param {HTMLElement | null} element the fieldset.day-picker */
export function mountDayPicker(element) {
  if (!element) {
    return;
  }

  const list = /** @type {HTMLElement} */ (element.querySelector('.day-picker-list'));
  /** @type {{ days: Array<{ date: string, slots: unknown[] }>, selected: string | null }} */
  let data = { days: [], selected: null };

  rovingFocus(list, '.day-picker-option');
  element.addEventListener('days', (event) => {
    data = /** @type {CustomEvent} */ (event).detail;
    render();
  });
  document.addEventListener('languagechange', render);

  function render() {
    element.hidden = data.days.length === 0;
    const focused = list.contains(document.activeElement) ? /** @type {HTMLButtonElement} */ (document.activeElement).value : null;
    list.replaceChildren(
      ...data.days.map(({ date, slots }) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'day-picker-option';
        button.value = date;
        button.setAttribute('aria-pressed', String(date === data.selected));
        const day = document.createElement('span');
        day.className = 'day-picker-day';
        day.textContent = formatDay(date, currentLocale());
        const count = document.createElement('span');
        count.className = 'day-picker-count';
        count.textContent = plural('booking.day.free', slots.length);
        button.append(day, count);
        button.addEventListener('click', () => element.dispatchEvent(new CustomEvent('dayPick', { bubbles: true, detail: { date } })));
        const item = document.createElement('li');
        item.append(button);
        return item;
      }),
    );
    keepOneTabStop(list, '.day-picker-option', data.selected, focused);
  }
}
