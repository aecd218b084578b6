// Photos of the observation: from the camera (or the files, on a computer), shrunk on the device, shown as
// thumbnails that can be removed. Data down: `photoData` with { photos } (the form owns them).
// Actions up, bubbling: `photoAdd` { photoId, blob } per shrunk photo and `photoRemove` { photoId }.
import { plural, t } from '/js/i18n.js';
import { MAX_PHOTOS, randomId } from './form-core.js';
import { shrinkPhoto } from './photos.js';

/**
 * @typedef {object} DraftPhoto
 * @property {string} photoId
 * @property {Blob} blob
 * @property {string} url  an object URL of blob, for the thumbnail
 */

/** @param {HTMLElement} element the fieldset.photo-picker */
export function mountPhotoPicker(element) {
  const list = /** @type {HTMLElement} */ (element.querySelector('.photo-picker-list'));
  const input = /** @type {HTMLInputElement} */ (element.querySelector('.photo-picker-input'));
  const add = /** @type {HTMLElement} */ (element.querySelector('.photo-picker-add'));
  const status = /** @type {HTMLElement} */ (element.querySelector('.photo-picker-status'));

  /** @type {{ photos: DraftPhoto[], processing: number, failed: number }} */
  const state = { photos: [], processing: 0, failed: 0 };
  /** @type {Map<string, HTMLLIElement>} */
  const items = new Map();

  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])];
    input.value = ''; // the same photo may be chosen again after removing it
    const room = MAX_PHOTOS - state.photos.length - state.processing;
    state.failed = 0;
    const taken = files.slice(0, Math.max(0, room));
    state.processing += taken.length;
    update(files.length > taken.length ? t('warden.photos.tooMany', { max: MAX_PHOTOS }) : '');
    for (const file of taken) {
      try {
        const blob = await shrinkPhoto(file);
        element.dispatchEvent(new CustomEvent('photoAdd', { bubbles: true, detail: { photoId: randomId(crypto), blob } }));
      } catch (error) {
        console.error(error);
        state.failed++;
      } finally {
        state.processing--;
        update();
      }
    }
  });
  list.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button');
    if (button?.dataset.photoId) {
      const index = state.photos.findIndex((photo) => photo.photoId === button.dataset.photoId);
      element.dispatchEvent(new CustomEvent('photoRemove', { bubbles: true, detail: { photoId: button.dataset.photoId } }));
      // Focus stays in the list: on the next photo's button, else the add button.
      requestAnimationFrame(() => {
        const buttons = list.querySelectorAll('button');
        /** @type {HTMLElement} */ (buttons[Math.min(index, buttons.length - 1)] ?? add).focus();
      });
    }
  });
  element.addEventListener('photoData', (event) => {
    state.photos = /** @type {CustomEvent<{ photos: DraftPhoto[] }>} */ (event).detail.photos;
    update();
  });
  document.addEventListener('languagechange', () => update());
  update();

  /** @param {string} [notice] */
  function update(notice = '') {
    const { photos, processing, failed } = state;
    const seen = new Set();
    photos.forEach((photo, index) => {
      seen.add(photo.photoId);
      let item = items.get(photo.photoId);
      if (!item) {
        item = createItem(photo);
        items.set(photo.photoId, item);
      }

      const image = /** @type {HTMLImageElement} */ (item.querySelector('img'));
      image.alt = t('warden.photos.alt', { number: index + 1 });
      const button = /** @type {HTMLButtonElement} */ (item.querySelector('button'));
      button.textContent = t('warden.photos.remove', { number: index + 1 });
      if (list.children[index] !== item) {
        list.insertBefore(item, list.children[index] ?? null);
      }
    });
    for (const [id, item] of items) {
      if (!seen.has(id)) {
        item.remove();
        items.delete(id);
      }
    }

    list.hidden = photos.length === 0;
    const full = photos.length + processing >= MAX_PHOTOS;
    input.disabled = full;
    add.classList.toggle('-disabled', full);

    const parts = [];
    if (processing > 0) {
      parts.push(t('warden.photos.processing'));
    }

    if (failed > 0) {
      parts.push(t('warden.photos.failed'));
    }

    if (notice) {
      parts.push(notice);
    }

    parts.push(plural('warden.photos.count', photos.length, { max: MAX_PHOTOS }));
    const text = parts.join(' ');
    if (status.textContent !== text) {
      status.textContent = text;
    }
  }
}

/** @param {DraftPhoto} photo */
function createItem(photo) {
  const item = document.createElement('li');
  item.className = 'photo-picker-item';
  const image = document.createElement('img');
  image.className = 'photo-picker-thumbnail';
  image.src = photo.url;
  image.decoding = 'async';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button -secondary photo-picker-remove';
  button.dataset.photoId = photo.photoId;
  item.append(image, button);
  return item;
}
