// What a coordinator does with an open dossier: change its status (acknowledge on the partner's behalf, in
// progress, close as resolved, reject with a reason), mail the partner a new link, add an internal note. Status
// changes carry If-Match with the version shown: when someone changed the dossier meanwhile the API answers 412,
// and this says what changed and offers to reload, instead of overwriting.
// Data down: show(dossier). Actions up: `dossierChange` with { dossier } (the dossier as it now is), bubbling.
import { apiGet, apiPost, asApiError } from '/js/api.js';
import { setText } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { dossierPath, isOpen, newNoteId, transitionsFor } from './coordinator-core.js';

/**
 * @param {HTMLElement} element the section.dossier-actions
 * @param {import('./coordinator.js').Reference} reference
 */
export function mountDossierActions(element, reference) {
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const buttons = part('.dossier-actions-transitions');
  const reason = /** @type {HTMLTextAreaElement} */ (part('.dossier-actions-reason'));
  const conflict = part('.dossier-actions-conflict');
  const done = part('.dossier-actions-done');
  const problem = part('.dossier-actions-problem');
  const renew = /** @type {HTMLButtonElement} */ (part('.dossier-actions-link'));
  const partner = /** @type {HTMLSelectElement} */ (part('.dossier-actions-partner'));
  const reassign = /** @type {HTMLButtonElement} */ (part('.dossier-actions-reassign-button'));
  const noteForm = /** @type {HTMLFormElement} */ (part('.dossier-actions-note'));
  const note = /** @type {HTMLTextAreaElement} */ (noteForm.elements.namedItem('text'));
  /** @type {any} */
  let dossier = null;
  /** @type {any} the dossier as it is now, after a lost race */
  let latest = null;
  let busy = false;

  part('.dossier-actions-reload').addEventListener('click', () => {
    conflict.hidden = true;
    changed(latest, '');
  });
  renew.addEventListener('click', () => act(async () => apiPost(`${dossierPath(dossier.id)}/partner-link`, {}), 'coordinator.actions.linkRenewed'));
  // The old partner's link stops working and it is told; the new partner gets the dossier as forwarded.
  reassign.addEventListener('click', () => act(async () => apiPost(`${dossierPath(dossier.id)}/reassign`, { partnerId: partner.value, reason: reason.value.trim() || null },
    { headers: { 'If-Match': dossier.version } }), 'coordinator.actions.reassigned'));
  noteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (note.value.trim() === '') {
      report(t('coordinator.actions.noteRequired'), note);
      return;
    }

    act(async () => {
      const after = await apiPost(`${dossierPath(dossier.id)}/notes`, { id: newNoteId(), text: note.value.trim() });
      note.value = '';
      return after;
    }, 'coordinator.actions.noteAdded');
  });

  /** @param {string} to */
  function transition(to) {
    if (to === 'rejected' && reason.value.trim() === '') {
      report(t('coordinator.actions.reasonRequired'), reason);
      return;
    }

    act(async () => {
      const after = await apiPost(`${dossierPath(dossier.id)}/transitions`, { to, reason: reason.value.trim() || null }, { headers: { 'If-Match': dossier.version } });
      reason.value = '';
      return after;
    }, `coordinator.actions.done.${to}`);
  }

  /**
   * @param {() => Promise<any>} call
   * @param {string} doneKey
   */
  async function act(call, doneKey) {
    if (busy) {
      return;
    }

    busy = true;
    problem.hidden = true;
    render();
    try {
      changed(await call(), t(doneKey));
    } catch (error) {
      const failure = asApiError(error);
      if (failure.status === 412) {
        await showConflict();
      } else {
        report(failure.detail || failure.title, null);
      }
    } finally {
      busy = false;
      render();
    }
  }

  /** The 412: what is different now, and a reload. */
  async function showConflict() {
    try {
      latest = await apiGet(dossierPath(dossier.id));
    } catch (error) {
      report(asApiError(error).title, null);
      return;
    }

    const differences = [];
    if (latest.status !== dossier.status) {
      differences.push(t('coordinator.actions.conflictStatus', { from: t(`coordinator.status.${dossier.status}`), to: t(`coordinator.status.${latest.status}`) }));
    }

    if (latest.partnerId !== dossier.partnerId) {
      differences.push(t('coordinator.actions.conflictPartner'));
    }

    const added = (latest.timeline?.length ?? 0) - (dossier.timeline?.length ?? 0);
    if (added > 0) {
      differences.push(t('coordinator.actions.conflictEvents', { count: added }));
    }

    setText(part('.dossier-actions-conflict-message'), t('coordinator.actions.conflict'));
    part('.dossier-actions-conflict-changes').replaceChildren(...differences.map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }));
    conflict.hidden = false;
    conflict.focus();
  }

  /**
   * @param {any} after
   * @param {string} message
   */
  function changed(after, message) {
    element.dispatchEvent(new CustomEvent('dossierChange', { bubbles: true, detail: { dossier: after } }));
    setText(done, message);
    if (message) {
      done.focus();
    }
  }

  /**
   * @param {string} message
   * @param {HTMLElement | null} field
   */
  function report(message, field) {
    setText(problem, message);
    problem.hidden = false;
    field?.focus();
  }

  function render() {
    if (!dossier) {
      return;
    }

    buttons.replaceChildren(...transitionsFor(dossier.status).map((to) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = to === 'rejected' ? 'button -secondary' : 'button';
      button.textContent = t(`coordinator.actions.to.${to}`);
      button.disabled = busy;
      button.addEventListener('click', () => transition(to));
      return button;
    }));
    const open = isOpen(dossier.status);
    const others = [...reference.partners.values()].filter((p) => p.id !== dossier.partnerId);
    partner.replaceChildren(...others.map((p) => new Option(p.name, p.id)));
    part('.dossier-actions-reassign').hidden = !open || dossier.status === 'reassigned' || others.length === 0;
    reassign.disabled = busy;
    part('.dossier-actions-reason-field').hidden = !open;
    renew.hidden = !open;
    renew.disabled = busy;
  }

  /** @param {any} next */
  function show(next) {
    const other = dossier?.id !== next.id;
    dossier = next;
    if (other) {
      conflict.hidden = true;
      problem.hidden = true;
      setText(done, '');
      reason.value = '';
      note.value = '';
    }

    render();
  }

  return { show, relabel: render };
}
