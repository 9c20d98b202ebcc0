import { describe, expect, it } from 'vitest';
import { ROLES } from './caseFacts';
import { caseAccess, documentAccess, DOCUMENTS, isDocumentName, mayListParticipants, maySeeContactDetails } from './permissions';

describe('permission table (SPEC §3)', () => {
  it('has a cell for every role × document', () => {
    for (const role of ROLES) for (const doc of DOCUMENTS) expect(['write', 'read', 'none']).toContain(documentAccess(role, doc));
  });

  it('lets only jeugdbeschermer and casusregisseur write bodemeisen; everyone reads them', () => {
    const writers = ROLES.filter((r) => documentAccess(r, 'bodemeisen') === 'write');
    expect(writers).toEqual(['jeugdbeschermer', 'casusregisseur']);
    for (const role of ROLES) expect(documentAccess(role, 'bodemeisen')).not.toBe('none');
  });

  it('makes the jeugdige read-only on the plan and the meelezer read-only everywhere', () => {
    expect(documentAccess('jeugdige', 'plan')).toBe('read');
    expect(documentAccess('jeugdige', 'kaart')).toBe('write');
    for (const doc of DOCUMENTS) expect(documentAccess('meelezer', doc)).toBe('read');
    expect(caseAccess('meelezer', 'ownScaleScore')).toBe('none');
  });

  it('gives the audit log and participant management to case managers only', () => {
    expect(ROLES.filter((r) => caseAccess(r, 'auditLog') === 'read')).toEqual(['jeugdbeschermer', 'casusregisseur']);
    expect(ROLES.filter((r) => caseAccess(r, 'participants') === 'manage')).toEqual(['jeugdbeschermer', 'casusregisseur']);
  });

  it('recognises only the three document names', () => {
    expect(DOCUMENTS.every(isDocumentName)).toBe(true);
    for (const bad of ['Kaart', 'plan/../x', '', 'audit', '__proto__']) expect(isDocumentName(bad)).toBe(false);
  });
});

describe('contact details (SPEC §3)', () => {
  const professional = { isProfessionalAccount: true };
  const family = { isProfessionalAccount: false };
  it('shows professionals’ details to family and netwerk, but not each other’s', () => {
    for (const role of ['ouder', 'jeugdige', 'netwerklid'] as const) {
      expect(maySeeContactDetails(role, professional)).toBe(true);
      expect(maySeeContactDetails(role, family)).toBe(false);
    }
  });
  it('shows everything to professionals and nothing to the meelezer', () => {
    for (const role of ['jeugdbeschermer', 'casusregisseur', 'professional'] as const) expect(maySeeContactDetails(role, family)).toBe(true);
    expect(maySeeContactDetails('meelezer', professional)).toBe(false);
    expect(mayListParticipants('meelezer')).toBe(false);
  });
});
