/**
 * Scale scores (0–10): each participant writes only their own (the command
 * `saveScaleScore` takes the id from the signed-in person, never from the
 * form); history is kept, the latest row per person is the current one.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.server';
import { scaleScores } from '../../db/schema';

export function insertScore(tx: Tx, input: { caseId: string; participantId: string; score: number; explanation: string }, now = Date.now()): void {
  tx.insert(scaleScores)
    .values({ caseId: input.caseId, participantId: input.participantId, score: input.score, explanation: input.explanation || null, createdAt: now })
    .run();
}

export interface ScoreHistory {
  participantId: string;
  /** `meetingId`: given in that netwerkberaad's scale round. */
  scores: { score: number; explanation: string | null; at: number; meetingId: string | null }[];
}

/** Every participant's scores in order; the last one is current. */
export function scoreHistory(db: Db, caseId: string): ScoreHistory[] {
  const rows = db.select().from(scaleScores).where(eq(scaleScores.caseId, caseId)).orderBy(asc(scaleScores.id)).all();
  const byPerson = new Map<string, ScoreHistory>();
  for (const r of rows) {
    const entry = byPerson.get(r.participantId) ?? { participantId: r.participantId, scores: [] };
    entry.scores.push({ score: r.score, explanation: r.explanation, at: r.createdAt, meetingId: r.meetingId });
    byPerson.set(r.participantId, entry);
  }
  return [...byPerson.values()];
}

/** The read side handed to loaders (`context.services.scores`). */
export function scoreQueries(db: Db) {
  return { history: (caseId: string) => scoreHistory(db, caseId) };
}
export type ScoreService = ReturnType<typeof scoreQueries>;
