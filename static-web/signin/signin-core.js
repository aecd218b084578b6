// Pure data and rules of the development sign-in page: no DOM, no network, so it runs under `node --test`.

/** The roles the API knows, in the order the page lists them; each has a name under i18n key role.<role>. */
export const ROLES = Object.freeze(['warden', 'coordinator', 'officer', 'partner', 'admin']);

/**
 * A ready-made user. Institutions have a nameKey instead of a name: they are called differently per language.
 * @typedef {object} DemoUser
 * @property {string} userId
 * @property {string} [name]
 * @property {string} [nameKey]
 * @property {readonly string[]} roles
 */

/** @type {readonly DemoUser[]} the wardens match the authors of the demo observations (scripts/demo/) */
export const DEMO_USERS = Object.freeze([
  { userId: 'warden-anouk', name: 'Anouk Peeters', roles: ['warden'] },
  { userId: 'warden-karim', name: 'Karim El Idrissi', roles: ['warden'] },
  { userId: 'coordinator-lotte', name: 'Lotte Janssens', roles: ['coordinator'] },
  { userId: 'officer-marc', name: 'Inspecteur Marc Willems', roles: ['officer'] },
  { userId: 'partner-netbrussel', nameKey: 'signin.demo.netBrussel', roles: ['partner'] },
  { userId: 'admin-1', nameKey: 'signin.demo.admin', roles: ['admin'] },
]);

/**
 * The body of POST /api/dev/signin from the custom form. Only trims: the API judges what is valid.
 * @param {FormData} data fields userId, name and one roles entry per ticked role
 */
export function signInRequest(data) {
  return {
    userId: String(data.get('userId') ?? '').trim(),
    name: String(data.get('name') ?? '').trim(),
    roles: data.getAll('roles').map(String),
  };
}
