/**
 * One item as the server rendered it, read-only: shown until the live
 * document has synced, then ItemCard takes over (ADR 029). Same markup and
 * classes as ItemCard (without its menu), so the page does not jump.
 */
import { ItemStatusLine } from './ItemStatusLine';
import type { ItemJSON } from '../../domain/items';
import { formatDateTime } from '../../utils/format';

export function StaticItem({
  item,
  textFields,
  attributionLabel,
  children,
}: {
  item: ItemJSON;
  textFields: readonly { key: string; label: string }[];
  attributionLabel?: (item: ItemJSON) => string;
  children?: React.ReactNode;
}) {
  return (
    <li className={`item item-${item.status}`} data-item-id={item.id} data-section={item.section}>
      <ItemStatusLine item={item} />
      <div className="item-row">
        <div className="item-body">
          {textFields.map((field) => (
            <div key={field.key} className="item-field">
              {textFields.length > 1 ? <span className="item-field-label">{field.label}</span> : null}
              <p className="item-text-static">{item.fields[field.key] || '—'}</p>
            </div>
          ))}
        </div>
      </div>
      {children}
      <p className="item-meta">
        {attributionLabel ? attributionLabel(item) : `${item.createdBy.name}${item.createdBy.role ? ` (${item.createdBy.role})` : ''}`}
        {' · '}
        {formatDateTime(item.createdAt)}
        {item.editedBy && item.editedAt ? ` · bewerkt door ${item.editedBy.name}, ${formatDateTime(item.editedAt)}` : ''}
        {item.reactions.length > 0 ? ` · ${item.reactions.length} ${item.reactions.length === 1 ? 'reactie' : 'reacties'}` : ''}
      </p>
    </li>
  );
}

/** The line where a list's content will appear: "loading" before anything is known, "empty" only when it really is. */
export function ListState({ state, empty }: { state: 'loading' | 'empty' | 'shown'; empty: string }) {
  if (state === 'loading') return <p className="muted loading">Het plan wordt geladen…</p>;
  if (state === 'empty') return <p className="muted empty">{empty}</p>;
  return null;
}
