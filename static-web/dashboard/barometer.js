// A neighbourhood's barometer: observations per category against the period before and a year earlier.
import { setText } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { fillTable } from './tables.js';

/**
 * @param {HTMLElement} section .dashboard-barometer
 * @param {{ name: string, categories: { category: string, observations: number, previous: number, sameTimeLastYear: number }[], openNow: number, lateNow: number, veryLateNow: number }} barometer
 * @param {Map<string, string>} categoryLabels
 */
export function renderBarometer(section, barometer, categoryLabels) {
  section.hidden = false;
  setText(/** @type {HTMLElement} */ (section.querySelector('h2')), t('dashboard.barometerOf', { name: barometer.name }));
  setText(/** @type {HTMLElement} */ (section.querySelector('.dashboard-barometer-now')),
    t('dashboard.barometerNow', { open: String(barometer.openNow), late: String(barometer.lateNow), veryLate: String(barometer.veryLateNow) }));
  fillTable(/** @type {HTMLTableElement} */ (section.querySelector('table')), t('dashboard.barometerCaption'),
    [t('dashboard.category'), t('dashboard.figure.observations'), t('dashboard.previous'), t('dashboard.lastYear')],
    barometer.categories.map((c) => [categoryLabels.get(c.category) ?? c.category, String(c.observations), String(c.previous), String(c.sameTimeLastYear)]));
}
