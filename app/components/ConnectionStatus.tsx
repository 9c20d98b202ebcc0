import { Eye, Loader, ShieldOff, Wifi, WifiOff, X } from 'lucide-react';
import { familyConnectionLabel, type CollabState } from '../collab/collabDocument';

/**
 * The live-connection indicator: an icon and words, never colour alone; and a notice when a change was not kept.
 * Family members see what they can do now instead of technical states (ADR 029).
 */
export function ConnectionStatus({
  state,
  label,
  notice,
  onDismiss,
  family = false,
}: {
  state: CollabState;
  label: string;
  notice?: string | null;
  onDismiss?: () => void;
  /** Use the family's words (ouder, jeugdige, netwerklid). */
  family?: boolean;
}) {
  const Icon =
    state.phase === 'ended' ? ShieldOff : state.phase === 'reconnecting' ? WifiOff : state.phase === 'connecting' ? Loader : state.readOnly ? Eye : Wifi;
  return (
    <>
      <p className={`connection connection-${state.phase}`} role="status" aria-live="polite">
        <Icon aria-hidden="true" size={16} />
        <span>{family ? familyConnectionLabel(state) : label}</span>
      </p>
      {notice ? (
        <p className="alert refused-notice" role="alert">
          <span>{notice}</span>
          {onDismiss ? (
            <button type="button" className="button button-quiet button-small" onClick={onDismiss}>
              <X aria-hidden="true" size={16} /> Sluiten
            </button>
          ) : null}
        </p>
      ) : null}
    </>
  );
}
