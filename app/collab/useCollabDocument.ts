/**
 * React hook around a live document: opens on mount (browser only), closes on
 * unmount. A change the server refuses is undone in place: the copy holding
 * it is replaced by a fresh one from the server and a Dutch notice says so
 * (app/collab/resilientDocument.ts). With the loader's `serverNow` it sets
 * the stamp clock first, so every time stamp written into the document is on
 * the server's clock (app/domain/stampClock.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import type { DocumentName } from '../domain/permissions';
import { connectionLabel, type CollabDocument, type CollabState } from './collabDocument';
import { openResilientDocument } from './resilientDocument';
import { stampClock } from '../domain/stampClock';

export function useCollabDocument(caseId: string, document: DocumentName, readOnly: boolean, serverNow?: number) {
  // Before the document opens (effects run in order): a fresh reading with every loader answer.
  useEffect(() => {
    if (serverNow !== undefined) stampClock.sync(serverNow);
  }, [serverNow]);
  const [handle, setHandle] = useState<CollabDocument | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [state, setState] = useState<CollabState>({
    phase: 'connecting',
    synced: false,
    readOnly,
    tooLarge: false,
    endReason: null,
  });

  useEffect(() => {
    // The connection exists only in the browser, after hydration: this effect creates it, and the
    // component re-renders with each copy of the document it hands over.
    const opened = openResilientDocument({
      origin: window.location.origin,
      caseId,
      document,
      readOnly,
      onDocument: setHandle,
      onChange: setState,
      onNotice: setNotice,
    });
    return () => opened.destroy();
  }, [caseId, document, readOnly]);

  return {
    doc: handle?.doc ?? null,
    awareness: handle?.provider.awareness ?? null,
    state,
    label: connectionLabel(state),
    /** Set after a refused change was undone by loading the stored plan again. */
    notice,
    dismissNotice: useCallback(() => setNotice(null), []),
    /** Editing is allowed only when connected or reconnecting (offline edits are kept) and not read-only. */
    canEdit: !state.readOnly && state.phase !== 'ended' && state.synced,
  };
}
