import type { AppLoadContext } from '@remix-run/node';
import { mayDoWithItem } from '../domain/documentSchema';
import { documentAccess, type DocumentName } from '../domain/permissions';
import { requireCaseParticipant } from './caseAccess.server';

/** Loader data of a tab bound to a live document: the UI mirrors the permission table, the server enforces it. */
export async function loadDocumentTab(request: Request, context: AppLoadContext, caseId: string | undefined, document: DocumentName) {
  const { participant, actor } = await requireCaseParticipant(request, context, caseId);
  return {
    caseId: participant.caseId,
    document,
    actor,
    participantId: participant.id,
    role: participant.role,
    /** A closed case is read-only for everyone (the sync server enforces it too). */
    closed: context.services.cases.isClosed(participant.caseId),
    readOnly: documentAccess(participant.role, document) !== 'write' || context.services.cases.isClosed(participant.caseId),
    /** Item rules: family and netwerk change only their own items' content. */
    editOthers: mayDoWithItem(participant.role, 'edit-others'),
    /** The server's clock: the page writes its time stamps on it (app/domain/stampClock.ts). */
    serverNow: Date.now(),
  };
}
