// Development page: act as any user locally. POST /api/dev/signin sets a cookie that the server turns into
// the x-ms-client-principal header Static Web Apps sends in Azure; outside Development the routes answer 404.
import { ApiError, apiGet, apiPost, clearProblem, showProblem } from '/js/api.js';
import { setText } from '/js/dom.js';
import { applyTranslations, currentLocale, mountLanguageSwitch, t } from '/js/i18n.js';
import { DEMO_USERS, ROLES, signInRequest } from '/signin/signin-core.js';

/**
 * GET /api/me (401 when nobody is signed in) and POST /api/dev/signin both answer who acts now.
 * @typedef {object} Me
 * @property {string} userId
 * @property {string} userDetails       the display name
 * @property {string} identityProvider  "dev" here, "aad" in Azure
 * @property {string[]} roles
 */

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountSignIn(document.querySelector('.signin'));

/** @param {HTMLElement | null} element */
export function mountSignIn(element) {
  if (!element) {
    return;
  }

  const unavailable = /** @type {HTMLElement} */ (element.querySelector('.signin-unavailable'));
  const done = /** @type {HTMLElement} */ (element.querySelector('.signin-done'));
  const doneMessage = /** @type {HTMLElement} */ (element.querySelector('.signin-done-message'));
  const doneLinks = /** @type {HTMLElement} */ (element.querySelector('.signin-done-links'));
  const currentStatus = /** @type {HTMLElement} */ (element.querySelector('.signin-current-status'));
  const currentDetail = /** @type {HTMLElement} */ (element.querySelector('.signin-current-detail'));
  const currentUser = /** @type {HTMLElement} */ (element.querySelector('.signin-current-user'));
  const currentName = /** @type {HTMLElement} */ (element.querySelector('.signin-current-name'));
  const currentId = /** @type {HTMLElement} */ (element.querySelector('.signin-current-id'));
  const currentRoles = /** @type {HTMLElement} */ (element.querySelector('.signin-current-roles'));
  const signOutForm = /** @type {HTMLFormElement} */ (element.querySelector('.signin-signout'));
  const demoForm = /** @type {HTMLFormElement} */ (element.querySelector('.signin-demo'));
  const demoList = /** @type {HTMLElement} */ (element.querySelector('.signin-demo-list'));
  const customForm = /** @type {HTMLFormElement} */ (element.querySelector('.signin-custom'));
  const forms = [signOutForm, demoForm, customForm];

  /** @type {{ me: Me | null, meError: ApiError | null, loading: boolean, busy: boolean, unavailable: boolean, done: 'signedIn' | 'signedOut' | null }} */
  const state = { me: null, meError: null, loading: true, busy: false, unavailable: false, done: null };

  const demoButtons = DEMO_USERS.map((user) => {
    const button = document.createElement('button');
    button.type = 'submit';
    button.className = 'button -secondary signin-demo-button';
    button.value = user.userId;
    const item = document.createElement('li');
    item.append(button);
    demoList.append(item);
    return button;
  });

  demoForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = /** @type {HTMLButtonElement | null} */ (event.submitter);
    const user = DEMO_USERS.find((candidate) => candidate.userId === button?.value);
    if (user) {
      signIn(demoForm, button, { userId: user.userId, name: demoName(user), roles: [...user.roles] });
    }
  });
  customForm.addEventListener('submit', (event) => {
    event.preventDefault();
    signIn(customForm, /** @type {HTMLButtonElement | null} */ (event.submitter), signInRequest(new FormData(customForm)));
  });
  signOutForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(signOutForm, /** @type {HTMLButtonElement | null} */ (event.submitter), async () => {
      await apiPost('/api/dev/signout');
      state.me = null;
      state.done = 'signedOut';
    });
  });
  document.addEventListener('languagechange', update);

  update();
  loadMe();

  async function loadMe() {
    try {
      state.me = await apiGet('/api/me');
    } catch (error) {
      const problem = error instanceof ApiError ? error : new ApiError({ status: 0, title: String(error) });
      state.meError = problem.status === 401 ? null : problem; // 401: nobody signed in, which is fine
    } finally {
      state.loading = false;
      update();
    }
  }

  /**
   * @param {HTMLFormElement} form
   * @param {HTMLButtonElement | null} button
   * @param {{ userId: string, name: string, roles: string[] }} request
   */
  function signIn(form, button, request) {
    submit(form, button, async () => {
      state.me = await apiPost('/api/dev/signin', request);
      state.done = 'signedIn';
    });
  }

  /**
   * One request at a time. On success, focus goes to the status that says what happened; a 404 means this is
   * not Development, so the whole page is switched off; any other problem is shown on the form that asked.
   * @param {HTMLFormElement} form
   * @param {HTMLButtonElement | null} button
   * @param {() => Promise<void>} action
   */
  async function submit(form, button, action) {
    if (state.busy || state.unavailable) {
      return;
    }

    state.busy = true;
    state.done = null;
    button?.classList.add('-busy');
    update();
    try {
      await action();
      state.meError = null;
      forms.forEach(clearProblem);
      update();
      done.focus();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        state.unavailable = true;
        update();
        unavailable.focus();
      } else {
        showProblem(form, error);
      }
    } finally {
      state.busy = false;
      button?.classList.remove('-busy');
    }
  }

  function update() {
    const { me, meError } = state;

    unavailable.hidden = !state.unavailable;
    for (const control of element.querySelectorAll('form input, form button')) {
      /** @type {HTMLInputElement | HTMLButtonElement} */ (control).disabled = state.unavailable;
    }

    done.classList.toggle('-shown', state.done !== null);
    setText(doneMessage, doneText());
    doneLinks.hidden = state.done !== 'signedIn';

    setText(currentStatus, currentText());
    currentStatus.hidden = currentStatus.textContent === '';
    setText(currentDetail, meError ? describe(meError) : '');
    currentDetail.hidden = currentDetail.textContent === '';

    currentUser.hidden = me === null;
    signOutForm.hidden = me === null;
    setText(currentName, me ? String(me.userDetails || me.userId) : '');
    setText(currentId, me ? String(me.userId) : '');
    setText(currentRoles, me ? roleNames(me.roles) : '');

    DEMO_USERS.forEach((user, index) => setText(demoButtons[index], demoLabel(user)));
  }

  function currentText() {
    if (state.me) {
      return '';
    }

    if (state.meError) {
      return t('signin.current.failed');
    }

    return state.loading ? t('signin.current.loading') : t('signin.current.none');
  }

  function doneText() {
    if (state.done === 'signedIn' && state.me) {
      return t('signin.done.signedIn', { name: state.me.userDetails || state.me.userId });
    }

    return state.done === 'signedOut' ? t('signin.done.signedOut') : '';
  }
}

/** @param {import('/signin/signin-core.js').DemoUser} user */
function demoName(user) {
  return user.name ?? t(user.nameKey ?? '');
}

/** @param {import('/signin/signin-core.js').DemoUser} user */
function demoLabel(user) {
  const name = demoName(user);
  const roles = roleNames(user.roles);
  // "Beheerder — beheerder" would say the same thing twice.
  return name.toLowerCase() === roles.toLowerCase() ? name : t('signin.demo.label', { name, role: roles });
}

/**
 * "gemeenschapswacht en coördinator", in the reader's language; "geen" for none.
 * @param {readonly string[] | undefined} roles
 */
function roleNames(roles) {
  const names = (roles ?? []).map((role) => (ROLES.includes(role) ? t(`role.${role}`) : role));
  return names.length > 0 ? new Intl.ListFormat(currentLocale()).format(names) : t('signin.current.noRoles');
}

/** @param {ApiError} error */
function describe(error) {
  const head = error.status > 0 ? `HTTP ${error.status}${error.title ? ` ${error.title}` : ''}` : error.title;
  return error.detail ? `${head}: ${error.detail}` : head;
}
