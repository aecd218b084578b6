// One radio choice as a large tile: its title, and lines of detail under it (officers, kinds of appointment).

/**
 * @param {string} name
 * @param {string} value
 * @param {string} title
 * @param {string[]} details
 * @param {boolean} checked
 */
export function choiceOption(name, value, title, details, checked) {
  const label = document.createElement('label');
  label.className = 'booking-option';
  const input = document.createElement('input');
  input.type = 'radio';
  input.name = name;
  input.value = value;
  input.checked = checked;
  const text = document.createElement('span');
  text.className = 'booking-option-text';
  const strong = document.createElement('span');
  strong.className = 'booking-option-title';
  strong.textContent = title;
  text.append(strong);
  for (const detail of details) {
    const line = document.createElement('span');
    line.className = 'booking-option-detail';
    line.textContent = detail;
    text.append(line);
  }

  label.append(input, text);
  return label;
}

/**
 * Redraws the options only when what they show changed (another officer list, another language), so a redraw never
 * takes the focus away from the radio the citizen is on; otherwise only the checked one follows the state.
 * @param {HTMLElement} options
 * @param {string} key
 * @param {string | null} checked
 * @param {() => HTMLElement[]} draw
 */
export function drawOptions(options, key, checked, draw) {
  if (options.dataset.drawnFor === key) {
    for (const input of options.querySelectorAll('input')) {
      /** @type {HTMLInputElement} */ (input).checked = /** @type {HTMLInputElement} */ (input).value === checked;
    }

    return;
  }

  options.dataset.drawnFor = key;
  options.replaceChildren(...draw());
}
