import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useCollabDocument } from '../collab/useCollabDocument';
import { PresenceBar, usePresence } from '../components/collab/Presence';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { KaartBoard } from '../components/kaart/KaartBoard';
import { ScalePanel } from '../components/kaart/ScalePanel';
import { ROLE_LABELS } from '../domain/caseFacts';
import { mayDoWithItem } from '../domain/documentSchema';
import { KAART_WORDS, renderKaart, scoresStamp } from '../domain/kaart';
import { usesFamilyWords } from '../domain/wording';
import { ExplainedHeading } from '../components/Explain';
import { useRefreshOnStamp } from '../collab/useRefreshOnStamp';
import { caseAccess, documentAccess } from '../domain/permissions';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
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
      points: h.scores.map((s) => ({ score: s.score, at: s.at })),
    }));
  const kaartDoc = context.services.sync.room(participant.caseId, 'kaart').doc;
  return json({
    caseId: participant.caseId,
    participantId: participant.id,
    actor,
    /** The kaart as it is now, read-only: readable at once, also on a slow phone; the live editor takes over once synced (ADR 029). */
    initial: renderKaart(kaartDoc).sections,
    family: usesFamilyWords(participant.role),
    readOnly: documentAccess(participant.role, 'kaart') !== 'write' || overview.closedAt !== null,
    editOthers: mayDoWithItem(participant.role, 'edit-others'),
    scaleQuestion: overview.scaleQuestion,
    scoresStamp: scoresStamp(kaartDoc) ?? null,
    scores,
    canScore: caseAccess(participant.role, 'ownScaleScore') === 'write' && overview.closedAt === null,
    canEditQuestion: caseAccess(participant.role, 'caseFacts') === 'write' && overview.closedAt === null,
    /** The server's clock: the page writes its time stamps on it (app/domain/stampClock.ts). */
    serverNow: Date.now(),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  return handleIntent(form, {
    score: () => {
      commands.saveScaleScore(by, form);
      return json({ saved: 'Je score is opgeslagen.' });
    },
    scaleQuestion: () => {
      commands.setScaleQuestion(by, form);
      return json({ saved: 'De schaalvraag is aangepast.' });
    },
  });
}

export default function KaartTab() {
  const data = useLoaderData<typeof loader>();
  const live = useCollabDocument(data.caseId, 'kaart', data.readOnly, data.serverNow);
  const users = usePresence(live.awareness);
  const others = users.filter((u) => u.clientId !== live.doc?.clientID);
  useRefreshOnStamp(live.doc, scoresStamp, data.scoresStamp);

  return (
    <section aria-labelledby="tab-titel">
      {/* The folded scale panel shares the title's line, so the columns start high on a 1280×720 projector. */}
      <div className="tab-toolbar kaart-toolbar">
        <ExplainedHeading level={2} id="tab-titel" title="Kaart" explain={data.family ? KAART_WORDS.explain : null} />
        <ScalePanel
          question={data.scaleQuestion}
          scores={data.scores}
          myParticipantId={data.participantId}
          canScore={data.canScore}
          canEditQuestion={data.canEditQuestion}
          family={data.family}
        />
        <ConnectionStatus state={live.state} label={live.label} notice={live.notice} onDismiss={live.dismissNotice} family={data.family} />
      </div>
      <PresenceBar users={users} selfClientId={live.doc?.clientID ?? null} />
      <KaartBoard
        doc={live.doc}
        actor={data.actor}
        canEdit={live.canEdit}
        editOthers={data.editOthers}
        awareness={live.awareness}
        others={others}
        initial={data.initial}
        synced={live.state.synced}
        family={data.family}
      />
    </section>
  );
}
