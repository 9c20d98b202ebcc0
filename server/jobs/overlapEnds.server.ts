/**
 * When an overdracht's overlap runs out (its last day has passed, Europe/
 * Amsterdam) without an acknowledgement, the incoming person no longer holds
 * regie rights (server/cases/regie.server.ts decides that at every request
 * and upgrade). Open sockets keep the rights they were opened with, so this
 * job closes them once (final: false): they reconnect with the rights of now.
 * Which overdrachten were handled is kept in memory: after a restart every
 * socket is new and was authorised with today's rights anyway.
 */
import { and, isNotNull, isNull, lt } from 'drizzle-orm';
import { overdrachten } from '../../db/schema';
import { todayIso } from '../cases/regie.server';
import type { Services } from '../services.server';

export function createOverlapEnds(services: Pick<Services, 'db' | 'sync'>) {
  const handled = new Set<string>();
  return function closeRunOutOverlaps(now = Date.now()): number {
    const runOut = services.db
      .select({ id: overdrachten.id, caseId: overdrachten.caseId, to: overdrachten.toParticipantId, beside: overdrachten.regieProfessionalId })
      .from(overdrachten)
      .where(
        and(
          isNull(overdrachten.completedAt),
          isNull(overdrachten.cancelledAt),
          isNotNull(overdrachten.overlapUntil),
          lt(overdrachten.overlapUntil, todayIso(now)),
        ),
      )
      .all();
    let closed = 0;
    for (const o of runOut) {
      if (handled.has(o.id)) continue;
      handled.add(o.id);
      closed += services.sync.closeConnections({ caseId: o.caseId, participantId: o.beside ?? o.to, final: false });
    }
    return closed;
  };
}
