/**
 * Questions (issue 17, ADR 027). For family and netwerk: "Een vraag stellen"
 * (a question, or "bel mij terug" with a number) and "Jouw vragen" with their
 * state, in plain words (B1) — each person sees only their own questions. For
 * professionals: the case's open questions with their age and, for whoever
 * may answer, an answer form; then the last answered ones. The forms post to
 * the case's `vragen` action and show its answer in place (no reload: a
 * reload would count as a new visit of the home or the Overzicht).
 */
import { useFetcher } from '@remix-run/react';
import { MessageCircleQuestion, PhoneCall } from 'lucide-react';
import { useState } from 'react';
import { telHref } from '../../domain/bijNood';
import { daysAgoText, MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, QUESTION_KIND_LABELS, questionStateText, type QuestionKind } from '../../domain/questions';
import { formatDate } from '../../utils/format';

/** What the `vragen` action answers. */
export interface QuestionActionData {
  saved?: string;
  error?: string;
  field?: string;
  /** After asking: the asker's own questions, newest first. */
  questions?: OwnQuestion[];
  /** After answering: the question that is now closed. */
  questionId?: string;
  answeredAt?: number;
}

export interface OwnQuestion {
  id: string;
  kind: QuestionKind;
  text: string;
  callbackPhone: string | null;
  askedDays: number;
  toName: string;
  answer: string | null;
  answeredAt: number | null;
  answeredDays: number | null;
  answeredByName: string | null;
}

export interface FamilyQuestionsData {
  caseId: string;
  canAsk: boolean;
  addressee: { name: string; standInFor: { name: string; until: string } | null } | null;
  ownPhone: string;
  list: OwnQuestion[];
}

const actionOf = (caseId: string) => `/casussen/${caseId}/vragen`;

function OwnQuestionItem({ q }: { q: OwnQuestion }) {
  return (
    <li className="question">
      <p>
        <strong>{QUESTION_KIND_LABELS[q.kind]}</strong>
        {q.kind === 'terugbellen' && q.callbackPhone ? <> op {q.callbackPhone}</> : null}
        {q.text ? <>: “{q.text}”</> : null}
      </p>
      <p className={q.answer === null ? 'question-open' : 'muted'}>
        {questionStateText({ answered: q.answer !== null, askedDays: q.askedDays, answeredDays: q.answeredDays })}
        {q.answer === null ? ` · naar ${q.toName}` : null}
      </p>
      {q.answer !== null ? (
        <p className="question-answer">
          <strong>Antwoord van {q.answeredByName}:</strong> {q.answer}
        </p>
      ) : null}
    </li>
  );
}

/** The family home's block: ask, and see your own questions. */
export function FamilyQuestions({ data }: { data: FamilyQuestionsData }) {
  const fetcher = useFetcher<QuestionActionData>();
  const [kind, setKind] = useState<QuestionKind>('vraag');
  const sent = fetcher.state === 'idle' && fetcher.data?.saved ? fetcher.data : null;
  const list = fetcher.data?.questions ?? data.list;
  const busy = fetcher.state !== 'idle';
  return (
    <section className="card questions" aria-labelledby="vraag-stellen">
      <h2 id="vraag-stellen">
        <MessageCircleQuestion aria-hidden="true" size={20} /> Een vraag stellen
      </h2>
      {data.canAsk && data.addressee ? (
        <>
          <p>
            Heb je een vraag? Of wil je dat we je bellen? Je bericht gaat naar <strong>{data.addressee.name}</strong>
            {data.addressee.standInFor
              ? `. ${data.addressee.standInFor.name} is er niet tot en met ${formatDate(data.addressee.standInFor.until)}; ${data.addressee.name} vervangt`
              : ''}
            .
          </p>
          {/* A new key after each sent question empties the form. */}
          <fetcher.Form method="post" action={actionOf(data.caseId)} className="stack question-form" key={list.length}>
            <input type="hidden" name="intent" value="ask-question" />
            <fieldset className="question-kinds">
              <legend>Wat wil je?</legend>
              <label>
                <input type="radio" name="kind" value="vraag" checked={kind === 'vraag'} onChange={() => setKind('vraag')} /> Een vraag stellen
              </label>
              <label>
                <input type="radio" name="kind" value="terugbellen" checked={kind === 'terugbellen'} onChange={() => setKind('terugbellen')} /> Bel mij terug
              </label>
            </fieldset>
            <label className="field">
              <span>{kind === 'vraag' ? 'Je vraag' : 'Waar gaat het over? (mag leeg blijven)'}</span>
              <textarea name="text" rows={3} maxLength={MAX_QUESTION_CHARS} required={kind === 'vraag'} />
            </label>
            {kind === 'terugbellen' ? (
              <label className="field">
                <span>Op welk nummer bellen we je?</span>
                <input type="tel" name="phone" defaultValue={data.ownPhone} autoComplete="tel" required />
              </label>
            ) : null}
            <button type="submit" className="button button-primary" disabled={busy}>
              {kind === 'vraag' ? 'Vraag versturen' : 'Vraag om terugbellen'}
            </button>
            {fetcher.data?.error ? (
              <p className="field-error" role="alert">
                {fetcher.data.error}
              </p>
            ) : null}
          </fetcher.Form>
          {sent ? (
            <p role="status" className="question-sent">
              {sent.saved} Je krijgt hier antwoord.
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">Je kunt hier nu geen vraag stellen. Bel je hulpverlener.</p>
      )}
      <h3>Jouw vragen</h3>
      {list.length === 0 ? (
        <p className="muted">Je hebt nog geen vragen gesteld.</p>
      ) : (
        <ul className="question-list">
          {list.map((q) => (
            <OwnQuestionItem key={q.id} q={q} />
          ))}
        </ul>
      )}
    </section>
  );
}

export interface CaseQuestion extends OwnQuestion {
  askerName: string;
  mayAnswer: boolean;
}

function AnswerForm({ caseId, q }: { caseId: string; q: CaseQuestion }) {
  const fetcher = useFetcher<QuestionActionData>();
  const done = fetcher.state === 'idle' && fetcher.data?.questionId === q.id;
  if (done) {
    return (
      <p role="status" className="question-sent">
        {fetcher.data!.saved}
      </p>
    );
  }
  return (
    <fetcher.Form method="post" action={actionOf(caseId)} className="stack question-answer-form">
      <input type="hidden" name="intent" value="answer-question" />
      <input type="hidden" name="questionId" value={q.id} />
      <label className="field">
        <span>Jouw antwoord aan {q.askerName}</span>
        <textarea name="answer" rows={2} maxLength={MAX_ANSWER_CHARS} required defaultValue={q.kind === 'terugbellen' ? 'Ik heb je teruggebeld.' : undefined} />
      </label>
      <button type="submit" className="button button-primary" disabled={fetcher.state !== 'idle'}>
        Antwoord versturen
      </button>
      {fetcher.data?.error ? (
        <p className="field-error" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

/** The professional's Overzicht: open questions (oldest first) with an answer form, then the last answered ones. */
export function CaseQuestions({ data }: { data: { caseId: string; list: CaseQuestion[] } | null }) {
  if (!data) return null;
  const open = data.list.filter((q) => q.answer === null);
  const answered = data.list.filter((q) => q.answer !== null);
  return (
    <section className="card questions" aria-labelledby="vragen-gezin" id="vragen">
      <h2 id="vragen-gezin">
        <MessageCircleQuestion aria-hidden="true" size={20} /> Vragen van gezin en netwerk
      </h2>
      {open.length === 0 ? <p className="muted">Er staan geen open vragen.</p> : null}
      <ul className="question-list">
        {open.map((q) => (
          <li key={q.id} className="question">
            <p>
              <strong>{QUESTION_KIND_LABELS[q.kind]}</strong> van <strong>{q.askerName}</strong> · gesteld {daysAgoText(q.askedDays)} · aan {q.toName}
            </p>
            {q.kind === 'terugbellen' && q.callbackPhone ? (
              <p>
                <a className="button button-quiet call" href={telHref(q.callbackPhone)}>
                  <PhoneCall aria-hidden="true" size={18} /> Bel {q.callbackPhone}
                </a>
              </p>
            ) : null}
            {q.text ? <p className="question-text">“{q.text}”</p> : null}
            {q.mayAnswer ? <AnswerForm caseId={data.caseId} q={q} /> : <p className="muted small">De regisseur of {q.toName} beantwoordt deze vraag.</p>}
          </li>
        ))}
      </ul>
      {answered.length > 0 ? (
        <details>
          <summary>Laatst beantwoord ({answered.length})</summary>
          <ul className="question-list">
            {answered.map((q) => (
              <li key={q.id} className="question">
                <p>
                  {QUESTION_KIND_LABELS[q.kind]} van {q.askerName}
                  {q.text ? `: “${q.text}”` : ''}
                </p>
                <p className="muted">
                  Beantwoord {daysAgoText(q.answeredDays ?? 0)} door {q.answeredByName}: {q.answer}
                </p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
