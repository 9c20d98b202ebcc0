/** The line above an item that is not current: "Opgelost door X: reden" / "Ingetrokken door X: reden". Shared by the live and the static item. */
import type { ItemJSON } from '../../domain/items';

export function ItemStatusLine({ item }: { item: ItemJSON }) {
  if (item.status === 'actueel') return null;
  return (
    <p className="item-status">
      <strong>{item.status === 'opgelost' ? 'Opgelost' : 'Ingetrokken'}</strong>
      {item.statusBy ? ` door ${item.statusBy.name}` : ''}
      {item.statusReason ? `: ${item.statusReason}` : ''}
    </p>
  );
}
