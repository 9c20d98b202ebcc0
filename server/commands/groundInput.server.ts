/**
 * The grondslag fields of a form (ADR 033) and their checks, shared by the
 * commands that add someone (participants, invite) and recordGrondslag.
 * Invariant: a ground is written only complete and true for THIS case, and
 * every netwerk member or professional added to a case comes with one —
 * consent names a current ouder or jeugdige of the case, a real date not in
 * the future and a purpose; a legal ground exists only under a maatregel.
 * Module without command imports, so participants and grondslag commands can
 * both use it.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Role } from '../../app/domain/caseFacts';
import { GROUND_BASES, GROUND_LIMITS, LEGAL_GROUND_OF, legalGroundAvailable, mayGiveConsent, needsGrondslag } from '../../app/domain/grondslag';
import { isIsoDate } from '../../app/domain/recurrence';
import type { Tx } from '../../db/database.server';
import { accessGrounds, cases, participants } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { todayIso } from '../cases/regie.server';
import type { Actor } from './command.server';
import { InvalidInput, NotFound } from './errors';

const TOO_LONG = 'Een van de velden is te lang.';
const optional = (max: number) => z.string({ error: 'Een van de velden klopt niet.' }).trim().max(max, TOO_LONG).optional();

/** The form fields (all optional here: which are needed depends on the basis; `requireGround` wants one). */
export const GroundFields = {
  basis: z.union([z.literal(''), z.enum(GROUND_BASES)], { error: 'Kies de grondslag: toestemming van het gezin of de wettelijke grondslag.' }).optional(),
  consentGivenById: optional(64),
  consentGivenOn: optional(20),
  purpose: optional(GROUND_LIMITS.purpose),
  legalGround: optional(GROUND_LIMITS.legalGround),
};
export type GroundFieldValues = { [K in keyof typeof GroundFields]?: z.output<(typeof GroundFields)[K]> };

export type CheckedGround =
  | { basis: 'toestemming'; consentGivenById: string; consentGivenOn: string; purpose: string; legalGround: null }
  | { basis: 'wettelijk'; consentGivenById: null; consentGivenOn: null; purpose: null; legalGround: string };

/**
 * Checks a ground for a person of `caseId` with `targetRole` (their stored
 * role; `subjectId` when they are already in the case). Returns null when
 * no basis was chosen; `requireGround` refuses that.
 */
export function checkGround(tx: Tx, caseId: string, targetRole: Role, f: GroundFieldValues, now: number, subjectId?: string): CheckedGround | null {
  if (!f.basis) return null;
  if (!needsGrondslag(targetRole))
    throw new InvalidInput('Een ouder of jeugdige doet mee omdat het om het eigen gezin gaat: daar hoort geen grondslag bij.', 'basis');
  if (f.basis === 'wettelijk') {
    const c = tx.select({ kader: cases.kader, maatregelType: cases.maatregelType }).from(cases).where(eq(cases.id, caseId)).get();
    if (!c) throw new NotFound('Deze casus bestaat niet (meer).');
    if (!legalGroundAvailable(c.kader, c.maatregelType)) {
      throw new InvalidInput(
        'Een wettelijke grondslag hoort bij een maatregel, en deze casus heeft geen maatregel. Leg de toestemming van het gezin vast.',
        'basis',
      );
    }
    const legalGround = f.legalGround || LEGAL_GROUND_OF[c.maatregelType];
    if (legalGround.length < 2) throw new InvalidInput('Schrijf op welke wettelijke grondslag het is.', 'legalGround');
    return { basis: 'wettelijk', consentGivenById: null, consentGivenOn: null, purpose: null, legalGround };
  }
  const giverId = f.consentGivenById ?? '';
  const giver = /^[A-Za-z0-9_-]{1,64}$/.test(giverId)
    ? tx
        .select({ id: participants.id, role: participants.role })
        .from(participants)
        .where(and(eq(participants.id, giverId), eq(participants.caseId, caseId), isNull(participants.removedAt)))
        .get()
    : undefined;
  if (!giver || !mayGiveConsent(giver.role)) throw new InvalidInput('Kies de ouder of jeugdige van dit gezin die toestemming gaf.', 'consentGivenById');
  // An ouder who becomes a netwerk member takes part on someone else's consent, not their own.
  if (giver.id === subjectId)
    throw new InvalidInput('Iemand anders uit het gezin geeft de toestemming. Kies een andere ouder of jeugdige.', 'consentGivenById');
  const on = f.consentGivenOn ?? '';
  if (!isIsoDate(on)) throw new InvalidInput('Vul een geldige datum in waarop de toestemming is gegeven.', 'consentGivenOn');
  if (on > todayIso(now)) throw new InvalidInput('De datum van de toestemming ligt in de toekomst. Kies vandaag of eerder.', 'consentGivenOn');
  const purpose = f.purpose ?? '';
  if (purpose.length < 3) throw new InvalidInput('Schrijf kort waarvoor de toestemming is, bijvoorbeeld: om mee te denken over het plan.', 'purpose');
  return { basis: 'toestemming', consentGivenById: giver.id, consentGivenOn: on, purpose, legalGround: null };
}

/**
 * A ground that must come with a new netwerk member or professional (ADR
 * 040): refused without a basis, with a message that says what to do when
 * no basis is possible yet (no ouder or jeugdige in the case, no maatregel).
 */
export function requireGround(tx: Tx, caseId: string, targetRole: Role, f: GroundFieldValues, now: number, subjectId?: string): CheckedGround {
  const ground = checkGround(tx, caseId, targetRole, f, now, subjectId);
  if (ground) return ground;
  const c = tx.select({ kader: cases.kader, maatregelType: cases.maatregelType }).from(cases).where(eq(cases.id, caseId)).get();
  if (!c) throw new NotFound('Deze casus bestaat niet (meer).');
  const givers = tx
    .select({ role: participants.role })
    .from(participants)
    .where(and(eq(participants.caseId, caseId), isNull(participants.removedAt)))
    .all()
    .filter((p) => mayGiveConsent(p.role));
  if (givers.length === 0 && !legalGroundAvailable(c.kader, c.maatregelType)) {
    throw new InvalidInput(
      'Wie meedoet, heeft toestemming van het gezin nodig. Er staat nog geen ouder of jeugdige in deze casus: voeg die eerst toe.',
      'basis',
    );
  }
  throw new InvalidInput('Kies de grondslag: toestemming van het gezin of de wettelijke grondslag.', 'basis');
}

/** Writes a ground (a new row: the latest is the current one) and its audit row, in the caller's transaction. */
export function writeGround(tx: Tx, input: { caseId: string; participantId: string; by: Actor; recordedById: string; ground: CheckedGround }, now: number) {
  const id = randomUUID();
  tx.insert(accessGrounds)
    .values({ id, caseId: input.caseId, participantId: input.participantId, ...input.ground, recordedById: input.recordedById, recordedAt: now })
    .run();
  recordAudit(
    tx,
    {
      type: 'grondslag-recorded',
      caseId: input.caseId,
      actorParticipantId: input.by.participantId,
      sessionRef: input.by.sessionRef ?? null,
      subjectParticipantId: input.participantId,
      detail: { grondslag: input.ground.basis },
    },
    now,
  );
  return id;
}
