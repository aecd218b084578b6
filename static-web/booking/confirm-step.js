// Step 7: the booking is held; the citizen types the code from the mail (or opens the mail's link) to confirm it.
// Until then nothing is on the officer's calendar, and the time is only kept for a quarter of an hour.
import { currentLocale, t } from '/js/i18n.js';
import { formatTime, manageLinkFrom } from './booking-core.js';
import { mountConfirmCode } from './confirm-code.js';

/**
 * @param {HTMLElement} section
 * @param {import('./booking.js').Wizard} wizard
 * @returns {() => void} render
 */
export function mountConfirmStep(section, wizard) {
  const form = /** @type {HTMLFormElement} */ (section.querySelector('form.confirm-code'));
  mountConfirmCode(form);
  /** @type {unknown} */
  let confirming = null;

  section.addEventListener('confirmed', (event) => {
    wizard.state.booking = /** @type {CustomEvent} */ (event).detail.booking;
    wizard.go('done');
  });

  return function render() {
    const booking = wizard.state.booking;
    if (!booking || booking.status !== 'held') {
      return;
    }

    if (confirming !== booking.id) {
      confirming = booking.id;
      form.dispatchEvent(new CustomEvent('confirmFor', { detail: { link: manageLinkFrom(booking.manageUrl)?.link ?? null } }));
    }

    /** @type {HTMLElement} */ (section.querySelector('.booking-confirm-sent')).textContent = t('booking.confirm.sent', { email: booking.email ?? '' });
    /** @type {HTMLElement} */ (section.querySelector('.booking-confirm-until')).textContent = booking.holdUntil
      ? t('booking.confirm.until', { time: formatTime(booking.holdUntil, currentLocale()) })
      : '';
  };
}
