/**
 * Questions (issue 17, ADR 027): the actions behind "Een vraag stellen / bel
 * mij terug" on the family home and the answer forms in the professional's
 * Overzicht. No page of its own: a GET goes to the case. Each intent calls
 * one command and answers with what the page shows next (the asker's own
 * list, or the answered question), so the page need not reload — reloading
 * the home or the Overzicht would count as a new visit.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { requireCaseAction } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
import { questionQueries } from '../utils/questions.server';
import type { QuestionActionData } from '../components/case/Questions';

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/casussen/${encodeURIComponent(params.caseId ?? '')}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  return handleIntent(form, {
    'ask-question': () => {
      const r = commands.askQuestion(by, form);
      return json<QuestionActionData>({
        saved: `Je ${form.kind === 'terugbellen' ? 'verzoek' : 'vraag'} is verstuurd naar ${r.toName}.`,
        questions: questionQueries(context.services.db).own(by.caseId, by.participantId),
      });
    },
    'answer-question': () => {
      const r = commands.answerQuestion(by, form);
      return json<QuestionActionData>({ saved: 'Je antwoord is verstuurd. De vraag is gesloten.', questionId: r.questionId, answeredAt: r.answeredAt });
    },
  });
}
