/**
 * Grondslag per betrokkene (ADR 033, 040): the fields to record a ground —
 * in every form that brings someone in (Betrokkenen, the Sessie's guest, an
 * overdracht or vervanger by e-mail, ouder → netwerklid) and for someone
 * already there — and the plain B1 block "Wie doet mee, en waarom?" that
 * everyone in the case reads on Betrokkenen.
 * Display only: the commands decide who may record or withdraw.
 */
import { Form } from '@remix-run/react';
import { ShieldCheck } from 'lucide-react';
import { GROUND_BASIS_LABELS, GROUND_LIMITS, type GroundOptions } from '../../domain/grondslag';

export type { GroundOptions };

/**
 * The grondslag fields of a form (a basis is always required, ADR 040).
 * `hint` says when they apply ("niet nodig voor een ouder of jeugdige").
 */
export function GroundFields({ options, hint }: { options: GroundOptions; hint?: string }) {
  return (
    <fieldset className="stack grondslag-fields">
      <legend>Grondslag: waarom doet deze persoon mee?{hint ? ` (${hint})` : ''}</legend>
      <label className="row small">
        <input type="radio" name="basis" value="toestemming" defaultChecked /> {GROUND_BASIS_LABELS.toestemming}
      </label>
      {options.givers.length === 0 ? (
        <p className="muted small">Er staat nog geen ouder of jeugdige in deze casus. Voeg die eerst toe: die kan dan toestemming geven.</p>
      ) : null}
      <div className="row">
        <label className="field small">
          <span>Wie gaf toestemming?</span>
          <select name="consentGivenById" defaultValue="">
            <option value="">Kies een ouder of jeugdige</option>
            {options.givers.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field small">
          <span>Op welke datum?</span>
          <input name="consentGivenOn" type="date" max={options.today} defaultValue={options.today} />
        </label>
      </div>
      <label className="field small">
        <span>Waarvoor? (bijvoorbeeld: om mee te denken over het plan)</span>
        <input name="purpose" maxLength={GROUND_LIMITS.purpose} />
      </label>
      {options.legalGround ? (
        <>
          <label className="row small">
            <input type="radio" name="basis" value="wettelijk" /> {GROUND_BASIS_LABELS.wettelijk}
          </label>
          <label className="field small">
            <span>Welke wettelijke grondslag?</span>
            <input name="legalGround" maxLength={GROUND_LIMITS.legalGround} defaultValue={options.legalGround} />
          </label>
        </>
      ) : (
        <p className="muted small">Een wettelijke grondslag kan alleen bij een maatregel. Deze casus heeft geen maatregel.</p>
      )}
    </fieldset>
  );
}

/** Recording (or changing) the ground of someone already in the case. */
export function RecordGround({ participantId, name, options, busy }: { participantId: string; name: string; options: GroundOptions; busy: boolean }) {
  return (
    <details>
      <summary>Grondslag van {name} vastleggen</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="grondslag" />
        <input type="hidden" name="participantId" value={participantId} />
        <GroundFields options={options} />
        <button type="submit" className="button button-quiet button-small" disabled={busy}>
          Grondslag opslaan
        </button>
      </Form>
    </details>
  );
}

export interface TakesPart {
  participantId: string;
  name: string;
  sentence: string;
  /** This reader may withdraw the consent this person takes part on. */
  mayWithdraw: boolean;
}

/** "Wie doet mee, en waarom?" in plain words, with withdrawing consent where the reader may. */
export function WhoTakesPart({ people, busy }: { people: TakesPart[]; busy: boolean }) {
  if (people.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="wie-doet-mee">
      <h3 id="wie-doet-mee">
        <ShieldCheck aria-hidden="true" size={18} /> Wie doet mee, en waarom?
      </h3>
      <ul className="changes">
        {people.map((p) => (
          <li key={p.participantId} data-grondslag={p.name}>
            {p.sentence}
            {p.mayWithdraw ? (
              <Form
                method="post"
                className="inline-form"
                onSubmit={(e) => (confirm(`Toestemming voor ${p.name} intrekken? ${p.name} doet dan niet meer mee.`) ? undefined : e.preventDefault())}
              >
                <input type="hidden" name="intent" value="withdraw-consent" />
                <input type="hidden" name="participantId" value={p.participantId} />
                <button type="submit" className="button button-quiet button-small" disabled={busy}>
                  Toestemming intrekken
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="muted small">Wil je niet meer dat iemand meedoet? Trek dan je toestemming in. Die persoon kan het plan daarna niet meer openen.</p>
    </section>
  );
}
