// The list's filters as a form: free text, status, partner, category, neighbourhood, period, order, overdue and
// escalated. Data down: show(filter). Actions up: `filterApply` with { filter }, bubbling.
import { setText } from '/js/dom.js';
import { currentLanguage, t } from '/js/i18n.js';
import { FILTER_NAMES, SORTS, STATUSES, emptyFilter } from './coordinator-core.js';

/**
 * @param {HTMLElement} element the section.filter-bar
 * @param {import('./coordinator.js').Reference} reference
 */
export function mountFilterBar(element, reference) {
  const form = /** @type {HTMLFormElement} */ (element.querySelector('.filter-bar-form'));
  const problem = /** @type {HTMLElement} */ (element.querySelector('.filter-bar-problem'));
  /** @param {string} name */
  const field = (name) => /** @type {HTMLInputElement & HTMLSelectElement} */ (form.elements.namedItem(name));
  let shown = emptyFilter();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const filter = read();
    if (filter.from && filter.to && filter.from > filter.to) {
      setText(problem, t('coordinator.filters.periodBackwards'));
      problem.hidden = false;
      field('to').setAttribute('aria-invalid', 'true');
      field('to').focus();
      return;
    }

    problem.hidden = true;
    field('to').removeAttribute('aria-invalid');
    element.dispatchEvent(new CustomEvent('filterApply', { bubbles: true, detail: { filter } }));
  });
  /** @type {HTMLElement} */ (element.querySelector('.filter-bar-clear')).addEventListener('click', () =>
    element.dispatchEvent(new CustomEvent('filterApply', { bubbles: true, detail: { filter: emptyFilter() } })));

  relabel();

  /** The form as a filter: empty fields are no filter. */
  function read() {
    const filter = emptyFilter();
    for (const name of FILTER_NAMES) {
      const input = field(name);
      filter[name] = input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value.trim();
    }

    return filter;
  }

  /** @param {import('./coordinator-core.js').Filter} filter */
  function show(filter) {
    shown = filter;
    for (const name of FILTER_NAMES) {
      const input = field(name);
      if (input.type === 'checkbox') {
        input.checked = filter[name] === 'true';
      } else {
        input.value = name === 'sort' && filter[name] === 'newest' ? '' : filter[name];
      }
    }
  }

  /** Options in the current language, sorted as people read them; the chosen values stay chosen. */
  function relabel() {
    const collator = new Intl.Collator(currentLanguage());
    options(field('status'), STATUSES.map((s) => [s, t(`coordinator.status.${s}`)]), t('coordinator.filters.any'));
    options(field('partner'), [...reference.partners.values()].map((p) => [p.id, p.name]).sort((a, b) => collator.compare(a[1], b[1])), t('coordinator.filters.any'));
    options(field('category'), [...reference.categories].sort((a, b) => collator.compare(a[1], b[1])), t('coordinator.filters.any'));
    options(field('neighbourhood'), (reference.neighbourhoods.features ?? [])
      .map((/** @type {any} */ f) => [f.properties.id, f.properties.name?.[currentLanguage()] ?? f.properties.id])
      .sort((/** @type {string[]} */ a, /** @type {string[]} */ b) => collator.compare(a[1], b[1])), t('coordinator.filters.any'));
    options(field('sort'), SORTS.map((s) => [s === 'newest' ? '' : s, t(`coordinator.sort.${s}`)]), null);
    show(shown);
  }

  return { show, relabel };
}

/**
 * @param {HTMLSelectElement} select
 * @param {Array<[string, string]> | string[][]} entries value, label
 * @param {string | null} anyLabel  the first option, for "no filter"
 */
function options(select, entries, anyLabel) {
  const chosen = select.value;
  select.replaceChildren();
  if (anyLabel !== null) {
    select.append(new Option(anyLabel, ''));
  }

  for (const [value, label] of entries) {
    select.append(new Option(label, value));
  }

  select.value = chosen;
}
