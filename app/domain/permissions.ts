/**
 * The role × document × operation permission table of SPEC §3. It exists
 * once: the server enforces it (HTTP actions and every WebSocket message), the
 * UI only mirrors it. Pure code: no database, no transport.
 */
import type { Role } from './caseFacts';

export const DOCUMENTS = ['kaart', 'plan', 'bodemeisen'] as const;
export type DocumentName = (typeof DOCUMENTS)[number];

export type DocumentAccess = 'write' | 'read' | 'none';

const DOCUMENT_ACCESS: Record<Role, Record<DocumentName, DocumentAccess>> = {
  jeugdbeschermer: { kaart: 'write', plan: 'write', bodemeisen: 'write' },
  casusregisseur: { kaart: 'write', plan: 'write', bodemeisen: 'write' },
  professional: { kaart: 'write', plan: 'write', bodemeisen: 'read' },
  ouder: { kaart: 'write', plan: 'write', bodemeisen: 'read' },
  jeugdige: { kaart: 'write', plan: 'read', bodemeisen: 'read' },
  netwerklid: { kaart: 'write', plan: 'write', bodemeisen: 'read' },
  meelezer: { kaart: 'read', plan: 'read', bodemeisen: 'read' },
};

export type CaseOperation = 'ownScaleScore' | 'participants' | 'caseFacts' | 'auditLog';
export type OperationAccess = 'write' | 'manage' | 'read' | 'read-names' | 'none';

const CASE_ACCESS: Record<Role, Record<CaseOperation, OperationAccess>> = {
  jeugdbeschermer: { ownScaleScore: 'write', participants: 'manage', caseFacts: 'write', auditLog: 'read' },
  casusregisseur: { ownScaleScore: 'write', participants: 'manage', caseFacts: 'write', auditLog: 'read' },
  professional: { ownScaleScore: 'write', participants: 'read', caseFacts: 'read', auditLog: 'none' },
  ouder: { ownScaleScore: 'write', participants: 'read-names', caseFacts: 'read', auditLog: 'none' },
  jeugdige: { ownScaleScore: 'write', participants: 'read-names', caseFacts: 'read', auditLog: 'none' },
  netwerklid: { ownScaleScore: 'write', participants: 'read-names', caseFacts: 'read', auditLog: 'none' },
  meelezer: { ownScaleScore: 'none', participants: 'none', caseFacts: 'read', auditLog: 'none' },
};

export function isDocumentName(value: string): value is DocumentName {
  return (DOCUMENTS as readonly string[]).includes(value);
}

export function documentAccess(role: Role, document: DocumentName): DocumentAccess {
  return DOCUMENT_ACCESS[role][document];
}

export function canWriteDocument(role: Role, document: DocumentName): boolean {
  return documentAccess(role, document) === 'write';
}

export function caseAccess(role: Role, operation: CaseOperation): OperationAccess {
  return CASE_ACCESS[role][operation];
}

/**
 * Contact details a viewer may see of another participant (SPEC §3):
 * professionals' details are visible to everyone who may see the list;
 * family and netwerk details only to professionals (never to other family or
 * netwerk members) — the case's safety flag does not hide them from
 * professionals, it only matters for who else could see them.
 */
export function mayListParticipants(viewerRole: Role): boolean {
  return caseAccess(viewerRole, 'participants') !== 'none';
}

export function maySeeContactDetails(viewerRole: Role, subject: { isProfessionalAccount: boolean }): boolean {
  if (!mayListParticipants(viewerRole)) return false;
  if (subject.isProfessionalAccount) return true;
  return caseAccess(viewerRole, 'participants') !== 'read-names';
}
