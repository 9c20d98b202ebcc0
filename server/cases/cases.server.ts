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
import { DEFAULT_SCALE_QUESTION, type Kader, type MaatregelType, type Role, type Stage } from '../../app/domain/caseFacts';

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
  stage: Stage;
  nextEvaluationDate?: string;
  scaleQuestion?: string;
  children: { firstName: string; birthYear: number }[];
  participants: NewParticipant[];
  casusregisseur?: string;
  vastAanspreekpunt?: string;
}

/** Creates a case with its children and participants in one transaction. Returns ids by participant key. */
export function createCase(db: Db, input: NewCase): { caseId: string; participantIds: Record<string, string> } {
  const caseId = randomUUID();
  const participantIds: Record<string, string> = {};
  for (const p of input.participants) participantIds[p.key] = randomUUID();
  const idOf = (key?: string) => {
    if (!key) return null;
    const id = participantIds[key];
    if (!id) throw new Error(`Unknown participant key ${key}`);
    return id;
  };
  db.transaction((tx) => {
    tx.insert(cases)
      .values({
        id: caseId,
        organisationId: input.organisationId,
        title: input.title,
        kader: input.kader,
        maatregelType: input.maatregelType ?? null,
        stage: input.stage,
        nextEvaluationDate: input.nextEvaluationDate ?? null,
        scaleQuestion: input.scaleQuestion ?? DEFAULT_SCALE_QUESTION,
        casusregisseurId: idOf(input.casusregisseur),
        vastAanspreekpuntId: idOf(input.vastAanspreekpunt),
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
          role: p.role,
          userId: p.userId ?? null,
          name: p.userId ? null : (p.name ?? null),
          relation: p.relation ?? null,
          phone: p.phone ?? null,
          email: p.email ?? null,
        })
        .run();
    }
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
      myRole: participants.role,
    })
    .from(participants)
    .innerJoin(cases, eq(cases.id, participants.caseId))
    .where(and(eq(participants.userId, userId), isNull(participants.removedAt)))
    .orderBy(asc(cases.nextEvaluationDate), asc(cases.title))
    .all();
  return mine.map(({ casusregisseurId, ...row }) => ({
    ...row,
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
    .map(({ userId, ...p }) => ({ ...p, isProfessionalAccount: userId !== null }));
}

/** The professional's current participant record in a case, or undefined (no access). */
export function findParticipantForUser(db: Tx, caseId: string, userId: string) {
  return db
    .select()
    .from(participants)
    .where(and(eq(participants.caseId, caseId), eq(participants.userId, userId), isNull(participants.removedAt)))
    .get();
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
    stage: row.stage,
    nextEvaluationDate: row.nextEvaluationDate,
    scaleQuestion: row.scaleQuestion,
    safetyFlag: row.safetyFlag,
    children: kids,
    participants: people,
    casusregisseur: byId(row.casusregisseurId),
    vastAanspreekpunt: byId(row.vastAanspreekpuntId),
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
  return db
    .select()
    .from(participants)
    .where(and(eq(participants.id, viewer.participant.id), isNull(participants.removedAt)))
    .get();
}

/** The case queries bound to one database, as handed to loaders via `context.services.cases`. */
export function caseQueries(db: Db) {
  return {
    listForUser: (userId: string) => listCasesForUser(db, userId),
    overview: (caseId: string) => getCaseOverview(db, caseId),
    participants: (caseId: string) => listParticipants(db, caseId),
    participantForUser: (caseId: string, userId: string) => findParticipantForUser(db, caseId, userId),
    participantForViewer: (caseId: string, viewer: Viewer) => participantForViewer(db, caseId, viewer),
    participant: (caseId: string, participantId: string) =>
      db
        .select()
        .from(participants)
        .where(and(eq(participants.id, participantId), eq(participants.caseId, caseId)))
        .get(),
  };
}
export type CaseQueries = ReturnType<typeof caseQueries>;
