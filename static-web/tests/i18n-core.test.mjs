import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  DEFAULT_LANGUAGE,
  interpolate,
  localeFor,
  lookup,
  negotiateLanguage,
  parseAttributeList,
  translate,
} from '../js/i18n-core.js';

describe('negotiateLanguage', () => {
  test('a Belgian French browser gets French', () => {
    assert.equal(negotiateLanguage({ preferred: ['fr-BE', 'nl-BE'] }), 'fr');
  });

  test('a British English browser gets English', () => {
    assert.equal(negotiateLanguage({ preferred: ['en-GB'] }), 'en');
  });

  test('a language we do not speak falls back to Dutch', () => {
    assert.equal(negotiateLanguage({ preferred: ['de'] }), 'nl');
    assert.equal(DEFAULT_LANGUAGE, 'nl');
  });

  test('the first supported preference wins, not the first preference', () => {
    assert.equal(negotiateLanguage({ preferred: ['de-DE', 'en-US', 'fr'] }), 'en');
  });

  test('a stored choice wins over the browser', () => {
    assert.equal(negotiateLanguage({ stored: 'en', preferred: ['fr-BE'] }), 'en');
  });

  test('an unusable stored value is ignored', () => {
    assert.equal(negotiateLanguage({ stored: 'de', preferred: ['fr-BE'] }), 'fr');
    assert.equal(negotiateLanguage({ stored: null, preferred: ['fr-BE'] }), 'fr');
  });

  test('nothing known at all gives Dutch', () => {
    assert.equal(negotiateLanguage({}), 'nl');
    assert.equal(negotiateLanguage(), 'nl');
    assert.equal(negotiateLanguage({ preferred: [] }), 'nl');
  });

  test('tags are matched case-insensitively and with underscores', () => {
    assert.equal(negotiateLanguage({ preferred: ['FR_be'] }), 'fr');
  });
});

describe('interpolate', () => {
  test('fills named placeholders', () => {
    assert.equal(interpolate('Goedemorgen {name}, {count} meldingen', { name: 'Sara', count: 3 }), 'Goedemorgen Sara, 3 meldingen');
  });

  test('fills the same placeholder twice', () => {
    assert.equal(interpolate('{a} en {a}', { a: 'x' }), 'x en x');
  });

  test('leaves a placeholder without a value visible', () => {
    assert.equal(interpolate('Bijgewerkt om {time}', {}), 'Bijgewerkt om {time}');
    assert.equal(interpolate('Bijgewerkt om {time}'), 'Bijgewerkt om {time}');
  });

  test('zero and empty string are values', () => {
    assert.equal(interpolate('{count}|{text}', { count: 0, text: '' }), '0|');
  });

  test('does not read inherited properties', () => {
    assert.equal(interpolate('{toString}', {}), '{toString}');
  });
});

describe('lookup and translate', () => {
  const dictionaries = {
    nl: { greeting: 'Hallo {name}', onlyDutch: 'Alleen Nederlands' },
    fr: { greeting: 'Bonjour {name}' },
    en: {},
  };

  test('finds the key in the current language', () => {
    assert.equal(translate(dictionaries, 'fr', 'greeting', { name: 'Amina' }), 'Bonjour Amina');
  });

  test('a key missing in the current language falls back to Dutch', () => {
    assert.equal(translate(dictionaries, 'fr', 'onlyDutch'), 'Alleen Nederlands');
    assert.equal(translate(dictionaries, 'en', 'greeting', { name: 'Tom' }), 'Hallo Tom');
  });

  test('a key missing everywhere comes back as the key itself', () => {
    assert.equal(translate(dictionaries, 'fr', 'nowhere.to.be.found'), 'nowhere.to.be.found');
  });

  test('lookup says undefined instead of inventing text', () => {
    assert.equal(lookup(dictionaries, 'en', 'nowhere'), undefined);
    assert.equal(lookup(dictionaries, 'en', 'toString'), undefined);
  });

  test('a dictionary that did not load counts as missing', () => {
    assert.equal(translate({ nl: { a: 'A' } }, 'fr', 'a'), 'A');
    assert.equal(translate({}, 'fr', 'a'), 'a');
  });
});

describe('parseAttributeList', () => {
  test('reads attribute:key pairs separated by semicolons', () => {
    assert.deepEqual(parseAttributeList('aria-label:nav.label; title : nav.title;'), [
      ['aria-label', 'nav.label'],
      ['title', 'nav.title'],
    ]);
  });

  test('ignores empty and malformed parts', () => {
    assert.deepEqual(parseAttributeList(''), []);
    assert.deepEqual(parseAttributeList(null), []);
    assert.deepEqual(parseAttributeList('nonsense;:key;attr:'), []);
  });
});

describe('localeFor', () => {
  test('formats with Belgian conventions in every language', () => {
    assert.equal(localeFor('nl'), 'nl-BE');
    assert.equal(localeFor('fr'), 'fr-BE');
    assert.equal(localeFor('en'), 'en-BE');
    assert.equal(localeFor('de'), 'nl-BE');
  });
});
