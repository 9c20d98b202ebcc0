/** Audit event types with their Dutch names (shared by server and the Logboek view). */
export const AUDIT_TYPES = {
  login: 'Ingelogd',
  'login-failed': 'Inloggen mislukt',
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
  export: 'Export gemaakt',
  'access-refused': 'Toegang geweigerd',
  'session-refused': 'Ongeldige sessie geweigerd',
  'request-refused': 'Verzoek van buiten geweigerd',
} as const;
export type AuditType = keyof typeof AUDIT_TYPES;
export const isAuditType = (t: string): t is AuditType => t in AUDIT_TYPES;
