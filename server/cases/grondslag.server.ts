/**
 * The read side of grondslag per betrokkene (ADR 033): each current
 * participant's current ground (the latest row), with the name of whoever gave
 * consent. Reads only; writes are in server/commands/grondslag.server.ts.
 */
import { asc, eq } from 'drizzle-orm';
import type { GroundView } from '../../app/domain/grondslag';
import type { Db } from '../../db/database.server';
import { accessGrounds } from '../../db/schema';
import { listParticipants } from './cases.server';

/** participantId → the current ground (absent: none recorded; withdrawn ones are not current). */
export function currentGrounds(db: Db, caseId: string): Map<string, GroundView> {
  const names = new Map(listParticipants(db, caseId).map((p) => [p.id, p.name]));
  const rows = db.select().from(accessGrounds).where(eq(accessGrounds.caseId, caseId)).orderBy(asc(accessGrounds.recordedAt), asc(accessGrounds.id)).all();
  const out = new Map<string, GroundView>();
  for (const r of rows) {
    if (r.withdrawnAt !== null) {
      out.delete(r.participantId);
      continue;
    }
    out.set(r.participantId, {
      participantId: r.participantId,
      basis: r.basis,
      consentGivenById: r.consentGivenById,
      consentGivenByName: r.consentGivenById ? (names.get(r.consentGivenById) ?? null) : null,
      consentGivenOn: r.consentGivenOn,
      purpose: r.purpose,
      legalGround: r.legalGround,
      recordedAt: r.recordedAt,
    });
  }
  return out;
}
