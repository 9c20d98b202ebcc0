/**
 * The fields that name a family or netwerk member being added: name, role and
 * relation — one set for the Betrokkenen form and the Sessie's "Iemand
 * toevoegen die er nu bij is". Display only: the add commands check them.
 */
import { FAMILY_ROLES } from '../../domain/caseFacts';
import { RoleOptions } from './RoleOptions';

export function FamilyPersonFields({ relationExample }: { relationExample: string }) {
  return (
    <>
      <label className="field">
        <span>Naam</span>
        <input name="name" required maxLength={120} />
      </label>
      <label className="field">
        <span>Rol</span>
        <select name="role" defaultValue="netwerklid">
          <RoleOptions roles={FAMILY_ROLES} />
        </select>
      </label>
      <label className="field">
        <span>Relatie (bijvoorbeeld: {relationExample})</span>
        <input name="relation" maxLength={120} />
      </label>
    </>
  );
}
