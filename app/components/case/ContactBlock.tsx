/**
 * "Wie kun je bellen?" on the family home (ADR 029): each person once, with
 * what they do for the family, phone, e-mail and when they can be reached.
 * Invariant: a person who is both regisseur and vaste contactpersoon is one
 * card naming both jobs (the loader merges them: app/utils/contacts.server.ts).
 */
import { Clock, Mail, Phone } from 'lucide-react';
import type { FamilyContact } from '../../utils/contacts.server';

export function ContactBlock({ contacts }: { contacts: FamilyContact[] }) {
  return (
    <section className="card home-people" aria-labelledby="contact-titel">
      <h2 id="contact-titel" className="visually-hidden">
        Contactpersonen
      </h2>
      {contacts.length === 0 ? (
        <div className="home-person">
          <h3>Wie heeft de regie?</h3>
          <p className="muted">Nog niet bekend.</p>
        </div>
      ) : null}
      {contacts.map((c) => (
        <div key={c.id} className="home-person">
          <h3>{c.jobs.length > 1 ? `${c.jobs[0]} en is ${c.jobs[1]!.toLowerCase()}` : c.jobs[0]}</h3>
          <p className="person-name">{c.name}</p>
          {c.organisation ? <p className="muted">{c.organisation}</p> : null}
          <ul className="contact-lines">
            {c.phone ? (
              <li>
                <a className="button button-quiet call" href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>
                  <Phone aria-hidden="true" size={18} /> Bel {c.phone}
                </a>
              </li>
            ) : null}
            {c.email ? (
              <li>
                <a href={`mailto:${c.email}`}>
                  <Mail aria-hidden="true" size={16} /> {c.email}
                </a>
              </li>
            ) : null}
            {c.availability ? (
              <li>
                <Clock aria-hidden="true" size={16} /> Bereikbaar: {c.availability}
              </li>
            ) : null}
          </ul>
        </div>
      ))}
    </section>
  );
}
