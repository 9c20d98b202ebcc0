/**
 * Projects the afspraken of a case's plan document into the `afspraken`
 * table: the whole set for the case is replaced in one transaction, so
 * running it twice gives the same rows (idempotent). Prepared drizzle
 * statements: it runs after every change of a plan.
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
    .select({ id: afspraken.id, wat: afspraken.wat, wanneer: afspraken.wanneer, voortgang: afspraken.voortgang })
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
    const rows = afsprakenOf(doc).map((a, position) => ({ caseId, position, ...a, wie: JSON.stringify(a.wie), projectedAt: Date.now() }));
    db.transaction((tx) => {
      clear.run({ caseId });
      if (rows.length > 0) tx.insert(afspraken).values(rows).run();
    });
  }

  return {
    project,
    /** The afspraken someone takes part in (from SQLite, not Yjs). */
    forParticipant: (caseId: string, participantId: string) => ofParticipant.all({ caseId, participantId }),
  };
}
export type AfsprakenProjection = ReturnType<typeof createAfsprakenProjection>;
