// The figure cards: each figure of the period, and its change against the period before.
import { t } from '/js/i18n.js';
import { formatChange, formatValue } from './dashboard-core.js';

/** @returns {[string, 'count' | 'share' | 'days', string][]} key, kind, label */
function figures() {
  return [
    ['observations', 'count', t('dashboard.figure.observations')],
    ['opened', 'count', t('dashboard.figure.opened')],
    ['forwarded', 'count', t('dashboard.figure.forwarded')],
    ['acknowledged', 'count', t('dashboard.figure.acknowledged')],
    ['resolved', 'count', t('dashboard.figure.resolved')],
    ['acknowledgeMedianWorkingDays', 'days', t('dashboard.figure.acknowledgeMedian')],
    ['acknowledgeP90WorkingDays', 'days', t('dashboard.figure.acknowledgeP90')],
    ['resolveMedianWorkingDays', 'days', t('dashboard.figure.resolveMedian')],
    ['resolveP90WorkingDays', 'days', t('dashboard.figure.resolveP90')],
    ['acknowledgedWithinServiceLevel', 'share', t('dashboard.figure.acknowledgedWithin')],
    ['resolvedWithinServiceLevel', 'share', t('dashboard.figure.resolvedWithin')],
    ['partnersInvolved', 'count', t('dashboard.figure.partnersInvolved')],
    ['openNow', 'count', t('dashboard.figure.openNow')],
    ['lateNow', 'count', t('dashboard.figure.lateNow')],
    ['veryLateNow', 'count', t('dashboard.figure.veryLateNow')],
  ];
}

/**
 * @param {HTMLElement} list ul.dashboard-figures
 * @param {Record<string, { value: number | null, previous: number | null, change: number | null }>} summary
 */
export function renderFigures(list, summary) {
  list.replaceChildren(...figures().map(([key, kind, label]) => {
    const figure = summary[key];
    const item = document.createElement('li');
    item.className = 'dashboard-figure';
    item.dataset.figure = key;
    const name = document.createElement('span');
    name.className = 'dashboard-figure-label';
    name.textContent = label;
    const value = document.createElement('span');
    value.className = 'dashboard-figure-value';
    value.textContent = formatValue(figure.value, kind);
    item.append(name, value);
    const change = formatChange(figure.change, kind);
    if (change !== null) {
      const note = document.createElement('span');
      note.className = 'dashboard-figure-change';
      note.textContent = t('dashboard.changeAgainst', { change, previous: formatValue(figure.previous, kind) });
      item.append(note);
    }

    return item;
  }));
}
