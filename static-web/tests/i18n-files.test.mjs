// The three language files stay in step, and every key a page or script asks for exists.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { SUPPORTED_LANGUAGES, parseAttributeList } from '../js/i18n-core.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dictionaries = Object.fromEntries(
  await Promise.all(
    SUPPORTED_LANGUAGES.map(async (language) => [
      language,
      JSON.parse(await readFile(join(root, 'i18n', `${language}.json`), 'utf8')),
    ]),
  ),
);

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('language files', () => {
  test('all three have exactly the same keys', () => {
    const dutch = Object.keys(dictionaries.nl).sort();
    for (const language of SUPPORTED_LANGUAGES) {
      assert.deepEqual(Object.keys(dictionaries[language]).sort(), dutch, `${language}.json differs from nl.json`);
    }
  });

  test('every text is a non-empty string', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      for (const [key, text] of Object.entries(dictionaries[language])) {
        assert.equal(typeof text, 'string', `${language}:${key}`);
        assert.notEqual(text.trim(), '', `${language}:${key}`);
      }
    }
  });

  test('a translation uses the same {placeholders} as the Dutch text', () => {
    for (const [key, text] of Object.entries(dictionaries.nl)) {
      for (const language of SUPPORTED_LANGUAGES) {
        assert.deepEqual(placeholders(dictionaries[language][key]), placeholders(text), `${language}:${key}`);
      }
    }
  });

  test('every key used in the pages and scripts exists', async () => {
    const used = new Set();
    for (const file of await sourceFiles(root)) {
      const source = await readFile(file, 'utf8');
      const where = relative(root, file);
      if (extname(file) === '.html') {
        for (const [, key] of source.matchAll(/data-i18n="([^"]+)"/g)) {
          used.add(`${where}: ${key}`);
        }

        for (const [, spec] of source.matchAll(/data-i18n-attr="([^"]+)"/g)) {
          for (const [, key] of parseAttributeList(spec)) {
            used.add(`${where}: ${key}`);
          }
        }
      } else {
        for (const [, key] of source.matchAll(/\bt\(\s*'([^']+)'/g)) {
          used.add(`${where}: ${key}`);
        }

        for (const [, key] of source.matchAll(/\bplural\(\s*'([^']+)'/g)) {
          used.add(`${where}: ${key}.other`);
        }
      }
    }

    assert.ok(used.size > 0, 'found no keys at all: is the scan broken?');
    const missing = [...used].filter((entry) => !Object.hasOwn(dictionaries.nl, entry.split(': ')[1]));
    assert.deepEqual(missing, []);
  });

  test('the Dutch text written in the pages is the text of nl.json', async () => {
    const drift = [];
    let compared = 0;
    for (const file of await sourceFiles(root)) {
      if (extname(file) !== '.html') {
        continue;
      }

      const source = await readFile(file, 'utf8');
      for (const [, key, text] of source.matchAll(/data-i18n="([^"]+)"[^>]*>([^<]*)</g)) {
        if (text.trim() === '') {
          continue;
        }

        compared++;
        if (text.trim() !== dictionaries.nl[key]) {
          drift.push(`${relative(root, file)}: ${key}`);
        }
      }
    }

    assert.ok(compared > 0, 'compared no text at all: is the scan broken?');
    assert.deepEqual(drift, []);
  });
});

/** @param {string} dir */
async function sourceFiles(dir) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['tests', 'vendor', 'node_modules'].includes(entry.name)) {
        files.push(...(await sourceFiles(path)));
      }
    } else if (['.html', '.js'].includes(extname(entry.name))) {
      files.push(path);
    }
  }

  return files;
}
