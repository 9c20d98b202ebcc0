import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Eye } from 'lucide-react';
import { useCollabDocument } from '../collab/useCollabDocument';
import { useDocValue } from '../collab/useDocValue';
import { PresenceBar, usePresence } from '../components/collab/Presence';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { AddItemForm } from '../components/items/AddItemForm';
import { ItemCard } from '../components/items/ItemCard';
import { ExplainedHeading } from '../components/Explain';
import { ListState, StaticItem } from '../components/items/StaticItem';
import { BODEMEISEN_WORDS, renderBodemeisen } from '../domain/bodemeisen';
import { addItem, type ItemJSON } from '../domain/items';
import { titleFor, usesFamilyWords } from '../domain/wording';
import { loadDocumentTab } from '../utils/documentTab.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const tab = await loadDocumentTab(request, context, params.caseId, 'bodemeisen');
  return json({
    ...tab,
    family: usesFamilyWords(tab.role),
    /** The bodemeisen as they are now, read-only until the live document has synced (ADR 029). */
    initial: renderBodemeisen(context.services.sync.room(tab.caseId, 'bodemeisen').doc).sections.eisen ?? [],
  });
}

const FIELDS = [
  { key: 'tekst', label: 'Bodemeis' },
  { key: 'reden', label: 'Waarom' },
] as const;
/** The same fields in plain words on family pages (ADR 029). */
const FAMILY_FIELDS = [
  { key: 'tekst', label: 'Wat moet goed gaan?' },
  { key: 'reden', label: 'Waarom?' },
] as const;
const EMPTY = { schemaVersion: 1, sections: { eisen: [] } } as ReturnType<typeof renderBodemeisen>;

export default function BodemeisenTab() {
  const data = useLoaderData<typeof loader>();
  const live = useCollabDocument(data.caseId, 'bodemeisen', data.readOnly, data.serverNow);
  const users = usePresence(live.awareness);
  const others = users.filter((u) => u.clientId !== live.doc?.clientID);
  const liveEisen = useDocValue(live.doc, renderBodemeisen, EMPTY).sections.eisen ?? [];
  const doc = live.state.synced ? live.doc : null;
  // Until the live document has synced: the server's rendering, read-only (ADR 029).
  const eisen: ItemJSON[] = doc ? liveEisen : data.initial;
  const attribution = (i: ItemJSON) => `Vastgesteld door ${i.createdBy.name}${i.createdBy.role ? `, ${i.createdBy.role}` : ''}`;
  return (
    <section aria-labelledby="tab-titel">
      <div className="tab-toolbar">
        <ExplainedHeading level={2} id="tab-titel" title={titleFor(BODEMEISEN_WORDS, data.family)} explain={data.family ? BODEMEISEN_WORDS.explain : null} />
        <ConnectionStatus state={live.state} label={live.label} notice={live.notice} onDismiss={live.dismissNotice} family={data.family} />
      </div>
      <p className="muted">
        {data.family
          ? 'Dit moet in elk geval goed gaan, zodat de kinderen veilig zijn. Bij elk punt staat waarom.'
          : 'De minimale voorwaarden waar elk plan aan moet voldoen, met de reden erbij. Iedereen in de casus kan ze lezen.'}
      </p>
      {data.readOnly && !data.closed ? (
        <p className="readonly-note">
          <Eye aria-hidden="true" size={18} />{' '}
          {data.family
            ? 'De hulpverlener die verantwoordelijk is, schrijft deze punten op. Jij kunt ze lezen.'
            : 'De jeugdbeschermer of casusregisseur stelt de bodemeisen vast. Jij kunt ze lezen.'}
        </p>
      ) : null}
      <PresenceBar users={users} selfClientId={live.doc?.clientID ?? null} />
      <ListState
        state={eisen.length ? 'shown' : 'empty'}
        empty={data.family ? 'Er staat hier nog niets. De hulpverlener schrijft deze punten nog op.' : 'Er zijn nog geen bodemeisen vastgesteld.'}
      />
      <ul className="eisen">
        {doc
          ? eisen.map((item) => (
              <ItemCard
                key={item.id}
                editOthers={data.editOthers}
                doc={doc}
                item={item}
                actor={data.actor}
                canEdit={live.canEdit}
                textFields={data.family ? FAMILY_FIELDS : FIELDS}
                awareness={live.awareness}
                others={others}
                allowResolve={false}
                attributionLabel={attribution}
              />
            ))
          : eisen.map((item) => <StaticItem key={item.id} item={item} textFields={data.family ? FAMILY_FIELDS : FIELDS} attributionLabel={attribution} />)}
      </ul>
      {live.canEdit && doc ? (
        <AddItemForm
          label="Nieuwe bodemeis"
          buttonLabel="Bodemeis toevoegen"
          onAdd={(tekst) => addItem(doc, data.actor, { section: 'eisen', fields: { tekst, reden: '' } })}
        />
      ) : null}
    </section>
  );
}
