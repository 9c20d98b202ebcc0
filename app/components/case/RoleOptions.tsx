/**
 * The `<option>`s of a role picker, one per role with its Dutch label — for
 * every form that chooses a role (start, Betrokkenen, the Sessie's guest).
 * Display only: the commands decide which roles may be given.
 */
import { ROLE_LABELS, type Role } from '../../domain/caseFacts';

export function RoleOptions({ roles }: { roles: readonly Role[] }) {
  return (
    <>
      {roles.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </>
  );
}
