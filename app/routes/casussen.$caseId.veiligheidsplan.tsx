import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { AcceptancePanel } from '../components/AcceptancePanel';
import { mayAnswerAcceptance, mayListParticipants, mayRequestAcceptance } from '../domain/permissions';
import { requireCaseAction } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
import type * as Y from 'yjs';
import { useCollabDocument } from '../collab/useCollabDocument';
import { useRefreshOnStamp } from '../collab/useRefreshOnStamp';
import { useDocValue } from '../collab/useDocValue';
import { PresenceBar, usePresence } from '../components/collab/Presence';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { AddItemForm } from '../components/items/AddItemForm';
import { ItemCard } from '../components/items/ItemCard';
import { CommitSelect } from '../components/CommitSelect';
import { WhenEditor, WhenLine } from '../components/items/WhenEditor';
import { CheckInHistory, NamensForm, type HistoryView } from '../components/checkIns/CheckIns';
import { isProfessionalRole, ROLE_LABELS } from '../domain/caseFacts';
import { addItem, setValue, type Actor, type ItemJSON } from '../domain/items';
import { AFSPRAAK_FIELDS, afspraken, checkInsStamp, participantsNamedInPlan, acceptanceStamp, PLAN_WORDS, renderPlan, scheduleOf } from '../domain/plan';
import { titleFor, usesFamilyWords } from '../domain/wording';
import { ExplainedHeading } from '../components/Explain';
import { ListState, StaticItem } from '../components/items/StaticItem';
import { latestOccurrence } from '../domain/recurrence';
import { checkInQueries } from '../utils/checkIns.server';
import { loadDocumentTab } from '../utils/documentTab.server';
import { todayIso } from '../utils/regie.server';
import { notFound } from '../utils/responses';
import checkInStyles from '../styles/checkIns.css';
import { BijNood } from '../components/BijNood';
import { bijNoodOf } from '../utils/bijNood.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: checkInStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const tab = await loadDocumentTab(request, context, params.caseId, 'plan');
  const overview = context.services.cases.overview(tab.caseId);
  if (!overview) throw notFound();
  // A role that may not list the participants (meelezer) only gets the names the plan itself shows.
  const planDoc = context.services.sync.room(tab.caseId, 'plan').doc;
  const named = mayListParticipants(tab.role) ? null : participantsNamedInPlan(planDoc);
  const people = overview.participants.filter((p) => !named || named.has(p.id)).map((p) => ({ id: p.id, name: p.name, role: ROLE_LABELS[p.role] }));
  // Check-ins: everyone in the case sees the history; names only as far as this person may see them.
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? 'iemand';
  const today = todayIso();
  const list = afspraken(planDoc);
  const ofCase = checkInQueries(context.services.db).ofCase(tab.caseId, list, today);
  const checkIns: Record<string, HistoryView & { owners: { id: string; name: string }[]; due: string | null }> = {};
  for (const a of list) {
    const v = ofCase[a.id]!;
    const schedule = scheduleOf(a);
    checkIns[a.id] = {
      summary: v.summary,
      history: v.history.slice(0, 8).map((h) => ({
        occurrence: h.occurrence,
        result: h.result,
        toelichting: h.toelichting,
        who: nameOf(h.participantId),
        namensBy: h.recordedById === h.participantId ? null : nameOf(h.recordedById),
      })),
      unreported: v.unreported.slice(0, 6).map((u) => ({ occurrence: u.occurrence, who: nameOf(u.participantId) })),
      owners: a.wie.map((id) => ({ id, name: nameOf(id) })),
      due: schedule ? latestOccurrence(schedule.recurrence, schedule.start, today) : null,
    };
  }
  return json({
    ...tab,
    family: usesFamilyWords(tab.role),
    /** The plan as it is now, read-only until the live document has synced (ADR 029). */
    initial: renderPlan(planDoc).sections,
    people,
    checkIns,
    today,
    checkInsStamp: checkInsStamp(planDoc) ?? null,
    canRecordNamens: isProfessionalRole(tab.role) && tab.role !== 'meelezer' && !tab.closed,
    acceptance: context.services.acceptance.view(tab.caseId),
    acceptanceStamp: acceptanceStamp(context.services.sync.room(tab.caseId, 'plan').doc) ?? null,
    me: tab.participantId,
    canRequest: mayRequestAcceptance(tab.role) && !tab.closed,
    canAnswer: mayAnswerAcceptance(tab.role) && !tab.closed,
    bijNood: bijNoodOf(context, tab.caseId, tab.role),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  return handleIntent(form, {
    'request-acceptance': () => {
      commands.requestAcceptance(by);
      return json({ saved: 'Iedereen kan nu akkoord geven op deze versie van het plan.' });
    },
    answer: () => {
      commands.answerAcceptance(by, form);
      return json({ saved: 'Je antwoord is bewaard.' });
    },
    'check-in': () => {
      const r = commands.reportCheckIn(by, form);
      return json({ saved: r.namens ? 'De melding is genoteerd, namens de ander.' : 'Je melding is bewaard.' });
    },
  });
}

const EMPTY = { schemaVersion: 1, sections: { afspraken: [], netwerk: [] } } as ReturnType<typeof renderPlan>;
const TAAK = [{ key: 'taak', label: 'Taak in het veiligheidsnetwerk' }] as const;

type Person = { id: string; name: string; role: string };

function AfspraakExtras({ doc, item, actor, canEdit, people }: { doc: Y.Doc | null; item: ItemJSON; actor: Actor; canEdit: boolean; people: Person[] }) {
  const wie = Array.isArray(item.values.wie) ? (item.values.wie as string[]) : [];
  const editable = canEdit && item.status !== 'ingetrokken';
  if (!editable || !doc) {
    const names = people.filter((p) => wie.includes(p.id)).map((p) => p.name);
    return (
      <>
        <p className="small">
          <strong>Wie:</strong> {names.length ? names.join(', ') : 'nog niemand'}
        </p>
        <WhenLine item={item} />
      </>
    );
  }
  return (
    <>
      <fieldset className="wie">
        <legend>Wie doet dit?</legend>
        {people.map((p) => (
          <label key={p.id}>
            <input
              type="checkbox"
              checked={wie.includes(p.id)}
              onChange={(e) => setValue(doc, item.id, 'wie', e.target.checked ? [...wie, p.id] : wie.filter((w) => w !== p.id), actor)}
            />
            {p.name}
          </label>
        ))}
      </fieldset>
      {wie.length === 0 ? <p className="muted small">Kies wie dit doet: zonder iemand kan niet om akkoord worden gevraagd.</p> : null}
      <WhenEditor doc={doc} item={item} actor={actor} />
    </>
  );
}

type CheckInsOf = ReturnType<typeof useLoaderData<typeof loader>>['checkIns'][string];

/** The history line of an afspraak for everyone, and the namens form for professionals. */
function CheckInsOfItem({
  view,
  afspraakId,
  canRecordNamens,
  today,
}: {
  view: CheckInsOf | undefined;
  afspraakId: string;
  canRecordNamens: boolean;
  today: string;
}) {
  if (!view) return null;
  return (
    <>
      <CheckInHistory view={view} />
      {canRecordNamens && view.due ? <NamensForm afspraakId={afspraakId} owners={view.owners} defaultDay={view.due} today={today} /> : null}
    </>
  );
}

function NetwerkExtras({ doc, item, actor, canEdit, people }: { doc: Y.Doc | null; item: ItemJSON; actor: Actor; canEdit: boolean; people: Person[] }) {
  const who = typeof item.values.persoon === 'string' ? item.values.persoon : '';
  if (!canEdit || item.status === 'ingetrokken' || !doc) {
    return (
      <>
        <p className="small">
          <strong>Wie:</strong> {people.find((p) => p.id === who)?.name ?? 'nog niet gekozen'}
        </p>
        <WhenLine item={item} />
      </>
    );
  }
  return (
    <>
      <label className="field small">
        <span>Wie?</span>
        <CommitSelect value={who} onCommit={(v) => setValue(doc, item.id, 'persoon', v, actor)}>
          <option value="">Kies iemand</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.role})
            </option>
          ))}
        </CommitSelect>
      </label>
      <WhenEditor doc={doc} item={item} actor={actor} />
    </>
  );
}

export default function VeiligheidsplanTab() {
  const data = useLoaderData<typeof loader>();
  const live = useCollabDocument(data.caseId, 'plan', data.readOnly, data.serverNow);
  const users = usePresence(live.awareness);
  const others = users.filter((u) => u.clientId !== live.doc?.clientID);
  const livePlan = useDocValue(live.doc, renderPlan, EMPTY);
  // Until the live document has synced: the server's rendering, read-only (ADR 029).
  const doc = live.state.synced ? live.doc : null;
  const plan = doc ? livePlan : { sections: data.initial };
  const words = (w: (typeof PLAN_WORDS)[keyof typeof PLAN_WORDS]) => ({ title: titleFor(w, data.family), explain: data.family ? w.explain : null });
  useRefreshOnStamp(live.doc, acceptanceStamp, data.acceptanceStamp);
  useRefreshOnStamp(live.doc, checkInsStamp, data.checkInsStamp);
  const common = { actor: data.actor, canEdit: live.canEdit, editOthers: data.editOthers, awareness: live.awareness, others };
  return (
    <section aria-labelledby="tab-titel">
      <div className="tab-toolbar">
        <ExplainedHeading level={2} id="tab-titel" {...words(PLAN_WORDS.plan)} />
        <ConnectionStatus state={live.state} label={live.label} notice={live.notice} onDismiss={live.dismissNotice} family={data.family} />
      </div>
      <PresenceBar users={users} selfClientId={live.doc?.clientID ?? null} />
      <ExplainedHeading level={3} id="plan-afspraken" {...words(PLAN_WORDS.afspraken)} />
      <ListState state={plan.sections.afspraken?.length ? 'shown' : 'empty'} empty="Er zijn nog geen afspraken." />
      <ul className="plan-list">
        {doc
          ? (plan.sections.afspraken ?? []).map((item) => (
              <ItemCard key={item.id} doc={doc} item={item} textFields={AFSPRAAK_FIELDS} allowResolve={false} {...common}>
                <AfspraakExtras
                  doc={doc}
                  item={item}
                  actor={data.actor}
                  canEdit={live.canEdit && (data.editOthers || item.createdBy.id === data.actor.participantId)}
                  people={data.people}
                />
                <CheckInsOfItem view={data.checkIns[item.id]} afspraakId={item.id} canRecordNamens={data.canRecordNamens} today={data.today} />
              </ItemCard>
            ))
          : (plan.sections.afspraken ?? []).map((item) => (
              <StaticItem key={item.id} item={item} textFields={AFSPRAAK_FIELDS}>
                <AfspraakExtras doc={null} item={item} actor={data.actor} canEdit={false} people={data.people} />
                <CheckInsOfItem view={data.checkIns[item.id]} afspraakId={item.id} canRecordNamens={false} today={data.today} />
              </StaticItem>
            ))}
      </ul>
      {live.canEdit && doc ? (
        <AddItemForm
          label="Nieuwe afspraak: wat gaat er precies gebeuren?"
          buttonLabel="Afspraak toevoegen"
          onAdd={(wat) =>
            addItem(doc, data.actor, {
              section: 'afspraken',
              fields: { wat, wanneer: '', hoeWetenWe: '', watAlsNiet: '' },
              values: { wie: [] },
            })
          }
        />
      ) : null}
      <ExplainedHeading level={3} id="plan-netwerk" {...words(PLAN_WORDS.netwerk)} />
      <ListState
        state={plan.sections.netwerk?.length ? 'shown' : 'empty'}
        empty={data.family ? 'Er helpt nog niemand mee.' : 'Nog niemand in het veiligheidsnetwerk.'}
      />
      <ul className="plan-list">
        {doc
          ? (plan.sections.netwerk ?? []).map((item) => (
              <ItemCard key={item.id} doc={doc} item={item} textFields={TAAK} allowResolve={false} {...common}>
                <NetwerkExtras
                  doc={doc}
                  item={item}
                  actor={data.actor}
                  canEdit={live.canEdit && (data.editOthers || item.createdBy.id === data.actor.participantId)}
                  people={data.people}
                />
                <CheckInsOfItem view={data.checkIns[item.id]} afspraakId={item.id} canRecordNamens={data.canRecordNamens} today={data.today} />
              </ItemCard>
            ))
          : (plan.sections.netwerk ?? []).map((item) => (
              <StaticItem key={item.id} item={item} textFields={TAAK}>
                <NetwerkExtras doc={null} item={item} actor={data.actor} canEdit={false} people={data.people} />
                <CheckInsOfItem view={data.checkIns[item.id]} afspraakId={item.id} canRecordNamens={false} today={data.today} />
              </StaticItem>
            ))}
      </ul>
      {live.canEdit && doc ? (
        <AddItemForm
          label="Nieuwe taak in het veiligheidsnetwerk"
          buttonLabel="Taak toevoegen"
          onAdd={(taak) => addItem(doc, data.actor, { section: 'netwerk', fields: { taak }, values: { persoon: '' } })}
        />
      ) : null}
      <BijNood data={data.bijNood} />
      {/* The answer comes after the plan: first read it, then say akkoord (issue 15). */}
      <AcceptancePanel view={data.acceptance} me={data.me} canRequest={data.canRequest} canAnswer={data.canAnswer} family={data.family} />
    </section>
  );
}
