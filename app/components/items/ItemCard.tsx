/**
 * One attributed item of a live document: its whole text (editable in place
 * when allowed; the box grows with the text), author and date, status with
 * reason, reactions folded to a count, and one "⋯" menu with the actions to
 * reorder, move, resolve, withdraw or make current again. Withdrawn items
 * stay visible. Invariant: after every action (and after cancelling one),
 * keyboard focus is back on this item, wherever it now stands (itemFocus.ts);
 * nothing changes the document until the person confirms (moving asks where
 * to first; a status change asks why).
 */
import { ItemStatusLine } from './ItemStatusLine';
import { ArrowDown, ArrowRightLeft, ArrowUp, CheckCircle2, CircleSlash, MessageCircle, RotateCcw } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { MAX_REACTION_CHARS, MAX_REASON_CHARS, validStatusReason } from '../../domain/documentSchema';
import { addReaction, itemText, moveItem, reorderItem, setStatus, stampEdit, type Actor, type ItemJSON, type ItemStatus } from '../../domain/items';
import { formatDateTime } from '../../utils/format';
import { CollabTextarea } from '../collab/CollabTextarea';
import type { PresentUser } from '../collab/Presence';
import { focusItem } from './itemFocus';
import { ItemMenu, type MenuAction } from './ItemMenu';

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
  /** Called right after the item was moved (e.g. to show the target's column and say where it went). */
  onMoved?: (id: string, section: { id: string; title: string }) => void;
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

/** Asks the reason of a status change; Escape or Annuleren cancels. */
function StatusForm({
  status,
  ownerName,
  onDone,
  onCancel,
}: {
  status: ItemStatus;
  ownerName: string | null;
  onDone: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Escape anywhere in the form cancels it
    <form
      className="withdraw"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (!validStatusReason(reason)) return;
        onDone(reason);
      }}
    >
      <label className="field">
        <span>{STATUS_ASK[status].question}</span>
        <input ref={input} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} maxLength={MAX_REASON_CHARS} />
      </label>
      {ownerName ? <p className="muted small">{ownerName} ziet je reden bij het volgende bezoek.</p> : null}
      <div className="row">
        <button type="submit" className="button button-primary button-small">
          {STATUS_ASK[status].button}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}

/**
 * Where to move the item: radio buttons, so arrowing through the choices
 * only chooses; nothing moves before "Verplaats".
 */
function MoveForm({
  short,
  current,
  sections,
  onMove,
  onCancel,
}: {
  short: string;
  current: string;
  sections: readonly { id: string; title: string }[];
  onMove: (section: { id: string; title: string }) => void;
  onCancel: () => void;
}) {
  const choices = sections.filter((s) => s.id !== current);
  const [choice, setChoice] = useState(choices[0]?.id ?? '');
  const first = useRef<HTMLInputElement>(null);
  const name = useId();
  const here = sections.find((s) => s.id === current);
  useEffect(() => first.current?.focus(), []);
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Escape anywhere in the form cancels it
    <form
      className="move-form"
      aria-label={`Verplaatsen: ${short || 'dit punt'}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const target = choices.find((s) => s.id === choice);
        if (target) onMove(target);
      }}
    >
      <fieldset>
        <legend>Waar moet dit punt heen?</legend>
        {here ? <p className="muted small">Het staat nu bij: {here.title}</p> : null}
        <div className="move-choices">
          {choices.map((s, i) => (
            <label key={s.id} className="move-choice">
              <input ref={i === 0 ? first : undefined} type="radio" name={name} value={s.id} checked={choice === s.id} onChange={() => setChoice(s.id)} />
              <span>{s.title}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <button type="submit" className="button button-primary button-small" disabled={!choice}>
          Verplaats
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onCancel}>
          Annuleren
        </button>
      </div>
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
  onMoved,
  awareness,
  others,
  attributionLabel,
  children,
  allowResolve = true,
  editOthers = true,
}: ItemCardProps) {
  const [changing, setChanging] = useState<ItemStatus | null>(null);
  const [moving, setMoving] = useState(false);
  const [reactionsOpen, setReactionsOpen] = useState(false);
  const reactionsId = useId();
  const own = item.createdBy.id === actor.participantId;
  const editable = canEdit && item.status !== 'ingetrokken' && (own || editOthers);
  const editingHere = others.filter((u) => u.editing === item.id);
  const firstText = item.fields[textFields[0]!.key] ?? '';
  const short = firstText.length > 40 ? `${firstText.slice(0, 40)}…` : firstText;
  const canReact = canEdit && item.status !== 'ingetrokken';
  const reactionCount = item.reactions.length;

  const backToMenu = () => focusItem(item.id, 'menu');
  const ask = (status: ItemStatus) => {
    setMoving(false);
    setChanging(status);
  };
  const actions: MenuAction[] = canEdit
    ? [
        {
          key: 'up',
          label: 'Omhoog',
          icon: <ArrowUp aria-hidden="true" size={16} />,
          run: () => {
            reorderItem(doc, item.id, -1, actor);
            backToMenu();
          },
        },
        {
          key: 'down',
          label: 'Omlaag',
          icon: <ArrowDown aria-hidden="true" size={16} />,
          run: () => {
            reorderItem(doc, item.id, 1, actor);
            backToMenu();
          },
        },
        ...(canReact
          ? [
              {
                key: 'react',
                label: 'Reageren',
                icon: <MessageCircle aria-hidden="true" size={16} />,
                run: () => {
                  setReactionsOpen(true);
                  focusItem(item.id, 'reaction');
                },
              },
            ]
          : []),
        ...(sections && sections.length > 1
          ? [
              {
                key: 'move',
                label: 'Verplaatsen…',
                icon: <ArrowRightLeft aria-hidden="true" size={16} />,
                run: () => {
                  setChanging(null);
                  setMoving(true);
                },
              },
            ]
          : []),
        ...(item.status === 'actueel'
          ? [
              ...(allowResolve
                ? [{ key: 'resolve', label: 'Opgelost…', icon: <CheckCircle2 aria-hidden="true" size={16} />, run: () => ask('opgelost') }]
                : []),
              { key: 'withdraw', label: 'Intrekken…', icon: <CircleSlash aria-hidden="true" size={16} />, run: () => ask('ingetrokken') },
            ]
          : [{ key: 'current', label: 'Weer actueel…', icon: <RotateCcw aria-hidden="true" size={16} />, run: () => ask('actueel') }]),
      ]
    : [];

  return (
    <li className={`item item-${item.status}`} data-item-id={item.id} data-section={item.section} tabIndex={-1}>
      <ItemStatusLine item={item} />
      <div className="item-row">
        <div className="item-body">
          {textFields.map((field) => {
            const text = itemText(doc, item.id, field.key);
            return (
              <div key={field.key} className="item-field">
                {textFields.length > 1 ? <span className="item-field-label">{field.label}</span> : null}
                {editable && text ? (
                  <CollabTextarea
                    text={text}
                    className="item-text"
                    rows={1}
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
        </div>
        <ItemMenu label={`Acties voor: ${short || 'dit punt'}`} actions={actions} />
      </div>
      {children}
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
        {reactionCount > 0 || reactionsOpen ? (
          <>
            {' '}
            <button
              type="button"
              className="reactions-toggle"
              aria-expanded={reactionsOpen}
              aria-controls={reactionsOpen ? reactionsId : undefined}
              onClick={() => setReactionsOpen((o) => !o)}
            >
              <MessageCircle aria-hidden="true" size={14} />
              {reactionCount > 0 ? `${reactionCount} ${reactionCount === 1 ? 'reactie' : 'reacties'}` : 'Reageer'}
              <span className="visually-hidden"> op: {short || 'dit punt'}</span>
            </button>
          </>
        ) : null}
      </p>
      {reactionsOpen ? (
        <div id={reactionsId} className="item-reactions">
          {reactionCount > 0 ? (
            <ul className="reactions" aria-label="Reacties">
              {item.reactions.map((r) => (
                <li key={r.id}>
                  <strong>{r.by.name}</strong>: {r.text} <span className="muted small">({formatDateTime(r.at)})</span>
                </li>
              ))}
            </ul>
          ) : null}
          {canReact ? (
            <ReactionForm
              short={short}
              onReact={(text) => {
                addReaction(doc, item.id, text, actor);
                focusItem(item.id, 'reaction');
              }}
            />
          ) : null}
        </div>
      ) : null}
      {moving && sections ? (
        <MoveForm
          short={short}
          current={item.section}
          sections={sections}
          onCancel={() => {
            setMoving(false);
            backToMenu();
          }}
          onMove={(target) => {
            setMoving(false);
            // Kept at the end of the target section (moveItem's index beyond the last item).
            moveItem(doc, item.id, target.id, Number.MAX_SAFE_INTEGER, actor);
            onMoved?.(item.id, target);
            focusItem(item.id, 'item', { section: target.id, scroll: true });
          }}
        />
      ) : null}
      {changing ? (
        <StatusForm
          status={changing}
          ownerName={own ? null : item.createdBy.name}
          onCancel={() => {
            setChanging(null);
            backToMenu();
          }}
          onDone={(reason) => {
            setStatus(doc, item.id, changing, reason, actor);
            setChanging(null);
            backToMenu();
          }}
        />
      ) : null}
    </li>
  );
}
