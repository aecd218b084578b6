// Development page: every e-mail the system "sent" into the local outbox, newest first.
import { ApiError, apiGet } from '/js/api.js';
import { setText } from '/js/dom.js';
import { applyTranslations, currentLocale, mountLanguageSwitch, plural, t } from '/js/i18n.js';

/**
 * GET /api/dev/outbox → { items: OutboxItem[] }, newest first; 404 outside Development.
 * @typedef {object} OutboxItem
 * @property {string} id
 * @property {string} subject
 * @property {string} to
 * @property {string} sentAt  ISO 8601 with offset, e.g. 2026-11-22T10:15:00+00:00
 * @property {string} url     the .eml file, e.g. /api/dev/outbox/…
 */

const REFRESH_INTERVAL_MS = 10_000;
const TIME_ZONE = 'Europe/Brussels';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountOutbox(document.querySelector('.outbox'));

/** @param {HTMLElement | null} element */
export function mountOutbox(element) {
  if (!element) {
    return;
  }

  const refreshButton = /** @type {HTMLButtonElement} */ (element.querySelector('.outbox-refresh'));
  const autoRefresh = /** @type {HTMLInputElement} */ (element.querySelector('.outbox-auto'));
  const status = /** @type {HTMLElement} */ (element.querySelector('.outbox-status'));
  const errorBox = /** @type {HTMLElement} */ (element.querySelector('.outbox-error'));
  const errorMessage = /** @type {HTMLElement} */ (element.querySelector('.outbox-error-message'));
  const errorDetail = /** @type {HTMLElement} */ (element.querySelector('.outbox-error-detail'));
  const list = /** @type {HTMLElement} */ (element.querySelector('.outbox-list'));
  const body = /** @type {HTMLTableSectionElement} */ (element.querySelector('.outbox-table tbody'));
  const updated = /** @type {HTMLElement} */ (element.querySelector('.outbox-updated'));

  /** @type {{ items: OutboxItem[] | null, error: ApiError | null, loading: boolean, loadedAt: Date | null }} */
  const state = { items: null, error: null, loading: false, loadedAt: null };
  /** @type {Map<string, HTMLTableRowElement>} rows by item id, reused so focus survives a refresh */
  const rows = new Map();
  let loadedOnce = false;

  refreshButton.addEventListener('click', () => load());
  autoRefresh.addEventListener('change', () => {
    if (autoRefresh.checked) {
      load();
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (shouldAutoRefresh()) {
      load();
    }
  });
  document.addEventListener('languagechange', update);
  setInterval(() => {
    if (shouldAutoRefresh()) {
      load();
    }
  }, REFRESH_INTERVAL_MS);

  update();
  load();

  function shouldAutoRefresh() {
    // Outside Development the answer stays 404: asking again every 10 s would only add noise.
    return autoRefresh.checked && !document.hidden && state.error?.status !== 404;
  }

  async function load() {
    if (state.loading) {
      return;
    }

    state.loading = true;
    update();
    try {
      const answer = await apiGet('/api/dev/outbox');
      state.items = Array.isArray(answer?.items) ? answer.items : [];
      state.error = null;
      state.loadedAt = new Date();
    } catch (error) {
      state.error = error instanceof ApiError ? error : new ApiError({ status: 0, title: String(error) });
      if (state.error.status === 404) {
        state.items = null;
      }
    } finally {
      state.loading = false;
      update();
      loadedOnce = loadedOnce || state.items !== null;
    }
  }

  function update() {
    const { items, error, loading, loadedAt } = state;

    list.setAttribute('aria-busy', String(loading));
    refreshButton.classList.toggle('-busy', loading);

    errorBox.hidden = error === null;
    setText(errorMessage, error ? t(error.status === 404 ? 'outbox.unavailable' : 'outbox.failed') : '');
    setText(errorDetail, error && error.status !== 404 ? describe(error) : '');
    errorDetail.hidden = errorDetail.textContent === '';

    setText(status, statusText());
    status.classList.toggle('-empty', items !== null && items.length === 0);

    list.hidden = !items || items.length === 0;
    renderRows(items ?? []);

    setText(updated, loadedAt && items ? t('outbox.updated', { time: formatTime(loadedAt) }) : '');
  }

  function statusText() {
    const { items, error, loading } = state;
    if (items === null) {
      return loading && !error ? t('outbox.loading') : '';
    }

    return items.length === 0 ? t('outbox.empty') : plural('outbox.count', items.length);
  }

  /** @param {OutboxItem[]} items */
  function renderRows(items) {
    const seen = new Set();
    items.forEach((item, index) => {
      const id = String(item.id);
      seen.add(id);
      let row = rows.get(id);
      if (!row) {
        row = createRow();
        // A mail that arrives while the page is open is marked, so it can be told from the rest.
        row.classList.toggle('-new', loadedOnce);
        rows.set(id, row);
      }

      fillRow(row, item);
      if (body.children[index] !== row) {
        body.insertBefore(row, body.children[index] ?? null);
      }
    });

    for (const [id, row] of rows) {
      if (!seen.has(id)) {
        row.remove();
        rows.delete(id);
      }
    }
  }
}

function createRow() {
  const row = document.createElement('tr');
  const sentAt = document.createElement('td');
  sentAt.append(document.createElement('time'));
  const to = document.createElement('td');
  to.className = 'outbox-to';
  const subject = document.createElement('td');
  subject.className = 'outbox-subject';

  const message = document.createElement('td');
  const link = document.createElement('a');
  const linkText = document.createElement('span');
  const linkContext = document.createElement('span');
  linkContext.className = 'visually-hidden';
  link.append(linkText, linkContext);
  const missing = document.createElement('span');
  missing.textContent = '—';
  message.append(link, missing);

  row.append(sentAt, to, subject, message);
  return row;
}

/**
 * @param {HTMLTableRowElement} row
 * @param {OutboxItem} item
 */
function fillRow(row, item) {
  const [sentAt, to, subject, message] = row.cells;
  const time = /** @type {HTMLTimeElement} */ (sentAt.firstElementChild);
  time.dateTime = String(item.sentAt ?? '');
  setText(time, formatSentAt(item.sentAt));
  setText(to, String(item.to ?? ''));
  const subjectText = item.subject ? String(item.subject) : t('outbox.noSubject');
  setText(subject, subjectText);

  const link = /** @type {HTMLAnchorElement} */ (message.children[0]);
  const missing = /** @type {HTMLElement} */ (message.children[1]);
  const href = sameOriginPath(item.url);
  link.hidden = href === null;
  missing.hidden = href !== null;
  if (href !== null && link.getAttribute('href') !== href) {
    link.setAttribute('href', href);
  }

  setText(/** @type {HTMLElement} */ (link.children[0]), t('outbox.open'));
  // The visible text is the same on every row; the hidden subject tells screen-reader users which mail.
  setText(/** @type {HTMLElement} */ (link.children[1]), ` (${subjectText})`);
}

/**
 * Only links back to this site: the URL comes from data and must never become javascript: or another host.
 * @param {unknown} url
 */
function sameOriginPath(url) {
  if (typeof url !== 'string' || url === '') {
    return null;
  }

  try {
    const resolved = new URL(url, location.origin);
    return resolved.origin === location.origin ? `${resolved.pathname}${resolved.search}` : null;
  } catch {
    return null;
  }
}

/** @param {unknown} value */
function formatSentAt(value) {
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) {
    return String(value ?? '');
  }

  return new Intl.DateTimeFormat(currentLocale(), {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: TIME_ZONE,
  }).format(date);
}

/** @param {Date} date */
function formatTime(date) {
  return new Intl.DateTimeFormat(currentLocale(), { timeStyle: 'medium', timeZone: TIME_ZONE }).format(date);
}

/** @param {ApiError} error */
function describe(error) {
  const head = error.status > 0 ? `HTTP ${error.status}${error.title ? ` ${error.title}` : ''}` : error.title;
  return error.detail ? `${head}: ${error.detail}` : head;
}
