// A dossier's timeline: every event in order, with who and when — recorded, mails, reminders, escalation, the
// partner's and colleagues' status changes with their notes and photos, internal notes.
import { currentLocale, t } from '/js/i18n.js';
import { actorLabel, timelineLine } from './coordinator-core.js';

/**
 * @param {HTMLElement} list the ol.dossier-timeline-list
 * @param {any} dossier
 * @param {import('./coordinator.js').Reference} reference
 */
export function renderTimeline(list, dossier, reference) {
  list.replaceChildren(...(dossier.timeline ?? []).map((/** @type {import('./coordinator-core.js').TimelineEntry} */ entry) => {
    const item = document.createElement('li');
    item.className = `timeline-entry -${entry.kind}`;
    const when = document.createElement('time');
    when.dateTime = entry.at;
    when.textContent = new Date(entry.at).toLocaleString(currentLocale(), { timeZone: 'Europe/Brussels', dateStyle: 'medium', timeStyle: 'short' });
    const what = document.createElement('span');
    what.className = 'timeline-entry-what';
    const line = timelineLine(entry);
    const [from, to] = line.statuses.map((status) => t(`coordinator.status.${status}`));
    what.textContent = t(line.key, { ...line.params, fromStatus: from ?? '', toStatus: to ?? '' });
    const who = document.createElement('span');
    who.className = 'timeline-entry-who';
    const actor = actorLabel(entry.actor);
    const partner = actor.params.partner ? reference.partners.get(actor.params.partner)?.name ?? actor.params.partner : '';
    who.textContent = t(actor.key, { ...actor.params, partner });
    item.append(when, ' — ', what, ' · ', who);
    if (entry.subject) {
      item.append(paragraph('timeline-entry-subject', entry.subject));
    }

    if (entry.note) {
      item.append(paragraph(entry.kind === 'note' ? 'timeline-entry-note -internal' : 'timeline-entry-note', entry.note));
    }

    if (entry.photo) {
      const photo = document.createElement('a');
      photo.href = `/api/dossiers/${encodeURIComponent(dossier.id)}/photos/${encodeURIComponent(entry.photo)}`;
      photo.target = '_blank';
      photo.rel = 'noopener';
      photo.textContent = t('coordinator.timeline.photo');
      item.append(' ', photo);
    }

    return item;
  }));
}

/**
 * @param {string} className
 * @param {string} text
 */
function paragraph(className, text) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}
