import { Form, Link } from '@remix-run/react';
import { LayoutDashboard, LogOut, Settings, ShieldCheck, UserRound } from 'lucide-react';

export function AppHeader({ viewer }: { viewer: { name: string; organisation: string | null; professional?: boolean; beheerder?: boolean } | null }) {
  return (
    <header className="app-header">
      <Link to="/" className="brand" aria-label="Veiligplan, naar de startpagina">
        <ShieldCheck aria-hidden="true" size={24} />
        <span>Veiligplan</span>
      </Link>
      {viewer ? (
        <div className="viewer">
          {viewer.professional ? (
            <nav aria-label="Hoofdmenu">
              <Link to="/overzicht" className="button button-quiet">
                <LayoutDashboard aria-hidden="true" size={18} />
                <span>Mijn overzicht</span>
              </Link>
              {viewer.beheerder ? (
                <Link to="/beheer" className="button button-quiet">
                  <Settings aria-hidden="true" size={18} />
                  <span>Beheer</span>
                </Link>
              ) : null}
            </nav>
          ) : null}
          <span className="viewer-name">
            <UserRound aria-hidden="true" size={18} />
            <span>
              {viewer.name}
              {viewer.organisation ? <span className="viewer-org"> · {viewer.organisation}</span> : null}
            </span>
          </span>
          <Form method="post" action="/logout">
            <button type="submit" className="button button-quiet">
              <LogOut aria-hidden="true" size={18} />
              <span>Uitloggen</span>
            </button>
          </Form>
        </div>
      ) : null}
    </header>
  );
}
