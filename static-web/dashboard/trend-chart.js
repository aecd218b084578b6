// The weekly trend: a Chart.js line chart, and the same numbers in a table for those who cannot see the chart.
import { currentLocale, t } from '/js/i18n.js';
import { setText } from '/js/dom.js';
import { fillTable } from './tables.js';

/**
 * @param {HTMLElement} section .dashboard-trend
 */
export function mountTrend(section) {
  const canvas = /** @type {HTMLCanvasElement} */ (section.querySelector('canvas'));
  const table = /** @type {HTMLTableElement} */ (section.querySelector('.dashboard-trend-table'));
  const top = /** @type {HTMLElement} */ (section.querySelector('.dashboard-top'));
  /** @type {any} */
  let chart = null;

  /** @param {number} n */
  const signed = (n) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

  return {
    /**
     * @param {{ weeks: { week: string, counts: Record<string, number>, change: Record<string, number> }[], topCategories: { category: string, observations: number }[] }} trend
     * @param {Map<string, string>} categoryLabels
     */
    update(trend, categoryLabels) {
      const labels = trend.weeks.map((w) => w.week);
      const series = [
        { key: 'observations', label: t('dashboard.figure.observations'), colour: '#0b4a85' },
        { key: 'opened', label: t('dashboard.figure.opened'), colour: '#b35900' },
        { key: 'resolved', label: t('dashboard.figure.resolved'), colour: '#2e7d32' },
      ];
      const datasets = series.map((s) => ({
        label: s.label, data: trend.weeks.map((w) => w.counts[s.key]), borderColor: s.colour, backgroundColor: s.colour, tension: 0.2, pointRadius: 2,
      }));
      const Chart = /** @type {any} */ (window).Chart;
      if (Chart && !chart) {
        chart = new Chart(canvas, { type: 'line', data: { labels, datasets }, options: { animation: false, maintainAspectRatio: false, locale: currentLocale() } });
      } else if (chart) {
        chart.data.labels = labels;
        chart.data.datasets = datasets;
        chart.update();
      }

      canvas.dataset.points = String(trend.weeks.reduce((sum, w) => sum + w.counts.observations, 0));
      fillTable(table, t('dashboard.trendCaption'), [t('dashboard.week'), ...series.flatMap((s) => [s.label, t('dashboard.change')])],
        trend.weeks.map((w) => [w.week, ...series.flatMap((s) => [String(w.counts[s.key]), signed(w.change[s.key])])]));
      setText(top, trend.topCategories.length === 0 ? '' : t('dashboard.topCategories', {
        list: trend.topCategories.map((c) => `${categoryLabels.get(c.category) ?? c.category} (${c.observations})`).join(', '),
      }));
    },
  };
}
