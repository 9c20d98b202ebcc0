/**
 * Commands on versions (snapshots): saving one by hand, restoring one, and
 * the daily version of a case that changed. The snapshot row and its audit
 * row are one transaction. A restore writes the old content into the live
 * documents after that commit, as a new change attributed to the person who
 * restored (the sync engine logs it durably like any other change).
 */
import { z } from 'zod';
import * as Y from 'yjs';
import { restoreItems } from '../../app/domain/items';
import { DOCUMENTS, mayMakeSnapshot, mayRestoreSnapshot } from '../../app/domain/permissions';
import { MANUAL_SNAPSHOT_REASONS } from '../../app/domain/versions';
import { recordAudit } from '../audit/audit.server';
import { actingWriter, commit, Id, nowOf, parseInput, requireAllowed, byActor, type Actor, type CommandDeps } from './command.server';
import { NotFound } from './errors';

export const MakeSnapshotInput = z.object({
  label: z.string({ error: 'Geef de versie een naam.' }).trim().min(2, 'Geef de versie een naam.').max(120, 'De naam is te lang.'),
  reason: z.enum(MANUAL_SNAPSHOT_REASONS, { error: 'Kies een reden.' }),
});

export function makeSnapshot(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(MakeSnapshotInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    requireAllowed(mayMakeSnapshot(me.role), 'Alleen professionals maken een versie.');
    const id = deps.snapshots.insert(tx, me.caseId, { ...data, authorParticipantId: me.id }, now);
    recordAudit(tx, { type: 'snapshot', ...byActor(actor), detail: { reden: data.reason, versie: id } }, now);
    return { snapshotId: id };
  });
}

export const RestoreSnapshotInput = z.object({ snapshotId: Id('Kies een versie.') });

/** First a `voor-herstel` version, then the chosen version's content goes back into the live documents. */
export function restoreSnapshot(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(RestoreSnapshotInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      requireAllowed(mayRestoreSnapshot(me.role), 'Alleen de jeugdbeschermer of casusregisseur kan een versie terugzetten.');
      const snapshot = deps.snapshots.get(me.caseId, data.snapshotId);
      if (!snapshot) throw new NotFound('Deze versie bestaat niet.', 'snapshotId');
      const before = deps.snapshots.insert(
        tx,
        me.caseId,
        { label: `Voor herstel van “${snapshot.label}”`, reason: 'voor-herstel', authorParticipantId: me.id },
        now,
      );
      recordAudit(tx, { type: 'snapshot', ...byActor(actor), detail: { reden: 'voor-herstel', versie: before } }, now);
      recordAudit(tx, { type: 'snapshot-restored', ...byActor(actor), detail: { versie: snapshot.id } }, now);
      return { caseId: me.caseId, by: me.id, snapshot, beforeSnapshotId: before };
    },
    ({ caseId, by, snapshot }) => {
      for (const document of DOCUMENTS) {
        const old = new Y.Doc();
        Y.applyUpdate(old, snapshot.states[document]);
        deps.sync.room(caseId, document).applyServerChange({ participantId: by, connectionId: null }, (doc) => restoreItems(doc, old));
        old.destroy();
      }
    },
  );
}

/** The daily version of one case (made by the app; no person acts). */
export function takeDailySnapshot(deps: CommandDeps, caseId: string) {
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const id = deps.snapshots.insert(tx, caseId, { label: 'Dagelijkse versie', reason: 'dagelijks', authorParticipantId: null }, now);
    recordAudit(tx, { type: 'snapshot', caseId, detail: { reden: 'dagelijks', versie: id } }, now);
    return { snapshotId: id };
  });
}
