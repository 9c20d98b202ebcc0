/**
 * Cases, children and participants: the read side, plus `createCase` for
 * seeding (demo, tests, benchmarks). A person reaches a case only through
 * their own (not removed) participant record in that case. Changes to
 * participants are commands (server/commands/participants.server.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.server';
import type { Viewer } from '../auth/auth.server';
import { cases, children, organisations, participants, users } from '../../db/schema';
import { DEFAULT_SCALE_QUESTION, type DrangService, type Kader, type MaatregelType, type Role, type Stage, type StoredRole } from '../../app/domain/caseFacts';
import { effectiveRole, regieState, withEffectiveRole } from './regie.server';

export interface NewParticipant {
  /** Local key to refer to this participant in `casusregisseur` / `vastAanspreekpunt`. */
  key: string;
  role: Role;
  userId?: string;
  name?: string;
  relation?: string;
  phone?: string;
  email?: string;
}

export interface NewCase {
  organisationId: string;
  title: string;
  kader: Kader;
  maatregelType?: MaatregelType;
  kaderService?: DrangService;
  stage: Stage;
  nextEvaluationDate?: string;
  scaleQuestion?: string;
  children: { firstName: string; birthYear: number }[];
  participants: NewParticipant[];
  casusregisseur?: string;
  vastAanspreekpunt?: string;
}

/**
 * Creates a case with its children and participants in one transaction
 * (seeding: demo, tests, benchmarks; the app uses the startCase command).
 * A seed participant with role `casusregisseur` is stored as a professional
 * and must be the one the case names its casusregisseur (ADR 016).
 * Returns ids by participant key.
 */
export function createCase(db: Db | Tx, input: NewCase): { caseId: string; participantIds: Record<string, string> } {
  const caseId = randomUUID();
  const participantIds: Record<string, string> = {};
  for (const p of input.participants) participantIds[p.key] = randomUUID();
  const idOf = (key?: string) => {
    if (!key) return null;
    const id = participantIds[key];
    if (!id) throw new Error(`Unknown participant key ${key}`);
    return id;
  };
  for (const p of input.participants) {
    if (p.role === 'casusregisseur' && p.key !== input.casusregisseur)
      throw new Error(`Seed participant ${p.key} has role casusregisseur but is not the case's casusregisseur`);
  }
  const storedRole = (role: Role): StoredRole => (role === 'casusregisseur' ? 'professional' : role);
  db.transaction((tx) => {
    tx.insert(cases)
      .values({
        id: caseId,
        organisationId: input.organisationId,
        title: input.title,
        kader: input.kader,
        maatregelType: input.maatregelType ?? null,
        kaderService: input.kaderService ?? null,
        stage: input.stage,
        nextEvaluationDate: input.nextEvaluationDate ?? null,
        scaleQuestion: input.scaleQuestion ?? DEFAULT_SCALE_QUESTION,
      })
      .run();
    for (const child of input.children) {
      tx.insert(children)
        .values({ id: randomUUID(), caseId, ...child })
        .run();
    }
    for (const p of input.participants) {
      tx.insert(participants)
        .values({
          id: participantIds[p.key]!,
          caseId,
          role: storedRole(p.role),
          userId: p.userId ?? null,
          name: p.userId ? null : (p.name ?? null),
          relation: p.relation ?? null,
          phone: p.phone ?? null,
          email: p.email ?? null,
        })
        .run();
    }
    tx.update(cases)
      .set({ casusregisseurId: idOf(input.casusregisseur), vastAanspreekpuntId: idOf(input.vastAanspreekpunt) })
      .where(eq(cases.id, caseId))
      .run();
  });
  return { caseId, participantIds };
}

/** Display name: from the account for professionals, from the record otherwise. */
const participantName = sql<string>`coalesce(${users.name}, ${participants.name}, 'Onbekend')`.as('participant_name');

export interface CaseListItem {
  id: string;
  title: string;
  kader: Kader;
  maatregelType: MaatregelType | null;
  stage: Stage;
  nextEvaluationDate: string | null;
  casusregisseurName: string | null;
  closedAt: number | null;
  myRole: Role;
}

/** The cases a professional is a (current) participant of. */
export function listCasesForUser(db: Db, userId: string): CaseListItem[] {
  const mine = db
    .select({
      id: cases.id,
      title: cases.title,
      kader: cases.kader,
      maatregelType: cases.maatregelType,
      stage: cases.stage,
      nextEvaluationDate: cases.nextEvaluationDate,
      casusregisseurId: cases.casusregisseurId,
      closedAt: cases.closedAt,
      myRole: participants.role,
      participantId: participants.id,
      userId: participants.userId,
    })
    .from(participants)
    .innerJoin(cases, eq(cases.id, participants.caseId))
    .where(and(eq(participants.userId, userId), isNull(participants.removedAt)))
    .orderBy(asc(cases.nextEvaluationDate), asc(cases.title))
    .all();
  return mine.map(({ casusregisseurId, participantId, userId: _u, ...row }) => ({
    ...row,
    myRole: effectiveRole({ id: participantId, role: row.myRole, userId }, regieState(db, row.id)),
    casusregisseurName: casusregisseurId ? (getParticipantName(db, casusregisseurId) ?? null) : null,
  }));
}

export function getParticipantName(db: Db, participantId: string): string | undefined {
  return db
    .select({ name: participantName })
    .from(participants)
    .leftJoin(users, eq(users.id, participants.userId))
    .where(eq(participants.id, participantId))
    .get()?.name;
}

export interface CaseParticipant {
  id: string;
  role: Role;
  name: string;
  relation: string | null;
  organisationName: string | null;
  phone: string | null;
  email: string | null;
  isProfessionalAccount: boolean;
}

export function listParticipants(db: Db, caseId: string): CaseParticipant[] {
  const regie = regieState(db, caseId);
  return db
    .select({
      id: participants.id,
      role: participants.role,
      name: participantName,
      relation: participants.relation,
      organisationName: organisations.name,
      phone: sql<string | null>`coalesce(${participants.phone}, ${users.phone})`,
      email: sql<string | null>`coalesce(${participants.email}, ${users.email})`,
      userId: participants.userId,
    })
    .from(participants)
    .leftJoin(users, eq(users.id, participants.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(participants.caseId, caseId), isNull(participants.removedAt)))
    .orderBy(asc(participants.createdAt))
    .all()
    .map(({ userId, ...p }) => ({ ...p, role: effectiveRole({ id: p.id, role: p.role, userId }, regie), isProfessionalAccount: userId !== null }));
}

/** The professional's current participant record in a case (with the role they act in), or undefined (no access). */
export function findParticipantForUser(db: Tx, caseId: string, userId: string) {
  const row = db
    .select()
    .from(participants)
    .where(and(eq(participants.caseId, caseId), eq(participants.userId, userId), isNull(participants.removedAt)))
    .get();
  return row ? withEffectiveRole(db, row) : undefined;
}

export function getCaseOverview(db: Db, caseId: string) {
  const row = db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) return undefined;
  const kids = db
    .select({ firstName: children.firstName, birthYear: children.birthYear })
    .from(children)
    .where(eq(children.caseId, caseId))
    .orderBy(asc(children.birthYear))
    .all();
  const people = listParticipants(db, caseId);
  const byId = (id: string | null) => (id ? (people.find((p) => p.id === id) ?? null) : null);
  return {
    id: row.id,
    title: row.title,
    kader: row.kader,
    maatregelType: row.maatregelType,
    kaderService: row.kaderService,
    stage: row.stage,
    nextEvaluationDate: row.nextEvaluationDate,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    scaleQuestion: row.scaleQuestion,
    safetyFlag: row.safetyFlag,
    children: kids,
    participants: people,
    casusregisseur: byId(row.casusregisseurId),
    vastAanspreekpunt: byId(row.vastAanspreekpuntId),
    regieProfessional: byId(row.regieProfessionalId),
  };
}

export type CaseOverview = NonNullable<ReturnType<typeof getCaseOverview>>;

/**
 * The one place that answers "which participant is this viewer in this case?":
 * a professional through their account's participant record, a family or
 * netwerk member only in the case of their own session. Undefined = no access.
 */
export function participantForViewer(db: Db, caseId: string, viewer: Viewer) {
  if (viewer.kind === 'professional') return findParticipantForUser(db, caseId, viewer.user.id);
  if (viewer.participant.caseId !== caseId) return undefined;
  const row = db
    .select()
    .from(participants)
    .where(and(eq(participants.id, viewer.participant.id), isNull(participants.removedAt)))
    .get();
  return row ? withEffectiveRole(db, row) : undefined;
}

/** The case queries bound to one database, as handed to loaders via `context.services.cases`. */
export function caseQueries(db: Db) {
  return {
    listForUser: (userId: string) => listCasesForUser(db, userId),
    overview: (caseId: string) => getCaseOverview(db, caseId),
    participants: (caseId: string) => listParticipants(db, caseId),
    participantForUser: (caseId: string, userId: string) => findParticipantForUser(db, caseId, userId),
    participantForViewer: (caseId: string, viewer: Viewer) => participantForViewer(db, caseId, viewer),
    /** A closed case is read-only for everyone (documents served read-only). */
    isClosed: (caseId: string) => (db.select({ closedAt: cases.closedAt }).from(cases).where(eq(cases.id, caseId)).get()?.closedAt ?? null) !== null,
    participant: (caseId: string, participantId: string) =>
      db
        .select()
        .from(participants)
        .where(and(eq(participants.id, participantId), eq(participants.caseId, caseId)))
        .get(),
  };
}
export type CaseQueries = ReturnType<typeof caseQueries>;
