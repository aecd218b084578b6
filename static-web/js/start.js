// Start page: static content only, so translating it and mounting the language switch is all there is.
import { applyTranslations, mountLanguageSwitch } from './i18n.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
