// Citizen report page, no account: category → place (map) → description → photos → contact → sent. Before
// sending, open reports of the same category nearby are shown. User text reaches the page only as text.
import { apiGet, apiPost, clearProblem, showProblem, ApiError } from '/js/api.js';
import { applyTranslations, currentLanguage, currentLocale, mountLanguageSwitch, t } from '/js/i18n.js';
import { mountPlacePicker } from '/booking/place-picker.js';
import { mountNearbyList } from './nearby-list.js';
import { uploadPhotos } from './photo-upload.js';
import { localStatusHref, reportErrors, reportRequest } from './report-core.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountReport(document.querySelector('.citizen-report'));

/** @param {HTMLElement | null} element the main.citizen-report */
function mountReport(element) {
  if (!element) {
    return;
  }

  const form = /** @type {HTMLFormElement} */ (element.querySelector('.report-form'));
  const category = /** @type {HTMLSelectElement} */ (form.elements.namedItem('category'));
  const photos = /** @type {HTMLInputElement} */ (form.elements.namedItem('photos'));
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('.report-submit'));
  const done = /** @type {HTMLElement} */ (element.querySelector('.report-done'));
  const updateNearby = mountNearbyList(/** @type {HTMLElement} */ (element.querySelector('.nearby-reports')));
  /** @type {Map<string, string>} */
  const labels = new Map();
  /** @type {{ latitude: number, longitude: number } | null} */
  let place = null;
  // One key per report, kept across retries of the same form: a lost answer never makes a second report.
  let idempotencyKey = crypto.randomUUID();

  mountPlacePicker(form.querySelector('.place-picker'));
  form.addEventListener('placeChange', (event) => {
    place = /** @type {CustomEvent} */ (event).detail;
    updateNearby(category.value, place, labels);
  });
  category.addEventListener('change', () => updateNearby(category.value, place, labels));
  form.addEventListener('input', () => { idempotencyKey = crypto.randomUUID(); });
  form.addEventListener('submit', send);
  document.addEventListener('languagechange', loadCategories);
  loadCategories();

  async function loadCategories() {
    try {
      const { categories } = await apiGet(`/api/categories?lang=${currentLanguage()}`);
      const chosen = category.value;
      const options = categories.map((/** @type {any} */ c) => {
        labels.set(c.code, c.label);
        const option = new Option(c.label, c.code);
        return option;
      });
      category.replaceChildren(new Option(t('report.category.choose'), ''), ...options);
      category.value = chosen;
    } catch (error) {
      showProblem(form, error);
    }
  }

  /** @param {SubmitEvent} event */
  async function send(event) {
    event.preventDefault();
    clearProblem(form);
    const values = /** @type {Record<string, string>} */ (Object.fromEntries(
      [...new FormData(form).entries()].filter(([, value]) => typeof value === 'string')));
    const files = [...(photos.files ?? [])];
    const errors = reportErrors(values, files.length);
    if (Object.keys(errors).length > 0) {
      const messages = Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, [t(key)]]));
      showProblem(form, new ApiError({ status: 400, title: t('problem.validation'), errors: messages }));
      return;
    }

    submit.disabled = true;
    submit.classList.add('-busy');
    try {
      const receipt = await apiPost('/api/citizen-reports', reportRequest(values, currentLanguage()), { headers: { 'Idempotency-Key': idempotencyKey } });
      await showDone(receipt, files, values.email);
    } catch (error) {
      showProblem(form, error);
    } finally {
      submit.disabled = false;
      submit.classList.remove('-busy');
    }
  }

  /** @param {any} receipt @param {File[]} files @param {string | undefined} email */
  async function showDone(receipt, files, email) {
    const statusHref = localStatusHref(receipt.statusUrl);
    const answerBy = new Date(`${receipt.expectedAnswerBy}T12:00:00`).toLocaleDateString(currentLocale(), { weekday: 'long', day: 'numeric', month: 'long' });
    part('.report-done-reference').textContent = t('report.done.reference', { reference: receipt.reference });
    part('.report-done-answer').textContent = t('report.done.answer', { date: answerBy });
    part('.report-done-mail').textContent = receipt.acknowledgementMailed ? t('report.done.mail', { email: email ?? '' }) : t('report.done.noMail');
    /** @type {HTMLAnchorElement} */ (part('.report-done-status')).href = statusHref;
    form.hidden = true;
    done.hidden = false;
    part('#report-done-heading').focus();
    if (files.length > 0) {
      part('.report-done-photos').textContent = t('report.done.photosSending');
      const token = new URL(receipt.statusUrl).searchParams.get('token') ?? '';
      const added = await uploadPhotos(receipt.reference, token, files);
      part('.report-done-photos').textContent = t('report.done.photos', { added: String(added), total: String(files.length) });
    }
  }

  /** @param {string} selector */
  function part(selector) {
    return /** @type {HTMLElement} */ (element.querySelector(selector));
  }
}
