// The device's copy of the warden's observations (the send queue) in IndexedDB, photos included as Blobs.
// Every change is read-modify-write in one transaction, so two tabs cannot overwrite each other's step.

const DATABASE = 'wijkwacht-warden';
const VERSION = 1;
const OBSERVATIONS = 'observations';

/** @typedef {import('./queue-core.js').QueueEntry} QueueEntry */

/** @type {Promise<IDBDatabase> | null} */
let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    if (!('indexedDB' in globalThis)) {
      reject(new Error('This browser cannot store data on the device (no IndexedDB).'));
      return;
    }

    const request = indexedDB.open(DATABASE, VERSION);
    request.onupgradeneeded = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains(OBSERVATIONS)) {
        database.createObjectStore(OBSERVATIONS, { keyPath: 'id' });
      }
    };
    request.onsuccess = () => {
      const database = request.result;
      // Another tab opening a newer version of the app asks us to let go.
      database.onversionchange = () => {
        database.close();
        opening = null;
      };
      resolve(database);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
    request.onblocked = () => reject(new Error('Close the other tabs of the warden app and try again.'));
  });
  return opening;
}

/**
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => T} work
 * @returns {Promise<T>} work's result once the transaction has committed
 */
async function transaction(mode, work) {
  const database = await open();
  return new Promise((resolve, reject) => {
    const tx = database.transaction(OBSERVATIONS, mode);
    const result = work(tx.objectStore(OBSERVATIONS));
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('The change on the device was cancelled.'));
  });
}

/** @returns {Promise<QueueEntry[]>} */
export async function allEntries() {
  /** @type {{ value: QueueEntry[] }} */
  const found = { value: [] };
  await transaction('readonly', (store) => {
    const request = store.getAll();
    request.onsuccess = () => {
      found.value = request.result;
    };
  });
  return found.value;
}

/** @param {QueueEntry} entry */
export async function addEntry(entry) {
  await transaction('readwrite', (store) => {
    store.add(entry);
  });
}

/**
 * Changes one entry with change(entry) → entry, atomically; nothing happens when the entry is gone (deleted
 * meanwhile) or change returns it unchanged.
 * @param {string} id
 * @param {(entry: QueueEntry) => QueueEntry} change
 * @returns {Promise<QueueEntry | null>} the entry as stored after the change
 */
export async function updateEntry(id, change) {
  /** @type {{ value: QueueEntry | null }} */
  const updated = { value: null };
  await transaction('readwrite', (store) => {
    const request = store.get(id);
    request.onsuccess = () => {
      const entry = /** @type {QueueEntry | undefined} */ (request.result);
      if (!entry) {
        return;
      }

      const next = change(entry);
      updated.value = next;
      if (next !== entry) {
        store.put(next);
      }
    };
  });
  return updated.value;
}

/** @param {string} id */
export async function deleteEntry(id) {
  await transaction('readwrite', (store) => {
    store.delete(id);
  });
}

/**
 * Asks the browser not to clear the queue when the device runs low on space. Browsers may say no; the queue
 * still works, only less safe on a full phone.
 */
export async function askToKeepData() {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted())) {
      await navigator.storage.persist();
    }
  } catch {
    // Not supported here: nothing to do.
  }
}
