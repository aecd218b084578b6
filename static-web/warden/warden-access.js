// Who is signed in, or what stops the warden from recording: not signed in, not a warden, a sign-in that
// expired while the queue was sending, no network to ask. Data down: `wardenIdentity` (WardenIdentity).
import { setText } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { signInUrl } from './form-core.js';

export const ROLE = 'warden';

/**
 * @typedef {object} WardenIdentity
 * @property {import('./reference-data.js').Me | null} me
 * @property {boolean} loading
 * @property {boolean} fromDevice   the warden shown is the one last seen on this device: the API could not be asked
 * @property {import('/js/api.js').ApiError | null} error
 * @property {boolean} signInNeeded the API refused the queue's request: sign in (again) before anything is sent
 */

/** @param {HTMLElement | null} element the div.warden-access */
export function mountWardenAccess(element) {
  if (!element) {
    return;
  }

  const message = /** @type {HTMLElement} */ (element.querySelector('.warden-access-message'));
  const detail = /** @type {HTMLElement} */ (element.querySelector('.warden-access-detail'));
  const link = /** @type {HTMLAnchorElement} */ (element.querySelector('.warden-access-link'));
  const action = /** @type {HTMLElement} */ (element.querySelector('.warden-access-action'));

  element.addEventListener('wardenIdentity', (event) => {
    const identity = /** @type {CustomEvent<WardenIdentity>} */ (event).detail;
    const problem = accessProblem(identity);
    element.hidden = problem === null;
    setText(message, problem ? accessText(problem, identity) : '');
    const text = problem === 'unknown' && identity.error ? describe(identity.error) : '';
    setText(detail, text);
    detail.hidden = text === '';
    link.href = signInUrl(location);
    link.textContent = problem === 'forbidden' ? t('warden.access.other') : t('warden.access.signIn');
    action.hidden = problem === 'offline';
  });
}

/** @param {HTMLElement | null} element the p.warden-user */
export function mountWardenUser(element) {
  element?.addEventListener('wardenIdentity', (event) => {
    const { me, fromDevice } = /** @type {CustomEvent<WardenIdentity>} */ (event).detail;
    element.hidden = !me;
    const name = me ? me.userDetails || me.userId : '';
    setText(element, me ? (fromDevice ? t('warden.user.offline', { name }) : t('warden.user.online', { name })) : '');
  });
}

/**
 * @param {WardenIdentity} identity
 * @returns {'signedOut' | 'forbidden' | 'expired' | 'offline' | 'unknown' | null}
 */
function accessProblem({ me, loading, error, signInNeeded }) {
  if (loading) {
    return null;
  }

  if (!me) {
    if (error?.status === 401) {
      return 'signedOut';
    }

    return error?.status === 0 ? 'offline' : 'unknown';
  }

  if (!me.roles.includes(ROLE)) {
    return 'forbidden';
  }

  return signInNeeded ? 'expired' : null;
}

/**
 * @param {'signedOut' | 'forbidden' | 'expired' | 'offline' | 'unknown'} problem
 * @param {WardenIdentity} identity
 */
function accessText(problem, { me }) {
  switch (problem) {
    case 'signedOut':
      return t('warden.access.signedOut');
    case 'forbidden':
      return t('warden.access.forbidden', { name: me?.userDetails || me?.userId || '' });
    case 'expired':
      return t('warden.access.expired');
    case 'offline':
      return t('warden.access.offline');
    default:
      return t('warden.access.failed');
  }
}

/** @param {import('/js/api.js').ApiError} error */
function describe(error) {
  return error.status > 0 ? `HTTP ${error.status}` : t('problem.network');
}
