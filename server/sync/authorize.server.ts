/**
 * Authorization of sync connections, decided in one place: the path names a
 * case and a document, the Origin is our own, the session cookie names a
 * person, that person is a (current) participant of the case, and their role
 * gives read or write access to the document (app/domain/permissions.ts).
 * Unknown case, unknown document, another organisation's case and no access
 * all get the same answer (404), so a refusal reveals nothing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { documentAccess, isDocumentName, type DocumentName } from '../../app/domain/permissions';
import { ROLE_LABELS } from '../../app/domain/caseFacts';
import type { Auth } from '../auth/auth.server';
import type { CaseQueries } from '../cases/cases.server';
import { expectedOrigin, isSameOrigin } from '../http/security.server';
import { presenceColour } from './awareness.server';
import type { SyncGrant } from './connection.server';

export type SyncDecision = { ok: true; caseId: string; document: DocumentName; grant: SyncGrant } | { ok: false; status: 401 | 403 | 404 };

const SYNC_PATH = /^\/sync\/([A-Za-z0-9-]{1,64})\/([a-z]{1,32})\/?$/;

export function parseSyncPath(url: string | undefined): { caseId: string; document: DocumentName } | null {
  if (!url) return null;
  const path = url.split('?')[0]!;
  const match = SYNC_PATH.exec(path);
  if (!match || !isDocumentName(match[2]!)) return null;
  return { caseId: match[1]!, document: match[2] };
}

export interface AuthorizeDeps {
  auth: Auth;
  cases: CaseQueries;
  publicUrl?: string;
}

export async function authorizeSync(
  deps: AuthorizeDeps,
  request: { url: string | undefined; headers: IncomingHttpHeaders; encrypted: boolean },
  /** WebSocket upgrades must carry Origin (browsers always send it); a plain GET needs not. */
  { requireOrigin = true }: { requireOrigin?: boolean } = {},
): Promise<SyncDecision> {
  const target = parseSyncPath(request.url);
  if (!target) return { ok: false, status: 404 };
  const origin = expectedOrigin(request.headers, deps.publicUrl, request.encrypted);
  if (!isSameOrigin(request.headers, origin, { requireOrigin })) return { ok: false, status: 403 };
  const viewer = await deps.auth.viewerFromCookie(request.headers.cookie);
  if (!viewer) return { ok: false, status: 401 };
  const participant = deps.cases.participantForViewer(target.caseId, viewer);
  if (!participant) return { ok: false, status: 404 };
  const roleAccess = documentAccess(participant.role, target.document);
  if (roleAccess === 'none') return { ok: false, status: 404 };
  // A closed case (afgesloten) is read-only for everyone.
  const access = roleAccess === 'write' && deps.cases.isClosed(target.caseId) ? 'read' : roleAccess;
  return {
    ok: true,
    ...target,
    grant: {
      caseId: target.caseId,
      participantId: participant.id,
      sessionRef: viewer.sessionRef,
      sessionStartedAt: viewer.sessionStartedAt,
      access,
      role: participant.role,
      user: {
        name: viewer.kind === 'professional' ? viewer.user.name : viewer.participant.name,
        role: ROLE_LABELS[participant.role],
        color: presenceColour(participant.id),
        participantId: participant.id,
      },
    },
  };
}
