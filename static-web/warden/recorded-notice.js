// "Observation of 10:42 saved…" above the form, after the warden saves. It follows what became of that one
// observation — being sent, waiting for a connection, sent, set aside — so it never says "being sent" while the
// list below says "not sent". Data down: `recordedData` with { entries, id, at, online }.
import { setText } from '/js/dom.js';
import { currentLocale, t } from '/js/i18n.js';
import { recordedState } from './queue-core.js';

/** Times are Brussels times, whatever the device's clock says: the list and the dossiers use them too. */
const TIME_ZONE = 'Europe/Brussels';

/** @param {HTMLElement | null} element the p.warden-recorded */
export function mountRecordedNotice(element) {
  element?.addEventListener('recordedData', (event) => {
    /** @type {{ entries: import('./queue-core.js').QueueEntry[], id: string | null, at: Date | null, online: boolean }} */
    const { entries, id, at, online } = /** @type {CustomEvent} */ (event).detail;
    element.hidden = !at;
    if (!at) {
      setText(element, '');
      return;
    }

    const time = new Intl.DateTimeFormat(currentLocale(), { timeStyle: 'short', timeZone: TIME_ZONE }).format(at);
    setText(element, t(`warden.recorded.${recordedState(entries, id, online)}`, { time }));
  });
}
