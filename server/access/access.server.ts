/**
 * Changes of access, decided in one place: ending a participant's access
 * (links revoked, sessions ended, sockets closed with 4403 within the same
 * turn) and role changes: a lowered role ends the person's sessions and closes
 * their sockets the same way (their personal link stays valid and opens the
 * case again under the new role); a raised role only makes the sockets
 * reconnect under the new rights (4001).
 */
import type { Role } from '../../app/domain/caseFacts';
import { lowersAccess } from '../../app/domain/permissions';
import type { Db } from '../../db/database.server';
import type { Audit } from '../audit/audit.server';
import { endParticipantSessions } from '../auth/sessions.server';
import type { Links } from '../links/links.server';
import type { SyncServer } from '../sync/syncServer.server';

export function createAccess(deps: { db: Db; sync: SyncServer; audit: Audit; links: Links }) {
  return {
    end(caseId: string, participantId: string, by: { participantId: string; sessionRef?: string }) {
      deps.links.revokeAll(participantId);
      const sessions = endParticipantSessions(deps.db, participantId);
      const sockets = deps.sync.closeConnections({ caseId, participantId });
      deps.audit.record({ type: 'access-ended', caseId, actorParticipantId: by.participantId, sessionRef: by.sessionRef, subjectParticipantId: participantId, detail: { sessions, sockets } });
    },
    roleChanged(caseId: string, participantId: string, from: Role, to: Role, by: { participantId: string; sessionRef?: string }) {
      if (!lowersAccess(from, to)) {
        deps.sync.closeConnections({ caseId, participantId, final: false });
        return;
      }
      const sessions = endParticipantSessions(deps.db, participantId);
      const sockets = deps.sync.closeConnections({ caseId, participantId });
      deps.audit.record({ type: 'access-ended', caseId, actorParticipantId: by.participantId, sessionRef: by.sessionRef, subjectParticipantId: participantId, detail: { sessions, sockets, reden: 'rol verlaagd' } });
    },
  };
}
export type Access = ReturnType<typeof createAccess>;
