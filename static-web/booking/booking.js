// Booking page: a citizen books an appointment with their neighbourhood officer in a few steps, phone first:
// address → officer (when there is a choice) → kind → day → time → details → confirmation. One step shows at a time;
// a step change moves focus to the step's heading and is announced. This module holds the state and passes it down to
// the components (day, time, place, facts) as events; they send the citizen's choices up.
import { ApiError, apiGet, apiPost, asApiError, clearProblem, showProblem } from '/js/api.js';
import { applyTranslations, currentLanguage, currentLocale, mountLanguageSwitch, plural, t } from '/js/i18n.js';
import {
  alternativesOf,
  bookingPath,
  bookingRequest,
  bookingWindow,
  brusselsDate,
  checkBooking,
  forgetAfter,
  formatDate,
  formatTimeRange,
  groupSlotsByDay,
  isTimeTaken,
  manageLinkFrom,
  nextAttempt,
  nextStep,
  offeredTypes,
  officersPath,
  openingHoursRows,
  placeErrors,
  previousStep,
  slotsPath,
  stepPosition,
  weekdayName,
} from './booking-core.js';
import { mountBookingFacts } from './booking-facts.js';
import { mountDayPicker } from './day-picker.js';
import { mountPlacePicker } from './place-picker.js';
import { mountTimePicker } from './time-picker.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountBookingWizard(document.querySelector('.booking-wizard'));

/** @param {HTMLElement | null} element the main.booking-wizard */
export function mountBookingWizard(element) {
  if (!element) {
    return;
  }

  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  /** @param {string} selector */
  const formOf = (selector) => /** @type {HTMLFormElement} */ (element.querySelector(selector));
  const progress = part('.booking-wizard-progress');
  const steps = /** @type {HTMLElement[]} */ ([...element.querySelectorAll('.booking-step')]);
  const addressForm = formOf('form.booking-address');
  const officerForm = formOf('form.booking-officer');
  const typeForm = formOf('form.booking-type');
  const detailsForm = formOf('form.booking-details');
  const dayPicker = part('.day-picker');
  const timePicker = part('.time-picker');
  const summary = part('.booking-details-summary');
  const doneFacts = part('.booking-done-facts');
  const taken = part('.booking-taken');
  const detailsSubmit = /** @type {HTMLButtonElement} */ (part('.booking-details-submit'));

  const state = {
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
    /** @type {ApiError | null} */
    slotsError: null,
    /** @type {import('./booking-core.js').Attempt | null} */
    attempt: null,
    busy: false,
    /** @type {{ alternatives: import('./booking-core.js').Slot[] } | null} the chosen time was just taken */
    taken: null,
    /** @type {Record<string, any> | null} */
    booking: null,
    /** the language field follows the page's language until the citizen picks one */
    languageChosen: false,
    /** the address field follows step 1 until the citizen edits it */
    addressEdited: false,
  };

  mountPlacePicker(part('.place-picker'));
  mountDayPicker(dayPicker);
  mountTimePicker(timePicker);
  mountBookingFacts(summary);
  mountBookingFacts(doneFacts);

  addressForm.addEventListener('submit', (event) => {
    event.preventDefault();
    findOfficers(/** @type {HTMLButtonElement | null} */ (event.submitter));
  });
  officerForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const officerId = new FormData(officerForm).get('officerId');
    if (!officerId) {
      showProblem(officerForm, fieldProblem('officerId', t('booking.error.officerRequired')));
      return;
    }

    clearProblem(officerForm);
    if (officerId !== state.officerId) {
      Object.assign(state, forgetAfter(wizardState(), 'officerId'), { officerId: String(officerId) });
    }

    go(nextStep('officer', state));
  });
  typeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const type = new FormData(typeForm).get('type');
    if (!type) {
      showProblem(typeForm, fieldProblem('type', t('booking.error.typeRequired')));
      return;
    }

    clearProblem(typeForm);
    if (type !== state.type) {
      Object.assign(state, forgetAfter(wizardState(), 'type'), { type: String(type) });
    }

    go('day');
    loadSlots();
  });
  element.addEventListener('dayPick', (event) => {
    const { date } = /** @type {CustomEvent<{ date: string }>} */ (event).detail;
    if (date !== state.day) {
      Object.assign(state, forgetAfter(wizardState(), 'day'), { day: date });
    }

    go('time');
  });
  element.addEventListener('timePick', (event) => {
    state.slot = /** @type {CustomEvent} */ (event).detail.slot;
    state.taken = null;
    go('details');
  });
  detailsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    book();
  });
  detailsForm.elements.namedItem('language')?.addEventListener('change', () => {
    state.languageChosen = true;
  });
  detailsForm.elements.namedItem('address')?.addEventListener('input', () => {
    state.addressEdited = true;
  });
  for (const back of element.querySelectorAll('.booking-back')) {
    back.addEventListener('click', () => {
      const previous = previousStep(state.step, state);
      if (previous) {
        go(previous);
      }
    });
  }

  part('.booking-slots-retry').addEventListener('click', () => loadSlots());
  part('.booking-taken-days').addEventListener('click', () => {
    state.taken = null;
    go('day');
    loadSlots();
  });
  document.addEventListener('languagechange', () => {
    if (state.step === 'details') {
      prefillDetails(); // the language field follows the page until the citizen picks one
    }

    update();
  });

  update();

  /** @param {HTMLButtonElement | null} submitter */
  async function findOfficers(submitter) {
    if (state.busy) {
      return;
    }

    const data = new FormData(addressForm);
    const byMap = submitter?.value === 'map';
    const address = String(data.get('address') ?? '').trim();
    const latitude = Number.parseFloat(String(data.get('latitude') ?? ''));
    const longitude = Number.parseFloat(String(data.get('longitude') ?? ''));
    if (!byMap && address === '') {
      showProblem(addressForm, fieldProblem('address', t('booking.error.addressEmpty')));
      return;
    }

    if (byMap && (!Number.isFinite(latitude) || !Number.isFinite(longitude))) {
      showProblem(addressForm, fieldProblem('latitude', t('booking.error.placeEmpty')));
      return;
    }

    await busy(submitter, async () => {
      try {
        const answer = await apiGet(officersPath(byMap ? { latitude, longitude } : { address }, currentLanguage()));
        const officers = Array.isArray(answer?.officers) ? answer.officers : [];
        if (officers.length === 0) {
          showProblem(addressForm, fieldProblem(byMap ? 'latitude' : 'address', t('booking.error.noOfficer')));
          return;
        }

        clearProblem(addressForm);
        Object.assign(state, forgetAfter(wizardState(), 'officers'), {
          neighbourhood: answer.neighbourhood ?? null,
          officers,
          officerId: officers.length === 1 ? officers[0].id : null,
          address: byMap ? '' : address,
        });
        state.addressEdited = false;
        go(nextStep('address', state));
      } catch (error) {
        showProblem(addressForm, error instanceof ApiError ? withPlaceErrors(error) : error);
      }
    });
  }

  async function loadSlots() {
    const officerId = state.officerId;
    const type = state.type;
    if (!officerId || !type) {
      return;
    }

    state.slotsLoading = true;
    state.slotsError = null;
    state.days = [];
    update();
    try {
      const answer = await apiGet(slotsPath(officerId, type, bookingWindow(Date.now())));
      if (officerId !== state.officerId || type !== state.type) {
        return; // the citizen changed their mind meanwhile: a later load wins
      }

      state.days = groupSlotsByDay(Array.isArray(answer?.slots) ? answer.slots : []);
    } catch (error) {
      state.slotsError = asApiError(error);
    } finally {
      state.slotsLoading = false;
      update();
    }
  }

  async function book() {
    if (state.busy || !state.officerId || !state.type || !state.slot) {
      return;
    }

    const body = bookingRequest(
      { officerId: state.officerId, type: state.type, start: state.slot.start },
      /** @type {any} */ (Object.fromEntries(new FormData(detailsForm))),
    );
    const errors = checkBooking(body);
    if (Object.keys(errors).length > 0) {
      const messages = Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, [t(key)]]));
      showProblem(detailsForm, new ApiError({ status: 400, errors: messages }));
      return;
    }

    const attempt = nextAttempt(state.attempt, body, () => crypto.randomUUID());
    state.attempt = attempt;
    await busy(detailsSubmit, async () => {
      try {
        state.booking = await apiPost('/api/bookings', body, { headers: { 'Idempotency-Key': attempt.key } });
        state.attempt = null;
        state.taken = null;
        clearProblem(detailsForm);
        go('done');
      } catch (error) {
        const problem = asApiError(error);
        // No answer: the booking may have been made. The same submit again carries the same key and gets it back.
        attempt.unanswered = problem.status === 0;
        if (problem.status === 409 && isTimeTaken(problem.extensions)) {
          clearProblem(detailsForm);
          state.taken = { alternatives: alternativesOf(problem.extensions) };
          update();
          taken.focus();
          return;
        }

        showProblem(detailsForm, problem);
      }
    });
  }

  /**
   * @param {HTMLButtonElement | null} button
   * @param {() => Promise<void>} action
   */
  async function busy(button, action) {
    state.busy = true;
    button?.classList.add('-busy');
    button?.setAttribute('aria-disabled', 'true');
    try {
      await action();
    } finally {
      state.busy = false;
      button?.classList.remove('-busy');
      button?.removeAttribute('aria-disabled');
    }
  }

  /** @param {string} step */
  function go(step) {
    state.step = step;
    if (step === 'details') {
      prefillDetails();
    }

    delete progress.dataset.override;
    update();
    part(`.booking-step[data-step="${step}"] .booking-step-heading`).focus();
  }

  /** "Stap 3 van 6: Wat voor afspraak wilt u?" @param {string} step */
  function progressText(step) {
    const position = stepPosition(step, state);
    const heading = part(`.booking-step[data-step="${step}"] .booking-step-heading`);
    return position
      ? t('booking.progress', { number: position.number, total: position.total, step: heading.textContent ?? '' })
      : t('booking.progressDone');
  }

  function prefillDetails() {
    const language = /** @type {HTMLSelectElement} */ (detailsForm.elements.namedItem('language'));
    if (!state.languageChosen) {
      language.value = currentLanguage();
    }

    const address = /** @type {HTMLInputElement} */ (detailsForm.elements.namedItem('address'));
    if (!state.addressEdited) {
      address.value = state.address;
    }
  }

  function wizardState() {
    return {
      officers: state.officers,
      officerId: state.officerId,
      type: state.type,
      day: state.day,
      slot: state.slot,
      booking: state.booking,
    };
  }

  function officer() {
    return state.officers.find((candidate) => candidate.id === state.officerId) ?? null;
  }

  function update() {
    const locale = currentLocale();
    for (const section of steps) {
      section.hidden = section.dataset.step !== state.step;
    }

    // Written only when the words change (a language switch), so the live region speaks on a step change only.
    const text = progressText(state.step);
    if (progress.textContent !== text && !progress.dataset.override) {
      progress.textContent = text;
    }

    renderOfficers();
    renderTypes();
    renderDays(locale);
    dayPicker.dispatchEvent(new CustomEvent('days', { detail: { days: state.days, selected: state.day } }));
    const day = state.days.find((candidate) => candidate.date === state.day);
    timePicker.dispatchEvent(new CustomEvent('times', { detail: { date: state.day, slots: day?.slots ?? [], selected: state.slot?.start ?? null } }));
    renderDetails(locale);
    renderDone(locale);
  }

  function renderOfficers() {
    const legend = part('.booking-officer-legend');
    legend.textContent = state.neighbourhood
      ? t('booking.officer.legend', { neighbourhood: state.neighbourhood.name })
      : t('booking.officer.heading');
    const options = part('.booking-officer-options');
    const drawnFor = options.dataset.drawnFor;
    const key = `${state.officers.map((o) => o.id).join(',')}|${currentLanguage()}`;
    if (drawnFor === key) {
      for (const input of options.querySelectorAll('input')) {
        /** @type {HTMLInputElement} */ (input).checked = /** @type {HTMLInputElement} */ (input).value === state.officerId;
      }

      return;
    }

    options.dataset.drawnFor = key;
    options.replaceChildren(
      ...state.officers.map((candidate) => {
        const spoken = (candidate.languages ?? []).map((code) => t(`booking.language.${code}`)).join(', ');
        const details = [
          candidate.office ? `${candidate.office.name}, ${candidate.office.address}` : '',
          spoken ? t('booking.officer.speaks', { languages: spoken }) : '',
        ].filter(Boolean);
        return choiceOption('officerId', candidate.id, String(candidate.name), details, candidate.id === state.officerId);
      }),
    );
  }

  function renderTypes() {
    const chosen = officer();
    part('.booking-type-officer').textContent = chosen
      ? t('booking.type.officer', { officer: chosen.name, neighbourhood: state.neighbourhood?.name ?? '' })
      : '';
    const options = part('.booking-type-options');
    const types = offeredTypes(chosen);
    const key = `${chosen?.id ?? ''}|${currentLanguage()}`;
    if (options.dataset.drawnFor === key) {
      for (const input of options.querySelectorAll('input')) {
        /** @type {HTMLInputElement} */ (input).checked = /** @type {HTMLInputElement} */ (input).value === state.type;
      }

      return;
    }

    options.dataset.drawnFor = key;
    options.replaceChildren(
      ...types.map(({ type, minutes }) =>
        choiceOption('type', type, t(`booking.type.${type}`), [t(`booking.type.${type}Hint`), plural('booking.minutes', minutes)], type === state.type),
      ),
    );
  }

  /** @param {string} locale */
  function renderDays(locale) {
    const loading = part('.booking-slots-loading');
    const loadingText = state.slotsLoading ? t('booking.day.loading') : '';
    if (loading.textContent !== loadingText) {
      loading.textContent = loadingText;
    }

    loading.hidden = loadingText === '';
    const failed = part('.booking-slots-failed');
    failed.hidden = state.slotsError === null;
    part('.booking-slots-failed-message').textContent = state.slotsError
      ? state.slotsError.status === 0 ? state.slotsError.title : t('booking.day.failed')
      : '';

    const none = part('.booking-no-slots');
    none.hidden = state.slotsLoading || state.slotsError !== null || state.days.length > 0 || state.type === null;
    const chosen = officer();
    part('.booking-no-slots-message').textContent = state.type
      ? t('booking.day.none', { type: t(`booking.type.${state.type}`).toLowerCase() })
      : '';
    part('.booking-no-slots-office').textContent = chosen?.office ? `${chosen.office.name}, ${chosen.office.address}` : '';
    const rows = openingHoursRows(chosen?.office?.openingHours);
    part('.booking-hours').hidden = rows.length === 0;
    part('.booking-hours-rows').replaceChildren(
      ...rows.map(({ day, hours }) => {
        const row = document.createElement('tr');
        const name = document.createElement('th');
        name.scope = 'row';
        name.textContent = weekdayName(day, locale);
        const times = document.createElement('td');
        times.textContent = hours.map((range) => `${range.from}–${range.to}`).join(', ');
        row.append(name, times);
        return row;
      }),
    );
  }

  /** @param {string} locale */
  function renderDetails(locale) {
    const chosen = officer();
    const slot = state.slot;
    summary.dispatchEvent(
      new CustomEvent('booking', {
        detail: {
          booking: chosen && state.type && slot
            ? { officerName: chosen.name, type: state.type, start: slot.start, end: slot.end, office: chosen.office ?? null, address: null, phone: null }
            : null,
          showStatus: false,
        },
      }),
    );
    part('.booking-home-address').hidden = state.type !== 'home';

    taken.hidden = state.taken === null;
    const alternatives = state.taken?.alternatives ?? [];
    part('.booking-taken-detail').textContent = alternatives.length > 0 ? t('booking.taken.alternatives') : t('booking.taken.none');
    part('.booking-taken-alternatives').replaceChildren(
      ...alternatives.map((alternative) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button -secondary booking-taken-alternative';
        button.textContent = t('booking.taken.choose', { date: formatDate(alternative.start, locale), range: formatTimeRange(alternative, locale) });
        button.addEventListener('click', () => {
          state.slot = alternative;
          state.day = brusselsDate(alternative.start);
          state.taken = null;
          update();
          progress.dataset.override = 'taken';
          progress.textContent = t('booking.taken.chosen', { date: formatDate(alternative.start, currentLocale()), range: formatTimeRange(alternative, currentLocale()) });
          detailsSubmit.focus();
        });
        const item = document.createElement('li');
        item.append(button);
        return item;
      }),
    );
  }

  /** @param {string} locale */
  function renderDone(locale) {
    const booking = state.booking;
    doneFacts.dispatchEvent(new CustomEvent('booking', { detail: { booking, showStatus: false } }));
    if (!booking) {
      return;
    }

    part('.booking-done-when').textContent = t('booking.done.when', {
      date: formatDate(booking.start, locale),
      range: formatTimeRange(booking, locale),
    });
    part('.booking-done-mail').textContent = booking.email ? t('booking.done.mail', { email: booking.email }) : t('booking.done.noMail');
    const manage = manageLinkFrom(booking.manageUrl);
    const manageLink = /** @type {HTMLAnchorElement} */ (part('.booking-done-manage'));
    const calendar = /** @type {HTMLAnchorElement} */ (part('.booking-done-calendar'));
    /** @type {HTMLElement} */ (manageLink.closest('li')).hidden = manage === null;
    /** @type {HTMLElement} */ (calendar.closest('li')).hidden = manage === null;
    if (manage) {
      manageLink.href = manage.href;
      calendar.href = bookingPath(manage.link, 'calendar.ics');
    }
  }
}

/**
 * One radio choice as a large tile: its title, and a line of detail under it.
 * @param {string} name
 * @param {string} value
 * @param {string} title
 * @param {string[]} details
 * @param {boolean} checked
 */
function choiceOption(name, value, title, details, checked) {
  const label = document.createElement('label');
  label.className = 'booking-option';
  const input = document.createElement('input');
  input.type = 'radio';
  input.name = name;
  input.value = value;
  input.checked = checked;
  const text = document.createElement('span');
  text.className = 'booking-option-text';
  const strong = document.createElement('span');
  strong.className = 'booking-option-title';
  strong.textContent = title;
  text.append(strong);
  for (const detail of details) {
    const line = document.createElement('span');
    line.className = 'booking-option-detail';
    line.textContent = detail;
    text.append(line);
  }

  label.append(input, text);
  return label;
}

/**
 * A problem about one field, found before anything was sent.
 * @param {string} field
 * @param {string} message
 */
function fieldProblem(field, message) {
  return new ApiError({ status: 400, errors: { [field]: [message] } });
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
