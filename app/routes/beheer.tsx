/**
 * Beheer (issue 18, ADR 031): the organisation's own pages for its
 * beheerder — the team and the organisation's settings. Only a signed-in,
 * active beheerder gets here (auth.requireBeheerder: another professional gets
 * 403, anyone else the login). The pages below check again in their own
 * loaders and actions: a layout's loader does not guard a child's action.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { isRouteErrorResponse, Link, NavLink, Outlet, useLoaderData, useRouteError } from '@remix-run/react';
import { Lock, Settings, Users } from 'lucide-react';
import { ErrorPage } from '../components/ErrorPage';

export const meta: MetaFunction = () => [{ title: 'Beheer · Veiligplan' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await context.services.auth.requireBeheerder(request);
  return json({ organisation: me.organisationName });
}

export default function Beheer() {
  const { organisation } = useLoaderData<typeof loader>();
  return (
    <article className="beheer">
      <header>
        <h1>Beheer</h1>
        <p className="muted">{organisation}</p>
      </header>
      <nav className="tabs" aria-label="Onderdelen van beheer">
        <NavLink to="." end className="tab">
          <Users aria-hidden="true" size={18} />
          <span>Team</span>
        </NavLink>
        <NavLink to="instellingen" className="tab">
          <Settings aria-hidden="true" size={18} />
          <span>Instellingen</span>
        </NavLink>
      </nav>
      <div className="tab-panel">
        <Outlet />
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="notice" aria-labelledby="fout-titel">
        <Lock aria-hidden="true" size={40} />
        <h1 id="fout-titel">Alleen voor de beheerder</h1>
        <p>Deze pagina is alleen voor de beheerder van de organisatie.</p>
        <p>
          <Link to="/overzicht">Naar mijn overzicht</Link>
        </p>
      </section>
    );
  }
  return <ErrorPage />;
}
