/**
 * The child's own voice outside the child's page: the jeugdige's block at the
 * top of their home view (their Woorden en Plaatjes and houses first) and the
 * houses on the print — the latter only ever with data the loader filtered to
 * who may see the houses.
 */
import { Link } from '@remix-run/react';
import { HOUSE_LABELS, HOUSES } from '../../domain/childVoice';
import { BundledDrawing, Picture } from './Pictures';

export interface ChildHome {
  caseId: string;
  childId: string;
  firstName: string;
  panels: number;
  entries: number;
  writes: boolean;
}

/** On the home view of a jeugdige who is one of the children: simple words, two big links. */
export function ChildHomeBlock({ child }: { child: ChildHome | null }) {
  if (!child) return null;
  const page = `/casussen/${child.caseId}/kind/${child.childId}`;
  return (
    <section className="card child-home" aria-labelledby="voor-jou">
      <h2 id="voor-jou">
        <BundledDrawing name="ster" className="picture picture-small" decorative /> Voor jou, {child.firstName}
      </h2>
      <p>Hier lees je wat er is gebeurd. En wat er nu gaat gebeuren.</p>
      <p className="row">
        <Link to={page} className="button button-primary">
          Woorden en Plaatjes
        </Link>
        <Link to={`${page}#drie-huizen`} className="button button-quiet">
          Mijn drie huizen
        </Link>
      </p>
      <p className="muted small">
        {child.entries === 0 ? 'Je huizen zijn nog leeg.' : `Er ${child.entries === 1 ? 'staat 1 ding' : `staan ${child.entries} dingen`} in je huizen.`}
        {child.writes ? ' Je kunt er zelf iets in zetten.' : ''} Het plan van iedereen staat onder Veiligheidsplan.
      </p>
    </section>
  );
}

export interface PrintedHouses {
  childId: string;
  firstName: string;
  entries: { id: string; house: (typeof HOUSES)[number]; text: string; picture: string | null }[];
}

/** The Drie Huizen on the print, for who may see them (the loader filtered). */
export function HousesPrint({ caseId, houses }: { caseId: string; houses: PrintedHouses[] | null | undefined }) {
  if (!houses?.length) return null;
  return (
    <section className="print-houses" aria-labelledby="print-huizen">
      <h2 id="print-huizen">De drie huizen</h2>
      {houses.map((c) => (
        <section key={c.childId} aria-label={`De drie huizen van ${c.firstName}`}>
          <h3>{c.firstName}</h3>
          <div className="houses">
            {HOUSES.map((house) => (
              <section key={house} className={`house house-${house}`}>
                <h4>{HOUSE_LABELS[house]}</h4>
                <ul className="house-entries">
                  {c.entries
                    .filter((e) => e.house === house)
                    .map((e) => (
                      <li key={e.id} className="house-entry">
                        <Picture value={e.picture} caseId={caseId} className="picture picture-small" />
                        <span className="house-text">{e.text}</span>
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
