// The facts of one appointment as a description list: officer, kind, day, time (Brussels), place and, on the manage
// page and the officer's agenda, its status. Data down: a `booking` event with { booking, showStatus }.
import { currentLocale, t } from '/js/i18n.js';
import { formatDate, formatTimeRange } from './booking-core.js';

/**
 * What the list shows; a Booking from the API has all of it, the wizard's summary the part chosen so far.
 * @typedef {object} AppointmentFacts
 * @property {string} officerName
 * @property {string} type
 * @property {string} start
 * @property {string} end
 * @property {string} [status]
 * @property {string | null} [phone]
 * @property {string | null} [address]
 * @property {{ name: string, address: string } | null} [office]
 */

/** @param {HTMLElement | null} element the dl.booking-facts */
export function mountBookingFacts(element) {
  if (!element) {
    return;
  }

  /** @type {{ booking: AppointmentFacts | null, showStatus: boolean }} */
  let data = { booking: null, showStatus: false };

  element.addEventListener('booking', (event) => {
    data = /** @type {CustomEvent} */ (event).detail;
    render();
  });
  document.addEventListener('languagechange', render);

  function render() {
    const { booking, showStatus } = data;
    if (!booking) {
      element.replaceChildren();
      return;
    }

    const locale = currentLocale();
    /** @type {Array<[string, Node | string]>} */
    const rows = [
      [t('booking.fact.officer'), String(booking.officerName ?? '')],
      [t('booking.fact.type'), t(`booking.type.${booking.type}`)],
      [t('booking.fact.date'), formatDate(booking.start, locale)],
      [t('booking.fact.time'), t('booking.fact.timeValue', { range: formatTimeRange(booking, locale) })],
      [t('booking.fact.place'), placeOf(booking)],
    ];
    if (showStatus && booking.status) {
      const badge = document.createElement('span');
      badge.className = `badge booking-status -${booking.status}`;
      badge.textContent = t(`booking.status.${booking.status}`);
      rows.unshift([t('booking.fact.status'), badge]);
    }

    element.replaceChildren(
      ...rows.map(([term, value]) => {
        const row = document.createElement('div');
        row.className = 'booking-fact';
        const dt = document.createElement('dt');
        dt.textContent = term;
        const dd = document.createElement('dd');
        dd.append(value);
        row.append(dt, dd);
        return row;
      }),
    );
  }
}

/**
 * Where the appointment takes place, in words: the office with its address, the citizen's home, or a phone call.
 * @param {AppointmentFacts} booking
 */
export function placeOf(booking) {
  switch (booking.type) {
    case 'office':
      return booking.office ? `${booking.office.name}, ${booking.office.address}` : t('booking.where.office');
    case 'home':
      return booking.address ? t('booking.where.homeAt', { address: booking.address }) : t('booking.where.home');
    case 'phone':
      return booking.phone ? t('booking.where.phoneAt', { phone: booking.phone }) : t('booking.where.phone');
    default:
      return '';
  }
}
