/**
 * The role × document × operation permission table of SPEC §3. It exists
 * once: the server enforces it (HTTP actions and every WebSocket message), the
 * UI only mirrors it. Pure code: no database, no transport.
 */
import { isProfessionalRole, type Role } from './caseFacts';

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

/** Versions: a professional who may write the kaart makes them (SPEC §2.5, ADR 008). */
export function mayMakeSnapshot(role: Role): boolean {
  return isProfessionalRole(role) && canWriteDocument(role, 'kaart');
}

/** Restoring a version rewrites all three documents, so it needs write access to all three. */
export function mayRestoreSnapshot(role: Role): boolean {
  return isProfessionalRole(role) && DOCUMENTS.every((d) => canWriteDocument(role, d));
}

/** Asking for akkoord on the plan: a professional who may write the plan. */
export function mayRequestAcceptance(role: Role): boolean {
  return isProfessionalRole(role) && canWriteDocument(role, 'plan');
}

/** Giving akkoord is one person's own answer, like their scale score: not the meelezer. */
export function mayAnswerAcceptance(role: Role): boolean {
  return caseAccess(role, 'ownScaleScore') === 'write';
}

/** Closing a case (afsluiten) goes with case facts write: the jeugdbeschermer and the casusregisseur. */
export function mayCloseCase(role: Role): boolean {
  return caseAccess(role, 'caseFacts') === 'write';
}

/** Reopening a closed case is the jeugdbeschermer's alone (SPEC §2.4, issue 14). */
export function mayReopenCase(role: Role): boolean {
  return role === 'jeugdbeschermer';
}

/** Facilitating a netwerkberaad (start, focus, attendance, scale round, notes, end) goes with case facts write (SPEC §3). */
export function mayFacilitateMeeting(role: Role): boolean {
  return caseAccess(role, 'caseFacts') === 'write';
}

/** Proposing (and withdrawing) a besluit goes with case facts write. */
export function mayProposeBesluit(role: Role): boolean {
  return caseAccess(role, 'caseFacts') === 'write';
}

/**
 * The vier-ogen agreement: a professional who works in the case (not the
 * meelezer, never family or netwerk). That it is a *second* professional,
 * never the proposer, is checked by the command (and a database trigger).
 */
export function mayAgreeBesluit(role: Role): boolean {
  return role === 'jeugdbeschermer' || role === 'casusregisseur' || role === 'professional';
}

/** The Besluiten tab (the full record: grounds, alternatives, advice) is for professionals; the family reads agreed ones in plain words. */
export function mayReadBesluiten(role: Role): boolean {
  return isProfessionalRole(role);
}

/**
 * A professional's task, period and absence in a case (SPEC §2.4, ADR 018):
 * whoever writes case facts, or a professional (not a meelezer) about themself.
 */
export function mayKeepHelpOf(role: Role, aboutThemself: boolean): boolean {
  return caseAccess(role, 'caseFacts') === 'write' || (aboutThemself && isProfessionalRole(role) && role !== 'meelezer');
}

/**
 * Check-ins follow *own scale score* (SPEC §3): each person reports on their
 * own afspraken (`own`: the actor is an owner reporting for themself); a
 * professional who works in the case (not the meelezer) may record one
 * *namens* an owner (`namens`). Family and netwerk never report for someone else.
 */
export function mayReportCheckIn(role: Role, who: { own: boolean; namens: boolean }): boolean {
  if (who.namens) return isProfessionalRole(role) && role !== 'meelezer';
  return who.own && caseAccess(role, 'ownScaleScore') === 'write';
}

/**
 * Een vraag stellen / bel mij terug (issue 17, ADR 027): a family or netwerk
 * member's own question to the regisseur — not professionals (they talk to
 * each other directly), not the meelezer.
 */
export function mayAskQuestion(role: Role): boolean {
  return !isProfessionalRole(role) && caseAccess(role, 'ownScaleScore') === 'write';
}

/**
 * Reading the questions of a case (the case's Overzicht, Mijn overzicht): the
 * professionals who work in it (not the meelezer). Family and netwerk see
 * only their own questions.
 */
export function mayReadCaseQuestions(role: Role): boolean {
  return isProfessionalRole(role) && role !== 'meelezer';
}

/**
 * Answering a question: whoever writes case facts (the jeugdbeschermer, the
 * regisseur), or a professional who works in the case (not the meelezer)
 * when it was addressed to them or they stand in for its addressee today.
 */
export function mayAnswerQuestion(role: Role, who: { addressee: boolean; standIn: boolean }): boolean {
  if (caseAccess(role, 'caseFacts') === 'write') return true;
  return (who.addressee || who.standIn) && mayReadCaseQuestions(role);
}

const RANK: Record<DocumentAccess | OperationAccess, number> = { none: 0, 'read-names': 1, read: 2, write: 3, manage: 4 };

/** True when `to` may do less than `from` in any document or case operation (a lowered role). */
export function lowersAccess(from: Role, to: Role): boolean {
  const documents = DOCUMENTS.some((d) => RANK[documentAccess(to, d)] < RANK[documentAccess(from, d)]);
  const operations = (Object.keys(CASE_ACCESS[from]) as CaseOperation[]).some((op) => RANK[caseAccess(to, op)] < RANK[caseAccess(from, op)]);
  return documents || operations;
}

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

/**
 * Whose phone and e-mail a viewer may see. A professional account's details
 * are for everyone who may list the participants. Family and netwerk details
 * are for the professionals only — and while the case's safety flag is on
 * (issue 18), only for the jeugdbeschermer and the casusregisseur: hidden on
 * every page, on paper and in exports made by anyone else.
 */
export function maySeeContactDetails(viewerRole: Role, subject: { isProfessionalAccount: boolean }, caseFlags: { safetyFlag: boolean }): boolean {
  if (!mayListParticipants(viewerRole)) return false;
  if (subject.isProfessionalAccount) return true;
  if (caseFlags.safetyFlag) return viewerRole === 'jeugdbeschermer' || viewerRole === 'casusregisseur';
  return caseAccess(viewerRole, 'participants') !== 'read-names';
}

/**
 * "Wie heeft ons plan bekeken?" (ADR 028): the family whose plan it is (ouder,
 * jeugdige) sees who of the case viewed or changed it; netwerk members and
 * meelezers do not (when a parent looks at the plan is the family's own
 * business); professionals who read the audit log see what the family sees.
 */
export function mayReadPlanViews(role: Role): boolean {
  return role === 'ouder' || role === 'jeugdige' || caseAccess(role, 'auditLog') === 'read';
}

/**
 * Who chooses notifications on their own phone: a family or netwerk member
 * (also a parent who holds regie), never a professional account (they get
 * the daily digest instead) and never a meelezer.
 */
export function mayChooseNotifications(role: Role, who: { professionalAccount: boolean }): boolean {
  return !who.professionalAccount && role !== 'meelezer';
}

/**
 * A family's request to delete their case's data (issue 18, AVG art. 17;
 * ADR 035): the family members whose data it is — a parent and the young
 * person — may ask; netwerk, meelezers and professionals do not.
 */
export function mayRequestDeletion(role: Role): boolean {
  return role === 'ouder' || role === 'jeugdige';
}

/**
 * Deciding on a deletion request is the jeugdbeschermer's; in a case without
 * one (vrijwillig, drang) the professional who holds regie decides.
 */
export function mayDecideDeletion(role: Role, caseHas: { jeugdbeschermer: boolean }): boolean {
  if (role === 'jeugdbeschermer') return true;
  return role === 'casusregisseur' && !caseHas.jeugdbeschermer;
}

/**
 * Exporting a whole case (issue 18, ADR 034: the ZIP with every document,
 * version, score, besluit and the audit log, and the plan as PDF) goes with
 * case facts write and reading the audit log: the jeugdbeschermer and the
 * casusregisseur. Everyone else prints the plan (afdrukken) instead.
 */
export function mayExportCase(role: Role): boolean {
  return caseAccess(role, 'caseFacts') === 'write' && caseAccess(role, 'auditLog') === 'read';
}

/**
 * The AVG inzage (issue 18, ADR 034): a family or netwerk member downloads
 * their own contributions — everyone who signs in with a personal link (an
 * ouder, also one who holds regie; a jeugdige old enough for an own link; a
 * netwerklid). A professional account's own data is the organisation's
 * business, not a case page's; the meelezer contributes nothing.
 */
export function mayExportOwnData(role: Role, who: { professionalAccount: boolean }): boolean {
  return !who.professionalAccount && role !== 'meelezer';
}

/**
 * Grondslag per betrokkene (issue 18, ADR 033): recording on what basis
 * someone takes part goes with managing the participants (the jeugdbeschermer
 * and the casusregisseur).
 */
export function mayRecordGrondslag(role: Role): boolean {
  return caseAccess(role, 'participants') === 'manage';
}

/**
 * Withdrawing consent (ADR 033): a parent of the case (any parent: consent
 * is the family's, whichever parent gave it), a jeugdige the consent they
 * gave themselves, or a manager who records a withdrawal the family told
 * them. Never a legal ground (the command checks).
 */
export function mayWithdrawConsent(role: Role, who: { gaveIt: boolean }): boolean {
  return role === 'ouder' || (role === 'jeugdige' && who.gaveIt) || caseAccess(role, 'participants') === 'manage';
}

/**
 * The safety flag (issue 18, ADR 033): whoever writes case facts may turn it
 * on — protection never waits; turning it off is the jeugdbeschermer's, or
 * the casusregisseur's in a case without a jeugdbeschermer.
 */
export function mayChangeSafetyFlag(role: Role, change: { turnOn: boolean; caseHasJeugdbeschermer: boolean }): boolean {
  if (caseAccess(role, 'caseFacts') !== 'write') return false;
  if (change.turnOn) return true;
  return role === 'jeugdbeschermer' || (role === 'casusregisseur' && !change.caseHasJeugdbeschermer);
}
