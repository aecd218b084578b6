// Booking page: a citizen books an appointment with their neighbourhood officer in a few steps, phone first:
// address → officer (when there is a choice) → kind → day → time → details → the code from the mail → done. One step
// shows at a time; a step change moves focus to the step's heading and is announced. This module holds the state and
// the step order; each step is its own small component (address-step, choice-steps, day-step, details-step,
// confirm-step, done-step) that reads the state, renders its section and changes the state through the wizard.
import { applyTranslations, mountLanguageSwitch, t } from '/js/i18n.js';
import { previousStep, stepPosition } from './booking-core.js';
import { mountAddressStep } from './address-step.js';
import { mountOfficerStep, mountTypeStep } from './choice-steps.js';
import { mountConfirmStep } from './confirm-step.js';
import { mountDayStep } from './day-step.js';
import { mountDetailsStep } from './details-step.js';
import { mountDoneStep } from './done-step.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountBookingWizard(document.querySelector('.booking-wizard'));

/**
 * What the steps share: the state, and the few ways to change what shows.
 * @typedef {object} Wizard
 * @property {ReturnType<typeof initialState>} state
 * @property {(step: string) => void} go           show a step and move focus to its heading
 * @property {() => void} update                   render every step from the state
 * @property {(button: HTMLButtonElement | null, action: () => Promise<void>) => Promise<void>} busy  one request at a time
 * @property {() => Promise<void>} loadSlots       (re)load the free times of the chosen officer and kind
 * @property {() => import('./booking-core.js').Officer | null} officer  the chosen officer
 * @property {() => import('./booking-core.js').WizardState} choices      the choices made so far, for forgetAfter
 */

function initialState() {
  return {
    step: 'address',
    /** what the citizen typed: the home visit's address starts from it */
    address: '',
    /** @type {{ id: string, name: string } | null} */
    neighbourhood: null,
    /** @type {import('./booking-core.js').Officer[]} */
    officers: [],
    /** @type {string | null} */
    officerId: null,
    /** @type {string | null} */
    type: null,
    /** @type {string | null} */
    day: null,
    /** @type {import('./booking-core.js').Slot | null} */
    slot: null,
    /** @type {Array<{ date: string, slots: import('./booking-core.js').Slot[] }>} */
    days: [],
    slotsLoading: false,
    /** @type {import('/js/api.js').ApiError | null} */
    slotsError: null,
    /** @type {import('./booking-core.js').Attempt | null} */
    attempt: null,
    busy: false,
    /** @type {{ alternatives: import('./booking-core.js').Slot[] } | null} the chosen time was just taken */
    taken: null,
    /** @type {Record<string, any> | null} the API's answer: held, then booked once confirmed */
    booking: null,
    /** the language field follows the page's language until the citizen picks one */
    languageChosen: false,
    /** the address field follows step 1 until the citizen edits it */
    addressEdited: false,
  };
}

/** @param {HTMLElement | null} element the main.booking-wizard */
export function mountBookingWizard(element) {
  if (!element) {
    return;
  }

  /** @param {string} step */
  const section = (step) => /** @type {HTMLElement} */ (element.querySelector(`.booking-step[data-step="${step}"]`));
  const progress = /** @type {HTMLElement} */ (element.querySelector('.booking-wizard-progress'));
  const steps = /** @type {HTMLElement[]} */ ([...element.querySelectorAll('.booking-step')]);

  /** @type {Wizard} */
  const wizard = {
    state: initialState(),
    go,
    update,
    busy,
    loadSlots: async () => {},
    officer: () => wizard.state.officers.find((candidate) => candidate.id === wizard.state.officerId) ?? null,
    choices: () => {
      const { officers, officerId, type, day, slot, booking } = wizard.state;
      return { officers, officerId, type, day, slot, booking };
    },
  };

  mountAddressStep(section('address'), wizard);
  const renderers = [mountOfficerStep(section('officer'), wizard), mountTypeStep(section('type'), wizard)];
  const days = mountDayStep(section('day'), section('time'), wizard);
  wizard.loadSlots = days.load;
  const details = mountDetailsStep(section('details'), progress, wizard);
  renderers.push(days.render, details.render, mountConfirmStep(section('confirm'), wizard), mountDoneStep(section('done'), wizard));

  for (const back of element.querySelectorAll('.booking-back')) {
    back.addEventListener('click', () => {
      const previous = previousStep(wizard.state.step, wizard.state);
      if (previous) {
        go(previous);
      }
    });
  }

  document.addEventListener('languagechange', () => {
    if (wizard.state.step === 'details') {
      details.prefill(); // the language field follows the page until the citizen picks one
    }

    update();
  });

  update();

  /** @param {string} step */
  function go(step) {
    wizard.state.step = step;
    if (step === 'details') {
      details.prefill();
    }

    delete progress.dataset.override;
    update();
    /** @type {HTMLElement} */ (section(step).querySelector('.booking-step-heading')).focus();
  }

  /**
   * @param {HTMLButtonElement | null} button
   * @param {() => Promise<void>} action
   */
  async function busy(button, action) {
    wizard.state.busy = true;
    button?.classList.add('-busy');
    button?.setAttribute('aria-disabled', 'true');
    try {
      await action();
    } finally {
      wizard.state.busy = false;
      button?.classList.remove('-busy');
      button?.removeAttribute('aria-disabled');
    }
  }

  /** "Stap 3 van 6: Wat voor afspraak wilt u?" @param {string} step */
  function progressText(step) {
    const position = stepPosition(step, wizard.state);
    const heading = section(step).querySelector('.booking-step-heading');
    if (position) {
      return t('booking.progress', { number: position.number, total: position.total, step: heading?.textContent ?? '' });
    }

    return step === 'confirm' ? t('booking.progressConfirm') : t('booking.progressDone');
  }

  function update() {
    for (const step of steps) {
      step.hidden = step.dataset.step !== wizard.state.step;
    }

    // Written only when the words change (a language switch), so the live region speaks on a step change only.
    const text = progressText(wizard.state.step);
    if (progress.textContent !== text && !progress.dataset.override) {
      progress.textContent = text;
    }

    for (const render of renderers) {
      render();
    }
  }
}
