/** A version of the documents, read-only, in the same layout as the live tabs. */
import type { ItemJSON } from '../domain/items';
import { KAART_COLUMNS } from '../domain/kaart';
import { formatDateTime } from '../utils/format';

export function Items({ items }: { items: ItemJSON[] }) {
  if (items.length === 0) return <p className="muted empty">Nog niets opgeschreven.</p>;
  return (
    <ul className="items">
      {items.map((item) => (
        <li key={item.id} className={`item item-${item.status}`}>
          {item.status !== 'actueel' ? (
            <p className="item-status">
              <strong>{item.status === 'opgelost' ? 'Opgelost' : 'Ingetrokken'}</strong>
              {item.statusReason ? `: ${item.statusReason}` : ''}
            </p>
          ) : null}
          {Object.entries(item.fields)
            .filter(([, text]) => text.trim())
            .map(([key, text]) => (
              <p key={key} className="item-text-static">
                {text}
              </p>
            ))}
          <p className="item-meta">
            {item.createdBy.name}
            {item.createdBy.role ? ` (${item.createdBy.role})` : ''} · {formatDateTime(item.createdAt)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function ReadOnlyCase({
  kaart,
  plan,
  bodemeisen,
}: {
  kaart: Record<string, ItemJSON[]>;
  plan: Record<string, ItemJSON[]>;
  bodemeisen: Record<string, ItemJSON[]>;
}) {
  return (
    <div className="stack">
      <h3>Kaart</h3>
      <div className="kaart-columns print-columns">
        {KAART_COLUMNS.map((column) => (
          <section key={column.id} className={`kaart-column kaart-column-${column.id} active`}>
            <h4>{column.title}</h4>
            {column.sections.map((section) => (
              <section key={section.id} className="kaart-section">
                <h5>{section.title}</h5>
                <Items items={kaart[section.id] ?? []} />
              </section>
            ))}
          </section>
        ))}
      </div>
      <h3>Veiligheidsplan</h3>
      <Items items={plan.afspraken ?? []} />
      <h4>Veiligheidsnetwerk</h4>
      <Items items={plan.netwerk ?? []} />
      <h3>Bodemeisen</h3>
      <Items items={bodemeisen.eisen ?? []} />
    </div>
  );
}
