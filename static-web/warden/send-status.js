// What waits on the device, in one line above the form, with "send now" when sending is possible.
// Data down: `sendStatusData` with { entries, userId, online, signInNeeded }. Action up, bubbling: `sendNow`.
import { setText } from '/js/dom.js';
import { plural } from '/js/i18n.js';

/** @param {HTMLElement | null} element the div.send-status */
export function mountSendStatus(element) {
  if (!element) {
    return;
  }

  const message = /** @type {HTMLElement} */ (element.querySelector('.send-status-message'));
  const now = /** @type {HTMLButtonElement} */ (element.querySelector('.send-status-now'));
  now.addEventListener('click', () => element.dispatchEvent(new CustomEvent('sendNow', { bubbles: true })));

  element.addEventListener('sendStatusData', (event) => {
    /** @type {{ entries: import('./queue-core.js').QueueEntry[], userId: string, online: boolean, signInNeeded: boolean }} */
    const { entries, userId, online, signInNeeded } = /** @type {CustomEvent} */ (event).detail;
    const mine = entries.filter((entry) => entry.userId === userId);
    const waiting = mine.filter((entry) => entry.state === 'pending' || entry.state === 'sending').length;
    const failed = mine.filter((entry) => entry.state === 'failed').length;
    const parts = [];
    if (waiting > 0 && !online) {
      parts.push(plural('warden.send.waitingOffline', waiting));
    } else if (waiting > 0 && signInNeeded) {
      parts.push(plural('warden.send.waitingSignIn', waiting));
    } else if (waiting > 0) {
      parts.push(plural('warden.send.waiting', waiting));
    }

    if (failed > 0) {
      parts.push(plural('warden.send.failed', failed));
    }

    element.hidden = parts.length === 0;
    element.classList.toggle('-failed', failed > 0);
    setText(message, parts.join(' '));
    now.hidden = !(waiting > 0 && online && !signInNeeded);
  });
}
