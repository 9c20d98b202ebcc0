/**
 * The document shell of every Remix page: one <html lang="nl"> with the header,
 * the skip link and <main id="inhoud">. Scripts carry the per-response CSP
 * nonce; the icons are same-origin files in public/, so no page asks for a
 * /favicon.ico that is not there. Once React has hydrated the page, <html>
 * carries data-hydrated (browser tests wait on it instead of a timer).
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react';
import { useEffect, type ReactNode } from 'react';
import { AppHeader } from './components/AppHeader';
import { ErrorPage } from './components/ErrorPage';
import styles from './styles/app.css';
import { useNonce } from './utils/nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.ico', sizes: '16x16 32x32 48x48' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [{ title: 'Veiligplan' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await context.services.auth.getViewer(request);
  return json({
    viewer: !viewer
      ? null
      : viewer.kind === 'professional'
        ? { name: viewer.user.name, organisation: viewer.user.organisationName, professional: true, beheerder: viewer.user.isBeheerder }
        : { name: viewer.participant.name, organisation: null, professional: false },
  });
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>('root');
  // Effects run after hydration, parents after children: this one after every route's.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhoud">
          Naar de inhoud
        </a>
        <AppHeader viewer={data?.viewer ?? null} />
        <main id="inhoud" className="page">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
