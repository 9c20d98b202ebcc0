import type { AppLoadContext } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { ROLE_LABELS } from '../domain/caseFacts';
import { notFound } from './responses';

/**
 * The signed-in person (professional or family/netwerk session) and their
 * participant record in this case. Someone who is not a participant gets the
 * same 404 as for a case that does not exist, so the answer does not confirm
 * that the case exists. Not signed in: to the login page.
 */
export async function requireCaseParticipant(request: Request, context: AppLoadContext, caseId: string | undefined) {
  const viewer = await context.services.auth.getViewer(request);
  if (!viewer && (await context.services.auth.endedViewer(request))) throw redirect('/toegang-beeindigd');
  if (!viewer) {
    // A session cookie that is not (or no longer) valid: refused, and on record.
    if (/(^|;\s*)vp_session=/.test(request.headers.get('Cookie') ?? '')) {
      context.services.audit.record({ type: 'session-refused', caseId: caseId ?? null });
    }
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  const participant = caseId ? context.services.cases.participantForViewer(caseId, viewer) : undefined;
  if (!participant) {
    context.services.audit.record({
      type: 'access-refused',
      caseId: caseId ?? null,
      actorUserId: viewer.kind === 'professional' ? viewer.user.id : null,
      actorParticipantId: viewer.kind === 'participant' ? viewer.participant.id : null,
      sessionRef: viewer.sessionRef,
    });
    throw notFound();
  }
  const name = viewer.kind === 'professional' ? viewer.user.name : viewer.participant.name;
  return { viewer, participant, actor: { participantId: participant.id, name, role: ROLE_LABELS[participant.role] } };
}
