import { Eye, Loader, ShieldOff, Wifi, WifiOff } from 'lucide-react';
import type { CollabState } from '../collab/collabDocument';

/** The live-connection indicator: an icon and words, never colour alone. */
export function ConnectionStatus({ state, label }: { state: CollabState; label: string }) {
  const Icon =
    state.phase === 'ended' ? ShieldOff : state.phase === 'reconnecting' ? WifiOff : state.phase === 'connecting' ? Loader : state.readOnly ? Eye : Wifi;
  return (
    <p className={`connection connection-${state.phase}`} role="status" aria-live="polite">
      <Icon aria-hidden="true" size={16} />
      <span>{label}</span>
    </p>
  );
}
