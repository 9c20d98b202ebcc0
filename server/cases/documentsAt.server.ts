/**
 * The case's documents as they were at a moment in the past (`at`), for
 * "Wat is er veranderd" (app/domain/changes.ts): the "before" items that the
 * live items are compared with.
 *
 * Rebuilt from what is stored and never changes: the latest snapshot at or
 * before `at` (its Yjs states) plus the attributed update log rows received
 * after that snapshot up to and including `at`. Applying a Yjs update twice is
 * harmless, so rows the snapshot already holds do no harm.
 *
 * Bounded: at most MAX_TAIL_ROWS log rows per document are read and applied
 * (daily snapshots keep the tail short). When the tail is longer, or there is
 * no snapshot and the log before `at` is longer, the document's earlier state
 * is unknown (null): the change list then names the item without details,
 * rather than describing a state that is not the one at `at`.
 */
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import { renderBodemeisen } from '../../app/domain/bodemeisen';
import type { ItemJSON } from '../../app/domain/items';
import { renderKaart } from '../../app/domain/kaart';
import { DOCUMENTS, type DocumentName } from '../../app/domain/permissions';
import { renderPlan } from '../../app/domain/plan';
import type { Db } from '../../db/database.server';
import { snapshots, updates } from '../../db/schema';

export const MAX_TAIL_ROWS = 3000;

const RENDER: Record<DocumentName, (doc: Y.Doc) => { sections: Record<string, ItemJSON[]> }> = {
  kaart: renderKaart,
  plan: renderPlan,
  bodemeisen: renderBodemeisen,
};

/** Every item of each document as it was at `at` (all sections flat), or null where that cannot be known within the bound. */
export function documentsAt(db: Db, caseId: string, at: number): Record<DocumentName, ItemJSON[] | null> {
  const snapshot = db
    .select({ createdAt: snapshots.createdAt, kaart: snapshots.kaartState, plan: snapshots.planState, bodemeisen: snapshots.bodemeisenState })
    .from(snapshots)
    .where(and(eq(snapshots.caseId, caseId), lte(snapshots.createdAt, at)))
    .orderBy(desc(snapshots.createdAt))
    .limit(1)
    .get();
  const out = {} as Record<DocumentName, ItemJSON[] | null>;
  for (const document of DOCUMENTS) {
    const tail = db
      .select({ update: updates.update })
      .from(updates)
      .where(
        and(
          eq(updates.caseId, caseId),
          eq(updates.document, document),
          lte(updates.receivedAt, at),
          ...(snapshot ? [gt(updates.receivedAt, snapshot.createdAt)] : []),
        ),
      )
      .orderBy(asc(updates.id))
      .limit(MAX_TAIL_ROWS + 1)
      .all();
    if (tail.length > MAX_TAIL_ROWS) {
      out[document] = null;
      continue;
    }
    try {
      const doc = new Y.Doc();
      doc.transact(() => {
        if (snapshot) Y.applyUpdate(doc, snapshot[document]);
        for (const row of tail) Y.applyUpdate(doc, row.update);
      });
      out[document] = Object.values(RENDER[document](doc).sections).flat();
      doc.destroy();
    } catch {
      out[document] = null; // A stored state that cannot be read: the list goes on without details.
    }
  }
  return out;
}
