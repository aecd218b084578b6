// The one translation mechanism of every page. Pages are written in Dutch; this module swaps the texts of
// elements marked data-i18n="key" (textContent) and data-i18n-attr="attr:key;attr2:key2" (attributes).
// Pure rules (negotiation, fallback, interpolation) live in i18n-core.js, where they are unit-tested.
import {
  DEFAULT_LANGUAGE,
  SUPPORTED_LANGUAGES,
  isSupportedLanguage,
  localeFor,
  lookup,
  negotiateLanguage,
  parseAttributeList,
  translate,
} from './i18n-core.js';

const STORAGE_KEY = 'wijkwacht.language';

/** Each language named in itself, so a reader finds their own language whatever is shown now. */
const NATIVE_NAMES = Object.freeze({ nl: 'Nederlands', fr: 'Français', en: 'English' });

/** @type {import('./i18n-core.js').Dictionaries} */
const dictionaries = {};

/** @type {Map<string, Promise<void>>} */
const loading = new Map();

let language = negotiateLanguage({
  stored: readStoredChoice(),
  preferred: navigator.languages?.length ? navigator.languages : [navigator.language],
});
let latestRequest = 0;

// Top-level await: importers can call t() synchronously. A failed load never rejects (the Dutch text
// already in the page stays), so a flaky network cannot take the page's other modules down with it.
await Promise.all([load(DEFAULT_LANGUAGE), load(language)]);
document.documentElement.lang = language;

/** @returns {import('./i18n-core.js').Language} */
export function currentLanguage() {
  return language;
}

/** The Intl locale for dates and numbers in the current language (nl-BE, fr-BE, en-BE). */
export function currentLocale() {
  return localeFor(language);
}

/**
 * Remembers the choice, loads its texts, re-translates the document and tells components through a
 * `languagechange` event on document (detail: { language }).
 * @param {string} next
 */
export async function setLanguage(next) {
  if (!isSupportedLanguage(next)) {
    throw new RangeError(`Unsupported language: ${next}`);
  }

  storeChoice(next);
  await switchTo(next);
}

/**
 * Shows the page in a language of its content's choosing (a partner's dossier comes in the partner's language),
 * unless the reader has chosen one with the switch. Not remembered: other pages keep following the browser.
 * @param {unknown} next
 */
export async function suggestLanguage(next) {
  if (!isSupportedLanguage(next) || next === language || isSupportedLanguage(readStoredChoice())) {
    return;
  }

  await switchTo(next);
}

/** @param {import('./i18n-core.js').Language} next */
async function switchTo(next) {
  const request = ++latestRequest;
  await load(next);
  if (request !== latestRequest) {
    return; // a later click won the race
  }

  language = next;
  document.documentElement.lang = next;
  applyTranslations(document);
  document.dispatchEvent(new CustomEvent('languagechange', { detail: { language: next } }));
}

/**
 * @param {string} key
 * @param {Record<string, unknown>} [params] values for {name} placeholders
 */
export function t(key, params) {
  return translate(dictionaries, language, key, params);
}

/**
 * Whether key has a text (in the current language or in Dutch): for codes from the server, which may be newer
 * than the page.
 * @param {string} key
 */
export function hasText(key) {
  return lookup(dictionaries, language, key) !== undefined;
}

/**
 * Picks key.one / key.other (… per Intl.PluralRules of the current language) and fills {count}.
 * @param {string} key
 * @param {number} count
 * @param {Record<string, unknown>} [params]
 */
export function plural(key, count, params = {}) {
  const category = new Intl.PluralRules(currentLocale()).select(count);
  const specific = `${key}.${category}`;
  const chosen = lookup(dictionaries, language, specific) !== undefined ? specific : `${key}.other`;
  return t(chosen, { count: count.toLocaleString(currentLocale()), ...params });
}

/**
 * Translates root and everything under it. An element with data-i18n must hold text only: its content
 * is replaced. A key without a text (not even in Dutch) leaves the element as the HTML wrote it.
 * @param {ParentNode & Node} [root]
 */
export function applyTranslations(root = document) {
  const elements = [...root.querySelectorAll('[data-i18n], [data-i18n-attr]')];
  if (root instanceof Element && root.matches('[data-i18n], [data-i18n-attr]')) {
    elements.unshift(root);
  }

  for (const element of elements) {
    const key = element.getAttribute('data-i18n');
    const text = key ? lookup(dictionaries, language, key) : undefined;
    if (text !== undefined) {
      element.textContent = text;
    }

    for (const [attribute, attributeKey] of parseAttributeList(element.getAttribute('data-i18n-attr'))) {
      const value = lookup(dictionaries, language, attributeKey);
      if (value !== undefined) {
        element.setAttribute(attribute, value);
      }
    }
  }
}

/**
 * Renders the NL/FR/EN switch into element: a labelled group of toggle buttons with aria-pressed.
 * @param {HTMLElement | null} element
 */
export function mountLanguageSwitch(element) {
  if (!element) {
    return;
  }

  element.classList.add('language-switch');
  element.setAttribute('role', 'group');
  element.setAttribute('data-i18n-attr', 'aria-label:language.switch');
  element.setAttribute('aria-label', t('language.switch'));

  const buttons = SUPPORTED_LANGUAGES.map((code) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'language-switch-option';
    button.lang = code;
    button.value = code;

    // Visible "NL" plus a hidden "Nederlands": the accessible name still starts with what is seen.
    const abbreviation = document.createElement('span');
    abbreviation.textContent = code.toUpperCase();
    const name = document.createElement('span');
    name.className = 'visually-hidden';
    name.textContent = ` ${NATIVE_NAMES[code]}`;
    button.append(abbreviation, name);

    button.addEventListener('click', () => {
      setLanguage(code);
    });
    return button;
  });

  element.replaceChildren(...buttons);
  update();
  document.addEventListener('languagechange', update);

  function update() {
    for (const button of buttons) {
      button.setAttribute('aria-pressed', String(button.value === language));
    }
  }
}

/** @param {string} code */
function load(code) {
  let pending = loading.get(code);
  if (!pending) {
    pending = fetchDictionary(code);
    loading.set(code, pending);
  }

  return pending;
}

/** @param {string} code */
async function fetchDictionary(code) {
  try {
    const response = await fetch(new URL(`../i18n/${code}.json`, import.meta.url), {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }

    dictionaries[/** @type {import('./i18n-core.js').Language} */ (code)] = await response.json();
  } catch (error) {
    loading.delete(code); // try again on the next switch
    // Visible to developers, harmless to users: the page keeps the Dutch text it was written in.
    reportError(new Error(`Could not load the ${code} translations`, { cause: error }));
  }
}

function readStoredChoice() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (privacy settings): fall back to the browser's languages
  }
}

/** @param {string} code */
function storeChoice(code) {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // The choice then lasts for this page only.
  }
}
