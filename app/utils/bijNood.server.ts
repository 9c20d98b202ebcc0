/**
 * Bij nood and questions for route loaders (issue 17). Routes import server
 * code only through `app/**.server` modules: the Remix compiler empties those
 * in the browser bundle, so the database layer never reaches the browser.
 */
import type { AppLoadContext } from '@remix-run/node';
import type { Role } from '../domain/caseFacts';
import { bijNood } from '../../server/cases/bijNood.server';

/** The Bij nood block's data for a case (the live plan's veiligheidsnetwerk), as `viewerRole` may read it. */
export function bijNoodOf(context: AppLoadContext, caseId: string, viewerRole?: Role) {
  return bijNood(context.services.db, caseId, context.services.sync.room(caseId, 'plan').doc, viewerRole);
}
