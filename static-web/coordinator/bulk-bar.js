// One action on the dossiers ticked in the list: close them, add an internal note, or give them to another
// partner. The API acts on each dossier on its own and answers per dossier; this shows those answers.
// Data down: show(selection), the ticked dossiers ({ id, reference }). Actions up: `bulkDone`, bubbling.
import { apiPost, asApiError } from '/js/api.js';
import { setText } from '/js/dom.js';
import { plural, t } from '/js/i18n.js';

/**
 * @param {HTMLFormElement} form the form.bulk-bar
 * @param {HTMLElement} results the div.bulk-results
 * @param {import('./coordinator.js').Reference} reference
 */
export function mountBulkBar(form, results, reference) {
  /** @param {string} name */
  const field = (name) => /** @type {HTMLSelectElement & HTMLTextAreaElement} */ (form.elements.namedItem(name));
  const problem = /** @type {HTMLElement} */ (form.querySelector('.bulk-bar-problem'));
  const partnerField = /** @type {HTMLElement} */ (form.querySelector('.bulk-bar-partner'));
  /** @type {Array<{ id: string, reference: string }>} */
  let selection = [];
  let busy = false;

  field('action').addEventListener('change', render);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const action = field('action').value;
    const text = field('text').value.trim();
    if (action === 'note' && text === '') {
      setText(problem, t('coordinator.actions.noteRequired'));
      problem.hidden = false;
      field('text').focus();
      return;
    }

    busy = true;
    problem.hidden = true;
    render();
    try {
      const body = { action, dossierIds: selection.map((d) => d.id), requestId: crypto.randomUUID(), partnerId: action === 'reassign' ? field('partnerId').value : null, reason: action === 'note' ? null : text || null, text: action === 'note' ? text : null };
      const answer = await apiPost('/api/dossiers/bulk', body);
      showResults(answer.results);
      field('text').value = '';
      form.dispatchEvent(new CustomEvent('bulkDone', { bubbles: true }));
    } catch (error) {
      setText(problem, asApiError(error).detail || asApiError(error).title);
      problem.hidden = false;
    } finally {
      busy = false;
      render();
    }
  });
  document.addEventListener('languagechange', render);

  /** @param {Array<{ id: string, outcome: string, problem?: string | null }>} answers */
  function showResults(answers) {
    const references = new Map(selection.map((d) => [d.id, d.reference]));
    const done = answers.filter((a) => a.outcome === 'done').length;
    setText(/** @type {HTMLElement} */ (results.querySelector('.bulk-results-summary')), t('coordinator.bulk.summary', { done, total: answers.length }));
    /** @type {HTMLElement} */ (results.querySelector('.bulk-results-list')).replaceChildren(...answers.map((a) => {
      const item = document.createElement('li');
      item.textContent = `${references.get(a.id) ?? a.id.slice(0, 8)}: ${t(`coordinator.bulk.outcome.${a.outcome}`)}${a.problem ? ` (${a.problem})` : ''}`;
      return item;
    }));
    results.hidden = false;
    results.focus();
  }

  function render() {
    form.hidden = selection.length === 0;
    setText(/** @type {HTMLElement} */ (form.querySelector('.bulk-bar-count')), plural('coordinator.bulk.selected', selection.length));
    partnerField.hidden = field('action').value !== 'reassign';
    const chosen = field('partnerId').value;
    field('partnerId').replaceChildren(...[...reference.partners.values()].map((p) => new Option(p.name, p.id)));
    field('partnerId').value = chosen || field('partnerId').value;
    /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]')).disabled = busy;
  }

  /** @param {Array<{ id: string, reference: string }>} next */
  function show(next) {
    selection = next;
    render();
  }

  return { show };
}
