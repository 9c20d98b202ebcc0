import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { useCollabDocument } from '../collab/useCollabDocument';
import { useDocValue } from '../collab/useDocValue';
import { PresenceBar, usePresence } from '../components/collab/Presence';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { KaartBoard } from '../components/kaart/KaartBoard';
import { ScalePanel } from '../components/kaart/ScalePanel';
import { ROLE_LABELS } from '../domain/caseFacts';
import { caseAccess, documentAccess } from '../domain/permissions';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { ScaleQuestionInput, ScoreInput, readForm } from '../utils/forms.server';
import { notFound } from '../utils/responses';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant, actor } = await requireCaseParticipant(request, context, params.caseId);
  const overview = context.services.cases.overview(participant.caseId);
  if (!overview) throw notFound();
  const people = new Map(overview.participants.map((p) => [p.id, p]));
  const scores = context.services.scores
    .history(participant.caseId)
    .filter((h) => people.has(h.participantId))
    .map((h) => ({
      participantId: h.participantId,
      name: people.get(h.participantId)!.name,
      role: ROLE_LABELS[people.get(h.participantId)!.role],
      current: h.scores.at(-1)!,
      history: h.scores.map((s) => s.score),
    }));
  return json({
    caseId: participant.caseId,
    participantId: participant.id,
    actor,
    readOnly: documentAccess(participant.role, 'kaart') !== 'write',
    scaleQuestion: overview.scaleQuestion,
    scores,
    canScore: caseAccess(participant.role, 'ownScaleScore') === 'write',
    canEditQuestion: caseAccess(participant.role, 'caseFacts') === 'write',
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const form = await readForm(request);
  if (form.intent === 'score') {
    if (caseAccess(participant.role, 'ownScaleScore') !== 'write') {
      return json({ error: 'Je kunt in deze casus geen score geven.', field: 'score' }, { status: 403 });
    }
    const parsed = ScoreInput.safeParse(form);
    if (!parsed.success) return json({ error: parsed.error.issues[0]!.message, field: 'score' }, { status: 400 });
    // Always the signed-in person's own participant record: a form field cannot name someone else.
    context.services.scores.record(participant.caseId, participant.id, parsed.data.score, parsed.data.explanation);
    return json({ saved: 'Je score is opgeslagen.' });
  }
  if (form.intent === 'scaleQuestion') {
    if (caseAccess(participant.role, 'caseFacts') !== 'write') {
      return json({ error: 'Je kunt de schaalvraag niet aanpassen.', field: 'question' }, { status: 403 });
    }
    const parsed = ScaleQuestionInput.safeParse(form);
    if (!parsed.success) return json({ error: parsed.error.issues[0]!.message, field: 'question' }, { status: 400 });
    context.services.cases.setScaleQuestion(participant.caseId, parsed.data.question);
    return json({ saved: 'De schaalvraag is aangepast.' });
  }
  return json({ error: 'Onbekende actie.' }, { status: 400 });
}

const scoresStamp = (doc: import('yjs').Doc) => doc.getMap('meta').get('scoresChangedAt') as number | undefined;

export default function KaartTab() {
  const data = useLoaderData<typeof loader>();
  const live = useCollabDocument(data.caseId, 'kaart', data.readOnly);
  const users = usePresence(live.awareness);
  const others = users.filter((u) => u.clientId !== live.doc?.clientID);
  const revalidator = useRevalidator();
  const stamp = useDocValue(live.doc, scoresStamp, undefined);
  useEffect(() => {
    if (stamp !== undefined) revalidator.revalidate();
    // Only a new stamp should trigger a refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp]);

  return (
    <section aria-labelledby="tab-titel">
      <div className="tab-toolbar">
        <h2 id="tab-titel">Kaart</h2>
        <ConnectionStatus state={live.state} label={live.label} />
      </div>
      <PresenceBar users={users} selfClientId={live.doc?.clientID ?? null} />
      <ScalePanel
        question={data.scaleQuestion}
        scores={data.scores}
        myParticipantId={data.participantId}
        canScore={data.canScore}
        canEditQuestion={data.canEditQuestion}
      />
      <KaartBoard doc={live.doc} actor={data.actor} canEdit={live.canEdit} awareness={live.awareness} others={others} />
    </section>
  );
}
