/**
 * The three columns of the kaart with their sections; on a phone one column
 * at a time. A moved item is always shown: on a phone the board switches to
 * the target's column, and a polite status line says where it went.
 * Until the live document has synced the board shows the server's rendering
 * (`initial`, read-only), or "Het plan wordt geladen…" without one: "Nog
 * niets opgeschreven." only for a section that is really empty (ADR 029).
 * Family members see the plain titles, each with a "?" explanation.
 */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useDocValue } from '../../collab/useDocValue';
import { addItem, type Actor, type ItemJSON } from '../../domain/items';
import { KAART_COLUMNS, KAART_SECTIONS, renderKaart } from '../../domain/kaart';
import type { PresentUser } from '../collab/Presence';
import { ExplainedHeading } from '../Explain';
import { AddItemForm } from '../items/AddItemForm';
import { ItemCard } from '../items/ItemCard';
import { ListState, StaticItem } from '../items/StaticItem';

const EMPTY = { schemaVersion: 1, sections: {} } as ReturnType<typeof renderKaart>;
const TEXT_FIELD = [{ key: 'text', label: 'Tekst' }] as const;
const FAMILY_SECTIONS = KAART_SECTIONS.map((s) => ({ id: s.id, title: s.familyTitle }));

export function KaartBoard({
  doc,
  actor,
  canEdit,
  editOthers,
  awareness,
  others,
  column,
  initial,
  synced,
  family = false,
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
  /** The kaart as the server rendered it (shown read-only until the live document has synced). */
  initial?: Record<string, ItemJSON[]> | null;
  /** Whether the live document has arrived from the server; absent: as soon as there is a document. */
  synced?: boolean;
  /** Plain titles with a "?" explanation (ouder, jeugdige, netwerklid). */
  family?: boolean;
}) {
  const liveKaart = useDocValue(doc, renderKaart, EMPTY);
  const live = doc !== null && (synced ?? true);
  const shown: Record<string, ItemJSON[]> | null = live ? liveKaart.sections : (initial ?? null);
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
            {family ? c.familyTitle : c.title}
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
            <ExplainedHeading level={3} id={`kolom-${column.id}`} title={family ? column.familyTitle : column.title} explain={family ? column.explain : null} />
            {column.sections.map((section) => {
              const items = shown?.[section.id] ?? [];
              const title = family ? section.familyTitle : section.title;
              return (
                <section key={section.id} className="kaart-section" aria-labelledby={`sectie-${section.id}`}>
                  <ExplainedHeading level={4} id={`sectie-${section.id}`} title={title} explain={family ? section.explain : null} />
                  <p className="muted section-question">{family ? section.familyQuestion : section.question}</p>
                  <ListState state={shown === null ? 'loading' : items.length === 0 ? 'empty' : 'shown'} empty="Nog niets opgeschreven." />
                  <ul className="items">
                    {live && doc
                      ? items.map((item) => (
                          <ItemCard
                            key={item.id}
                            doc={doc}
                            item={item}
                            actor={actor}
                            canEdit={canEdit}
                            editOthers={editOthers}
                            textFields={TEXT_FIELD}
                            sections={family ? FAMILY_SECTIONS : KAART_SECTIONS}
                            onMoved={onMoved}
                            awareness={awareness}
                            others={others}
                          />
                        ))
                      : items.map((item) => <StaticItem key={item.id} item={item} textFields={TEXT_FIELD} />)}
                  </ul>
                  {canEdit && live && doc ? (
                    <AddItemForm
                      label={`Toevoegen aan: ${title}`}
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
