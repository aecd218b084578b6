// Sends a report's photos the way the warden app does: shrunk on the device, then straight to Blob Storage through
// a write-only address for one blob, then confirmed (checked by content) by the API.
import { apiPost } from '/js/api.js';
import { shrinkPhoto } from '/warden/photos.js';

/**
 * @param {string} reference
 * @param {string} token the status link's token, which also adds photos during the first hour
 * @param {File[]} files
 * @returns {Promise<number>} how many photos were added
 */
export async function uploadPhotos(reference, token, files) {
  let added = 0;
  for (const file of files) {
    try {
      const photo = await shrinkPhoto(file).catch(() => file);
      const photoId = crypto.randomUUID();
      const query = `?token=${encodeURIComponent(token)}`;
      const upload = await apiPost(`/api/citizen-reports/${reference}/photos${query}`, { photoId, contentType: 'image/jpeg' });
      const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: photo });
      if (!put.ok) {
        continue;
      }

      await apiPost(`/api/citizen-reports/${reference}/photos/${photoId}/confirm${query}`, undefined);
      added += 1;
    } catch {
      // One photo that does not go through does not undo the report: the page says how many were added.
    }
  }

  return added;
}
