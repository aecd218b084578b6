// Small DOM helpers every page uses. User data reaches the page only as text, never as markup.

/**
 * Writes only real changes, so re-rendering leaves live regions quiet.
 * @param {HTMLElement} element
 * @param {string} text
 */
export function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}

/**
 * One Tab stop for a set of options laid out as a list or a grid (the booking's days and times), moved with the
 * arrow keys, Home and End — the keyboard of a listbox or a radio group, such as the appointment-kind choice —
 * instead of one Tab stop per option. Up and down move a row of the grid as it is laid out on screen.
 * @param {HTMLElement} container
 * @param {string} selector the options, focusable elements inside container
 */
export function rovingFocus(container, selector) {
  const options = () => /** @type {HTMLElement[]} */ ([...container.querySelectorAll(selector)]);
  container.addEventListener('keydown', (event) => {
    const all = options();
    const index = all.indexOf(/** @type {HTMLElement} */ (event.target));
    const next = index < 0 || event.altKey || event.ctrlKey || event.metaKey ? null : moveIndex(event.key, index, all.length, columnsOf(all));
    if (next === null) {
      return;
    }

    event.preventDefault();
    setTabStop(all, next);
    all[next].focus();
  });
  container.addEventListener('focusin', (event) => {
    const all = options();
    const index = all.indexOf(/** @type {HTMLElement} */ (event.target));
    if (index >= 0) {
      setTabStop(all, index);
    }
  });
}

/**
 * After a redraw: the chosen option (else the first) is the Tab stop, and focus stays on the option it was on.
 * @param {HTMLElement} list
 * @param {string} selector
 * @param {string | null} selected the chosen option's value
 * @param {string | null} focused the value of the option that had focus before the redraw
 */
export function keepOneTabStop(list, selector, selected, focused) {
  const options = /** @type {HTMLButtonElement[]} */ ([...list.querySelectorAll(selector)]);
  const stop = options.findIndex((option) => option.value === (focused ?? selected));
  setTabStop(options, Math.max(0, stop));
  if (focused !== null) {
    options[Math.max(0, stop)]?.focus();
  }
}

/**
 * Makes options[index] the one Tab stop of the options.
 * @param {HTMLElement[]} options
 * @param {number} index
 */
export function setTabStop(options, index) {
  options.forEach((option, i) => {
    option.tabIndex = i === index ? 0 : -1;
  });
}

/**
 * Where a key moves in a list or grid of count options, `columns` wide; null for a key that does not move.
 * @param {string} key KeyboardEvent.key
 * @param {number} index
 * @param {number} count
 * @param {number} [columns]
 * @returns {number | null}
 */
export function moveIndex(key, index, count, columns = 1) {
  switch (key) {
    case 'ArrowRight':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowDown':
      return index + columns < count ? index + columns : index;
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** How many options share the first row on screen. @param {HTMLElement[]} options */
function columnsOf(options) {
  const top = options[0]?.getBoundingClientRect().top;
  const columns = options.findIndex((option) => option.getBoundingClientRect().top !== top);
  return columns <= 0 ? Math.max(1, options.length) : columns;
}
