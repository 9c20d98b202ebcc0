/**
 * Agreed besluiten on the family home, in plain Dutch (B1): that a decision
 * was taken, by whom and why. Only besluiten a second professional agreed to
 * (vier ogen) reach this list; a proposal does not count yet.
 */
import { Gavel } from 'lucide-react';
import { formatDay } from '../../utils/formatDay';

export interface FamilyBesluitView {
  id: string;
  title: string;
  familySummary: string;
  agreedAt: number;
  by: [string, string];
}

export function Besluiten({ besluiten }: { besluiten: FamilyBesluitView[] }) {
  if (besluiten.length === 0) return null;
  return (
    <section className="card" aria-labelledby="home-besluiten">
      <h2 id="home-besluiten">
        <Gavel aria-hidden="true" size={20} /> Besluiten
      </h2>
      <p className="muted">Belangrijke besluiten worden altijd door twee hulpverleners samen genomen.</p>
      <ul className="changes">
        {besluiten.map((b) => (
          <li key={b.id}>
            Op {formatDay(b.agreedAt)} hebben {b.by[0]} en {b.by[1]} besloten: <strong>{b.title.replace(/[.!?\s]+$/, '')}</strong>.
            <br />
            Waarom: {b.familySummary}
          </li>
        ))}
      </ul>
    </section>
  );
}
