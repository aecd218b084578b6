// What the API's problems say, in the reader's language. The API gives every error a stable machine code
// (`code` for the problem, `codes` per field beside RFC 9457's `errors`); the pages translate the codes with the
// texts under problem.code.* in static-web/i18n. The server's own English sentences are for logs and API
// clients: a page never shows them, so no English reaches a Dutch or French reader.
import { hasText, t } from './i18n.js';

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
