// Start page: static content, translated, with the language switch. The section about the development pages
// shows only where they exist (a local run in Development); in Azure they answer 404 and it stays hidden.
import { applyTranslations, mountLanguageSwitch } from './i18n.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));

const devSection = /** @type {HTMLElement | null} */ (document.querySelector('.home-section.-dev'));
if (devSection) {
  fetch('/api/dev/outbox', { headers: { accept: 'application/json' } })
    .then((response) => { devSection.hidden = !response.ok; })
    .catch(() => {});
}
