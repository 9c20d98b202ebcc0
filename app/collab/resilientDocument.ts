/**
 * A live document that survives a refused change in place (issue 13): when
 * the server refuses an update (schema, item rule or quota), nothing of it was
 * stored or sent to anyone, so the change exists only in this browser. The
 * copy that holds it is dropped (memory and IndexedDB) and a fresh copy is
 * loaded from the server on the same page, with a Dutch notice saying what
 * happened — the page is not reloaded and the person can go on. After a few
 * refusals in a row the document stays ended (a client that keeps producing
 * refused changes must not loop).
 */
import { openCollabDocument, type CollabDocument, type CollabOptions, type CollabState } from './collabDocument';

export const REFUSED_NOTICE =
  'Je laatste wijziging is niet bewaard, want die past niet in het plan. Het plan is opnieuw geladen: je ziet nu wat er bewaard is.';
export const QUOTA_NOTICE =
  'Er is in korte tijd heel veel veranderd. Je laatste wijziging is niet bewaard. Het plan is opnieuw geladen; wacht even voor je verder gaat.';

export interface ResilientOptions extends Omit<CollabOptions, 'onChange'> {
  /** A new copy of the document is in use (also the first one). */
  onDocument: (handle: CollabDocument) => void;
  onChange: (state: CollabState) => void;
  /** The notice to show, or null when there is none. */
  onNotice: (text: string | null) => void;
  /** Reloads allowed before the document stays ended. */
  maxReopens?: number;
}

export function openResilientDocument(options: ResilientOptions): { current(): CollabDocument; destroy(): void } {
  const { onDocument, onChange, onNotice, maxReopens = 3, ...collab } = options;
  let reopens = 0;
  let destroyed = false;
  let handle: CollabDocument;

  const open = () => {
    let reopening = false;
    const opened: CollabDocument = openCollabDocument({
      ...collab,
      onChange: (state) => {
        const refused = state.phase === 'ended' && (state.endReason === 'refused' || state.endReason === 'quota');
        if (!refused || reopens >= maxReopens) {
          onChange(state);
          return;
        }
        if (reopening) return;
        reopening = true;
        reopens++;
        onNotice(state.endReason === 'quota' ? QUOTA_NOTICE : REFUSED_NOTICE);
        void opened.forgotten().then(() => {
          opened.destroy();
          if (!destroyed) open();
        });
      },
    });
    handle = opened;
    onDocument(opened);
    onChange(opened.state);
  };
  open();

  return {
    current: () => handle,
    destroy() {
      destroyed = true;
      handle.destroy();
    },
  };
}
