/**
 * Scale scores (0–10): each participant writes only their own, through an
 * authenticated request; history is kept, the latest row is the current one.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { scaleScores } from '../../db/schema';

export function recordScore(db: Db, caseId: string, participantId: string, score: number, explanation: string) {
  db.insert(scaleScores)
    .values({ caseId, participantId, score, explanation: explanation || null })
    .run();
}

export interface ScoreHistory {
  participantId: string;
  scores: { score: number; explanation: string | null; at: number }[];
}

/** Every participant's scores in order; the last one is current. */
export function scoreHistory(db: Db, caseId: string): ScoreHistory[] {
  const rows = db
    .select()
    .from(scaleScores)
    .where(eq(scaleScores.caseId, caseId))
    .orderBy(asc(scaleScores.id))
    .all();
  const byPerson = new Map<string, ScoreHistory>();
  for (const r of rows) {
    const entry = byPerson.get(r.participantId) ?? { participantId: r.participantId, scores: [] };
    entry.scores.push({ score: r.score, explanation: r.explanation, at: r.createdAt.getTime() });
    byPerson.set(r.participantId, entry);
  }
  return [...byPerson.values()];
}

/** The score service handed to loaders: records, reads, and tells connected clients to refresh. */
export function scoreService(db: Db, notify: (caseId: string, participantId: string) => void) {
  return {
    record(caseId: string, participantId: string, score: number, explanation: string) {
      recordScore(db, caseId, participantId, score, explanation);
      notify(caseId, participantId);
    },
    history: (caseId: string) => scoreHistory(db, caseId),
  };
}
export type ScoreService = ReturnType<typeof scoreService>;
