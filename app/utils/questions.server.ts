/**
 * The question read side for route loaders (issue 17, ADR 027), through an
 * `app/**.server` bridge so the database layer never reaches the browser.
 * Family and netwerk get only their own questions; the case's list goes only
 * to roles that may read it (app/domain/permissions.ts).
 */
import type { AppLoadContext } from '@remix-run/node';
import type { Role } from '../domain/caseFacts';
import { mayAskQuestion, mayReadCaseQuestions } from '../domain/permissions';
import { isPhoneNumber } from '../domain/questions';
import { questionQueries } from '../../server/questions/questions.server';

export { questionQueries, type CaseQuestionView, type OwnQuestionView } from '../../server/questions/questions.server';

interface Viewer {
  id: string;
  caseId: string;
  role: Role;
  phone?: string | null;
}

/** The family home's question block: may this person ask, to whom it goes, their own number, their own questions. */
export function familyQuestionsOf(context: AppLoadContext, p: Viewer) {
  const q = questionQueries(context.services.db);
  const closed = context.services.cases.isClosed(p.caseId);
  const addressee = q.addressee(p.caseId);
  return {
    caseId: p.caseId,
    canAsk: mayAskQuestion(p.role) && !closed && addressee !== null,
    addressee: addressee
      ? { name: addressee.name, standInFor: addressee.standInFor ? { name: addressee.standInFor.name, until: addressee.standInFor.until } : null }
      : null,
    ownPhone: p.phone && isPhoneNumber(p.phone) ? p.phone : '',
    list: q.own(p.caseId, p.id),
  };
}

/** The case's questions for a professional who may read them, or null. */
export function caseQuestionsOf(context: AppLoadContext, p: Viewer) {
  if (!mayReadCaseQuestions(p.role)) return null;
  return { caseId: p.caseId, list: questionQueries(context.services.db).ofCase(p.caseId, { participantId: p.id, role: p.role }) };
}
