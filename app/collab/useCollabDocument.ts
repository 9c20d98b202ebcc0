/**
 * React hook around openCollabDocument: opens on mount (browser only), closes
 * on unmount. With the loader's `serverNow` it sets the stamp clock first, so
 * every time stamp written into the document is on the server's clock.
 */
import { useEffect, useState } from 'react';
import type { DocumentName } from '../domain/permissions';
import { connectionLabel, openCollabDocument, type CollabDocument, type CollabState } from './collabDocument';
import { stampClock } from './serverClock';

export function useCollabDocument(caseId: string, document: DocumentName, readOnly: boolean, serverNow?: number) {
  // Before the document opens (effects run in order): a fresh reading with every loader answer.
  useEffect(() => {
    if (serverNow !== undefined) stampClock.sync(serverNow);
  }, [serverNow]);
  const [handle, setHandle] = useState<CollabDocument | null>(null);
  const [state, setState] = useState<CollabState>({
    phase: 'connecting',
    synced: false,
    readOnly,
    tooLarge: false,
    endReason: null,
  });

  useEffect(() => {
    const opened = openCollabDocument({ origin: window.location.origin, caseId, document, readOnly, onChange: setState });
    // The connection exists only in the browser, after hydration: this effect creates it, and the
    // component must re-render with it. There is no render-time place to open a socket.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- see the comment above
    setHandle(opened);
    setState(opened.state);
    return () => opened.destroy();
  }, [caseId, document, readOnly]);

  return {
    doc: handle?.doc ?? null,
    awareness: handle?.provider.awareness ?? null,
    state,
    label: connectionLabel(state),
    /** Editing is allowed only when connected or reconnecting (offline edits are kept) and not read-only. */
    canEdit: !state.readOnly && state.phase !== 'ended' && state.synced,
  };
}
