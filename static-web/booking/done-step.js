// The last step: the appointment is confirmed; its facts, where the confirmation went, and the links to keep.
import { currentLocale, t } from '/js/i18n.js';
import { bookingPath, formatDate, formatTimeRange, manageLinkFrom } from './booking-core.js';
import { mountBookingFacts } from './booking-facts.js';

/**
 * @param {HTMLElement} section
 * @param {import('./booking.js').Wizard} wizard
 * @returns {() => void} render
 */
export function mountDoneStep(section, wizard) {
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (section.querySelector(selector));
  const facts = part('.booking-done-facts');
  mountBookingFacts(facts);

  return function render() {
    const booking = wizard.state.booking;
    facts.dispatchEvent(new CustomEvent('booking', { detail: { booking: booking?.status === 'booked' ? booking : null, showStatus: false } }));
    if (!booking) {
      return;
    }

    const locale = currentLocale();
    part('.booking-done-when').textContent = t('booking.done.when', { date: formatDate(booking.start, locale), range: formatTimeRange(booking, locale) });
    part('.booking-done-mail').textContent = booking.email ? t('booking.done.mail', { email: booking.email }) : t('booking.done.noMail');
    const manage = manageLinkFrom(booking.manageUrl);
    const manageLink = /** @type {HTMLAnchorElement} */ (part('.booking-done-manage'));
    const calendar = /** @type {HTMLAnchorElement} */ (part('.booking-done-calendar'));
    /** @type {HTMLElement} */ (manageLink.closest('li')).hidden = manage === null;
    /** @type {HTMLElement} */ (calendar.closest('li')).hidden = manage === null;
    if (manage) {
      manageLink.href = manage.href;
      calendar.href = bookingPath(manage.link, 'calendar.ics');
    }
  };
}
