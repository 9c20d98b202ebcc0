/**
 * The read side of besluiten: the full record for professionals (Besluiten
 * tab) and, for the family home, only what counts — agreed besluiten, with
 * who took them and the plain words written for the family. Names come from
 * the participant table (accounts for professionals), never from stored
 * text. Writes are commands (server/commands/besluiten.server.ts).
 */
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { BesluitKind } from '../../app/domain/caseEvents';
import type { Db } from '../../db/database.server';
import { besluiten } from '../../db/schema';
import { participantNames } from './events.server';

export type BesluitStatus = 'voorgesteld' | 'genomen' | 'ingetrokken';

export interface BesluitView {
  id: string;
  kind: BesluitKind;
  title: string;
  grounds: string;
  groundItemIds: string[];
  alternatives: string;
  advice: string | null;
  adviceBy: string | null;
  familySummary: string;
  proposedById: string;
  proposedBy: string;
  proposedAt: number;
  agreedBy: string | null;
  agreedAt: number | null;
  withdrawnAt: number | null;
  withdrawReason: string | null;
  status: BesluitStatus;
}

function ids(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Every besluit of a case, newest first. */
export function listBesluiten(db: Db, caseId: string): BesluitView[] {
  const rows = db.select().from(besluiten).where(eq(besluiten.caseId, caseId)).orderBy(desc(besluiten.proposedAt), desc(besluiten.id)).all();
  const names = participantNames(
    db,
    rows.flatMap((r) => [r.proposedById, r.agreedById, r.adviceById]),
  );
  const name = (id: string | null) => (id ? (names.get(id) ?? 'Onbekend') : null);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    grounds: r.grounds,
    groundItemIds: ids(r.groundItemIds),
    alternatives: r.alternatives,
    advice: r.advice,
    adviceBy: name(r.adviceById),
    familySummary: r.familySummary,
    proposedById: r.proposedById,
    proposedBy: name(r.proposedById)!,
    proposedAt: r.proposedAt,
    agreedBy: name(r.agreedById),
    agreedAt: r.agreedAt,
    withdrawnAt: r.withdrawnAt,
    withdrawReason: r.withdrawReason,
    status: r.withdrawnAt !== null ? 'ingetrokken' : r.agreedAt !== null ? 'genomen' : 'voorgesteld',
  }));
}

export interface FamilyBesluit {
  id: string;
  kind: BesluitKind;
  title: string;
  familySummary: string;
  agreedAt: number;
  /** The two professionals who took it: the proposer and the second one who agreed. */
  by: [string, string];
}

/** Agreed besluiten only (a proposal does not count yet), oldest first, for the family home. */
export function agreedBesluitenForFamily(db: Db, caseId: string): FamilyBesluit[] {
  const rows = db
    .select()
    .from(besluiten)
    .where(and(eq(besluiten.caseId, caseId), isNotNull(besluiten.agreedAt), isNull(besluiten.withdrawnAt)))
    .orderBy(asc(besluiten.agreedAt))
    .all();
  const names = participantNames(
    db,
    rows.flatMap((r) => [r.proposedById, r.agreedById]),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    familySummary: r.familySummary,
    agreedAt: r.agreedAt!,
    by: [names.get(r.proposedById) ?? 'Onbekend', names.get(r.agreedById!) ?? 'Onbekend'],
  }));
}

/** The besluit queries bound to one database, as handed to loaders via `context.services.besluiten`. */
export function besluitQueries(db: Db) {
  return {
    list: (caseId: string) => listBesluiten(db, caseId),
    agreedForFamily: (caseId: string) => agreedBesluitenForFamily(db, caseId),
  };
}
export type BesluitQueries = ReturnType<typeof besluitQueries>;
