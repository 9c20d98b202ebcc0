import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { CircleAlert, SearchX } from 'lucide-react';

/** Dutch error page. A 404 never says whether something exists that the viewer may not see. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) {
    return (
      <section className="notice" aria-labelledby="fout-titel">
        <SearchX aria-hidden="true" size={40} />
        <h1 id="fout-titel">Pagina niet gevonden</h1>
        <p>Deze pagina bestaat niet, of je hebt er geen toegang toe.</p>
        <p>
          <Link to="/">Terug naar het begin</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="notice" aria-labelledby="fout-titel">
      <CircleAlert aria-hidden="true" size={40} />
      <h1 id="fout-titel">Er ging iets mis</h1>
      <p>Er is een fout opgetreden. Er is niets van je werk verloren gegaan dat al was opgeslagen. Probeer het over een moment opnieuw.</p>
      <p>
        <Link to="/">Terug naar het begin</Link>
      </p>
    </section>
  );
}
