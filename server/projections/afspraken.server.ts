/**
 * Projects the afspraken and veiligheidsnetwerk tasks of a case's plan
 * document into the `afspraken` table: the whole set for the case is replaced
 * in one transaction, so running it twice gives the same rows (idempotent).
 * One row per inner item id: a later item carrying an id already projected is
 * skipped (the first one wins), so a crafted duplicate id never breaks the
 * projection of the whole case. Prepared drizzle statements: it runs after
 * every change of a plan.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import { afspraken as afsprakenOf } from '../../app/domain/plan';
import type { Db } from '../../db/database.server';
import { afspraken } from '../../db/schema';

export function createAfsprakenProjection(db: Db) {
  const clear = db
    .delete(afspraken)
    .where(eq(afspraken.caseId, sql.placeholder('caseId')))
    .prepare();
  const ofParticipant = db
    .select({
      id: afspraken.id,
      kind: afspraken.kind,
      wat: afspraken.wat,
      wanneer: afspraken.wanneer,
      voortgang: afspraken.voortgang,
      startDate: afspraken.startDate,
      recurrence: afspraken.recurrence,
      reviewDate: afspraken.reviewDate,
    })
    .from(afspraken)
    .where(
      and(
        eq(afspraken.caseId, sql.placeholder('caseId')),
        sql`exists (select 1 from json_each(${afspraken.wie}) where value = ${sql.placeholder('participantId')})`,
      ),
    )
    .orderBy(asc(afspraken.position))
    .prepare();

  function project(caseId: string, doc: Y.Doc): void {
    const projectedAt = Date.now();
    const rows = afsprakenOf(doc).map((a, position) => ({
      caseId,
      position,
      id: a.id,
      kind: a.kind,
      wat: a.wat,
      wanneer: a.wanneer,
      hoeWetenWe: a.hoeWetenWe,
      watAlsNiet: a.watAlsNiet,
      wie: JSON.stringify(a.wie),
      voortgang: a.voortgang,
      startDate: a.start,
      recurrence: a.herhaling,
      reviewDate: a.evaluatie,
      projectedAt,
    }));
    db.transaction((tx) => {
      clear.run({ caseId });
      // afsprakenOf already keeps one item per id; the conflict clause keeps the projection whole whatever comes in.
      if (rows.length > 0) tx.insert(afspraken).values(rows).onConflictDoNothing().run();
    });
  }

  return {
    project,
    /** The afspraken and veiligheidsnetwerk tasks someone is an owner of (from SQLite, not Yjs). */
    forParticipant: (caseId: string, participantId: string) => ofParticipant.all({ caseId, participantId }),
  };
}
export type AfsprakenProjection = ReturnType<typeof createAfsprakenProjection>;
