// The form for a new observation. It owns the draft's photos and the choices that depend on the category
// (sub-category, GAS details) and on the position (the hot spot it suggests).
// It warns, before saving, when the position is outside the municipality (the API would refuse it).
// Data down: `formData` with { categories, hotspots, area, loading, failed }; `observationRecorded` (start afresh);
// `observationNotRecorded` with { error } (keep everything, show why).
// Actions up, bubbling: `recordObservation` with { request, photos: [{ photoId, blob }] }.
import { ApiError, clearProblem, showProblem } from '/js/api.js';
import { setText } from '/js/dom.js';
import { currentLanguage, t } from '/js/i18n.js';
import { mountCategoryPicker } from './category-picker.js';
import { hotspotAt, insideArea, isoWithOffset, observationRequest, randomId, readDraft, validateDraft } from './form-core.js';
import { mountLocationPicker } from './location-picker.js';
import { mountPhotoPicker } from './photo-picker.js';

/**
 * @typedef {object} FormReferenceData
 * @property {import('./form-core.js').Category[]} categories
 * @property {import('./form-core.js').Hotspot[]} hotspots
 * @property {number[][][]} [area]  the municipality's rings: a position outside them is warned about
 * @property {boolean} loading
 * @property {boolean} failed
 */

/** @param {HTMLFormElement | null} form the form.observation-form */
export function mountObservationForm(form) {
  if (!form) {
    return;
  }

  const categoryPicker = /** @type {HTMLElement} */ (form.querySelector('.category-picker'));
  const locationPicker = /** @type {HTMLElement} */ (form.querySelector('.location-picker'));
  const photoPicker = /** @type {HTMLElement} */ (form.querySelector('.photo-picker'));
  const subcategoryField = /** @type {HTMLElement} */ (form.querySelector('.observation-form-subcategory'));
  const subcategory = /** @type {HTMLSelectElement} */ (form.querySelector('select[name="subcategory"]'));
  const hotspot = /** @type {HTMLSelectElement} */ (form.querySelector('select[name="hotspotId"]'));
  const gas = /** @type {HTMLElement} */ (form.querySelector('.observation-form-gas'));
  const gasToggle = /** @type {HTMLInputElement} */ (form.querySelector('.observation-form-gas-toggle'));
  const gasDetails = /** @type {HTMLElement} */ (form.querySelector('.observation-form-gas-details'));
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('.observation-form-submit'));
  const outside = /** @type {HTMLElement} */ (form.querySelector('.observation-form-outside'));

  mountCategoryPicker(categoryPicker);
  mountLocationPicker(locationPicker);
  mountPhotoPicker(photoPicker);

  const state = {
    /** @type {FormReferenceData} */
    data: { categories: [], hotspots: [], loading: true, failed: false },
    /** @type {import('./photo-picker.js').DraftPhoto[]} */
    photos: [],
    /** @type {import('./form-core.js').Position | null} */
    position: null,
    /** the warden chose a hot spot (or none) themselves: suggestions stop */
    hotspotChosen: false,
    saving: false,
  };

  form.addEventListener('formData', (event) => {
    state.data = /** @type {CustomEvent<FormReferenceData>} */ (event).detail;
    categoryPicker.dispatchEvent(new CustomEvent('categoryData', { detail: state.data }));
    update();
  });
  form.addEventListener('change', (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    if (target.name === 'hotspotId') {
      state.hotspotChosen = true;
    }

    update();
  });
  form.addEventListener('locationChange', (event) => {
    state.position = /** @type {CustomEvent<import('./form-core.js').Position>} */ (event).detail;
    suggestHotspot();
    update();
  });
  form.addEventListener('photoAdd', (event) => {
    const { photoId, blob } = /** @type {CustomEvent<{ photoId: string, blob: Blob }>} */ (event).detail;
    state.photos = [...state.photos, { photoId, blob, url: URL.createObjectURL(blob) }];
    showPhotos();
  });
  form.addEventListener('photoRemove', (event) => {
    const { photoId } = /** @type {CustomEvent<{ photoId: string }>} */ (event).detail;
    for (const photo of state.photos.filter((p) => p.photoId === photoId)) {
      URL.revokeObjectURL(photo.url);
    }

    state.photos = state.photos.filter((p) => p.photoId !== photoId);
    showPhotos();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    record();
  });
  form.addEventListener('observationRecorded', () => startAfresh());
  form.addEventListener('observationNotRecorded', (event) => {
    state.saving = false;
    update();
    showProblem(form, /** @type {CustomEvent<{ error: unknown }>} */ (event).detail.error);
  });
  document.addEventListener('languagechange', update);
  update();

  function record() {
    if (state.saving) {
      return;
    }

    clearProblem(form);
    const { categories } = state.data;
    const draft = readDraft(new FormData(form), state.photos.length);
    const errors = validateDraft(draft, { categories, t });
    if (Object.keys(errors).length > 0) {
      showProblem(form, new ApiError({ status: 400, errors }));
      return;
    }

    const request = observationRequest(draft, { id: randomId(crypto), observedAt: isoWithOffset(new Date()), categories });
    state.saving = true;
    update();
    form.dispatchEvent(
      new CustomEvent('recordObservation', {
        bubbles: true,
        detail: { request, photos: state.photos.map(({ photoId, blob }) => ({ photoId, blob })) },
      }),
    );
  }

  function startAfresh() {
    for (const photo of state.photos) {
      URL.revokeObjectURL(photo.url);
    }

    form.reset();
    clearProblem(form);
    state.photos = [];
    state.hotspotChosen = false;
    state.saving = false;
    showPhotos();
    locationPicker.dispatchEvent(new CustomEvent('locationReset'));
    suggestHotspot();
    update();
  }

  function showPhotos() {
    photoPicker.dispatchEvent(new CustomEvent('photoData', { detail: { photos: state.photos } }));
  }

  function suggestHotspot() {
    if (state.hotspotChosen) {
      return;
    }

    const found = hotspotAt(state.position, state.data.hotspots);
    const value = found?.id ?? '';
    if (hotspot.value !== value) {
      hotspot.value = value;
    }
  }

  function update() {
    const { categories, hotspots } = state.data;
    const chosen = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="category"]:checked'));
    const category = categories.find((candidate) => candidate.code === chosen?.value);

    // Sub-categories of the chosen category, kept when the language changes.
    const subcategories = category?.subcategories ?? [];
    const keep = subcategory.value;
    fillOptions(subcategory, subcategories.map((s) => ({ value: s.code, label: s.label })));
    subcategory.value = subcategories.some((s) => s.code === keep) ? keep : '';
    subcategoryField.hidden = subcategories.length === 0;

    const language = currentLanguage();
    const keepHotspot = hotspot.value;
    const options = hotspots
      .map((h) => ({ value: h.id, label: h.name?.[language] ?? h.name?.nl ?? h.id }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
    fillOptions(hotspot, options);
    hotspot.value = options.some((o) => o.value === keepHotspot) ? keepHotspot : '';
    suggestHotspot();

    const isOutside = insideArea(state.position, state.data.area ?? []) === false;
    outside.hidden = !isOutside;
    setText(outside, isOutside ? t('warden.location.outside') : '');

    gas.hidden = !category?.gas;
    gasDetails.hidden = !gasToggle.checked;

    submit.disabled = state.saving;
    submit.classList.toggle('-busy', state.saving);
  }
}

/**
 * Replaces a select's options after its first ("none") option, touching the DOM only when they changed.
 * @param {HTMLSelectElement} select
 * @param {Array<{ value: string, label: string }>} options
 */
function fillOptions(select, options) {
  const current = [...select.options].slice(1).map((o) => `${o.value}\u0000${o.textContent}`);
  const wanted = options.map((o) => `${o.value}\u0000${o.label}`);
  if (current.length === wanted.length && current.every((value, index) => value === wanted[index])) {
    return;
  }

  while (select.options.length > 1) {
    select.remove(1);
  }

  for (const { value, label } of options) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    select.append(option);
  }
}
