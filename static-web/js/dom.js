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
