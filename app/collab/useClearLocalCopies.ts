/**
 * Runs clearLocalCopies once when a page mounts (sign-out, access ended, the
 * way back after a session ended) and then, if given, goes on to `next`.
 * Client-only: the server render does nothing (ADR 037).
 */
import { useNavigate } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { clearLocalCopies } from './localCopies';

export function useClearLocalCopies(next?: string): boolean {
  const navigate = useNavigate();
  const [done, setDone] = useState(false);
  useEffect(() => {
    let live = true;
    void clearLocalCopies().then(() => {
      if (!live) return;
      setDone(true);
      if (next) navigate(next, { replace: true });
    });
    return () => {
      live = false;
    };
  }, [navigate, next]);
  return done;
}
