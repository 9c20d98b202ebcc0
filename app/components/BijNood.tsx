/**
 * Bij nood (issue 17, ADR 027): whom to call in a crisis, big and calm, in
 * plain words (B1). First the people of the family's own veiligheidsnetwerk,
 * then the organisation's number outside office hours, then Veilig Thuis and
 * 112 — every number a tel: link. Which numbers may be shown is decided on the
 * server (app/domain/bijNood.ts); this component only renders them. It also
 * prints (the family handout).
 */
import { LifeBuoy, Phone } from 'lucide-react';
import { EMERGENCY, NO_OUT_OF_HOURS, SHIELDED_NOTE, telHref, VEILIG_THUIS, type BijNoodData } from '../domain/bijNood';

function Call({ phone, label }: { phone: string; label: string }) {
  return (
    <a className="bij-nood-call" href={telHref(phone)} aria-label={`Bel ${label}: ${phone}`}>
      <Phone aria-hidden="true" size={20} /> <span>{phone}</span>
    </a>
  );
}

export function BijNood({ data }: { data: BijNoodData }) {
  return (
    <section className="card bij-nood" aria-labelledby="bij-nood-titel">
      <h2 id="bij-nood-titel">
        <LifeBuoy aria-hidden="true" size={22} /> Bij nood
      </h2>
      <p>Is er direct gevaar? Bel 112. Maak je je zorgen? Bel eerst iemand uit jullie veiligheidsnetwerk.</p>
      <ol className="bij-nood-list">
        {data.firstCalls.length > 0 ? (
          <li>
            <h3>1. Jullie veiligheidsnetwerk</h3>
            <ul className="bij-nood-people">
              {data.firstCalls.map((p) => (
                <li key={p.participantId}>
                  <strong>{p.name}</strong>
                  {p.tasks.length > 0 ? <span className="muted bij-nood-note">{p.tasks.join(' · ')}</span> : null}
                  {p.phone ? <Call phone={p.phone} label={p.name} /> : null}
                </li>
              ))}
            </ul>
            {data.phonesHidden ? <p className="muted small">Telefoonnummers van het netwerk staan hier niet. Je hulpverlener weet ze.</p> : null}
            {data.shielded ? <p className="muted small shielded-note">{SHIELDED_NOTE}</p> : null}
          </li>
        ) : null}
        <li>
          <h3>{data.firstCalls.length > 0 ? '2. ' : ''}Buiten kantoortijd</h3>
          {data.outOfHours ? (
            <p>
              {data.organisation ? `${data.organisation}: ` : ''}
              <Call phone={data.outOfHours} label="buiten kantoortijd" />
            </p>
          ) : (
            <p>{NO_OUT_OF_HOURS}</p>
          )}
        </li>
        <li>
          <h3>
            {data.firstCalls.length > 0 ? '3. ' : ''}
            {VEILIG_THUIS.name}
          </h3>
          <p>
            <Call phone={VEILIG_THUIS.phone} label={VEILIG_THUIS.name} /> <span className="muted bij-nood-note">{VEILIG_THUIS.note}</span>
          </p>
        </li>
        <li className="bij-nood-112">
          <h3>{data.firstCalls.length > 0 ? '4. ' : ''}Direct gevaar</h3>
          <p>
            <Call phone={EMERGENCY.phone} label={EMERGENCY.name} /> <span className="muted bij-nood-note">{EMERGENCY.note}</span>
          </p>
        </li>
      </ol>
    </section>
  );
}
