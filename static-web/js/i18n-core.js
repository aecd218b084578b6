// Pure translation logic: no DOM, no storage, no network, so it runs under `node --test` as it is.

/** @typedef {'nl' | 'fr' | 'en'} Language */
/** @typedef {Record<string, string>} Dictionary  flat: "home.title" → "Wijkwacht" */
/** @typedef {Partial<Record<Language, Dictionary>>} Dictionaries */

/** @type {readonly Language[]} */
export const SUPPORTED_LANGUAGES = Object.freeze(['nl', 'fr', 'en']);

/** Dutch is the primary language: the pages are written in it and every other language falls back to it. */
export const DEFAULT_LANGUAGE = 'nl';

/** Dates and numbers follow Belgian conventions whatever the language; en-BE is a real CLDR locale. */
const LOCALES = Object.freeze({ nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE' });

/**
 * @param {unknown} language
 * @returns {language is Language}
 */
export function isSupportedLanguage(language) {
  return typeof language === 'string' && SUPPORTED_LANGUAGES.includes(/** @type {Language} */ (language));
}

/**
 * An explicit choice wins; otherwise the first browser preference whose primary subtag we speak
 * ("fr-BE" → fr); otherwise Dutch.
 * @param {{ stored?: string | null, preferred?: readonly string[] | null }} input
 * @returns {Language}
 */
export function negotiateLanguage({ stored, preferred } = {}) {
  if (isSupportedLanguage(stored)) {
    return stored;
  }

  for (const tag of preferred ?? []) {
    const primary = String(tag).trim().toLowerCase().split(/[-_]/)[0];
    if (isSupportedLanguage(primary)) {
      return primary;
    }
  }

  return DEFAULT_LANGUAGE;
}

/**
 * Replaces {name} with params.name. A placeholder without a value stays visible, so a missing
 * parameter shows up in review instead of silently disappearing.
 * @param {string} template
 * @param {Record<string, unknown>} [params]
 */
export function interpolate(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (placeholder, name) =>
    Object.hasOwn(params, name) && params[name] !== undefined && params[name] !== null
      ? String(params[name])
      : placeholder,
  );
}

/**
 * The text for key in language, else in Dutch, else undefined.
 * @param {Dictionaries} dictionaries
 * @param {string} language
 * @param {string} key
 * @returns {string | undefined}
 */
export function lookup(dictionaries, language, key) {
  for (const candidate of [language, DEFAULT_LANGUAGE]) {
    const dictionary = dictionaries[/** @type {Language} */ (candidate)];
    if (dictionary && Object.hasOwn(dictionary, key) && typeof dictionary[key] === 'string') {
      return dictionary[key];
    }
  }

  return undefined;
}

/**
 * Like lookup, but never empty-handed: an unknown key comes back as itself.
 * @param {Dictionaries} dictionaries
 * @param {string} language
 * @param {string} key
 * @param {Record<string, unknown>} [params]
 */
export function translate(dictionaries, language, key, params) {
  return interpolate(lookup(dictionaries, language, key) ?? key, params);
}

/**
 * Parses data-i18n-attr="aria-label:nav.label;title:nav.title" into [["aria-label", "nav.label"], …].
 * @param {string | null | undefined} spec
 * @returns {Array<[string, string]>}
 */
export function parseAttributeList(spec) {
  /** @type {Array<[string, string]>} */
  const pairs = [];
  for (const part of (spec ?? '').split(';')) {
    const separator = part.indexOf(':');
    if (separator < 0) {
      continue;
    }

    const attribute = part.slice(0, separator).trim();
    const key = part.slice(separator + 1).trim();
    if (attribute && key) {
      pairs.push([attribute, key]);
    }
  }

  return pairs;
}

/**
 * The Intl locale to format dates and numbers with for a UI language.
 * @param {string} language
 */
export function localeFor(language) {
  return isSupportedLanguage(language) ? LOCALES[language] : LOCALES[DEFAULT_LANGUAGE];
}
