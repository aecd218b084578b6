// The categories as large radio tiles, easy to hit with a thumb. Data down: a `categoryData` event with
// { categories, fromDevice, failed }. Actions up: the radios' own `change` events, which bubble to the form.
import { t } from '/js/i18n.js';

/**
 * @typedef {object} CategoryData
 * @property {import('./form-core.js').Category[]} categories
 * @property {boolean} loading
 * @property {boolean} failed   nothing could be loaded, not even from the device
 */

/** @param {HTMLElement} element the fieldset.category-picker */
export function mountCategoryPicker(element) {
  const status = /** @type {HTMLElement} */ (element.querySelector('.category-picker-status'));
  const options = /** @type {HTMLElement} */ (element.querySelector('.category-picker-options'));

  /** @type {CategoryData} */
  let data = { categories: [], loading: true, failed: false };
  /** @type {Map<string, HTMLLabelElement>} */
  const tiles = new Map();

  element.addEventListener('categoryData', (event) => {
    data = /** @type {CustomEvent<CategoryData>} */ (event).detail;
    update();
  });
  document.addEventListener('languagechange', update);
  update();

  function update() {
    const { categories, loading, failed } = data;
    status.textContent = categories.length > 0 ? '' : loading ? t('warden.category.loading') : failed ? t('warden.category.failed') : '';
    status.hidden = status.textContent === '';

    const seen = new Set();
    categories.forEach((category, index) => {
      seen.add(category.code);
      let tile = tiles.get(category.code);
      if (!tile) {
        tile = createTile(category.code);
        tiles.set(category.code, tile);
      }

      const label = /** @type {HTMLElement} */ (tile.querySelector('.category-picker-label'));
      if (label.textContent !== category.label) {
        label.textContent = category.label;
      }

      if (options.children[index] !== tile) {
        options.insertBefore(tile, options.children[index] ?? null);
      }
    });

    for (const [code, tile] of tiles) {
      if (!seen.has(code)) {
        tile.remove();
        tiles.delete(code);
      }
    }
  }
}

/** @param {string} code */
function createTile(code) {
  const tile = document.createElement('label');
  tile.className = 'category-picker-option';
  const input = document.createElement('input');
  input.type = 'radio';
  input.name = 'category';
  input.value = code;
  input.className = 'category-picker-input';
  const label = document.createElement('span');
  label.className = 'category-picker-label';
  tile.append(input, label);
  return tile;
}
