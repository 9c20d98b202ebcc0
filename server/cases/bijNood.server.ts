/**
 * The data of the Bij nood block (issue 17, ADR 027) for one case: the
 * veiligheidsnetwerk from the live plan document, the case's organisation's
 * out-of-hours number and the safety flag. Reads only; which numbers are
 * shown is decided once, in app/domain/bijNood.ts.
 */
import { eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import { firstCallsFrom, seesShielded, type BijNoodData } from '../../app/domain/bijNood';
import type { Role } from '../../app/domain/caseFacts';
import { renderPlan } from '../../app/domain/plan';
import type { Db } from '../../db/database.server';
import { cases, organisations } from '../../db/schema';
import { listParticipants } from './cases.server';

/** `viewerRole`: who reads it (under the safety flag the jeugdbeschermer and casusregisseur still see the numbers); none: the strictest reading. */
export function bijNood(db: Db, caseId: string, planDoc: Y.Doc, viewerRole?: Role): BijNoodData {
  const c = db
    .select({ safetyFlag: cases.safetyFlag, outOfHours: organisations.outOfHoursPhone, organisation: organisations.name })
    .from(cases)
    .leftJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(eq(cases.id, caseId))
    .get();
  const safetyFlag = c?.safetyFlag ?? true;
  return {
    firstCalls: firstCallsFrom(renderPlan(planDoc).sections.netwerk ?? [], listParticipants(db, caseId), safetyFlag, viewerRole),
    outOfHours: c?.outOfHours ?? null,
    organisation: c?.organisation ?? null,
    phonesHidden: safetyFlag && !seesShielded(viewerRole, safetyFlag),
    shielded: seesShielded(viewerRole, safetyFlag),
  };
}
