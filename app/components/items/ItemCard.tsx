/**
 * One attributed item of a live document: text (editable in place when
 * allowed), author and date, status with reason, and the actions to reorder,
 * move, resolve, withdraw or make current again. Withdrawn items stay visible.
 */
import { ArrowDown, ArrowUp, CheckCircle2, CircleSlash, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { MAX_REACTION_CHARS, MAX_REASON_CHARS, validStatusReason } from '../../domain/documentSchema';
import { addReaction, itemText, moveItem, reorderItem, setStatus, stampEdit, type Actor, type ItemJSON, type ItemStatus } from '../../domain/items';
import { formatDateTime } from '../../utils/format';
import { CollabTextarea } from '../collab/CollabTextarea';
import type { PresentUser } from '../collab/Presence';

const lastStamp = new Map<string, number>();
/** "Edited by" is stamped at most every 10 s per item, not on every keystroke. */
function stampThrottled(doc: Y.Doc, id: string, actor: Actor) {
  const now = Date.now();
  if ((lastStamp.get(id) ?? 0) > now - 10_000) return;
  lastStamp.set(id, now);
  stampEdit(doc, id, actor); // stamped on the server's clock (app/domain/stampClock.ts)
}

export interface ItemCardProps {
  doc: Y.Doc;
  item: ItemJSON;
  actor: Actor;
  canEdit: boolean;
  textFields: readonly { key: string; label: string }[];
  /** Sections it may move to (omit to hide moving). */
  sections?: readonly { id: string; title: string }[];
  awareness: Awareness | null;
  others: PresentUser[];
  /** Shown under the text, e.g. "Vastgesteld door …". */
  attributionLabel?: (item: ItemJSON) => string;
  /** Extra controls (e.g. who / status of an afspraak). */
  children?: React.ReactNode;
  allowResolve?: boolean;
  /** Whether this person may change the content of other people's items (family and netwerk may not: item rules). */
  editOthers?: boolean;
}

/** A status change and the question that asks its reason (every status change carries one). */
const STATUS_ASK: Record<ItemStatus, { question: string; button: string }> = {
  opgelost: { question: 'Waarom is dit opgelost?', button: 'Opgelost' },
  ingetrokken: { question: 'Waarom trek je dit in?', button: 'Intrekken' },
  actueel: { question: 'Waarom is dit weer actueel?', button: 'Weer actueel' },
};

/** A short reaction under an item: how family and netwerk respond to what someone else wrote. */
function ReactionForm({ short, onReact }: { short: string; onReact: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <form
      className="reaction-form row"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        onReact(text);
        setText('');
      }}
    >
      <label className="field small">
        <span className="visually-hidden">Reactie op: {short || 'dit punt'}</span>
        <input value={text} onChange={(e) => setText(e.target.value)} maxLength={MAX_REACTION_CHARS} placeholder="Reageer…" />
      </label>
      <button type="submit" className="button button-quiet button-small" disabled={!text.trim()}>
        Reageer
      </button>
    </form>
  );
}

export function ItemCard({
  doc,
  item,
  actor,
  canEdit,
  textFields,
  sections,
  awareness,
  others,
  attributionLabel,
  children,
  allowResolve = true,
  editOthers = true,
}: ItemCardProps) {
  const [changing, setChanging] = useState<ItemStatus | null>(null);
  const [reason, setReason] = useState('');
  const own = item.createdBy.id === actor.participantId;
  const editable = canEdit && item.status !== 'ingetrokken' && (own || editOthers);
  const editingHere = others.filter((u) => u.editing === item.id);
  const firstText = item.fields[textFields[0]!.key] ?? '';
  const short = firstText.length > 40 ? `${firstText.slice(0, 40)}…` : firstText;

  return (
    <li className={`item item-${item.status}`} data-item-id={item.id}>
      {item.status !== 'actueel' ? (
        <p className="item-status">
          <strong>{item.status === 'opgelost' ? 'Opgelost' : 'Ingetrokken'}</strong>
          {item.statusBy ? ` door ${item.statusBy.name}` : ''}
          {item.statusReason ? `: ${item.statusReason}` : ''}
        </p>
      ) : null}
      {textFields.map((field) => {
        const text = itemText(doc, item.id, field.key);
        return (
          <div key={field.key} className="item-field">
            {textFields.length > 1 ? <span className="item-field-label">{field.label}</span> : null}
            {editable && text ? (
              <CollabTextarea
                text={text}
                className="item-text"
                rows={2}
                aria-label={textFields.length > 1 ? field.label : `Tekst van: ${short || 'nieuw punt'}`}
                onFocus={() => awareness?.setLocalStateField('editing', item.id)}
                onBlur={() => awareness?.setLocalStateField('editing', null)}
                onLocalChange={() => stampThrottled(doc, item.id, actor)}
              />
            ) : (
              <p className="item-text-static">{item.fields[field.key] || '—'}</p>
            )}
          </div>
        );
      })}
      {children}
      {item.reactions.length > 0 ? (
        <ul className="reactions" aria-label="Reacties">
          {item.reactions.map((r) => (
            <li key={r.id}>
              <strong>{r.by.name}</strong>: {r.text} <span className="muted small">({formatDateTime(r.at)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit && item.status !== 'ingetrokken' ? <ReactionForm short={short} onReact={(text) => addReaction(doc, item.id, text, actor)} /> : null}
      {editingHere.length > 0 ? (
        <p className="item-editing" role="status">
          ✎ {editingHere.map((u) => u.name).join(', ')} {editingHere.length === 1 ? 'typt hier' : 'typen hier'}
        </p>
      ) : null}
      <p className="item-meta">
        {attributionLabel ? attributionLabel(item) : `${item.createdBy.name}${item.createdBy.role ? ` (${item.createdBy.role})` : ''}`}
        {' · '}
        {formatDateTime(item.createdAt)}
        {item.editedBy && item.editedAt ? ` · bewerkt door ${item.editedBy.name}, ${formatDateTime(item.editedAt)}` : ''}
      </p>
      {canEdit ? (
        <div className="item-actions">
          <button type="button" className="icon-button" aria-label={`Omhoog: ${short}`} onClick={() => reorderItem(doc, item.id, -1, actor)}>
            <ArrowUp aria-hidden="true" size={16} />
          </button>
          <button type="button" className="icon-button" aria-label={`Omlaag: ${short}`} onClick={() => reorderItem(doc, item.id, 1, actor)}>
            <ArrowDown aria-hidden="true" size={16} />
          </button>
          {sections ? (
            <label className="move">
              <span className="visually-hidden">Verplaats naar</span>
              <select value={item.section} onChange={(e) => moveItem(doc, item.id, e.target.value, Number.MAX_SAFE_INTEGER, actor)}>
                {sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.id === item.section ? `In: ${s.title}` : `Naar: ${s.title}`}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {item.status === 'actueel' ? (
            <>
              {allowResolve ? (
                <button type="button" className="button button-quiet button-small" onClick={() => setChanging('opgelost')}>
                  <CheckCircle2 aria-hidden="true" size={16} /> Opgelost
                </button>
              ) : null}
              <button type="button" className="button button-quiet button-small" onClick={() => setChanging('ingetrokken')}>
                <CircleSlash aria-hidden="true" size={16} /> Intrekken
              </button>
            </>
          ) : (
            <button type="button" className="button button-quiet button-small" onClick={() => setChanging('actueel')}>
              <RotateCcw aria-hidden="true" size={16} /> Weer actueel
            </button>
          )}
        </div>
      ) : null}
      {changing ? (
        <form
          className="withdraw"
          onSubmit={(e) => {
            e.preventDefault();
            if (!validStatusReason(reason)) return;
            setStatus(doc, item.id, changing, reason, actor);
            setChanging(null);
            setReason('');
          }}
        >
          <label className="field">
            <span>{STATUS_ASK[changing].question}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} maxLength={MAX_REASON_CHARS} />
          </label>
          {!own ? <p className="muted small">{item.createdBy.name} ziet je reden bij het volgende bezoek.</p> : null}
          <div className="row">
            <button type="submit" className="button button-primary button-small">
              {STATUS_ASK[changing].button}
            </button>
            <button type="button" className="button button-quiet button-small" onClick={() => setChanging(null)}>
              Annuleren
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
