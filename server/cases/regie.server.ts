/**
 * Who holds regie, and the role a participant acts in — decided here and
 * nowhere else (ADR 016). A participant record stores a base role and never
 * `casusregisseur`; a professional *holds* the casusregisseur role while:
 *   - the case names them its casusregisseur, or
 *   - a parent is the casusregisseur and the case names them the professional
 *     beside that parent (`regieProfessionalId`), or
 *   - an open overdracht hands regie to them and its overlap runs (both the
 *     old and the new regisseur hold regie rights until the overlap ends).
 * A jeugdbeschermer keeps that role (it carries the same rights and more).
 * So the role people act in and the case's regisseur cannot disagree, and
 * there is exactly one casusregisseur (one column) at any moment.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../app/domain/caseFacts';
import type { Tx } from '../../db/database.server';
import { cases, overdrachten } from '../../db/schema';

export interface RegieState {
  casusregisseurId: string | null;
  regieProfessionalId: string | null;
  /** The incoming regisseur of an open overdracht whose overlap runs today. */
  overlapParticipantId: string | null;
  closed: boolean;
}

/** Today's date (yyyy-mm-dd) in the Netherlands: overlaps and absences are whole days. */
export function todayIso(now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function regieState(db: Tx, caseId: string, now: number = Date.now()): RegieState {
  const c = db
    .select({ casusregisseurId: cases.casusregisseurId, regieProfessionalId: cases.regieProfessionalId, closedAt: cases.closedAt })
    .from(cases)
    .where(eq(cases.id, caseId))
    .get();
  if (!c) return { casusregisseurId: null, regieProfessionalId: null, overlapParticipantId: null, closed: false };
  const open = db
    .select({ to: overdrachten.toParticipantId, regieProfessionalId: overdrachten.regieProfessionalId, overlapUntil: overdrachten.overlapUntil })
    .from(overdrachten)
    .where(and(eq(overdrachten.caseId, caseId), isNull(overdrachten.completedAt), isNull(overdrachten.cancelledAt)))
    .get();
  const overlapRuns = open?.overlapUntil ? open.overlapUntil >= todayIso(now) : false;
  return {
    casusregisseurId: c.casusregisseurId,
    regieProfessionalId: c.regieProfessionalId,
    overlapParticipantId: overlapRuns ? (open!.regieProfessionalId ?? open!.to) : null,
    closed: c.closedAt !== null,
  };
}

/** True when this participant holds the rights that come with regie (see the header). */
export function holdsRegieRights(participantId: string, regie: RegieState): boolean {
  return participantId === regie.casusregisseurId || participantId === regie.regieProfessionalId || participantId === regie.overlapParticipantId;
}

/** The role a participant acts in: their stored role, or casusregisseur while they hold regie rights as a professional. */
export function effectiveRole(participant: { id: string; role: Role; userId: string | null }, regie: RegieState): Role {
  if (participant.role === 'jeugdbeschermer' || participant.role === 'meelezer' || !participant.userId) return participant.role;
  return holdsRegieRights(participant.id, regie) ? 'casusregisseur' : participant.role;
}

/** A participant row with its role replaced by the role they act in. */
export function withEffectiveRole<P extends { id: string; role: Role; userId: string | null; caseId: string }>(db: Tx, participant: P, now?: number): P {
  return { ...participant, role: effectiveRole(participant, regieState(db, participant.caseId, now)) };
}
