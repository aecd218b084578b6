// The demo users must be ones the API accepts, and every role and institution must have a name in every language.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { SUPPORTED_LANGUAGES } from '../js/i18n-core.js';
import { DEMO_USERS, ROLES, signInRequest } from '../signin/signin-core.js';

const dictionaries = await Promise.all(
  SUPPORTED_LANGUAGES.map(async (language) => JSON.parse(await readFile(new URL(`../i18n/${language}.json`, import.meta.url), 'utf8'))),
);

describe('demo users', () => {
  test('each one passes the rules of POST /api/dev/signin', () => {
    for (const user of DEMO_USERS) {
      assert.match(user.userId, /^[A-Za-z0-9._@-]{1,64}$/, user.userId);
      assert.ok((user.name ?? '').length <= 100, user.userId);
      assert.ok(user.roles.length <= 5, user.userId);
      for (const role of user.roles) {
        assert.ok(ROLES.includes(role), `${user.userId}: ${role}`);
      }
    }
  });

  test('user ids are unique', () => {
    const ids = DEMO_USERS.map((user) => user.userId);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('each one has a name, written or translated in every language', () => {
    for (const user of DEMO_USERS) {
      assert.ok(user.name || user.nameKey, user.userId);
      if (user.nameKey) {
        for (const dictionary of dictionaries) {
          assert.equal(typeof dictionary[user.nameKey], 'string', user.nameKey);
        }
      }
    }
  });
});

describe('roles', () => {
  test('are the five the API knows', () => {
    assert.deepEqual([...ROLES], ['warden', 'coordinator', 'officer', 'partner', 'admin']);
  });

  test('each has a name in every language', () => {
    for (const role of ROLES) {
      for (const dictionary of dictionaries) {
        assert.equal(typeof dictionary[`role.${role}`], 'string', `role.${role}`);
      }
    }
  });
});

describe('signInRequest', () => {
  test('trims the texts and sends every ticked role', () => {
    const data = new FormData();
    data.set('userId', '  warden-sofie ');
    data.set('name', ' Sofie Dubois ');
    data.append('roles', 'warden');
    data.append('roles', 'coordinator');
    assert.deepEqual(signInRequest(data), { userId: 'warden-sofie', name: 'Sofie Dubois', roles: ['warden', 'coordinator'] });
  });

  test('no roles ticked and no name is an empty list and an empty name', () => {
    const data = new FormData();
    data.set('userId', 'tester');
    assert.deepEqual(signInRequest(data), { userId: 'tester', name: '', roles: [] });
  });
});
