// The optional photo of the result, sent before "resolved": straight to storage through a write-only address
// for this one photo. It is optional, so it never stands in the way of the resolution: a photo that cannot be
// sent (no storage, a refused file) leaves the dossier to be resolved without it, and the page says so apart.
import { apiPost } from '/js/api.js';
import { partnerPhotoUploadPath } from '/partner/partner-core.js';

/** A dropped connection is tried once more before the photo is given up. */
const TRIES = 2;

/**
 * Uploads file; resolves to its photo id, or null when it could not be sent.
 * @param {{ id: string, token: string }} link
 * @param {File} file
 * @returns {Promise<string | null>}
 */
export async function uploadResultPhoto(link, file) {
  const photoId = crypto.randomUUID();
  for (let attempt = 1; attempt <= TRIES; attempt++) {
    try {
      // Asked for again on each try: an address refused once (expired) is not used twice.
      const upload = await apiPost(partnerPhotoUploadPath(link), { photoId, contentType: file.type || 'image/jpeg' });
      const stored = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: file, credentials: 'omit' });
      if (stored.ok) {
        return photoId;
      }

      if (stored.status < 500 && stored.status !== 403) {
        return null; // storage will not take this file: another try changes nothing
      }
    } catch {
      // No answer (from the API or from storage): try once more.
    }
  }

  return null;
}

/**
 * Whether a refusal of the action is about the photo only, so the action goes again without it.
 * @param {import('/js/api.js').ApiError} failure
 */
export function refusedForThePhoto(failure) {
  return (failure.status === 400 || failure.status === 422) && Object.keys(failure.errors).some((field) => field.toLowerCase() === 'photoid');
}
