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
import { renderBodemeisen } from '../domain/bodemeisen';
import { addItem } from '../domain/items';
import { loadDocumentTab } from '../utils/documentTab.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return json(await loadDocumentTab(request, context, params.caseId, 'bodemeisen'));
}

const FIELDS = [
  { key: 'tekst', label: 'Bodemeis' },
  { key: 'reden', label: 'Waarom' },
] as const;
const EMPTY = { schemaVersion: 1, sections: { eisen: [] } } as ReturnType<typeof renderBodemeisen>;

export default function BodemeisenTab() {
  const data = useLoaderData<typeof loader>();
  const live = useCollabDocument(data.caseId, 'bodemeisen', data.readOnly, data.serverNow);
  const users = usePresence(live.awareness);
  const others = users.filter((u) => u.clientId !== live.doc?.clientID);
  const eisen = useDocValue(live.doc, renderBodemeisen, EMPTY).sections.eisen ?? [];
  const doc = live.doc;
  return (
    <section aria-labelledby="tab-titel">
      <div className="tab-toolbar">
        <h2 id="tab-titel">Bodemeisen</h2>
        <ConnectionStatus state={live.state} label={live.label} notice={live.notice} onDismiss={live.dismissNotice} />
      </div>
      <p className="muted">De minimale voorwaarden waar elk plan aan moet voldoen, met de reden erbij. Iedereen in de casus kan ze lezen.</p>
      {data.readOnly && !data.closed ? (
        <p className="readonly-note">
          <Eye aria-hidden="true" size={18} /> De jeugdbeschermer of casusregisseur stelt de bodemeisen vast. Jij kunt ze lezen.
        </p>
      ) : null}
      <PresenceBar users={users} selfClientId={doc?.clientID ?? null} />
      {eisen.length === 0 ? <p className="muted empty">Er zijn nog geen bodemeisen vastgesteld.</p> : null}
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
                textFields={FIELDS}
                awareness={live.awareness}
                others={others}
                allowResolve={false}
                attributionLabel={(i) => `Vastgesteld door ${i.createdBy.name}${i.createdBy.role ? `, ${i.createdBy.role}` : ''}`}
              />
            ))
          : null}
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
