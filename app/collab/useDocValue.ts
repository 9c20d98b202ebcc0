/**
 * Re-renders when a Yjs document changes, returning `read(doc)` (e.g. a JSON
 * rendering). `read` must be stable (a module-level function): a new function
 * on every render would subscribe again on every render.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

export function useDocValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T, fallback: T): T {
  const [value, setValue] = useState<T>(() => (doc ? read(doc) : fallback));
  useEffect(() => {
    if (!doc) return;
    const update = () => setValue(read(doc));
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc, read]);
  return value;
}
