/**
 * The three columns of the kaart with their sections; on a phone one column
 * at a time. A moved item is always shown: on a phone the board switches to
 * the target's column, and a polite status line says where it went.
 */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useDocValue } from '../../collab/useDocValue';
import { addItem, type Actor } from '../../domain/items';
import { KAART_COLUMNS, KAART_SECTIONS, renderKaart } from '../../domain/kaart';
import type { PresentUser } from '../collab/Presence';
import { AddItemForm } from '../items/AddItemForm';
import { ItemCard } from '../items/ItemCard';

const EMPTY = { schemaVersion: 1, sections: {} } as ReturnType<typeof renderKaart>;
const TEXT_FIELD = [{ key: 'text', label: 'Tekst' }] as const;

export function KaartBoard({
  doc,
  actor,
  canEdit,
  editOthers,
  awareness,
  others,
  column,
}: {
  doc: Y.Doc | null;
  actor: Actor;
  canEdit: boolean;
  /** May change other people's items (not family and netwerk). */
  editOthers: boolean;
  awareness: Awareness | null;
  others: PresentUser[];
  /** Only this column (a netwerkberaad's focus on a phone); all columns when absent. */
  column?: string;
}) {
  const kaart = useDocValue(doc, renderKaart, EMPTY);
  const [active, setActive] = useState<string>(KAART_COLUMNS[0]!.id);
  const [notice, setNotice] = useState('');
  // The notice fades after a while; the live region stays in the page so the next one is read out too.
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(''), 5000);
    return () => window.clearTimeout(timer);
  }, [notice]);
  const onMoved = (_id: string, target: { id: string; title: string }) => {
    const targetColumn = KAART_COLUMNS.find((c) => c.sections.some((s) => s.id === target.id));
    if (targetColumn) setActive(targetColumn.id);
    setNotice(`Verplaatst naar: ${target.title}`);
  };
  const only = column !== undefined;
  return (
    <div className="kaart">
      <p className={`kaart-notice${notice ? ' shown' : ''}`} role="status" aria-live="polite">
        {notice}
      </p>
      <div className="column-picker" role="group" aria-label="Kies een kolom" hidden={only}>
        {KAART_COLUMNS.map((c) => (
          <button key={c.id} type="button" className="button button-quiet button-small" aria-pressed={active === c.id} onClick={() => setActive(c.id)}>
            {c.title}
          </button>
        ))}
      </div>
      <div className="kaart-columns">
        {KAART_COLUMNS.filter((c) => !only || c.id === column).map((column) => (
          <section
            key={column.id}
            className={`kaart-column kaart-column-${column.id}${active === column.id || only ? ' active' : ''}`}
            aria-labelledby={`kolom-${column.id}`}
          >
            <h3 id={`kolom-${column.id}`}>{column.title}</h3>
            {column.sections.map((section) => {
              const items = kaart.sections[section.id] ?? [];
              return (
                <section key={section.id} className="kaart-section" aria-labelledby={`sectie-${section.id}`}>
                  <h4 id={`sectie-${section.id}`}>{section.title}</h4>
                  <p className="muted section-question">{section.question}</p>
                  {items.length === 0 ? <p className="muted empty">Nog niets opgeschreven.</p> : null}
                  <ul className="items">
                    {doc
                      ? items.map((item) => (
                          <ItemCard
                            key={item.id}
                            doc={doc}
                            item={item}
                            actor={actor}
                            canEdit={canEdit}
                            editOthers={editOthers}
                            textFields={TEXT_FIELD}
                            sections={KAART_SECTIONS}
                            onMoved={onMoved}
                            awareness={awareness}
                            others={others}
                          />
                        ))
                      : null}
                  </ul>
                  {canEdit && doc ? (
                    <AddItemForm
                      label={`Toevoegen aan: ${section.title}`}
                      placeholder="Nieuw punt…"
                      onAdd={(text) => addItem(doc, actor, { section: section.id, fields: { text } })}
                    />
                  ) : null}
                </section>
              );
            })}
          </section>
        ))}
      </div>
    </div>
  );
}
