/** Re-renders when a Yjs document changes, returning `read(doc)` (e.g. a JSON rendering). */
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
    // `read` is a module-level function in practice; re-subscribing on every render is not wanted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);
  return value;
}
