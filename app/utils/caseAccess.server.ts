import type { AppLoadContext } from '@remix-run/node';
import { notFound } from './responses';

/**
 * The signed-in professional and their participant record in this case.
 * Someone who is not a participant gets the same 404 as for a case that does
 * not exist, so the answer does not confirm that the case exists.
 */
export async function requireCaseParticipant(request: Request, context: AppLoadContext, caseId: string | undefined) {
  const user = await context.services.auth.requireProfessional(request);
  const participant = caseId ? context.services.cases.participantForUser(caseId, user.id) : undefined;
  if (!participant) throw notFound();
  return { user, participant };
}
