/**
 * Commands on the scale: each person saves their own score (the participant
 * is the signed-in person, never a form field), and a person who may change
 * case facts sets the case's scale question (with a reason, as a case fact:
 * changeCaseFact). Open kaart pages refresh after commit.
 *
 * A new score never loses a person's words by accident. The score form
 * always sends the explanation field, filled with the current explanation:
 * whatever it sends is what the person wants — the same text keeps it, an
 * emptied field clears it on purpose. A request without the field at all
 * (not from that form) keeps the current explanation. Every earlier row
 * keeps its own explanation in the history.
 */
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { caseAccess } from '../../app/domain/permissions';
import { SCALE_MAX, SCALE_MIN, SCORE_MESSAGES } from '../../app/domain/scale';
import { scaleScores } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { insertScore } from '../scores/scaleScores.server';
import { changeCaseFact } from './caseFacts.server';
import { actingWriter, commit, nowOf, parseInput, requireAllowed, byActor, type Actor, type CommandDeps } from './command.server';

export const ScoreInput = z.object({
  score: z
    .string({ error: SCORE_MESSAGES.score })
    .trim()
    .regex(/^\d{1,2}$/, SCORE_MESSAGES.score)
    .transform(Number)
    .pipe(z.number().int().min(SCALE_MIN, SCORE_MESSAGES.score).max(SCALE_MAX, SCORE_MESSAGES.score)),
  /** Absent: keep the current explanation. Present (also empty): the explanation from now on. */
  explanation: z.string({ error: SCORE_MESSAGES.explanation }).trim().max(1000, SCORE_MESSAGES.explanation).optional(),
});

export function saveScaleScore(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(ScoreInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      requireAllowed(caseAccess(me.role, 'ownScaleScore') === 'write', 'Je kunt in deze casus geen score geven.');
      const explanation =
        data.explanation ??
        tx
          .select({ explanation: scaleScores.explanation })
          .from(scaleScores)
          .where(and(eq(scaleScores.caseId, me.caseId), eq(scaleScores.participantId, me.id)))
          .orderBy(desc(scaleScores.id))
          .limit(1)
          .get()?.explanation ??
        '';
      insertScore(tx, { caseId: me.caseId, participantId: me.id, score: data.score, explanation }, now);
      recordAudit(tx, { type: 'score-saved', ...byActor(actor), detail: { score: data.score } }, now);
      return { caseId: me.caseId, by: me.id };
    },
    (r) => deps.stamps.scoresChanged(r.caseId, r.by, now),
  );
}

/**
 * The scale question is a case fact: it changes with a reason and its
 * `fact-changed` event, like the others (changeCaseFact). The kaart form posts
 * `question` and `reason`.
 */
export function setScaleQuestion(deps: CommandDeps, actor: Actor, input: unknown) {
  const form = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  return changeCaseFact(deps, actor, { field: 'scaleQuestion', value: form.question, reason: form.reason });
}
