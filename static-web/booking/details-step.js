// Step 6: who the citizen is and what it is about, then the request. The answer is a hold (the time is kept while the
// citizen confirms from the mail); a time taken meanwhile offers the free times the API gave instead.
import { ApiError, apiPost, asApiError, clearProblem, showProblem } from '/js/api.js';
import { currentLanguage, currentLocale, t } from '/js/i18n.js';
import { alternativesOf, bookingRequest, brusselsDate, checkBooking, formatDate, formatTimeRange, isTimeTaken, nextAttempt } from './booking-core.js';
import { mountBookingFacts } from './booking-facts.js';
import { localisedProblem } from './booking-problems.js';

/**
 * @param {HTMLElement} section
 * @param {HTMLElement} progress the wizard's live progress line, which announces a chosen alternative
 * @param {import('./booking.js').Wizard} wizard
 * @returns {{ render: () => void, prefill: () => void }}
 */
export function mountDetailsStep(section, progress, wizard) {
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (section.querySelector(selector));
  const form = /** @type {HTMLFormElement} */ (section.querySelector('form.booking-details'));
  const summary = part('.booking-details-summary');
  const taken = part('.booking-taken');
  const submit = /** @type {HTMLButtonElement} */ (part('.booking-details-submit'));
  mountBookingFacts(summary);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    book();
  });
  form.elements.namedItem('language')?.addEventListener('change', () => {
    wizard.state.languageChosen = true;
  });
  form.elements.namedItem('address')?.addEventListener('input', () => {
    wizard.state.addressEdited = true;
  });
  part('.booking-taken-days').addEventListener('click', () => {
    wizard.state.taken = null;
    wizard.go('day');
    wizard.loadSlots();
  });

  async function book() {
    const { state } = wizard;
    if (state.busy || !state.officerId || !state.type || !state.slot) {
      return;
    }

    const body = bookingRequest({ officerId: state.officerId, type: state.type, start: state.slot.start }, /** @type {any} */ (Object.fromEntries(new FormData(form))));
    const errors = checkBooking(body);
    if (Object.keys(errors).length > 0) {
      showProblem(form, new ApiError({ status: 400, errors: Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, [t(key)]])) }));
      return;
    }

    const attempt = nextAttempt(state.attempt, body, () => crypto.randomUUID());
    state.attempt = attempt;
    await wizard.busy(submit, async () => {
      try {
        state.booking = await apiPost('/api/bookings', body, { headers: { 'Idempotency-Key': attempt.key } });
        state.attempt = null;
        state.taken = null;
        clearProblem(form);
        wizard.go(state.booking?.status === 'held' ? 'confirm' : 'done');
      } catch (error) {
        const problem = asApiError(error);
        // No answer: the booking may have been made. The same submit again carries the same key and gets it back.
        attempt.unanswered = problem.status === 0;
        if (problem.status === 409 && isTimeTaken(problem.extensions)) {
          clearProblem(form);
          state.taken = { alternatives: alternativesOf(problem.extensions) };
          wizard.update();
          taken.focus();
          return;
        }

        showProblem(form, localisedProblem(problem));
      }
    });
  }

  /** The language follows the page until the citizen picks one; the home address follows step 1 until edited. */
  function prefill() {
    const { state } = wizard;
    const language = /** @type {HTMLSelectElement} */ (form.elements.namedItem('language'));
    if (!state.languageChosen) {
      language.value = currentLanguage();
    }

    const address = /** @type {HTMLInputElement} */ (form.elements.namedItem('address'));
    if (!state.addressEdited) {
      address.value = state.address;
    }
  }

  function render() {
    const { state } = wizard;
    const locale = currentLocale();
    const chosen = wizard.officer();
    const slot = state.slot;
    summary.dispatchEvent(new CustomEvent('booking', {
      detail: {
        booking: chosen && state.type && slot
          ? { officerName: chosen.name, type: state.type, start: slot.start, end: slot.end, office: chosen.office ?? null, address: null, phone: null }
          : null,
        showStatus: false,
      },
    }));
    part('.booking-home-address').hidden = state.type !== 'home';

    taken.hidden = state.taken === null;
    const alternatives = state.taken?.alternatives ?? [];
    part('.booking-taken-detail').textContent = alternatives.length > 0 ? t('booking.taken.alternatives') : t('booking.taken.none');
    part('.booking-taken-alternatives').replaceChildren(
      ...alternatives.map((alternative) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button -secondary booking-taken-alternative';
        button.textContent = t('booking.taken.choose', { date: formatDate(alternative.start, locale), range: formatTimeRange(alternative, locale) });
        button.addEventListener('click', () => {
          Object.assign(state, { slot: alternative, day: brusselsDate(alternative.start), taken: null });
          wizard.update();
          progress.dataset.override = 'taken';
          progress.textContent = t('booking.taken.chosen', { date: formatDate(alternative.start, currentLocale()), range: formatTimeRange(alternative, currentLocale()) });
          submit.focus();
        });
        const item = document.createElement('li');
        item.append(button);
        return item;
      }),
    );
  }

  return { render, prefill };
}
