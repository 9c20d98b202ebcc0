/** Who is in this document now (from awareness; names come from the server's participant record). */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

export interface PresentUser {
  clientId: number;
  name: string;
  role: string;
  color: string;
  participantId: string;
  editing: string | null;
}

export function usePresence(awareness: Awareness | null): PresentUser[] {
  const [users, setUsers] = useState<PresentUser[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const out: PresentUser[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: Partial<PresentUser> }).user;
        if (!user?.name) return;
        out.push({
          clientId,
          name: user.name,
          role: user.role ?? '',
          color: user.color ?? '#4a5568',
          participantId: user.participantId ?? '',
          editing: typeof (state as { editing?: unknown }).editing === 'string' ? (state as { editing: string }).editing : null,
        });
      });
      setUsers(out);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness]);
  return users;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase())
    .slice(0, 2)
    .join('');

/** Avatars with initials and a text list for screen readers; colour is never the only cue. */
export function PresenceBar({ users, selfClientId }: { users: PresentUser[]; selfClientId: number | null }) {
  const unique = [...new Map(users.map((u) => [u.participantId || u.clientId, u])).values()];
  if (unique.length === 0) return null;
  return (
    <div className="presence" aria-label="Nu in dit document">
      <span className="muted">Nu hier:</span>
      <ul>
        {unique.map((u) => (
          <li key={u.clientId} className={`avatar presence-${colourClass(u.color)}`} title={`${u.name} (${u.role})`}>
            <span aria-hidden="true">{initials(u.name)}</span>
            <span className="visually-hidden">
              {u.name} ({u.role}){u.clientId === selfClientId ? ', dat ben jij' : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Maps a presence colour to a CSS class (the CSP allows no inline styles). */
export function colourClass(color: string): string {
  return color.replace('#', 'c');
}
