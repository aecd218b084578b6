// Refusals the API names with a `code` (a cap reached, a hold that lapsed, a wrong code) said in the page's language:
// the API's English title and detail stay for integrators; the citizen reads booking.problem.<code>.
import { ApiError } from '/js/api.js';
import { t } from '/js/i18n.js';
import { problemMessageKey } from './booking-core.js';

/**
 * The same problem in the reader's words, when the page knows it; otherwise unchanged.
 * @param {ApiError} problem
 * @returns {ApiError}
 */
export function localisedProblem(problem) {
  const key = problemMessageKey(problem.extensions);
  if (!key) {
    return problem;
  }

  const { status, type } = problem;
  return Object.keys(problem.errors).length > 0
    ? new ApiError({ ...problem.extensions, status, type, errors: Object.fromEntries(Object.keys(problem.errors).map((field) => [field, [t(key)]])) })
    : new ApiError({ ...problem.extensions, status, type, title: t(key) });
}

/**
 * A problem about one field, found on the page before anything was sent.
 * @param {string} field
 * @param {string} message
 */
export function fieldProblem(field, message) {
  return new ApiError({ status: 400, errors: { [field]: [message] } });
}
