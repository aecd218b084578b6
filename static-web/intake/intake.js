// Staff intake: a coordinator enters a report that came by phone, letter, e-mail, social media, a street mailbox or
// another service. It then follows the citizen's flow; open dossiers nearby are shown as possible duplicates.
import { apiGet, apiPost, clearProblem, showProblem, ApiError } from '/js/api.js';
import { applyTranslations, currentLanguage, currentLocale, mountLanguageSwitch, t } from '/js/i18n.js';
import { mountPlacePicker } from '/booking/place-picker.js';
import { intakeRequest, reportErrors } from '/report/report-core.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountIntake(document.querySelector('.intake'));

/** @param {HTMLElement | null} element the main.intake */
function mountIntake(element) {
  if (!element) {
    return;
  }

  const form = /** @type {HTMLFormElement} */ (element.querySelector('.intake-form'));
  const category = /** @type {HTMLSelectElement} */ (form.elements.namedItem('category'));
  const received = /** @type {HTMLInputElement} */ (form.elements.namedItem('receivedOn'));
  const done = /** @type {HTMLElement} */ (element.querySelector('.intake-done'));
  const today = new Date().toLocaleDateString('en-CA'); // yyyy-MM-dd on the coordinator's own clock
  received.value = today;
  received.max = today;
  let idempotencyKey = crypto.randomUUID();

  mountPlacePicker(form.querySelector('.place-picker'));
  form.addEventListener('input', () => { idempotencyKey = crypto.randomUUID(); });
  form.addEventListener('submit', send);
  document.addEventListener('languagechange', loadCategories);
  loadCategories();

  async function loadCategories() {
    try {
      const { categories } = await apiGet(`/api/categories?lang=${currentLanguage()}`);
      const chosen = category.value;
      category.replaceChildren(new Option(t('report.category.choose'), ''), ...categories.map((/** @type {any} */ c) => new Option(c.label, c.code)));
      category.value = chosen;
    } catch (error) {
      showProblem(form, error);
    }
  }

  /** @param {SubmitEvent} event */
  async function send(event) {
    event.preventDefault();
    clearProblem(form);
    const values = /** @type {Record<string, string>} */ (Object.fromEntries(new FormData(form).entries()));
    const errors = reportErrors(values, 0);
    if (Object.keys(errors).length > 0) {
      const messages = Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, [t(key)]]));
      showProblem(form, new ApiError({ status: 400, title: t('problem.validation'), errors: messages }));
      return;
    }

    try {
      const receipt = await apiPost('/api/intake', intakeRequest(values, today, new Date()), { headers: { 'Idempotency-Key': idempotencyKey } });
      showDone(receipt);
    } catch (error) {
      showProblem(form, error);
    }
  }

  /** @param {any} receipt */
  function showDone(receipt) {
    const answerBy = new Date(`${receipt.expectedAnswerBy}T12:00:00`).toLocaleDateString(currentLocale(), { weekday: 'long', day: 'numeric', month: 'long' });
    part('.intake-done-reference').textContent = t('report.done.reference', { reference: receipt.reference });
    part('.intake-done-answer').textContent = t('intake.done.answer', { date: answerBy });
    const duplicates = receipt.possibleDuplicates.map((/** @type {any} */ d) => {
      const item = document.createElement('li');
      item.textContent = t('intake.duplicates.item', { dossier: d.dossierId.slice(0, 8), distance: String(d.distanceMeters), status: t(`report.status.${d.status}`) });
      return item;
    });
    part('.intake-duplicates').replaceChildren(...duplicates);
    part('.intake-duplicates-none').hidden = duplicates.length > 0;
    form.hidden = true;
    done.hidden = false;
    part('#intake-done-heading').focus();
  }

  /** @param {string} selector */
  function part(selector) {
    return /** @type {HTMLElement} */ (element.querySelector(selector));
  }
}
