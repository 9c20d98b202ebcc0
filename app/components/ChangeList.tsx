import { CHANGE_KIND_LABELS, type Change } from '../domain/changes';
import { formatDateTime } from '../utils/format';

/** What changed in the documents, one line each: kind, where, by whom, the words, the details and the reason (family home and Overzicht). */
export function ChangeList({ changes }: { changes: (Omit<Change, 'at'> & { at: number })[] }) {
  return (
    <ul className="changes">
      {changes.map((c, i) => (
        <li key={i}>
          <strong>{CHANGE_KIND_LABELS[c.kind]}</strong> in {c.document} door {c.by}: “{c.text}”{c.reason ? ` — reden: ${c.reason}` : ''}{' '}
          {c.details.length ? <span className="change-details">{c.details.join(' ')}</span> : null}{' '}
          <span className="muted small">({formatDateTime(c.at)})</span>
        </li>
      ))}
    </ul>
  );
}
