// What a failed API call means for a page opened from a signed link (partner page, a citizen's booking):
// pure, so it runs under `node --test` and in the browser alike.

/**
 * What the page does with a failed call, by HTTP status.
 * - link: the link is bad, expired or withdrawn (403): nothing on the page can be trusted any more
 * - gone: the dossier or booking no longer exists (404)
 * - conflict: the action no longer applies, or the time was taken (409): reload and show what it is now
 * - invalid: the answer needs changing (400, 422)
 * - failed: anything else, network included: try again
 * @param {number} status 0 when the server could not be reached
 * @returns {'link' | 'gone' | 'conflict' | 'invalid' | 'failed'}
 */
export function problemKind(status) {
  switch (status) {
    case 403:
      return 'link';
    case 404:
      return 'gone';
    case 409:
      return 'conflict';
    case 400:
    case 422:
      return 'invalid';
    default:
      return 'failed';
  }
}
