/**
 * Projects the afspraken of a case's plan document into the `afspraken`
 * table: the whole set for the case is replaced in one transaction, so
 * running it twice gives the same rows (idempotent).
 */
import type Database from 'better-sqlite3';
import type * as Y from 'yjs';
import { afspraken } from '../../app/domain/plan';

export function createAfsprakenProjection(sqlite: Database.Database) {
  const clear = sqlite.prepare('delete from afspraken where case_id = ?');
  const insert = sqlite.prepare(
    'insert into afspraken (case_id, id, position, wat, wanneer, hoe_weten_we, wat_als_niet, wie, voortgang, projected_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const replace = sqlite.transaction((caseId: string, doc: Y.Doc) => {
    clear.run(caseId);
    const now = Date.now();
    afspraken(doc).forEach((a, position) =>
      insert.run(caseId, a.id, position, a.wat, a.wanneer, a.hoeWetenWe, a.watAlsNiet, JSON.stringify(a.wie), a.voortgang, now),
    );
  });
  const ofParticipant = sqlite.prepare<[string, string], { id: string; wat: string; wanneer: string; voortgang: string }>(
    "select id, wat, wanneer, voortgang from afspraken where case_id = ? and exists (select 1 from json_each(wie) where value = ?) order by position",
  );
  return {
    project: (caseId: string, doc: Y.Doc) => replace(caseId, doc),
    /** The afspraken someone takes part in (from SQLite, not Yjs). */
    forParticipant: (caseId: string, participantId: string) => ofParticipant.all(caseId, participantId),
  };
}
