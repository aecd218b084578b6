// Open problems of the chosen category near the chosen place, shown before the citizen sends theirs: if theirs is
// among them, it is known and being handled. Data down: call the returned update(category, place).
import { apiGet } from '/js/api.js';
import { currentLocale, t } from '/js/i18n.js';
import { nearbyPath } from './report-core.js';

/** @param {HTMLElement} element the section.nearby-reports */
export function mountNearbyList(element) {
  const list = /** @type {HTMLUListElement} */ (element.querySelector('.nearby-reports-list'));
  let asked = 0;

  /**
   * @param {string} category
   * @param {{ latitude: number, longitude: number } | null} place
   * @param {Map<string, string>} labels category code → label
   */
  return async function update(category, place, labels) {
    const ask = ++asked;
    if (!category || !place) {
      element.hidden = true;
      return;
    }

    let found = [];
    try {
      found = await apiGet(nearbyPath(category, place.latitude, place.longitude));
    } catch {
      found = []; // a hint only: without it the citizen can still report
    }

    if (ask !== asked) {
      return; // a later choice answered first
    }

    list.replaceChildren(...found.map((/** @type {any} */ report) => {
      const item = document.createElement('li');
      const date = new Date(`${report.reportedOn}T12:00:00`).toLocaleDateString(currentLocale(), { day: 'numeric', month: 'long' });
      item.textContent = t('report.nearby.item', {
        category: labels.get(report.category) ?? report.category,
        distance: String(report.distanceMeters),
        date,
        status: t(`report.status.${report.status}`),
      });
      return item;
    }));
    element.hidden = found.length === 0;
  };
}
