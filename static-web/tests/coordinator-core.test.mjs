// The coordinator page's rules: the filter survives the address (back button, shared links), the API paths,
// the actions per status, timeline lines, and that every key the page uses has words in every language.
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { SUPPORTED_LANGUAGES } from '../js/i18n-core.js';
import {
  FILTER_NAMES,
  STATUSES,
  actorLabel,
  countsInOrder,
  dossierFromSearch,
  emptyFilter,
  exportPath,
  filterFromSearch,
  filterToQuery,
  listPath,
  pageUrl,
  sameFilter,
  timelineLine,
  transitionsFor,
} from '../coordinator/coordinator-core.js';

const ID = '3f2a9c01-1111-2222-3333-444455556666';

describe('the filter in the address', () => {
  test('goes to the address and comes back the same', () => {
    const filter = { ...emptyFilter(), status: 'forwarded', neighbourhood: 'centrum', q: 'rue haute', overdue: 'true', sort: 'most-overdue' };
    const url = pageUrl(filter);

    assert.equal(url, '/coordinator/?status=forwarded&neighbourhood=centrum&overdue=true&q=rue+haute&sort=most-overdue');
    assert.deepEqual(filterFromSearch(url.split('?')[1]), filter);
  });

  test('keeps the filter when a dossier is opened from it', () => {
    const url = pageUrl({ ...emptyFilter(), category: 'noise' }, ID);

    assert.equal(url, `/coordinator/?category=noise&dossier=${ID}`);
    assert.equal(dossierFromSearch(url.split('?')[1]), ID);
    assert.equal(filterFromSearch(url.split('?')[1]).category, 'noise');
  });

  test('drops values the list would refuse, so an edited link still opens a list', () => {
    const filter = filterFromSearch('?status=lost&partner=Net%20Brussel&from=yesterday&overdue=yes&escalated=false&sort=random&colour=red');

    assert.deepEqual(filter, { ...emptyFilter(), escalated: 'false' });
  });

  test('opens no dossier for an id that is not one', () => {
    assert.equal(dossierFromSearch('?dossier=../../etc'), null);
    assert.equal(dossierFromSearch(''), null);
  });

  test('writes the default order and empty filters nowhere', () => {
    assert.equal(filterToQuery({ ...emptyFilter(), sort: 'newest' }), '');
    assert.equal(pageUrl(emptyFilter()), '/coordinator/');
    assert.ok(sameFilter(emptyFilter(), { ...emptyFilter(), sort: 'newest' }));
  });
});

describe('the API paths', () => {
  test('ask for pages of the filter', () => {
    assert.equal(listPath(emptyFilter()), '/api/dossiers?pageSize=50');
    assert.equal(listPath({ ...emptyFilter(), partner: 'net-brussel' }, 'abc/='), '/api/dossiers?partner=net-brussel&pageSize=50&continuationToken=abc%2F%3D');
  });

  test('export the same filter with the separator asked for', () => {
    assert.equal(exportPath({ ...emptyFilter(), status: 'resolved' }, 'semicolon'), '/api/dossiers/export.csv?status=resolved&separator=semicolon');
  });
});

describe('what a dossier offers', () => {
  test('each open status offers its next steps and a closed one none', () => {
    assert.deepEqual(transitionsFor('forwarded'), ['acknowledged', 'resolved', 'rejected']);
    assert.deepEqual(transitionsFor('in-progress'), ['resolved', 'rejected']);
    assert.deepEqual(transitionsFor('resolved'), []);
    assert.deepEqual(transitionsFor('rejected'), []);
  });

  test('counts come in status order with their total', () => {
    const { items, total } = countsInOrder({ forwarded: 3, resolved: 2 });
    assert.deepEqual(items.map((i) => i.status), STATUSES);
    assert.equal(total, 5);
  });
});

describe('the timeline', () => {
  test('a transition names both statuses and a reminder its deadline and step', () => {
    assert.deepEqual(timelineLine({ at: '', kind: 'transition', actor: 'x', change: 'forwarded→in-progress' }).statuses, ['forwarded', 'in-progress']);
    assert.deepEqual(timelineLine({ at: '', kind: 'reminder', actor: 'system', deadline: 'resolution', step: 2 }),
      { key: 'coordinator.timeline.reminder.resolution', params: { step: 2, to: '' }, statuses: [] });
  });

  test('says who acted', () => {
    assert.deepEqual(actorLabel('partner:net-brussel'), { key: 'coordinator.actor.partner', params: { partner: 'net-brussel' } });
    assert.equal(actorLabel('system').key, 'coordinator.actor.system');
    assert.deepEqual(actorLabel('coordinator-1'), { key: 'coordinator.actor.user', params: { user: 'coordinator-1' } });
  });
});

describe('the words', () => {
  test('every key the coordinator page uses is in every language', async () => {
    const dictionaries = Object.fromEntries(await Promise.all(SUPPORTED_LANGUAGES.map(async (language) =>
      [language, JSON.parse(await readFile(new URL(`../i18n/${language}.json`, import.meta.url), 'utf8'))])));
    const files = (await readdir(new URL('../coordinator/', import.meta.url))).filter((f) => f.endsWith('.js') || f.endsWith('.html'));
    const sources = await Promise.all(files.map((f) => readFile(new URL(`../coordinator/${f}`, import.meta.url), 'utf8')));
    const used = new Set(sources.flatMap((source) => [...source.matchAll(/['"](coordinator\.[a-zA-Z0-9.-]+[a-zA-Z0-9])['"]/g)].map((m) => m[1])));
    for (const status of STATUSES) {
      used.add(`coordinator.status.${status}`);
    }

    for (const to of ['acknowledged', 'in-progress', 'resolved', 'rejected']) {
      used.add(`coordinator.actions.to.${to}`);
      used.add(`coordinator.actions.done.${to}`);
    }

    for (const outcome of ['done', 'not-found', 'refused', 'changed-meanwhile']) {
      used.add(`coordinator.bulk.outcome.${outcome}`);
    }

    for (const key of ['sort.newest', 'sort.oldest-open', 'sort.most-overdue', 'map.unavailable', 'map.noTiles']) {
      used.add(`coordinator.${key}`);
    }

    for (const name of ['acknowledgement', 'resolution']) {
      used.add(`coordinator.timeline.reminder.${name}`);
      used.add(`coordinator.timeline.escalation.${name}`);
    }

    for (const kind of ['mail', 'transition', 'observation-linked', 'note', 'opened', 'other']) {
      used.add(`coordinator.timeline.${kind}`);
    }

    assert.ok(used.size > 40, `only ${used.size} keys found`);
    for (const language of SUPPORTED_LANGUAGES) {
      const missing = [...used].filter((key) => !(key in dictionaries[language]) && !(`${key}.other` in dictionaries[language]));
      assert.deepEqual(missing, [], `missing in ${language}`);
    }

    assert.deepEqual(FILTER_NAMES.length, 10);
  });
});
