// The one way pages talk to /api: JSON in and out, same-origin cookies, and ProblemDetails (RFC 9457)
// turned into an ApiError that showProblem() can put next to the form fields it is about.
import { currentLanguage, hasText, t } from './i18n.js';

const PROBLEM_JSON = 'application/problem+json';

/**
 * @typedef {object} Problem
 * @property {number} status       HTTP status; 0 when the server could not be reached
 * @property {string} [title]
 * @property {string} [detail]
 * @property {string} [type]
 * @property {Record<string, string[]>} [errors]  field (camelCase, maybe nested: "location.latitude") → messages
 * Any other member of the body (an extension, such as a 409's "alternatives") is kept in ApiError.extensions.
 */

export class ApiError extends Error {
  /** @param {Problem & { cause?: unknown, [extension: string]: unknown }} problem */
  constructor({ status, title, detail, type, errors, cause, ...extensions }) {
    super(detail || title || `HTTP ${status}`, { cause });
    this.name = 'ApiError';
    this.status = status;
    this.title = title ?? '';
    this.detail = detail ?? '';
    this.type = type ?? '';
    /** @type {Record<string, string[]>} */
    this.errors = normaliseErrors(errors);
    /** @type {Record<string, unknown>} the problem's own members beyond RFC 9457's, e.g. alternatives, traceId */
    this.extensions = extensions;
  }
}

/**
 * @typedef {object} RequestOptions
 * @property {string} [method]
 * @property {unknown} [body]                  sent as JSON
 * @property {Record<string, string>} [headers]
 * @property {AbortSignal} [signal]
 */

/**
 * Calls /api/…; resolves to the parsed JSON body, or null when there is none (204, 201 without body).
 * @param {string} path
 * @param {RequestOptions} [options]
 * @returns {Promise<any>}
 * @throws {ApiError}
 */
export async function apiRequest(path, { method = 'GET', body, headers = {}, signal } = {}) {
  if (!path.startsWith('/api/')) {
    throw new TypeError(`apiRequest only calls /api/…, not ${path}`);
  }

  /** @type {Record<string, string>} */
  const requestHeaders = {
    Accept: `application/json, ${PROBLEM_JSON}`,
    'Accept-Language': currentLanguage(),
    ...headers,
  };
  if (body !== undefined) {
    requestHeaders['Content-Type'] = 'application/json';
  }

  let response;
  try {
    response = await fetch(path, {
      method,
      headers: requestHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      // The API never redirects. Static Web Apps does, to its sign-in page, when a session has expired
      // (responseOverrides 401): followed, that ends cross-origin and looks like "no network".
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error; // the caller cancelled: not a problem to show
    }

    throw new ApiError({ status: 0, title: t('problem.network'), cause: error });
  }

  if (response.type === 'opaqueredirect') {
    throw new ApiError({ status: 401, title: t('problem.signIn') });
  }

  const text = await response.text();
  const json = isJson(response) ? parse(text) : undefined;

  if (!response.ok) {
    const problem = json && typeof json === 'object' ? json : {};
    throw new ApiError({ ...problem, status: response.status, title: problem.title || response.statusText });
  }

  if (text === '') {
    return null;
  }

  if (json === undefined) {
    // e.g. an HTML sign-in page after a redirect: never hand that to a caller as data
    throw new ApiError({ status: response.status, title: t('problem.unexpected') });
  }

  return json;
}

/** @param {string} path @param {RequestOptions} [options] */
/**
 * Any failure as an ApiError. Never String(error) into the page or a log: a network error's text could hold the
 * request's address, and with it a link's token.
 * @param {unknown} error
 */
export function asApiError(error) {
  return error instanceof ApiError ? error : new ApiError({ status: 0, title: t('problem.generic') });
}

export const apiGet = (path, options) => apiRequest(path, { ...options, method: 'GET' });
/** @param {string} path @param {unknown} body @param {RequestOptions} [options] */
export const apiPost = (path, body, options) => apiRequest(path, { ...options, method: 'POST', body });
/** @param {string} path @param {unknown} body @param {RequestOptions} [options] */
export const apiPut = (path, body, options) => apiRequest(path, { ...options, method: 'PUT', body });
/** @param {string} path @param {unknown} body @param {RequestOptions} [options] */
export const apiPatch = (path, body, options) => apiRequest(path, { ...options, method: 'PATCH', body });
/** @param {string} path @param {RequestOptions} [options] */
export const apiDelete = (path, options) => apiRequest(path, { ...options, method: 'DELETE' });

// The API gives every error a stable machine code (`code` for the problem, `codes` per field beside RFC 9457's
// `errors`); pages translate the codes with the texts under problem.code.* in static-web/i18n. The server's own
// English sentences are for logs and API clients: a page never shows them, so no English reaches a Dutch or
// French reader.

/**
 * The messages for one field, translated from its codes; a code this page does not know yet reads as a general
 * "check this value".
 * @param {Record<string, string[]> | undefined} codes  field → codes, as the API sent them
 * @param {string} field
 * @returns {string[]}
 */
export function fieldMessages(codes, field) {
  const known = (codes?.[field] ?? []).map(codeText).filter((text) => text !== null);
  return known.length > 0 ? [...new Set(known)] : [t('problem.code.invalid')];
}

/**
 * The problem's own message from its code, or null when it has none this page knows.
 * @param {string | undefined} code
 */
export function problemMessage(code) {
  return code ? codeText(code) : null;
}

/** @param {string} code */
function codeText(code) {
  const key = `problem.code.${code}`;
  return /^[a-z0-9-]+$/.test(code) && hasText(key) ? t(key) : null;
}

let nextId = 0;

/**
 * Shows an error on a form: a summary at the top (role="alert", focused) and, for every entry of
 * error.errors, a message beside the control whose name matches the key (case-insensitive; for
 * "location.latitude" also "latitude"). The message goes at the end of the control's `.field` wrapper,
 * else of its fieldset for radio/checkbox groups, else right after the control (or its wrapping label).
 * @param {HTMLFormElement} form
 * @param {unknown} error an ApiError, or anything thrown (shown as a general failure)
 */
export function showProblem(form, error) {
  clearProblem(form);
  const problem = asApiError(error);

  // The server's sentences are English: its problems are read by their codes. A page's own problems (no codes)
  // are already in the reader's language.
  const codes = fromServer(problem) ? /** @type {Record<string, string[]>} */ (problem.extensions.codes ?? {}) : null;
  /** @type {Array<{ text: string, target?: HTMLElement }>} */
  const listed = [];
  for (const [key, messages] of Object.entries(problem.errors)) {
    const text = (codes ? fieldMessages(codes, key) : messages).join(' ');
    const controls = findControls(form, key);
    if (controls.length === 0) {
      listed.push({ text });
      continue;
    }

    markControls(controls, text);
    listed.push({ text, target: controls[0] });
  }

  form.prepend(summary(problem, listed));
  /** @type {HTMLElement} */ (form.firstElementChild).focus();
}

/**
 * Removes everything showProblem added.
 * @param {HTMLFormElement} form
 */
export function clearProblem(form) {
  for (const added of form.querySelectorAll('[data-problem]')) {
    added.remove();
  }

  for (const control of form.querySelectorAll('[data-problem-describedby]')) {
    const added = control.getAttribute('data-problem-describedby');
    const kept = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== added);
    if (kept.length > 0) {
      control.setAttribute('aria-describedby', kept.join(' '));
    } else {
      control.removeAttribute('aria-describedby');
    }

    control.removeAttribute('aria-invalid');
    control.removeAttribute('data-problem-describedby');
    if (control.hasAttribute('data-problem-id')) {
      control.removeAttribute('id');
      control.removeAttribute('data-problem-id');
    }
  }
}

/**
 * The names a problem key may match, most specific first: "$.Location.Latitude" → location.latitude, latitude.
 * @param {string} key
 */
function candidateNames(key) {
  const full = key.replace(/^\$\.?/, '').toLowerCase();
  const last = full.slice(full.lastIndexOf('.') + 1);
  return full === last ? [full] : [full, last];
}

/**
 * @param {HTMLFormElement} form
 * @param {string} key
 * @returns {HTMLElement[]}
 */
function findControls(form, key) {
  const controls = [...form.elements].filter(
    (element) =>
      element instanceof HTMLElement &&
      element.matches('input, select, textarea') &&
      !element.matches('[type=submit], [type=button], [type=reset], [type=image]') &&
      element.getAttribute('name'),
  );
  for (const name of candidateNames(key)) {
    const matches = controls.filter((control) => control.getAttribute('name')?.toLowerCase() === name);
    if (matches.length > 0) {
      return /** @type {HTMLElement[]} */ (matches);
    }
  }

  return [];
}

/**
 * @param {HTMLElement[]} controls one control, or the members of a radio/checkbox group
 * @param {string} text
 */
function markControls(controls, text) {
  const first = controls[0];
  const message = document.createElement('p');
  message.className = 'field-error';
  message.id = `problem-${++nextId}`;
  message.setAttribute('data-problem', '');
  message.textContent = text;

  const group = controls.length > 1 || first.matches('[type=radio], [type=checkbox]');
  const container = first.closest('.field') ?? (group ? first.closest('fieldset') : null);
  if (container) {
    container.append(message);
  } else {
    (first.closest('label') ?? first).after(message);
  }

  for (const control of controls) {
    const describedBy = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', describedBy ? `${describedBy} ${message.id}` : message.id);
    control.setAttribute('data-problem-describedby', message.id);
    control.setAttribute('aria-invalid', 'true');
  }

  if (!first.id) {
    first.id = `problem-field-${++nextId}`;
    first.setAttribute('data-problem-id', '');
  }
}

/**
 * @param {ApiError} problem
 * @param {Array<{ text: string, target?: HTMLElement }>} listed
 */
function summary(problem, listed) {
  const box = document.createElement('div');
  box.className = 'form-problem';
  box.setAttribute('role', 'alert');
  box.setAttribute('tabindex', '-1');
  box.setAttribute('data-problem', '');

  const title = document.createElement('p');
  title.className = 'form-problem-title';
  title.textContent = summaryTitle(problem, listed.length > 0);
  box.append(title);

  const detailText = fromServer(problem) ? null : problem.detail;
  if (detailText) {
    const detail = document.createElement('p');
    detail.textContent = detailText;
    box.append(detail);
  }

  if (listed.length > 0) {
    const list = document.createElement('ul');
    for (const { text, target } of listed) {
      const item = document.createElement('li');
      if (target) {
        const link = document.createElement('a');
        link.href = `#${target.id}`;
        link.textContent = text;
        link.addEventListener('click', (event) => {
          event.preventDefault();
          target.focus();
        });
        item.append(link);
      } else {
        item.textContent = text;
      }

      list.append(item);
    }

    box.append(list);
  }

  return box;
}

/**
 * @param {ApiError} problem
 * @param {boolean} hasFieldErrors
 */
function summaryTitle(problem, hasFieldErrors) {
  if (problem.status === 0) {
    return problem.title || t('problem.network');
  }

  // The server's validation title is a fixed English sentence; the reader's language says it better.
  if (hasFieldErrors) {
    return t('problem.validation');
  }

  if (fromServer(problem)) {
    return problemMessage(String(problem.extensions.code)) ?? t('problem.generic');
  }

  return problem.title || t('problem.generic');
}

/**
 * Whether the problem is the API's (it carries a machine code), not one a page made in the reader's language.
 * @param {ApiError} problem
 */
function fromServer(problem) {
  return typeof problem.extensions.code === 'string';
}

/** @param {unknown} errors */
function normaliseErrors(errors) {
  /** @type {Record<string, string[]>} */
  const normalised = {};
  if (!errors || typeof errors !== 'object') {
    return normalised;
  }

  for (const [key, value] of Object.entries(errors)) {
    const messages = (Array.isArray(value) ? value : [value]).filter((m) => typeof m === 'string' && m !== '');
    if (messages.length > 0) {
      normalised[key] = messages;
    }
  }

  return normalised;
}

/** @param {Response} response */
function isJson(response) {
  const mediaType = (response.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** @param {string} text */
function parse(text) {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
