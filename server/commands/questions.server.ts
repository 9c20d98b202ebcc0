/**
 * Een vraag stellen / bel mij terug (issue 17, ADR 027): a family or netwerk
 * member asks the professional who holds regie (or their stand-in today); a
 * professional who may answers, which closes the question for good (a
 * database trigger keeps an answered question as it is) and queues the
 * asker's notification in the same transaction. Both are audited without the
 * question's or answer's text: the audit names only kinds and ids.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { mayAnswerQuestion, mayAskQuestion } from '../../app/domain/permissions';
import { isPhoneNumber, MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, QUESTION_KINDS } from '../../app/domain/questions';
import { questions } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { notifyParticipant } from '../notifications/notify.server';
import { addresseeOf, standsInFor } from '../questions/questions.server';
import { actingWriter, byActor, commit, Id, nowOf, parseInput, participantInCase, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { Conflict, InvalidInput, NotFound } from './errors';

/** A form field left empty arrives as '' (or only spaces): the same as not given. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const AskQuestionInput = z.object({
  kind: z.enum(QUESTION_KINDS, { error: 'Kies: een vraag stellen of teruggebeld worden.' }),
  text: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'Schrijf je vraag op.' })
      .trim()
      .max(MAX_QUESTION_CHARS, `Je vraag is te lang. Gebruik hoogstens ${MAX_QUESTION_CHARS} tekens.`)
      .optional(),
  ),
  phone: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'Dit telefoonnummer klopt niet.' })
      .trim()
      .max(40, 'Dit telefoonnummer klopt niet.')
      .refine(isPhoneNumber, 'Dit telefoonnummer klopt niet. Schrijf het zo: 06-12345678.')
      .optional(),
  ),
});

export function askQuestion(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(AskQuestionInput, input);
  if (data.kind === 'vraag' && (data.text ?? '').length < 2) throw new InvalidInput('Schrijf je vraag op.', 'text');
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    requireAllowed(mayAskQuestion(me.role), 'Vragen stellen kan voor het gezin en het netwerk. Professionals bellen of mailen elkaar zelf.');
    let phone: string | null = null;
    if (data.kind === 'terugbellen') {
      const own = participantInCase(tx, me.caseId, me.id).phone;
      phone = data.phone ?? (own && isPhoneNumber(own) ? own.trim() : null);
      if (!phone) throw new InvalidInput('Schrijf op op welk nummer we je kunnen terugbellen.', 'phone');
    }
    const to = addresseeOf(tx, me.caseId, now);
    if (!to) throw new Conflict('Er is nog geen regisseur om je vraag aan te stellen. Bel je hulpverlener.');
    const id = randomUUID();
    tx.insert(questions)
      .values({ id, caseId: me.caseId, kind: data.kind, askerId: me.id, toId: to.participantId, text: data.text ?? '', callbackPhone: phone, createdAt: now })
      .run();
    recordAudit(
      tx,
      {
        type: 'question-asked',
        ...byActor(actor),
        subjectParticipantId: to.participantId,
        detail: { vraag: id, soort: data.kind, vervanger: to.standInFor !== null },
      },
      now,
    );
    return { questionId: id, toName: to.name, standInFor: to.standInFor?.name ?? null };
  });
}

export const AnswerQuestionInput = z.object({
  questionId: Id('Kies een vraag.'),
  answer: z
    .string({ error: 'Schrijf een antwoord.' })
    .trim()
    .min(2, 'Schrijf een antwoord.')
    .max(MAX_ANSWER_CHARS, `Het antwoord is te lang. Gebruik hoogstens ${MAX_ANSWER_CHARS} tekens.`),
});

export function answerQuestion(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(AnswerQuestionInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    const q = tx
      .select()
      .from(questions)
      .where(and(eq(questions.id, data.questionId), eq(questions.caseId, me.caseId)))
      .get();
    if (!q) throw new NotFound('Deze vraag bestaat niet (meer).', 'questionId');
    requireAllowed(
      mayAnswerQuestion(me.role, { addressee: q.toId === me.id, standIn: standsInFor(tx, me.caseId, me.id, q.toId, now) }),
      'Alleen de regisseur, de jeugdbeschermer of wie de vraag kreeg (of de vervanger) kan een vraag beantwoorden.',
    );
    if (q.answeredAt !== null) throw new Conflict('Deze vraag is al beantwoord.');
    const changed = tx
      .update(questions)
      .set({ answeredAt: now, answeredById: me.id, answer: data.answer })
      .where(and(eq(questions.id, q.id), isNull(questions.answeredAt)))
      .run().changes;
    if (changed !== 1) throw new Conflict('Deze vraag is al beantwoord.');
    recordAudit(tx, { type: 'question-answered', ...byActor(actor), subjectParticipantId: q.askerId, detail: { vraag: q.id, soort: q.kind } }, now);
    const notified = notifyParticipant(tx, { caseId: me.caseId, participantId: q.askerId, reason: 'vraag-beantwoord', key: q.id }, now);
    return { questionId: q.id, answeredAt: now, notified };
  });
}
