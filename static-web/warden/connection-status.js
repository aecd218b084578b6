// "Online" or "Offline" in the header, for a warden who wonders why nothing is sent.
import { setText } from '/js/dom.js';
import { t } from '/js/i18n.js';

/** @param {HTMLElement | null} element the p.connection-status */
export function mountConnectionStatus(element) {
  if (!element) {
    return;
  }

  addEventListener('online', update);
  addEventListener('offline', update);
  document.addEventListener('languagechange', update);
  update();

  function update() {
    const online = navigator.onLine;
    /** @type {HTMLElement} */ (element).classList.toggle('-offline', !online);
    setText(/** @type {HTMLElement} */ (element), online ? t('warden.connection.online') : t('warden.connection.offline'));
  }
}
