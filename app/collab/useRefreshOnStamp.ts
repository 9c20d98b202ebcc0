/**
 * Reloads a page's data when the server stamps its live document (scores or
 * akkoord changed in SQLite). The loader returns the stamp it saw; only a
 * different stamp in the live document triggers a reload, so opening a page
 * does not fetch its data twice.
 */
import { useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { useDocValue } from './useDocValue';

export function useRefreshOnStamp(doc: Y.Doc | null, readStamp: (doc: Y.Doc) => number | undefined, loadedStamp: number | null): void {
  const { revalidate } = useRevalidator();
  const live = useDocValue(doc, readStamp, undefined);
  useEffect(() => {
    if (live !== undefined && live !== loadedStamp) revalidate();
  }, [live, loadedStamp, revalidate]);
}
