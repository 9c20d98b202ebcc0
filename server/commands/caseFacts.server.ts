/**
 * Commands on the facts of a case (SPEC §2.4): starting a case (intake),
 * changing a fact with a reason, adding or removing a child, and moving the
 * kader or stage along the trajectory (app/domain/trajectory.ts, ADR 017).
 *
 * Invariants:
 *   - Only a role with case facts `write` (jeugdbeschermer, casusregisseur)
 *     changes facts; a closed case is refused (actingWriter). Any signed-in
 *     professional account may start a case; the case belongs to their
 *     account's organisation and they become a participant of it.
 *   - Every change writes its immutable case event (who, when, old → new,
 *     reason) in the same transaction as the change: both or neither.
 *   - A change to the value a fact already has is refused, and so is a kader
 *     or stage step the trajectory table does not allow.
 *   - A new case names its regisseur only once its participants exist (a
 *     database trigger requires that order) and has exactly one.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import {
  DEFAULT_SCALE_QUESTION,
  DRANG_SERVICES,
  HOUSEHOLD_ROLES,
  KADERS,
  MAATREGEL_TYPES,
  STAGES,
  type Role,
  type StoredRole,
} from '../../app/domain/caseFacts';
import type { CaseFactField, KaderValue } from '../../app/domain/caseEvents';
import { LEGAL_GROUND_OF, legalGroundAvailable, needsGrondslag } from '../../app/domain/grondslag';
import { caseAccess, mayChangeSafetyFlag } from '../../app/domain/permissions';
import { isStepKey, kaderTransition, stageTransition, stepValue } from '../../app/domain/trajectory';
import type { Tx } from '../../db/database.server';
import { cases, children, childStory, houseEntries, organisations, participants } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { recordCaseEvent } from '../cases/events.server';
import { todayIso } from '../cases/regie.server';
import { getUserSummary } from '../users/users.server';
import {
  activeAccountByEmail,
  actingWriter,
  byActor,
  commit,
  Id,
  nowOf,
  parseInput,
  participantInCase,
  requireAllowed,
  type Actor,
  type CommandDeps,
} from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import { writeGround } from './groundInput.server';

/** A signed-in professional account that is not (yet) a participant of the case it acts on: the one who starts a case. */
export interface UserActor {
  userId: string;
  sessionRef?: string | null;
}

const FACTS_ONLY = 'Alleen de jeugdbeschermer of casusregisseur kan de casusgegevens aanpassen.';

/** The actor, checked to be allowed to change case facts (and the case to be open). */
function factWriter(tx: Tx, actor: Actor, message = FACTS_ONLY) {
  const me = actingWriter(tx, actor);
  requireAllowed(caseAccess(me.role, 'caseFacts') === 'write', message);
  return me;
}

// ---------------------------------------------------------------------------
// Shared input pieces (Dutch messages)
// ---------------------------------------------------------------------------

/** True for a real calendar date yyyy-mm-dd between 2000 and 2100. */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (y < 2000 || y > 2100) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const IsoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => isRealDate(v), message);

const NOT_A_DATE = 'Dit is geen geldige datum. Kies een dag in de kalender.';

const Reason = z
  .string({ error: 'Schrijf kort waarom.' })
  .trim()
  .min(5, 'Schrijf kort waarom (minstens 5 tekens).')
  .max(300, 'De reden is te lang (hoogstens 300 tekens).');

const Title = z
  .string({ error: 'Geef de casus een naam (bijvoorbeeld: Gezin Jansen).' })
  .trim()
  .min(3, 'Geef de casus een naam (bijvoorbeeld: Gezin Jansen).')
  .max(120, 'De naam van de casus is te lang (hoogstens 120 tekens).');

const ScaleQuestion = z.string({ error: 'Vul de schaalvraag in.' }).trim().min(10, 'De schaalvraag is te kort.').max(1000, 'De schaalvraag is te lang.');

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * A kader step, posted either as one `step` (`vrijwillig`, `drang:<service>`,
 * `maatregel:<type>`, `nazorg` — the forms use this) or as `kader` with
 * `maatregelType` / `service`. Combinations that do not fit are refused.
 */
const expandStep = (input: unknown): unknown => {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const o = input as Record<string, unknown>;
  if (o.step === undefined || o.step === '') return o;
  if (!isStepKey(o.step)) return { ...o, kader: undefined };
  return { ...o, ...stepValue(o.step) };
};

const kaderShape = {
  kader: z.enum(KADERS, { error: 'Kies een kader.' }),
  maatregelType: z.preprocess(emptyToUndefined, z.enum(MAATREGEL_TYPES, { error: 'Kies het type maatregel: VOTS, OTS of voogdij.' }).optional()),
  service: z.preprocess(emptyToUndefined, z.enum(DRANG_SERVICES, { error: 'Kies welke dienst bij werken zonder maatregel hoort.' }).optional()),
};

function kaderFits(v: { kader: string; maatregelType?: string; service?: string }, ctx: z.RefinementCtx) {
  if (v.kader === 'maatregel' && !v.maatregelType)
    ctx.addIssue({ code: 'custom', path: ['maatregelType'], message: 'Kies bij een maatregel het type: VOTS, OTS of voogdij.' });
  if (v.kader === 'drang' && !v.service) ctx.addIssue({ code: 'custom', path: ['service'], message: 'Kies bij werken zonder maatregel welke dienst.' });
  if (v.kader !== 'maatregel' && v.maatregelType)
    ctx.addIssue({ code: 'custom', path: ['maatregelType'], message: 'Een type maatregel hoort alleen bij een maatregel.' });
  if (v.kader !== 'drang' && v.service) ctx.addIssue({ code: 'custom', path: ['service'], message: 'Een dienst hoort alleen bij werken zonder maatregel.' });
}

const kaderValueOf = (v: { kader: KaderValue['kader']; maatregelType?: KaderValue['maatregelType']; service?: KaderValue['service'] }) => ({
  kader: v.kader,
  maatregelType: v.maatregelType ?? null,
  service: v.service ?? null,
});

// ---------------------------------------------------------------------------
// startCase
// ---------------------------------------------------------------------------

export const MAX_CHILDREN = 6;
export const MAX_FAMILY_MEMBERS = 5;
export const CREATOR_ROLES = ['jeugdbeschermer', 'professional'] as const;

const ChildRow = (thisYear: number) => {
  const years = `Vul een geboortejaar in tussen ${thisYear - 23} en ${thisYear + 1}.`;
  return z.object({
    FirstName: z
      .string({ error: 'Vul de voornaam van het kind in.' })
      .trim()
      .min(1, 'Vul de voornaam van het kind in.')
      .max(60, 'De voornaam is te lang (hoogstens 60 tekens).'),
    BirthYear: z
      .union([z.string(), z.number()], { error: years })
      .transform((v) => String(v).trim())
      .pipe(
        z
          .string()
          .regex(/^\d{4}$/, years)
          .transform(Number)
          .pipe(
            z
              .number()
              .min(thisYear - 23, years)
              .max(thisYear + 1, years),
          ),
      ),
  });
};

const MemberRow = z.object({
  Name: z.string({ error: 'Vul een naam in.' }).trim().min(2, 'Vul een naam in.').max(120, 'De naam is te lang.'),
  // Netwerk members join through Betrokkenen, where their grondslag is recorded with them (ADR 040).
  Role: z.enum(HOUSEHOLD_ROLES, { error: 'Kies een rol: ouder of jeugdige. Netwerkleden voeg je daarna toe bij Betrokkenen, met hun grondslag.' }),
  Relation: z.string().trim().max(120, 'De relatie is te lang.').optional(),
});

/**
 * Rows posted as indexed fields (`child1FirstName`, `child1BirthYear`, …,
 * `member1Name`, `member1Role`, `member1Relation`, …): a row whose fields are
 * all empty is ignored; an error names its own field (`child2BirthYear`).
 * Callers in code may pass `children` / `members` arrays of the same fields
 * instead (`{ firstName, birthYear }`, `{ name, role, relation }`).
 */
function rows<S extends z.ZodType>(form: Record<string, unknown>, prefix: string, max: number, schema: S, from?: unknown): z.output<S>[] {
  const fields = Object.keys((schema as unknown as z.ZodObject).shape);
  const source: Record<string, unknown> = { ...form };
  if (Array.isArray(from)) {
    from.slice(0, max + 1).forEach((row: unknown, i) => {
      if (!row || typeof row !== 'object') return;
      for (const f of fields) source[`${prefix}${i + 1}${f}`] = (row as Record<string, unknown>)[f[0]!.toLowerCase() + f.slice(1)];
    });
  }
  const out: z.output<S>[] = [];
  for (let i = 1; i <= max + 1; i++) {
    const row = Object.fromEntries(fields.map((f) => [f, source[`${prefix}${i}${f}`]]));
    if (Object.values(row).every((v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))) continue;
    if (i > max) throw new InvalidInput(`Je kunt hier hoogstens ${max} rijen invullen.`, `${prefix}${i}${fields[0]}`);
    try {
      out.push(parseInput(schema, row));
    } catch (error) {
      if (error instanceof InvalidInput) throw new InvalidInput(error.message, `${prefix}${i}${error.field ?? fields[0]}`);
      throw error;
    }
  }
  return out;
}

const StartCaseFields = z
  .object({
    title: Title,
    ...kaderShape,
    stage: z.enum(STAGES, { error: 'Kies de fase waarin de casus begint.' }),
    myRole: z.enum(CREATOR_ROLES, { error: 'Kies je eigen rol in deze casus.' }),
    regisseurEmail: z.preprocess(emptyToUndefined, z.email('Dit e-mailadres klopt niet.').max(320, 'Dit e-mailadres is te lang.').optional()),
    aanspreekpunt: z.preprocess(emptyToUndefined, z.enum(['ik', 'regisseur'], { error: 'Kies wie het vaste aanspreekpunt is.' }).default('ik')),
    nextEvaluationDate: IsoDate('Kies een geldige datum voor het eerste evaluatiemoment.'),
    scaleQuestionChoice: z.preprocess(emptyToUndefined, z.enum(['standaard', 'eigen'], { error: 'Kies welke schaalvraag je gebruikt.' }).default('standaard')),
    ownScaleQuestion: z.string({ error: 'Vul de schaalvraag in.' }).optional(),
  })
  .superRefine(kaderFits);

/**
 * Starts a case (the intake). The creator joins as `myRole`; the regisseur is
 * the creator, or another account (by e-mail) who joins as professional; the
 * vast aanspreekpunt is the creator or the regisseur. Returns the new case id.
 */
export function startCase(deps: CommandDeps, userActor: UserActor, input: unknown) {
  const now = nowOf(deps);
  const form = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const data = parseInput(StartCaseFields, expandStep(form));
  const thisYear = Number(todayIso(now).slice(0, 4));
  const kids = rows(form, 'child', MAX_CHILDREN, ChildRow(thisYear), form.children);
  if (kids.length === 0) throw new InvalidInput('Vul minstens één kind in (voornaam en geboortejaar).', 'child1FirstName');
  const members = rows(form, 'member', MAX_FAMILY_MEMBERS, MemberRow, form.members);
  if (data.nextEvaluationDate < todayIso(now))
    throw new InvalidInput('Het evaluatiemoment ligt in het verleden. Kies vandaag of een latere datum.', 'nextEvaluationDate');
  const ownScaleQuestion = data.scaleQuestionChoice === 'eigen' ? ownQuestion(data.ownScaleQuestion) : null;

  return commit(deps, (tx) => {
    const me = getUserSummary(tx, userActor.userId);
    if (!me) throw new NotAllowed('Alleen een professional met een account kan een casus starten.');
    const other = data.regisseurEmail
      ? activeAccountByEmail(
          tx,
          data.regisseurEmail,
          'regisseurEmail',
          'Er is geen account met dit e-mailadres. Laat de beheerder eerst een account maken, of kies jezelf.',
        )
      : undefined;
    const regisseurIsOther = other !== undefined && other.id !== me.id;
    // The standard question is the organisation's own default when its beheerder set one (issue 18).
    const orgDefault = tx.select({ q: organisations.defaultScaleQuestion }).from(organisations).where(eq(organisations.id, me.organisationId)).get()?.q;
    const scaleQuestion = ownScaleQuestion ?? orgDefault ?? DEFAULT_SCALE_QUESTION;

    const caseId = randomUUID();
    tx.insert(cases)
      .values({
        id: caseId,
        organisationId: me.organisationId,
        title: data.title,
        kader: data.kader,
        maatregelType: data.maatregelType ?? null,
        kaderService: data.service ?? null,
        stage: data.stage,
        nextEvaluationDate: data.nextEvaluationDate,
        scaleQuestion,
        createdAt: now,
      })
      .run();
    for (const child of kids) tx.insert(children).values({ id: randomUUID(), caseId, firstName: child.FirstName, birthYear: child.BirthYear }).run();

    const creatorId = randomUUID();
    const actor: Actor = { caseId, participantId: creatorId, sessionRef: userActor.sessionRef ?? null };
    const added: { id: string; role: StoredRole }[] = [];
    const add = (values: { role: StoredRole; userId?: string; name?: string; relation?: string | null }, id = randomUUID()) => {
      // One millisecond apart, so lists (ordered by createdAt) show them in the order they were added.
      const createdAt = now + added.length;
      tx.insert(participants)
        .values({ id, caseId, role: values.role, userId: values.userId ?? null, name: values.name ?? null, relation: values.relation ?? null, createdAt })
        .run();
      added.push({ id, role: values.role });
      return id;
    };
    add({ role: data.myRole, userId: me.id }, creatorId);
    const regisseurId = regisseurIsOther ? add({ role: 'professional', userId: other.id }) : creatorId;
    for (const m of members) add({ role: m.Role, name: m.Name, relation: m.Relation || null });

    // The regisseur is named once the participants exist (trigger cases_regisseur_after_participants).
    tx.update(cases)
      .set({ casusregisseurId: regisseurId, vastAanspreekpuntId: data.aanspreekpunt === 'regisseur' ? regisseurId : creatorId })
      .where(eq(cases.id, caseId))
      .run();
    for (const p of added) recordAudit(tx, { type: 'participant-added', ...byActor(actor), subjectParticipantId: p.id, detail: { rol: p.role as Role } }, now);
    // Under a maatregel the professionals who start the case take part on its legal ground (ADR 040);
    // in a voluntary case they record the family's consent on Betrokkenen once the family is there.
    const maatregelType = data.maatregelType ?? null;
    if (legalGroundAvailable(data.kader, maatregelType)) {
      const ground = { basis: 'wettelijk', consentGivenById: null, consentGivenOn: null, purpose: null, legalGround: LEGAL_GROUND_OF[maatregelType] } as const;
      for (const p of added.filter((a) => needsGrondslag(a.role))) {
        writeGround(tx, { caseId, participantId: p.id, by: actor, recordedById: creatorId, ground }, now);
      }
    }
    recordCaseEvent(
      tx,
      {
        caseId,
        type: 'case-started',
        actorParticipantId: creatorId,
        subjectParticipantId: regisseurId,
        newValue: { ...kaderValueOf(data), stage: data.stage, nextEvaluationDate: data.nextEvaluationDate, children: kids.length },
      },
      now,
    );
    return { caseId, participantId: creatorId, regisseurId };
  });
}

function ownQuestion(text: string | undefined): string {
  if (!text || !text.trim()) throw new InvalidInput('Vul je eigen schaalvraag in, of kies de standaardvraag.', 'ownScaleQuestion');
  return parseFact(ScaleQuestion, text, 'ownScaleQuestion');
}

function parseFact<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  try {
    return parseInput(schema, value);
  } catch (error) {
    if (error instanceof InvalidInput) throw new InvalidInput(error.message, field);
    throw error;
  }
}

// ---------------------------------------------------------------------------
// changeCaseFact (title, evaluatiemoment, vast aanspreekpunt, safety flag, scale question)
// ---------------------------------------------------------------------------

const YesNo = z
  .union([z.boolean(), z.enum(['ja', 'nee', 'true', 'false', 'on', 'off'])], { error: 'Kies ja of nee.' })
  .transform((v) => v === true || v === 'ja' || v === 'true' || v === 'on');

export const ChangeCaseFactInput = z.discriminatedUnion(
  'field',
  [
    z.object({ field: z.literal('title'), value: Title, reason: Reason }),
    z.object({ field: z.literal('nextEvaluationDate'), value: IsoDate(NOT_A_DATE), reason: Reason }),
    z.object({ field: z.literal('vastAanspreekpunt'), value: Id('Kies wie het vaste aanspreekpunt wordt.'), reason: Reason }),
    z.object({ field: z.literal('safetyFlag'), value: YesNo, reason: Reason }),
    z.object({ field: z.literal('scaleQuestion'), value: ScaleQuestion, reason: Reason }),
  ],
  { error: 'Kies welk gegeven je wilt veranderen.' },
);

const NOTHING_CHANGED = 'Er is niets veranderd.';

/** Changes one fact of the case, with a reason; the event (old → new) is written in the same transaction. */
export function changeCaseFact(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(ChangeCaseFactInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = factWriter(tx, actor, data.field === 'scaleQuestion' ? 'Je kunt de schaalvraag niet aanpassen.' : FACTS_ONLY);
      const c = tx.select().from(cases).where(eq(cases.id, me.caseId)).get();
      if (!c) throw new NotFound('Deze casus bestaat niet (meer).');
      let oldValue: unknown;
      let set: Partial<typeof cases.$inferInsert>;
      switch (data.field) {
        case 'title':
          oldValue = c.title;
          set = { title: data.value };
          break;
        case 'nextEvaluationDate':
          if (data.value < todayIso(now)) throw new InvalidInput('Het evaluatiemoment ligt in het verleden. Kies vandaag of een latere datum.', 'value');
          oldValue = c.nextEvaluationDate;
          set = { nextEvaluationDate: data.value };
          break;
        case 'vastAanspreekpunt': {
          const target = participantInCase(tx, me.caseId, data.value);
          if (!target.userId || target.role === 'meelezer') {
            throw new InvalidInput('Het vaste aanspreekpunt is een professional in deze casus (geen meelezer).', 'value');
          }
          oldValue = c.vastAanspreekpuntId;
          set = { vastAanspreekpuntId: target.id };
          break;
        }
        case 'safetyFlag': {
          // Turning it on: every case-facts writer; off: the jeugdbeschermer (the regisseur when the case has none) — ADR 033.
          const jb = tx
            .select({ id: participants.id })
            .from(participants)
            .where(and(eq(participants.caseId, me.caseId), eq(participants.role, 'jeugdbeschermer'), isNull(participants.removedAt)))
            .get();
          requireAllowed(
            mayChangeSafetyFlag(me.role, { turnOn: data.value, caseHasJeugdbeschermer: jb !== undefined }),
            'Alleen de jeugdbeschermer kan de afscherming van de contactgegevens opheffen.',
          );
          oldValue = c.safetyFlag;
          set = { safetyFlag: data.value };
          break;
        }
        case 'scaleQuestion':
          oldValue = c.scaleQuestion;
          set = { scaleQuestion: data.value };
          break;
      }
      if (oldValue === data.value) throw new InvalidInput(NOTHING_CHANGED, 'value');
      tx.update(cases).set(set).where(eq(cases.id, me.caseId)).run();
      recordCaseEvent(
        tx,
        {
          caseId: me.caseId,
          type: 'fact-changed',
          actorParticipantId: me.id,
          field: data.field satisfies CaseFactField,
          oldValue,
          newValue: data.value,
          reason: data.reason,
        },
        now,
      );
      // The scale question keeps its own line in the Logboek, as before.
      if (data.field === 'scaleQuestion') recordAudit(tx, { type: 'scale-question-changed', ...byActor(actor) }, now);
      return { caseId: me.caseId, by: me.id, field: data.field };
    },
    (r) => {
      if (r.field === 'scaleQuestion') deps.stamps.scoresChanged(r.caseId, r.by, now);
    },
  );
}

// ---------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------

function hasChildVoice(tx: Tx, childId: string): boolean {
  const story = tx.select({ id: childStory.id }).from(childStory).where(eq(childStory.childId, childId)).get();
  return Boolean(story ?? tx.select({ id: houseEntries.id }).from(houseEntries).where(eq(houseEntries.childId, childId)).get());
}

function childList(tx: Tx, caseId: string) {
  return tx
    .select({ id: children.id, firstName: children.firstName, birthYear: children.birthYear })
    .from(children)
    .where(eq(children.caseId, caseId))
    .orderBy(asc(children.birthYear), asc(children.firstName))
    .all();
}
const shown = (list: { firstName: string; birthYear: number }[]) => list.map(({ firstName, birthYear }) => ({ firstName, birthYear }));

/** Adds a child (first name and birth year only), with a reason. */
export function addChild(deps: CommandDeps, actor: Actor, input: unknown) {
  const now = nowOf(deps);
  const thisYear = Number(todayIso(now).slice(0, 4));
  const raw = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const data = parseInput(
    z.object({ reason: Reason }).extend({ firstName: ChildRow(thisYear).shape.FirstName, birthYear: ChildRow(thisYear).shape.BirthYear }),
    raw,
  );
  return commit(deps, (tx) => {
    const me = factWriter(tx, actor);
    const before = childList(tx, me.caseId);
    if (before.some((c) => c.firstName.toLowerCase() === data.firstName.toLowerCase() && c.birthYear === data.birthYear)) {
      throw new InvalidInput('Dit kind staat al in de casus.', 'firstName');
    }
    const id = randomUUID();
    tx.insert(children).values({ id, caseId: me.caseId, firstName: data.firstName, birthYear: data.birthYear }).run();
    recordCaseEvent(
      tx,
      {
        caseId: me.caseId,
        type: 'fact-changed',
        actorParticipantId: me.id,
        field: 'children',
        oldValue: shown(before),
        newValue: shown(childList(tx, me.caseId)),
        reason: data.reason,
      },
      now,
    );
    return { childId: id };
  });
}

export const RemoveChildInput = z.object({ childId: Id('Kies welk kind.'), reason: Reason });

/** Removes a child from the case (the event keeps who it was); a case keeps at least one child. */
export function removeChild(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(RemoveChildInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = factWriter(tx, actor);
    const before = childList(tx, me.caseId);
    if (!before.some((c) => c.id === data.childId)) throw new NotFound('Dit kind staat niet (meer) in deze casus.', 'childId');
    if (before.length === 1) throw new InvalidInput('Een casus gaat over minstens één kind. Voeg eerst een ander kind toe.', 'childId');
    // The child's own pages are kept (append-only, ADR 030): a child who has them stays in the case.
    if (hasChildVoice(tx, data.childId)) {
      throw new Conflict('Dit kind heeft eigen Woorden en Plaatjes of Drie Huizen. Die blijven bewaard, dus het kind blijft in de casus staan.', 'childId');
    }
    tx.delete(children)
      .where(and(eq(children.id, data.childId), eq(children.caseId, me.caseId)))
      .run();
    recordCaseEvent(
      tx,
      {
        caseId: me.caseId,
        type: 'fact-changed',
        actorParticipantId: me.id,
        field: 'children',
        oldValue: shown(before),
        newValue: shown(before.filter((c) => c.id !== data.childId)),
        reason: data.reason,
      },
      now,
    );
    return { childId: data.childId };
  });
}

// ---------------------------------------------------------------------------
// Trajectory: kader and stage
// ---------------------------------------------------------------------------

export const ChangeKaderInput = z
  .object({
    ...kaderShape,
    date: z.preprocess(emptyToUndefined, IsoDate(NOT_A_DATE).optional()),
    reason: Reason,
  })
  .superRefine(kaderFits);

/**
 * Moves the case to another kader step (op- or afschalen), when the
 * trajectory table allows it. `date` is the day it was decided (default
 * today; not in the future); who decided is the actor.
 */
export function changeKader(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(ChangeKaderInput, expandStep(input));
  const now = nowOf(deps);
  const date = data.date ?? todayIso(now);
  if (date > todayIso(now)) throw new InvalidInput('De datum van het besluit ligt in de toekomst. Kies vandaag of een eerdere dag.', 'date');
  return commit(deps, (tx) => {
    const me = factWriter(tx, actor);
    const c = tx
      .select({ kader: cases.kader, maatregelType: cases.maatregelType, service: cases.kaderService })
      .from(cases)
      .where(eq(cases.id, me.caseId))
      .get();
    if (!c) throw new NotFound('Deze casus bestaat niet (meer).');
    const from: KaderValue = { kader: c.kader, maatregelType: c.maatregelType, service: c.service };
    const to = kaderValueOf(data);
    const check = kaderTransition(from, to);
    if (!check.ok) throw new InvalidInput(`Deze overgang kan niet: ${check.reason}`, 'step');
    tx.update(cases).set({ kader: to.kader, maatregelType: to.maatregelType, kaderService: to.service }).where(eq(cases.id, me.caseId)).run();
    recordCaseEvent(
      tx,
      {
        caseId: me.caseId,
        type: 'kader-changed',
        actorParticipantId: me.id,
        field: 'kader',
        oldValue: from,
        newValue: { ...to, date, kind: check.kind },
        reason: data.reason,
      },
      now,
    );
    return { kind: check.kind };
  });
}

export const ChangeStageInput = z.object({
  stage: z.enum(STAGES, { error: 'Kies een fase.' }),
  reason: Reason,
});

/** Moves the case to another stage (forward or back), with a reason. */
export function changeStage(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(ChangeStageInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = factWriter(tx, actor);
    const c = tx.select({ stage: cases.stage }).from(cases).where(eq(cases.id, me.caseId)).get();
    if (!c) throw new NotFound('Deze casus bestaat niet (meer).');
    const check = stageTransition(c.stage, data.stage);
    if (!check.ok) throw new InvalidInput(`Deze overgang kan niet: ${check.reason}`, 'stage');
    tx.update(cases).set({ stage: data.stage }).where(eq(cases.id, me.caseId)).run();
    recordCaseEvent(
      tx,
      { caseId: me.caseId, type: 'stage-changed', actorParticipantId: me.id, field: 'stage', oldValue: c.stage, newValue: data.stage, reason: data.reason },
      now,
    );
    return { direction: check.direction };
  });
}
