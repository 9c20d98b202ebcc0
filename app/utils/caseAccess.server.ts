import type { AppLoadContext } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import type { Actor as CommandActor } from '../../server/commands/command.server';
import { ROLE_LABELS } from '../domain/caseFacts';
import { hasSessionCookie } from '../../server/auth/sessions.server';
import { readForm } from './forms.server';
import { notFound } from './responses';

/**
 * The signed-in person (professional or family/netwerk session) and their
 * participant record in this case. Someone who is not a participant gets the
 * same 404 as for a case that does not exist, so the answer does not confirm
 * that the case exists. Not signed in: a family or netwerk member (this
 * browser opened a personal link, or has no session cookie at all) gets the
 * way back to the plan (/weer-openen), never the professionals' login; an
 * expired professional session goes to the login. `by` is who acts in
 * commands; `actor` is the presence identity for the live documents.
 */
export async function requireCaseParticipant(request: Request, context: AppLoadContext, caseId: string | undefined) {
  const { commands } = context.services;
  const viewer = await context.services.auth.getViewer(request);
  if (!viewer && (await context.services.auth.endedViewer(request))) throw redirect('/toegang-beeindigd');
  if (!viewer) {
    // A session cookie that is not (or no longer) valid: refused, and on record.
    if (hasSessionCookie(request.headers.get('Cookie'))) {
      commands.recordRefusal({ type: 'session-refused', caseId: caseIdForRecord(caseId) });
    }
    const url = new URL(request.url);
    const back = encodeURIComponent(url.pathname + url.search);
    throw redirect((await context.services.auth.wantsWayBack(request)) ? `/weer-openen?redirectTo=${back}` : `/login?redirectTo=${back}`);
  }
  const participant = caseId ? context.services.cases.participantForViewer(caseId, viewer) : undefined;
  if (!participant) {
    commands.recordRefusal({
      type: 'access-refused',
      caseId: caseIdForRecord(caseId),
      actorUserId: viewer.kind === 'professional' ? viewer.user.id : null,
      actorParticipantId: viewer.kind === 'participant' ? viewer.participant.id : null,
      sessionRef: viewer.sessionRef,
    });
    throw notFound();
  }
  const name = viewer.kind === 'professional' ? viewer.user.name : viewer.participant.name;
  const by: CommandActor = { participantId: participant.id, caseId: participant.caseId, sessionRef: viewer.sessionRef };
  // Every read of the case is a view (SPEC §4): whole pages and `?_data=` requests alike; the command keeps one row per person per few minutes.
  if (request.method === 'GET' || request.method === 'HEAD') commands.recordCaseView(by, casePage(new URL(request.url).pathname));
  return { viewer, participant, by, actor: { participantId: participant.id, name, role: ROLE_LABELS[participant.role] } };
}

/** The page of a case address (`/casussen/<id>/kaart` → 'kaart'; the case's home → ''). */
function casePage(pathname: string): string {
  return pathname.split('/')[3] ?? '';
}

/** A case id from the address as it may be kept on record (no free text of any length). */
function caseIdForRecord(caseId: string | undefined): string | null {
  return caseId && /^[A-Za-z0-9-]{1,64}$/.test(caseId) ? caseId : null;
}

/** For a case action: the acting participant (as `by`) and the posted form. */
export async function requireCaseAction(request: Request, context: AppLoadContext, caseId: string | undefined) {
  const access = await requireCaseParticipant(request, context, caseId);
  return { ...access, form: await readForm(request) };
}
