// Step 1: where the citizen lives, by street or on the map; the answer names the neighbourhood and its officers.
import { ApiError, apiGet, clearProblem, showProblem } from '/js/api.js';
import { currentLanguage, t } from '/js/i18n.js';
import { forgetAfter, nextStep, officersPath, placeErrors } from './booking-core.js';
import { mountPlacePicker } from './place-picker.js';
import { fieldProblem } from './booking-problems.js';

/**
 * @param {HTMLElement} section the step's section
 * @param {import('./booking.js').Wizard} wizard
 */
export function mountAddressStep(section, wizard) {
  const form = /** @type {HTMLFormElement} */ (section.querySelector('form.booking-address'));
  mountPlacePicker(/** @type {HTMLElement} */ (section.querySelector('.place-picker')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    findOfficers(/** @type {HTMLButtonElement | null} */ (event.submitter));
  });

  /** @param {HTMLButtonElement | null} submitter */
  async function findOfficers(submitter) {
    const { state } = wizard;
    if (state.busy) {
      return;
    }

    const data = new FormData(form);
    const byMap = submitter?.value === 'map';
    const address = String(data.get('address') ?? '').trim();
    const latitude = Number.parseFloat(String(data.get('latitude') ?? ''));
    const longitude = Number.parseFloat(String(data.get('longitude') ?? ''));
    if (!byMap && address === '') {
      showProblem(form, fieldProblem('address', t('booking.error.addressEmpty')));
      return;
    }

    if (byMap && (!Number.isFinite(latitude) || !Number.isFinite(longitude))) {
      showProblem(form, fieldProblem('latitude', t('booking.error.placeEmpty')));
      return;
    }

    await wizard.busy(submitter, async () => {
      try {
        const answer = await apiGet(officersPath(byMap ? { latitude, longitude } : { address }, currentLanguage()));
        const officers = Array.isArray(answer?.officers) ? answer.officers : [];
        if (officers.length === 0) {
          showProblem(form, fieldProblem(byMap ? 'latitude' : 'address', t('booking.error.noOfficer')));
          return;
        }

        clearProblem(form);
        Object.assign(state, forgetAfter(wizard.choices(), 'officers'), {
          neighbourhood: answer.neighbourhood ?? null,
          officers,
          officerId: officers.length === 1 ? officers[0].id : null,
          address: byMap ? '' : address,
        });
        state.addressEdited = false;
        wizard.go(nextStep('address', state));
      } catch (error) {
        showProblem(form, error instanceof ApiError ? withPlaceErrors(error) : error);
      }
    });
  }
}

/**
 * The same problem, its errors about the place keyed as the form's place fields.
 * @param {ApiError} error
 */
function withPlaceErrors(error) {
  const { status, title, detail, type } = error;
  const codes = /** @type {Record<string, string[]> | undefined} */ (error.extensions.codes);
  return new ApiError({ ...error.extensions, codes: codes && placeErrors(codes), status, title, detail, type, errors: placeErrors(error.errors) });
}
