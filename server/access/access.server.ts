/**
 * Changes of access, decided in one place: ending a participant's access
 * (links revoked, sessions ended, sockets closed with 4403 within the same
 * turn) and rights changes (sockets reconnect under the new role).
 */
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
    rightsChanged(caseId: string, participantId: string) {
      deps.sync.closeConnections({ caseId, participantId, final: false });
    },
  };
}
export type Access = ReturnType<typeof createAccess>;
