import { describe, expect, it } from 'vitest';
import { ROLES } from './caseFacts';
import {
  mayExportCase,
  mayExportOwnData,
  caseAccess,
  documentAccess,
  DOCUMENTS,
  isDocumentName,
  lowersAccess,
  mayAgreeBesluit,
  mayAnswerQuestion,
  mayAskQuestion,
  mayReadCaseQuestions,
  mayAnswerAcceptance,
  mayChooseNotifications,
  mayCloseCase,
  mayListParticipants,
  mayReadPlanViews,
  mayKeepHelpOf,
  mayMakeSnapshot,
  mayProposeBesluit,
  mayFacilitateMeeting,
  mayReadBesluiten,
  mayReopenCase,
  mayRequestAcceptance,
  mayRestoreSnapshot,
  mayReportCheckIn,
  maySeeContactDetails,
  mayDecideDeletion,
  mayRequestDeletion,
  mayRecordGrondslag,
  mayWithdrawConsent,
  mayChangeSafetyFlag,
} from './permissions';

/** SPEC §3 as written there (a verbatim copy of its rows): the table in permissions.ts must say the same, cell for cell. */
const SPEC_TABLE = `
| jeugdbeschermer (GI) | write | write | **write** | write | manage | write | read |
| casusregisseur | write | write | write | write | manage | write | read |
| other professional | write | write | read | write | read | read | — |
| ouder / verzorger | write | write | read | write | read (names, roles) | read | — |
| jeugdige | write | read | read | write | read (names, roles) | read | — |
| netwerklid | write | write | read | write | read (names, roles) | read | — |
| meelezer (observer) | read | read | read | — | — | read | — |
`;
const SPEC_ROLE: Record<string, (typeof ROLES)[number]> = {
  'jeugdbeschermer (GI)': 'jeugdbeschermer',
  casusregisseur: 'casusregisseur',
  'other professional': 'professional',
  'ouder / verzorger': 'ouder',
  jeugdige: 'jeugdige',
  netwerklid: 'netwerklid',
  'meelezer (observer)': 'meelezer',
};
const SPEC_CELL: Record<string, string> = {
  write: 'write',
  '**write**': 'write',
  read: 'read',
  manage: 'manage',
  'read (names, roles)': 'read-names',
  '—': 'none',
};

describe('permission table (SPEC §3)', () => {
  it('derives who makes and restores versions and who asks for and gives akkoord', () => {
    expect(ROLES.filter(mayMakeSnapshot)).toEqual(['jeugdbeschermer', 'casusregisseur', 'professional']);
    expect(ROLES.filter(mayRestoreSnapshot)).toEqual(['jeugdbeschermer', 'casusregisseur']);
    expect(ROLES.filter(mayRequestAcceptance)).toEqual(['jeugdbeschermer', 'casusregisseur', 'professional']);
    expect(ROLES.filter(mayAnswerAcceptance)).toEqual(ROLES.filter((r) => r !== 'meelezer'));
  });

  it('lets each person report their own check-in, and a professional (not a meelezer) one namens an owner', () => {
    const own = { jeugdbeschermer: true, casusregisseur: true, professional: true, ouder: true, jeugdige: true, netwerklid: true, meelezer: false };
    const namens = { jeugdbeschermer: true, casusregisseur: true, professional: true, ouder: false, jeugdige: false, netwerklid: false, meelezer: false };
    for (const role of ROLES) {
      expect(mayReportCheckIn(role, { own: true, namens: false }), `own ${role}`).toBe(own[role]);
      expect(mayReportCheckIn(role, { own: false, namens: true }), `namens ${role}`).toBe(namens[role]);
      expect(mayReportCheckIn(role, { own: false, namens: false }), `someone else ${role}`).toBe(false);
    }
  });

  it('lets case-facts writers close a case and only the jeugdbeschermer reopen it', () => {
    const close = { jeugdbeschermer: true, casusregisseur: true, professional: false, ouder: false, jeugdige: false, netwerklid: false, meelezer: false };
    const reopen = { jeugdbeschermer: true, casusregisseur: false, professional: false, ouder: false, jeugdige: false, netwerklid: false, meelezer: false };
    for (const role of ROLES) {
      expect(mayCloseCase(role), `close ${role}`).toBe(close[role]);
      expect(mayReopenCase(role), `reopen ${role}`).toBe(reopen[role]);
    }
  });

  it('lets case-facts writers propose a besluit, professionals who work in the case agree to one, and professionals read them', () => {
    const propose = { jeugdbeschermer: true, casusregisseur: true, professional: false, ouder: false, jeugdige: false, netwerklid: false, meelezer: false };
    const agree = { jeugdbeschermer: true, casusregisseur: true, professional: true, ouder: false, jeugdige: false, netwerklid: false, meelezer: false };
    const read = { jeugdbeschermer: true, casusregisseur: true, professional: true, ouder: false, jeugdige: false, netwerklid: false, meelezer: true };
    for (const role of ROLES) {
      expect(mayProposeBesluit(role), `propose ${role}`).toBe(propose[role]);
      expect(mayAgreeBesluit(role), `agree ${role}`).toBe(agree[role]);
      expect(mayReadBesluiten(role), `read ${role}`).toBe(read[role]);
    }
  });

  it('lets only the facilitator roles (case facts write) run a netwerkberaad', () => {
    const facilitate = { jeugdbeschermer: true, casusregisseur: true, professional: false, ouder: false, jeugdige: false, netwerklid: false, meelezer: false };
    for (const role of ROLES) expect(mayFacilitateMeeting(role), `facilitate ${role}`).toBe(facilitate[role]);
  });

  it('lets case-facts writers keep anyone’s task and absence, and a professional (not a meelezer) their own', () => {
    expect(ROLES.filter((r) => mayKeepHelpOf(r, false))).toEqual(['jeugdbeschermer', 'casusregisseur']);
    expect(ROLES.filter((r) => mayKeepHelpOf(r, true))).toEqual(['jeugdbeschermer', 'casusregisseur', 'professional']);
  });

  it('lets family and netwerk ask questions; case-facts writers, the addressee and their stand-in (professionals, not the meelezer) answer them', () => {
    const ask = { jeugdbeschermer: false, casusregisseur: false, professional: false, ouder: true, jeugdige: true, netwerklid: true, meelezer: false };
    const read = { jeugdbeschermer: true, casusregisseur: true, professional: true, ouder: false, jeugdige: false, netwerklid: false, meelezer: false };
    const anyone = { jeugdbeschermer: true, casusregisseur: true, professional: false, ouder: false, jeugdige: false, netwerklid: false, meelezer: false };
    const addressed = { jeugdbeschermer: true, casusregisseur: true, professional: true, ouder: false, jeugdige: false, netwerklid: false, meelezer: false };
    for (const role of ROLES) {
      expect(mayAskQuestion(role), `ask ${role}`).toBe(ask[role]);
      expect(mayReadCaseQuestions(role), `read ${role}`).toBe(read[role]);
      expect(mayAnswerQuestion(role, { addressee: false, standIn: false }), `answer ${role}`).toBe(anyone[role]);
      expect(mayAnswerQuestion(role, { addressee: true, standIn: false }), `answer as addressee ${role}`).toBe(addressed[role]);
      expect(mayAnswerQuestion(role, { addressee: false, standIn: true }), `answer as stand-in ${role}`).toBe(addressed[role]);
    }
  });

  it('knows a lowered role from a raised one', () => {
    expect(lowersAccess('netwerklid', 'jeugdige')).toBe(true); // plan write → read
    expect(lowersAccess('netwerklid', 'meelezer')).toBe(true);
    expect(lowersAccess('jeugdbeschermer', 'professional')).toBe(true);
    expect(lowersAccess('jeugdige', 'netwerklid')).toBe(false);
    expect(lowersAccess('professional', 'casusregisseur')).toBe(false);
    expect(lowersAccess('ouder', 'netwerklid')).toBe(false); // the same rights
  });

  it('says exactly what SPEC §3 says, for every role and every column', () => {
    const rows = SPEC_TABLE.trim()
      .split('\n')
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    expect(rows.map((r) => SPEC_ROLE[r[0]!]).sort()).toEqual([...ROLES].sort());
    for (const [label, kaart, plan, bodemeisen, ownScore, participants, facts, audit] of rows) {
      const role = SPEC_ROLE[label!]!;
      const cell = (c: string | undefined) => SPEC_CELL[c!];
      expect([documentAccess(role, 'kaart'), documentAccess(role, 'plan'), documentAccess(role, 'bodemeisen')], role).toEqual([
        cell(kaart),
        cell(plan),
        cell(bodemeisen),
      ]);
      expect([caseAccess(role, 'ownScaleScore'), caseAccess(role, 'participants'), caseAccess(role, 'caseFacts'), caseAccess(role, 'auditLog')], role).toEqual([
        cell(ownScore),
        cell(participants),
        cell(facts),
        cell(audit),
      ]);
    }
  });

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
      expect(maySeeContactDetails(role, professional, { safetyFlag: false })).toBe(true);
      expect(maySeeContactDetails(role, family, { safetyFlag: false })).toBe(false);
    }
  });
  it('shows everything to professionals and nothing to the meelezer', () => {
    for (const role of ['jeugdbeschermer', 'casusregisseur', 'professional'] as const)
      expect(maySeeContactDetails(role, family, { safetyFlag: false })).toBe(true);
    expect(maySeeContactDetails('meelezer', professional, { safetyFlag: false })).toBe(false);
    expect(mayListParticipants('meelezer')).toBe(false);
  });
  it('under the safety flag shows family and netwerk details only to the jeugdbeschermer and the casusregisseur (issue 18)', () => {
    const flagged = { safetyFlag: true };
    const expected: Record<(typeof ROLES)[number], boolean> = {
      jeugdbeschermer: true,
      casusregisseur: true,
      professional: false,
      ouder: false,
      jeugdige: false,
      netwerklid: false,
      meelezer: false,
    };
    for (const role of ROLES) {
      expect(maySeeContactDetails(role, family, flagged), role).toBe(expected[role]);
      expect(maySeeContactDetails(role, professional, flagged), role).toBe(role !== 'meelezer');
    }
  });

  it('lets family and netwerk (also a parent regisseur) choose their own notifications, never a professional account', () => {
    for (const role of ROLES) {
      expect(mayChooseNotifications(role, { professionalAccount: true })).toBe(false);
      expect(mayChooseNotifications(role, { professionalAccount: false })).toBe(role !== 'meelezer');
    }
  });
});

describe('wie heeft ons plan bekeken (ADR 028)', () => {
  it('is for the family whose plan it is and for the audit-log readers; not for netwerk, other professionals or the meelezer', () => {
    expect(ROLES.filter((r) => mayReadPlanViews(r))).toEqual(['jeugdbeschermer', 'casusregisseur', 'ouder', 'jeugdige']);
  });
});

describe('deletion requests (issue 18, ADR 035)', () => {
  it('lets a parent and the young person ask, and the jeugdbeschermer decide (the regisseur only in a case without one)', () => {
    expect(ROLES.filter((r) => mayRequestDeletion(r))).toEqual(['ouder', 'jeugdige']);
    expect(ROLES.filter((r) => mayDecideDeletion(r, { jeugdbeschermer: true }))).toEqual(['jeugdbeschermer']);
    expect(ROLES.filter((r) => mayDecideDeletion(r, { jeugdbeschermer: false }))).toEqual(['jeugdbeschermer', 'casusregisseur']);
  });
});

describe('export (issue 18, ADR 034)', () => {
  it('exports a whole case only for the jeugdbeschermer and the casusregisseur', () => {
    expect(ROLES.filter((r) => mayExportCase(r))).toEqual(['jeugdbeschermer', 'casusregisseur']);
  });

  it('gives everyone with a personal link (also a parent regisseur) their own data, never a professional account or the meelezer', () => {
    for (const role of ROLES) {
      expect(mayExportOwnData(role, { professionalAccount: true }), role).toBe(false);
      expect(mayExportOwnData(role, { professionalAccount: false }), role).toBe(role !== 'meelezer');
    }
  });
});

describe('grondslag and safety flag (issue 18, ADR 033)', () => {
  it('lets only the managers record a grondslag; a parent, a manager, or the jeugdige who gave it withdraws consent', () => {
    const record: Record<(typeof ROLES)[number], boolean> = {
      jeugdbeschermer: true,
      casusregisseur: true,
      professional: false,
      ouder: false,
      jeugdige: false,
      netwerklid: false,
      meelezer: false,
    };
    const withdraw = { ...record, ouder: true };
    for (const role of ROLES) {
      expect(mayRecordGrondslag(role), role).toBe(record[role]);
      expect(mayWithdrawConsent(role, { gaveIt: false }), role).toBe(withdraw[role]);
      expect(mayWithdrawConsent(role, { gaveIt: true }), role).toBe(withdraw[role] || role === 'jeugdige');
    }
  });
  it('lets case-facts writers turn the safety flag on; off only the jeugdbeschermer, or the regisseur when the case has none', () => {
    for (const role of ROLES) {
      const writer = role === 'jeugdbeschermer' || role === 'casusregisseur';
      expect(mayChangeSafetyFlag(role, { turnOn: true, caseHasJeugdbeschermer: true }), role).toBe(writer);
      expect(mayChangeSafetyFlag(role, { turnOn: false, caseHasJeugdbeschermer: true }), role).toBe(role === 'jeugdbeschermer');
      expect(mayChangeSafetyFlag(role, { turnOn: false, caseHasJeugdbeschermer: false }), role).toBe(writer);
    }
  });
});
