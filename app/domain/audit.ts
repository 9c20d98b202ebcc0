/**
 * Audit event types with their Dutch names (shared by the server, the
 * database column and the Logboek view). The tuple is the one list; the
 * labels must name every entry (the type checker enforces it).
 */
export const AUDIT_TYPE_NAMES = [
  'login',
  'login-failed',
  'logout',
  'link-opened',
  'link-refused',
  'code-wrong',
  'link-created',
  'link-revoked',
  'case-viewed',
  'participant-added',
  'participant-removed',
  'role-changed',
  'access-ended',
  'document-edited',
  'snapshot',
  'snapshot-restored',
  'acceptance-requested',
  'acceptance-answered',
  'score-saved',
  'check-in',
  'scale-question-changed',
  'export',
  'access-refused',
  'session-refused',
  'request-refused',
] as const;
export type AuditType = (typeof AUDIT_TYPE_NAMES)[number];

export const AUDIT_TYPES: Record<AuditType, string> = {
  login: 'Ingelogd',
  'login-failed': 'Inloggen mislukt',
  logout: 'Uitgelogd',
  'link-opened': 'Persoonlijke link geopend',
  'link-refused': 'Link geweigerd',
  'code-wrong': 'Verkeerde toegangscode',
  'link-created': 'Persoonlijke link gemaakt',
  'link-revoked': 'Persoonlijke link ingetrokken',
  'case-viewed': 'Casus bekeken',
  'participant-added': 'Betrokkene toegevoegd',
  'participant-removed': 'Betrokkene verwijderd',
  'role-changed': 'Rol gewijzigd',
  'access-ended': 'Toegang beëindigd',
  'document-edited': 'Document bewerkt',
  snapshot: 'Versie gemaakt',
  'snapshot-restored': 'Versie teruggezet',
  'acceptance-requested': 'Akkoord gevraagd',
  'acceptance-answered': 'Akkoord beantwoord',
  'score-saved': 'Schaalscore gegeven',
  'check-in': 'Afspraak gemeld',
  'scale-question-changed': 'Schaalvraag aangepast',
  export: 'Export gemaakt',
  'access-refused': 'Toegang geweigerd',
  'session-refused': 'Ongeldige sessie geweigerd',
  'request-refused': 'Verzoek van buiten geweigerd',
};
export const isAuditType = (t: string): t is AuditType => (AUDIT_TYPE_NAMES as readonly string[]).includes(t);
