/**
 * The netwerkberaad for route loaders and actions (routes import server code
 * only through `app/**.server` modules). Invariant: a join code resolves only
 * for a signed-in person who is a current participant of the case whose
 * running meeting the code names; an unknown code, an ended meeting and a
 * case the viewer is not in all give the same `unknown` answer, so the code
 * page never says which codes or cases exist.
 */
import type { AppLoadContext } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import type { Actor as CommandActor } from '../../server/commands/command.server';
import { normalizeMeetingCode } from '../domain/meeting';

export type { AttendeeView, MeetingView } from '../../server/meetings/meetings.server';

export type CodeResolution = { state: 'signed-out' } | { state: 'unknown' } | { state: 'ok'; caseId: string; code: string; name: string; by: CommandActor };

/** Who the signed-in viewer is in the meeting a (typed or scanned) code names. */
export async function resolveMeetingCode(request: Request, context: AppLoadContext, raw: string | undefined): Promise<CodeResolution> {
  const { auth, cases, meetings } = context.services;
  const viewer = await auth.getViewer(request);
  if (!viewer && (await auth.endedViewer(request))) throw redirect('/toegang-beeindigd');
  if (!viewer) return { state: 'signed-out' };
  const code = normalizeMeetingCode(raw);
  const meeting = code ? meetings.byCode(code) : undefined;
  const participant = meeting ? cases.participantForViewer(meeting.caseId, viewer) : undefined;
  if (!code || !meeting || !participant) return { state: 'unknown' };
  const name = viewer.kind === 'professional' ? viewer.user.name : viewer.participant.name;
  return { state: 'ok', caseId: meeting.caseId, code, name, by: { participantId: participant.id, caseId: participant.caseId, sessionRef: viewer.sessionRef } };
}
