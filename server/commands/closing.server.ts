/**
 * Closing (afsluiten) and reopening a case (SPEC §2.4, issue 14 point 7).
 * Invariant: a case is closed exactly when `cases.closed_at` is set, and it
 * gets there only through `closeCase`, which in ONE transaction makes the
 * final `afsluiten` version (with its audit row), sets closedAt and writes
 * the `case-closed` event with the reason. `reopenCase` (the jeugdbeschermer
 * only) clears closedAt with its `case-reopened` event in one transaction.
 * After either commits, every open connection of the case reconnects
 * (final: false), so pages turn read-only — or writable again — at once.
 * A case with an open overdracht is not closed: the handover is completed
 * or stopped first (ADR 019).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { mayCloseCase, mayReopenCase } from '../../app/domain/permissions';
import { cases, overdrachten } from '../../db/schema';
import { runningMeeting } from '../meetings/meetings.server';
import { recordAudit } from '../audit/audit.server';
import { recordCaseEvent } from '../cases/events.server';
import { actingParticipant, actingWriter, byActor, commit, nowOf, parseInput, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { Conflict } from './errors';

const REASON = 'Schrijf kort op waarom.';

export const CaseReasonInput = z.object({
  reason: z.string({ error: REASON }).trim().min(3, REASON).max(1000, 'De reden is te lang (hooguit 1000 tekens).'),
});

export const FINAL_VERSION_LABEL = 'Afgesloten';

export function closeCase(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(CaseReasonInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      // actingWriter answers a case that is already closed with a Conflict.
      const me = actingWriter(tx, actor);
      requireAllowed(mayCloseCase(me.role), 'Alleen de jeugdbeschermer of casusregisseur kan de casus afsluiten.');
      const open = tx
        .select({ id: overdrachten.id })
        .from(overdrachten)
        .where(and(eq(overdrachten.caseId, me.caseId), isNull(overdrachten.completedAt), isNull(overdrachten.cancelledAt)))
        .get();
      if (open) throw new Conflict('Er loopt nog een overdracht van de regie. Rond die eerst af of stop haar; daarna kun je de casus afsluiten.');
      if (runningMeeting(tx, me.caseId)) throw new Conflict('Er loopt nog een netwerkberaad. Rond dat eerst af; daarna kun je de casus afsluiten.');
      const snapshotId = deps.snapshots.insert(tx, me.caseId, { label: FINAL_VERSION_LABEL, reason: 'afsluiten', authorParticipantId: me.id }, now);
      recordAudit(tx, { type: 'snapshot', ...byActor(actor), detail: { reden: 'afsluiten', versie: snapshotId } }, now);
      tx.update(cases).set({ closedAt: now }).where(eq(cases.id, me.caseId)).run();
      recordCaseEvent(tx, { caseId: me.caseId, type: 'case-closed', actorParticipantId: me.id, reason: data.reason, refId: snapshotId }, now);
      return { caseId: me.caseId, snapshotId, closedAt: now };
    },
    (r) => {
      deps.sync.closeConnections({ caseId: r.caseId, final: false });
    },
  );
}

export function reopenCase(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(CaseReasonInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      // Not actingWriter: the case is closed, and reopening is the one write that may touch it.
      const me = actingParticipant(tx, actor);
      requireAllowed(mayReopenCase(me.role), 'Alleen de jeugdbeschermer kan een afgesloten casus weer openen.');
      const row = tx.select({ closedAt: cases.closedAt }).from(cases).where(eq(cases.id, me.caseId)).get();
      if (!row || row.closedAt === null) throw new Conflict('Deze casus is niet afgesloten.');
      tx.update(cases).set({ closedAt: null }).where(eq(cases.id, me.caseId)).run();
      recordCaseEvent(tx, { caseId: me.caseId, type: 'case-reopened', actorParticipantId: me.id, reason: data.reason }, now);
      return { caseId: me.caseId };
    },
    (r) => {
      deps.sync.closeConnections({ caseId: r.caseId, final: false });
    },
  );
}
