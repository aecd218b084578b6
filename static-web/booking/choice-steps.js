// Steps 2 and 3: which officer (only when the neighbourhood has more than one) and which kind of appointment.
import { clearProblem, showProblem } from '/js/api.js';
import { currentLanguage, plural, t } from '/js/i18n.js';
import { forgetAfter, nextStep, offeredTypes } from './booking-core.js';
import { fieldProblem } from './booking-problems.js';
import { choiceOption, drawOptions } from './choice-option.js';

/**
 * @param {HTMLElement} section
 * @param {import('./booking.js').Wizard} wizard
 * @returns {() => void} render
 */
export function mountOfficerStep(section, wizard) {
  const form = /** @type {HTMLFormElement} */ (section.querySelector('form.booking-officer'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const officerId = new FormData(form).get('officerId');
    if (!officerId) {
      showProblem(form, fieldProblem('officerId', t('booking.error.officerRequired')));
      return;
    }

    clearProblem(form);
    if (officerId !== wizard.state.officerId) {
      Object.assign(wizard.state, forgetAfter(wizard.choices(), 'officerId'), { officerId: String(officerId) });
    }

    wizard.go(nextStep('officer', wizard.state));
  });

  return function render() {
    const { state } = wizard;
    /** @type {HTMLElement} */ (section.querySelector('.booking-officer-legend')).textContent = state.neighbourhood
      ? t('booking.officer.legend', { neighbourhood: state.neighbourhood.name })
      : t('booking.officer.heading');
    const key = `${state.officers.map((o) => o.id).join(',')}|${currentLanguage()}`;
    drawOptions(/** @type {HTMLElement} */ (section.querySelector('.booking-officer-options')), key, state.officerId, () =>
      state.officers.map((candidate) => {
        const spoken = (candidate.languages ?? []).map((code) => t(`booking.language.${code}`)).join(', ');
        const details = [
          candidate.office ? `${candidate.office.name}, ${candidate.office.address}` : '',
          spoken ? t('booking.officer.speaks', { languages: spoken }) : '',
        ].filter(Boolean);
        return choiceOption('officerId', candidate.id, String(candidate.name), details, candidate.id === state.officerId);
      }),
    );
  };
}

/**
 * @param {HTMLElement} section
 * @param {import('./booking.js').Wizard} wizard
 * @returns {() => void} render
 */
export function mountTypeStep(section, wizard) {
  const form = /** @type {HTMLFormElement} */ (section.querySelector('form.booking-type'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const type = new FormData(form).get('type');
    if (!type) {
      showProblem(form, fieldProblem('type', t('booking.error.typeRequired')));
      return;
    }

    clearProblem(form);
    if (type !== wizard.state.type) {
      Object.assign(wizard.state, forgetAfter(wizard.choices(), 'type'), { type: String(type) });
    }

    wizard.go('day');
    wizard.loadSlots();
  });

  return function render() {
    const { state } = wizard;
    const chosen = wizard.officer();
    /** @type {HTMLElement} */ (section.querySelector('.booking-type-officer')).textContent = chosen
      ? t('booking.type.officer', { officer: chosen.name, neighbourhood: state.neighbourhood?.name ?? '' })
      : '';
    drawOptions(/** @type {HTMLElement} */ (section.querySelector('.booking-type-options')), `${chosen?.id ?? ''}|${currentLanguage()}`, state.type, () =>
      offeredTypes(chosen).map(({ type, minutes }) =>
        choiceOption('type', type, t(`booking.type.${type}`), [t(`booking.type.${type}Hint`), plural('booking.minutes', minutes)], type === state.type),
      ),
    );
  };
}
