/**
 * Exports (issue 18 point 3, ADR 034): a whole case as a ZIP (export.json +
 * plan.pdf) or only the plan as PDF, for whoever may export the case
 * (mayExportCase); and a family or netwerk member's own data (AVG inzage,
 * mayExportOwnData). Invariant: the data is read, the file assembled and the
 * audit row written in ONE transaction — an export exists exactly when its
 * audit row does, and the row names the form, never the content. The route
 * only streams the bytes this returns.
 */
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { mayExportCase, mayExportOwnData } from '../../app/domain/permissions';
import { afspraken } from '../../app/domain/plan';
import { createAcceptance } from '../acceptance/acceptance.server';
import { recordAudit } from '../audit/audit.server';
import { readCaseExport } from '../export/caseExport.server';
import { readOwnDataExport } from '../export/ownDataExport.server';
import { renderPlanPdf } from '../export/planPdf.server';
import { actingParticipant, byActor, commit, nowOf, parseInput, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { NotFound } from './errors';

export interface ExportFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

const CaseExportInput = z.object({
  vorm: z.enum(['zaak', 'pdf'], { error: 'Kies wat je wilt downloaden: de hele casus of het plan als pdf.' }).default('zaak'),
});

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const NOT_ALLOWED_CASE = 'Alleen de jeugdbeschermer en de casusregisseur kunnen een casus exporteren.';
const NOT_ALLOWED_OWN = 'Je eigen gegevens downloaden kan alleen met je persoonlijke link.';

/** Loads the three live documents before the transaction (loading may fold a long log into a checkpoint). */
function liveCase(deps: CommandDeps, caseId: string) {
  return { rendering: deps.snapshots.renderingNow(caseId), planDoc: deps.sync.room(caseId, 'plan').doc };
}

/**
 * The case export: `vorm` 'zaak' (default) = ZIP with export.json and
 * plan.pdf; 'pdf' = plan.pdf alone. Allowed also on a closed case (reading).
 */
export function exportCase(deps: CommandDeps, actor: Actor, input: unknown = {}): ExportFile {
  const { vorm } = parseInput(CaseExportInput, input);
  // Check before touching the live documents, and again inside the transaction.
  deps.db.transaction((tx) => requireAllowed(mayExportCase(actingParticipant(tx, actor).role), NOT_ALLOWED_CASE));
  const live = liveCase(deps, actor.caseId);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingParticipant(tx, actor);
    requireAllowed(mayExportCase(me.role), NOT_ALLOWED_CASE);
    const acceptance = createAcceptance({ db: deps.db, snapshots: deps.snapshots, sync: deps.sync }).view(me.caseId);
    const data = readCaseExport({ db: deps.db, ...live, acceptance, now }, me.caseId, { participantId: me.id, role: me.role });
    if (!data) throw new NotFound('Deze casus bestaat niet (meer).');
    const pdf = renderPlanPdf(data.handout);
    recordAudit(tx, { type: 'export', ...byActor(actor), detail: { vorm } }, now);
    if (vorm === 'pdf') return { filename: `veiligheidsplan-${day(now)}.pdf`, contentType: 'application/pdf', bytes: pdf };
    const zip = zipSync({ 'export.json': strToU8(JSON.stringify(data.export, null, 2)), 'plan.pdf': [pdf, { level: 0 }] });
    return { filename: `veiligplan-export-${day(now)}.zip`, contentType: 'application/zip', bytes: zip };
  });
}

/** A family or netwerk member's own data (AVG inzage) as a ZIP with mijn-gegevens.json. */
export function exportOwnData(deps: CommandDeps, actor: Actor): ExportFile {
  const allowed = (me: ReturnType<typeof actingParticipant>) => mayExportOwnData(me.role, { professionalAccount: me.userId !== null });
  deps.db.transaction((tx) => requireAllowed(allowed(actingParticipant(tx, actor)), NOT_ALLOWED_OWN));
  const live = liveCase(deps, actor.caseId);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingParticipant(tx, actor);
    requireAllowed(allowed(me), NOT_ALLOWED_OWN);
    const data = readOwnDataExport({ db: deps.db, rendering: live.rendering, afspraken: afspraken(live.planDoc), now }, me.caseId, {
      participantId: me.id,
      role: me.role,
    });
    if (!data) throw new NotFound('Je hebt geen toegang (meer) tot deze casus.');
    recordAudit(tx, { type: 'own-data-export', ...byActor(actor), subjectParticipantId: me.id }, now);
    const zip = zipSync({ 'mijn-gegevens.json': strToU8(JSON.stringify(data, null, 2)) });
    return { filename: `mijn-gegevens-${day(now)}.zip`, contentType: 'application/zip', bytes: zip };
  });
}
