/**
 * The copies of case documents this browser keeps for offline use
 * (y-indexeddb, one IndexedDB database per case document, named with
 * LOCAL_COPY_PREFIX). `clearLocalCopies` deletes all of them: run on sign-out
 * and on the pages shown when a session or access has ended, so nothing of a
 * case stays on a shared family phone (ADR 037). It never throws and never
 * hangs: a database still held open by another tab is deleted by the browser
 * as soon as that tab lets go.
 */
export const LOCAL_COPY_PREFIX = 'veiligplan:';

/** The database name of one case document's local copy. */
export function localCopyName(caseId: string, document: string): string {
  return `${LOCAL_COPY_PREFIX}${caseId}/${document}`;
}

function deleteDatabase(factory: IDBFactory, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      const request = factory.deleteDatabase(name);
      request.onsuccess = done;
      request.onerror = done;
      // Blocked by an open connection elsewhere: the deletion is queued; wait for it up to the timeout.
    } catch {
      done();
    }
  });
}

/** Deletes every local copy of this browser; resolves with how many databases were asked to go. */
export async function clearLocalCopies(factory: IDBFactory | undefined = globalThis.indexedDB, timeoutMs = 2000): Promise<number> {
  if (!factory || typeof factory.databases !== 'function') return 0;
  let names: string[];
  try {
    names = (await factory.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith(LOCAL_COPY_PREFIX));
  } catch {
    return 0;
  }
  await Promise.all(names.map((name) => deleteDatabase(factory, name, timeoutMs)));
  return names.length;
}
