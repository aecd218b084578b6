// The form for the six-digit code from the confirmation mail, on the booking page and on the manage page.
// Data down: a `confirmFor` event with { link } (the booking it confirms), a `confirmCode` event with { code } to
// confirm with a code that came in the mail's link. Actions up, bubbling: `confirmed` with { booking } once the API
// confirmed; `confirmRefused` with { problem } when the hold can no longer be confirmed (lapsed, too many codes).
import { ApiError, apiPost, asApiError, clearProblem, showProblem } from '/js/api.js';
import { t } from '/js/i18n.js';
import { bookingPath, normaliseCode } from './booking-core.js';
import { localisedProblem } from './booking-problems.js';

/** @param {HTMLFormElement | null} form the form.confirm-code */
export function mountConfirmCode(form) {
  if (!form) {
    return;
  }

  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('.confirm-code-submit'));
  /** @type {import('./booking-core.js').BookingLink | null} */
  let link = null;
  let busy = false;

  form.addEventListener('confirmFor', (event) => {
    link = /** @type {CustomEvent} */ (event).detail.link;
    clearProblem(form);
    form.reset();
  });
  form.addEventListener('confirmCode', (event) => confirm(/** @type {CustomEvent} */ (event).detail.code));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = normaliseCode(new FormData(form).get('code'));
    if (code === null) {
      showProblem(form, new ApiError({ status: 400, errors: { code: [t('booking.confirm.codeInvalid')] } }));
      return;
    }

    confirm(code);
  });

  /** @param {string} code */
  async function confirm(code) {
    if (!link || busy) {
      return;
    }

    busy = true;
    submit.classList.add('-busy');
    submit.setAttribute('aria-disabled', 'true');
    try {
      const booking = await apiPost(bookingPath(link, 'confirm'), { code });
      clearProblem(form);
      form.dispatchEvent(new CustomEvent('confirmed', { bubbles: true, detail: { booking } }));
    } catch (error) {
      const problem = localisedProblem(asApiError(error));
      showProblem(form, problem);
      if (problem.status === 409) {
        form.dispatchEvent(new CustomEvent('confirmRefused', { bubbles: true, detail: { problem } }));
      }
    } finally {
      busy = false;
      submit.classList.remove('-busy');
      submit.removeAttribute('aria-disabled');
    }
  }
}
