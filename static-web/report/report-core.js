// Pure logic of the citizen report page: no DOM, tested with node --test.

export const MAX_PHOTOS = 3;

/**
 * The request body from the form's values; empty optional fields are left out.
 * @param {Record<string, string>} values
 * @param {string} language
 */
export function reportRequest(values, language) {
  /** @type {Record<string, unknown>} */
  const body = {
    category: values.category,
    latitude: Number(values.latitude),
    longitude: Number(values.longitude),
    description: values.description.trim(),
    language,
  };
  for (const optional of ['address', 'email', 'phone', 'website']) {
    const value = (values[optional] ?? '').trim();
    if (value !== '') {
      body[optional] = value;
    }
  }

  return body;
}

/**
 * What must be fixed before sending, as field → translation key.
 * @param {Record<string, string>} values
 * @param {number} photoCount
 */
export function reportErrors(values, photoCount) {
  /** @type {Record<string, string>} */
  const errors = {};
  if (!values.category) {
    errors.category = 'report.error.category';
  }

  if (!values.latitude || !values.longitude) {
    errors.latitude = 'report.error.place';
  }

  const description = values.description.trim();
  if (description.length < 5) {
    errors.description = 'report.error.description';
  }

  if (photoCount > MAX_PHOTOS) {
    errors.photos = 'report.error.photos';
  }

  return errors;
}

/** @param {string} category @param {number} latitude @param {number} longitude */
export const nearbyPath = (category, latitude, longitude) =>
  `/api/citizen-reports/nearby?lat=${latitude.toFixed(6)}&lon=${longitude.toFixed(6)}&category=${encodeURIComponent(category)}`;

/**
 * The reference, the status token and the feedback token of a status page's address.
 * @param {string} search location.search
 */
export function statusLink(search) {
  const query = new URLSearchParams(search);
  const reference = query.get('ref') ?? '';
  const token = query.get('token') ?? '';
  const feedback = query.get('feedback');
  return /^WW-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(reference) && token !== '' ? { reference, token, feedback } : null;
}

/** @param {{ reference: string, token: string }} link */
export const statusPath = ({ reference, token }) => `/api/citizen-reports/${reference}?token=${encodeURIComponent(token)}`;

/** @param {string} reference @param {string} token */
export const feedbackPath = (reference, token) => `/api/citizen-reports/${reference}/feedback?token=${encodeURIComponent(token)}`;

/** The status page's address from a statusUrl the API gave, kept on this site. @param {string} statusUrl */
export function localStatusHref(statusUrl) {
  const url = new URL(statusUrl);
  return `/report/status/${url.search}`;
}

/**
 * A staff intake's body: the report's fields, the channel and when it was received. A report received today
 * counts from now; an earlier one from noon that day (the hour is rarely known, the day is what counts).
 * @param {Record<string, string>} values
 * @param {string} today yyyy-MM-dd
 * @param {Date} now
 */
export function intakeRequest(values, today, now) {
  const report = reportRequest({ ...values, website: '' }, values.language);
  const receivedAt = values.receivedOn === today ? now : new Date(`${values.receivedOn}T12:00:00`);
  return { ...report, channel: values.channel, receivedAt: receivedAt.toISOString() };
}
