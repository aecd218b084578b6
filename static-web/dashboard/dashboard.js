// The coordinators' dashboard: filters down, figures, trend, map, barometer and partner table up. Every number
// comes from /api/dashboard/*, which reads aggregates; this page only asks again when a filter changes.
import { ApiError, apiRequest } from '/js/api.js';
import { setText } from '/js/dom.js';
import { applyTranslations, currentLanguage, mountLanguageSwitch, t } from '/js/i18n.js';
import { brusselsToday, formatValue, periodOf } from './dashboard-core.js';
import { renderBarometer } from './barometer.js';
import { renderFigures } from './figures.js';
import { mountNeighbourhoodMap } from './neighbourhood-map.js';
import { mountSortableTable } from './tables.js';
import { mountTrend } from './trend-chart.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));

const main = /** @type {HTMLElement} */ (document.querySelector('.dashboard'));
const form = /** @type {HTMLFormElement} */ (main.querySelector('.dashboard-filters'));
const access = /** @type {HTMLElement} */ (main.querySelector('.dashboard-access'));
const periodText = /** @type {HTMLElement} */ (main.querySelector('.dashboard-period'));
const barometerSection = /** @type {HTMLElement} */ (main.querySelector('.dashboard-barometer'));
const field = (/** @type {string} */ name) => /** @type {HTMLInputElement | HTMLSelectElement} */ (form.elements.namedItem(name));

/** @type {Map<string, string>} */
const categoryLabels = new Map();
/** @type {string | null} */
let selectedNeighbourhood = null;
let latest = 0;

const trend = mountTrend(/** @type {HTMLElement} */ (main.querySelector('.dashboard-trend')));
const partners = mountSortableTable(/** @type {HTMLTableElement} */ (main.querySelector('.dashboard-partners-table')), [
  { key: 'name', label: () => t('dashboard.partner'), format: (p) => p.name },
  { key: 'received', label: () => t('dashboard.partners.received'), format: (p) => String(p.received) },
  { key: 'acknowledgedWithinServiceLevel', label: () => t('dashboard.figure.acknowledgedWithin'), format: (p) => formatValue(p.acknowledgedWithinServiceLevel, 'share') },
  { key: 'resolvedWithinServiceLevel', label: () => t('dashboard.figure.resolvedWithin'), format: (p) => formatValue(p.resolvedWithinServiceLevel, 'share') },
  { key: 'acknowledgeMedianWorkingDays', label: () => t('dashboard.figure.acknowledgeMedian'), format: (p) => formatValue(p.acknowledgeMedianWorkingDays, 'days') },
  { key: 'resolveMedianWorkingDays', label: () => t('dashboard.figure.resolveMedian'), format: (p) => formatValue(p.resolveMedianWorkingDays, 'days') },
  { key: 'openNow', label: () => t('dashboard.figure.openNow'), format: (p) => String(p.openNow) },
  { key: 'lateNow', label: () => t('dashboard.figure.lateNow'), format: (p) => String(p.lateNow) },
]);

/** The query string of the current filters, with the period resolved. */
function query() {
  const preset = /** @type {any} */ (field('preset').value);
  const period = periodOf(preset, brusselsToday()) ?? { from: field('from').value, to: field('to').value };
  const params = new URLSearchParams({ from: period.from, to: period.to });
  for (const name of ['category', 'neighbourhood', 'partner', 'status']) {
    if (field(name).value) params.set(name, field(name).value);
  }

  return { params, period };
}

async function load() {
  const request = ++latest;
  const { params, period } = query();
  const trendParams = new URLSearchParams(params);
  trendParams.delete('from');
  trendParams.delete('to');
  trendParams.set('weeks', '52');
  try {
    const [summary, weekly, counts, partnerRows] = await Promise.all([
      apiRequest(`/api/dashboard/summary?${params}`),
      apiRequest(`/api/dashboard/trend?${trendParams}`),
      apiRequest(`/api/dashboard/neighbourhoods?${params}`),
      apiRequest(`/api/dashboard/partners?from=${period.from}&to=${period.to}`),
    ]);
    if (request !== latest) return; // a newer filter change is on its way
    setText(periodText, t('dashboard.periodShown', { from: summary.from, to: summary.to, previousFrom: summary.previousFrom, previousTo: summary.previousTo }));
    renderFigures(/** @type {HTMLElement} */ (main.querySelector('.dashboard-figures')), summary);
    trend.update(weekly, categoryLabels);
    (await mapReady).update(counts);
    partners.update(partnerRows);
    fillPartners(partnerRows);
    if (selectedNeighbourhood) await showBarometer(selectedNeighbourhood, false);
  } catch (error) {
    showAccessProblem(error);
  }
}

/** @param {string} id @param {boolean} focus */
async function showBarometer(id, focus) {
  selectedNeighbourhood = id;
  const { params } = query();
  params.delete('neighbourhood');
  params.set('lang', currentLanguage());
  renderBarometer(barometerSection, await apiRequest(`/api/dashboard/neighbourhoods/${encodeURIComponent(id)}?${params}`), categoryLabels);
  if (focus) barometerSection.focus();
}

/** @param {{ id: string, name: string }[]} rows */
function fillPartners(rows) {
  const select = /** @type {HTMLSelectElement} */ (field('partner'));
  if (select.options.length > 1) return;
  for (const p of rows) select.add(new Option(p.name, p.id));
}

/** @param {unknown} error */
function showAccessProblem(error) {
  access.hidden = false;
  const status = error instanceof ApiError ? error.status : 0;
  setText(/** @type {HTMLElement} */ (access.querySelector('.dashboard-access-message')),
    status === 401 ? t('dashboard.problem.signIn') : status === 403 ? t('dashboard.problem.forbidden') : t('dashboard.problem.failed'));
  access.focus();
}

const [categories, neighbourhoods] = await Promise.all([
  apiRequest(`/api/categories?lang=${currentLanguage()}`),
  apiRequest('/api/neighbourhoods'),
]);
for (const c of categories.categories) {
  categoryLabels.set(c.code, c.label);
  /** @type {HTMLSelectElement} */ (field('category')).add(new Option(c.label, c.code));
}

for (const f of neighbourhoods.features) {
  /** @type {HTMLSelectElement} */ (field('neighbourhood')).add(new Option(f.properties.name[currentLanguage()] ?? f.properties.name.nl, f.properties.id));
}

const mapReady = mountNeighbourhoodMap(/** @type {HTMLElement} */ (main.querySelector('.dashboard-map-section')), neighbourhoods, (id) => showBarometer(id, true).catch(showAccessProblem));

form.addEventListener('change', () => {
  const custom = field('preset').value === 'custom';
  for (const label of form.querySelectorAll('.dashboard-custom')) /** @type {HTMLElement} */ (label).hidden = !custom;
  if (custom && (!field('from').value || !field('to').value)) {
    const week = /** @type {{ from: string, to: string }} */ (periodOf('this-month', brusselsToday()));
    field('from').value ||= week.from;
    field('to').value ||= week.to;
  }

  load();
});
form.addEventListener('submit', (event) => event.preventDefault());
await load();
