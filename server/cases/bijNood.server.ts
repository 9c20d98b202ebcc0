/**
 * The data of the Bij nood block (issue 17, ADR 027) for one case: the
 * veiligheidsnetwerk from the live plan document, the case's organisation's
 * out-of-hours number and the safety flag. Reads only; which numbers are
 * shown is decided once, in app/domain/bijNood.ts.
 */
import { eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import { firstCallsFrom, type BijNoodData } from '../../app/domain/bijNood';
import { renderPlan } from '../../app/domain/plan';
import type { Db } from '../../db/database.server';
import { cases, organisations } from '../../db/schema';
import { listParticipants } from './cases.server';

export function bijNood(db: Db, caseId: string, planDoc: Y.Doc): BijNoodData {
  const c = db
    .select({ safetyFlag: cases.safetyFlag, outOfHours: organisations.outOfHoursPhone, organisation: organisations.name })
    .from(cases)
    .leftJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(eq(cases.id, caseId))
    .get();
  const safetyFlag = c?.safetyFlag ?? true;
  return {
    firstCalls: firstCallsFrom(renderPlan(planDoc).sections.netwerk ?? [], listParticipants(db, caseId), safetyFlag),
    outOfHours: c?.outOfHours ?? null,
    organisation: c?.organisation ?? null,
    phonesHidden: safetyFlag,
  };
}
