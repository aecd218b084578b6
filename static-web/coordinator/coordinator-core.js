// The coordinator page's rules, without the DOM: the filter as it lives in the page's address, the API paths it
// calls, which actions a dossier offers, and how a timeline line reads. Tested in static-web/tests/.

/** The list's filters, in the order the address and the API take them. */
export const FILTER_NAMES = Object.freeze(['status', 'partner', 'category', 'neighbourhood', 'overdue', 'escalated', 'from', 'to', 'q', 'sort']);

export const STATUSES = Object.freeze(['new', 'forwarded', 'acknowledged', 'in-progress', 'resolved', 'rejected', 'reassigned']);
export const SORTS = Object.freeze(['newest', 'oldest-open', 'most-overdue']);
export const PAGE_SIZE = 50;
export const NOTE_MAX_LENGTH = 2000;

const DOSSIER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * @typedef {Record<string, string>} Filter  filter name → value; '' when not set
 */

/** @returns {Filter} */
export function emptyFilter() {
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, '']));
}

/**
 * The filter in an address's query string. Values the list would refuse are dropped, so an old or edited link
 * still opens a list instead of an error.
 * @param {string} search  location.search
 * @returns {Filter}
 */
export function filterFromSearch(search) {
  const params = new URLSearchParams(search);
  const filter = emptyFilter();
  for (const name of FILTER_NAMES) {
    const value = (params.get(name) ?? '').trim();
    if (value !== '' && isAcceptable(name, value)) {
      filter[name] = value;
    }
  }

  return filter;
}

/**
 * @param {string} name
 * @param {string} value
 */
function isAcceptable(name, value) {
  switch (name) {
    case 'status':
      return STATUSES.includes(value);
    case 'sort':
      return SORTS.includes(value);
    case 'overdue':
      return value === 'true';
    case 'escalated':
      return value === 'true' || value === 'false';
    case 'from':
    case 'to':
      return DAY.test(value);
    case 'q':
      return value.length <= 100;
    default:
      return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
  }
}

/**
 * The filter as a query string without "?", set filters only, in a fixed order: the same filter, the same text.
 * @param {Filter} filter
 */
export function filterToQuery(filter) {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filter[name] ?? '';
    if (value !== '' && !(name === 'sort' && value === 'newest')) {
      params.set(name, value);
    }
  }

  return params.toString();
}

/** @param {Filter} a @param {Filter} b */
export function sameFilter(a, b) {
  return filterToQuery(a) === filterToQuery(b);
}

/**
 * The dossier the address opens (`?dossier={id}`, as the escalation mails link), or null.
 * @param {string} search
 */
export function dossierFromSearch(search) {
  const id = new URLSearchParams(search).get('dossier') ?? '';
  return DOSSIER_ID.test(id) ? id : null;
}

/**
 * The page's own address for a filter, and a dossier opened from it.
 * @param {Filter} filter
 * @param {string | null} [dossierId]
 */
export function pageUrl(filter, dossierId = null) {
  const query = filterToQuery(filter);
  const dossier = dossierId ? `dossier=${encodeURIComponent(dossierId)}` : '';
  const all = [query, dossier].filter((part) => part !== '').join('&');
  return `/coordinator/${all === '' ? '' : `?${all}`}`;
}

/**
 * @param {Filter} filter
 * @param {string | null} [continuationToken]
 */
export function listPath(filter, continuationToken = null) {
  const query = filterToQuery(filter);
  const token = continuationToken ? `&continuationToken=${encodeURIComponent(continuationToken)}` : '';
  return `/api/dossiers?${query}${query === '' ? '' : '&'}pageSize=${PAGE_SIZE}${token}`;
}

/**
 * @param {Filter} filter
 * @param {'comma' | 'semicolon'} separator
 */
export function exportPath(filter, separator) {
  const query = filterToQuery(filter);
  return `/api/dossiers/export.csv?${query}${query === '' ? '' : '&'}separator=${separator}`;
}

/** @param {string} id */
export const dossierPath = (id) => `/api/dossiers/${encodeURIComponent(id)}`;

/**
 * What a coordinator may do with a dossier of this status, as the API's transitions: acknowledge on the partner's
 * behalf, mark in progress, close as resolved, reject.
 * @param {string} status
 * @returns {string[]}
 */
export function transitionsFor(status) {
  switch (status) {
    case 'forwarded':
      return ['acknowledged', 'resolved', 'rejected'];
    case 'acknowledged':
      return ['in-progress', 'resolved', 'rejected'];
    case 'in-progress':
      return ['resolved', 'rejected'];
    default:
      return [];
  }
}

/** @param {string} status */
export const isOpen = (status) => !['resolved', 'rejected'].includes(status);

/**
 * @typedef {object} TimelineEntry
 * @property {string} at
 * @property {string} kind    opened | mail | reminder | escalation | transition | observation-linked | note
 * @property {string} actor
 * @property {string | null} [change]   "forwarded→acknowledged"
 * @property {string | null} [to]
 * @property {string | null} [subject]
 * @property {string | null} [note]
 * @property {string | null} [deadline]
 * @property {number | null} [step]
 */

/**
 * How one timeline line reads: an i18n key with its parameters. Status names stay keys for the caller to
 * translate (`coordinator.status.*`).
 * @param {TimelineEntry} entry
 * @returns {{ key: string, params: Record<string, string | number>, statuses: string[] }}
 */
export function timelineLine(entry) {
  switch (entry.kind) {
    case 'mail':
      return { key: 'coordinator.timeline.mail', params: { to: entry.to ?? '' }, statuses: [] };
    case 'reminder':
    case 'escalation':
      return { key: `coordinator.timeline.${entry.kind}.${entry.deadline ?? 'acknowledgement'}`, params: { step: entry.step ?? 0, to: entry.to ?? '' }, statuses: [] };
    case 'transition': {
      const [from = '', to = ''] = (entry.change ?? '').split('→');
      return { key: 'coordinator.timeline.transition', params: {}, statuses: [from, to] };
    }

    case 'observation-linked':
    case 'note':
    case 'opened':
      return { key: `coordinator.timeline.${entry.kind}`, params: {}, statuses: [] };
    default:
      return { key: 'coordinator.timeline.other', params: {}, statuses: [] };
  }
}

/**
 * Who did it, for people: the system, a partner through its link, or a colleague's account.
 * @param {string} actor
 * @returns {{ key: string, params: Record<string, string> }}
 */
export function actorLabel(actor) {
  if (actor === 'system' || actor === '') {
    return { key: 'coordinator.actor.system', params: {} };
  }

  if (actor.startsWith('partner:')) {
    return { key: 'coordinator.actor.partner', params: { partner: actor.slice('partner:'.length) } };
  }

  return { key: 'coordinator.actor.user', params: { user: actor } };
}

/**
 * The counts per status in display order, with the total.
 * @param {Record<string, number>} byStatus
 */
export function countsInOrder(byStatus) {
  const items = STATUSES.map((status) => ({ status, count: byStatus?.[status] ?? 0 }));
  return { items, total: items.reduce((sum, item) => sum + item.count, 0) };
}

/**
 * A new id for a note: the API adds a note once per id, so a retry after a lost answer adds nothing.
 * @returns {string}
 */
export function newNoteId() {
  return crypto.randomUUID();
}
